// Neo-Hookean matrix with tension-only fibres whose nominal stress along the fibre follows a table of
// the fibre's engineering strain (as the fabric curves of published ligament models are given, e.g.
// VIVA+): W = mu/2 (I1bar - 3) + kappa/4 (J^2 - 1 - 2 ln J) + sum_a W_f(lambda_a), lambda_a = sqrt(I4_a),
// W_f(lambda) = int_0^(lambda - 1) sigma(e) de, so dW_f/dlambda = sigma(lambda - 1); no fibre stress in
// compression. With sigma linear this is a tension-only linear fibre (e.g. the annulus's 450 MPa trusses).
#pragma once

#include "core/tension_curve.h"
#include "materials/invariant_material.h"

#include <deal.II/base/parameter_handler.h>

namespace cspine
{
class FibreTable : public InvariantMaterial
{
public:
  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Throws InputError (entry "Fibre stress") on a bad table.
  explicit FibreTable(dealii::ParameterHandler &prm);
  FibreTable(double shear_modulus, double bulk_modulus, TensionCurve fibre_stress);

  bool uses_fibres() const override { return true; }
  double bulk_modulus() const override { return kappa; }

protected:
  void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const override;

private:
  double mu;
  double kappa;
  /// [MPa] Nominal fibre stress against the fibre's engineering strain.
  TensionCurve stress;
};
} // namespace cspine
