// Finite-strain viscoelasticity as a Prony series on any elastic model (Simo 1987, Comput Methods Appl
// Mech Eng 60:153; Holzapfel 2000, Nonlinear Solid Mechanics, sec. 6.10; the form FEBio's
// "viscoelastic" material uses):
//   S(t) = S_vol + S_e(t) + sum_i Q_i(t),   dQ_i/dt + Q_i / tau_i = beta_i dS_e/dt,
// where S_e is the elastic model's stress without its separate volumetric energy U(J): the isochoric
// part for the uncoupled models, the whole stress for the coupled neo-Hookean. Over a step of length dt,
// with S_e taken as linear in time, the convolution integrates exactly:
//   Q_i <- h_i Q_i + beta_i g_i (S_e - S_e_old),  h_i = exp(-dt/tau_i),  g_i = (1 - h_i) / (dt/tau_i).
// The long-term response is the elastic model; the instantaneous one is (1 + sum beta_i) times stiffer
// in S_e (materials/prony_series.h has the update). Internal variables per point: Q_i (6 each) and S_e at the committed
// state (6).
#pragma once

#include "materials/material.h"
#include "materials/prony_series.h"

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <string>

namespace cspine
{
class Viscoelastic : public Material
{
public:
  Viscoelastic(std::shared_ptr<const Material> elastic, std::vector<PronyTerm> terms);

  /// Declares the region's `Viscoelasticity` entries (inside the region's subsection).
  static void declare_parameters(dealii::ParameterHandler &prm);
  /// The series in the region's `Viscoelasticity` subsection; empty when the region is elastic.
  /// Throws InputError naming `file` and `section` on a bad entry.
  static std::vector<PronyTerm> parse_series(dealii::ParameterHandler &prm, const std::string &file,
                                             const std::string &section);

  void evaluate(const MaterialInput &input, MaterialOutput &output) const override;
  std::vector<double> create_state() const override;
  bool uses_fibres() const override { return elastic->uses_fibres(); }
  double bulk_modulus() const override { return elastic->bulk_modulus(); }

private:
  std::shared_ptr<const Material> elastic;
  std::vector<PronyTerm> terms;
  std::size_t elastic_state_size;
};
} // namespace cspine
