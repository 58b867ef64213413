// Compressible neo-Hookean, coupled form (Bonet & Wood 2008, Nonlinear Continuum Mechanics for FEA,
// eq. 6.28; FEBio "neo-Hookean"): W = mu/2 (I1 - 3) - mu ln J + lambda/2 (ln J)^2, from E and nu.
#pragma once

#include "materials/invariant_material.h"

#include <deal.II/base/parameter_handler.h>

namespace cspine
{
class NeoHookeanCoupled : public InvariantMaterial
{
public:
  static void declare_parameters(dealii::ParameterHandler &prm);
  explicit NeoHookeanCoupled(dealii::ParameterHandler &prm);
  NeoHookeanCoupled(double youngs_modulus, double poissons_ratio);

  bool uses_fibres() const override { return false; }

protected:
  void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const override;

private:
  double mu;
  double lambda;
};
} // namespace cspine
