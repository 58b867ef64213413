// Uncoupled Mooney-Rivlin (FEBio "Mooney-Rivlin", with cspine's volumetric term):
// W = c1 (I1bar - 3) + c2 (I2bar - 3) + kappa/4 (J^2 - 1 - 2 ln J), I2bar = J^-4/3 I2.
// FEBio uses U = kappa/2 (ln J)^2; both give the bulk modulus kappa at small strain.
#pragma once

#include "materials/invariant_material.h"

#include <deal.II/base/parameter_handler.h>

namespace cspine
{
class MooneyRivlin : public InvariantMaterial
{
public:
  static void declare_parameters(dealii::ParameterHandler &prm);
  explicit MooneyRivlin(dealii::ParameterHandler &prm);
  MooneyRivlin(double c1, double c2, double bulk_modulus);

  bool uses_fibres() const override { return false; }
  double bulk_modulus() const override { return kappa; }

protected:
  void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const override;

private:
  double c1;
  double c2;
  double kappa;
};
} // namespace cspine
