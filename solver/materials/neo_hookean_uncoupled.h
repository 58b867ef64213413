// Compressible neo-Hookean, uncoupled form (Simo & Taylor 1991; deal.II step-44):
// W = mu/2 (I1bar - 3) + kappa/4 (J^2 - 1 - 2 ln J), I1bar = J^-2/3 I1.
#pragma once

#include "materials/invariant_material.h"

#include <deal.II/base/parameter_handler.h>

namespace cspine
{
class NeoHookeanUncoupled : public InvariantMaterial
{
public:
  static void declare_parameters(dealii::ParameterHandler &prm);
  explicit NeoHookeanUncoupled(dealii::ParameterHandler &prm);
  NeoHookeanUncoupled(double shear_modulus, double bulk_modulus);

  bool uses_fibres() const override { return false; }
  double bulk_modulus() const override { return kappa; }

protected:
  void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const override;

private:
  double mu;
  double kappa;
};
} // namespace cspine
