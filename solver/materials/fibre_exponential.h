// Transversely isotropic fibre-reinforced material for ligaments and capsules, Holzapfel-Gasser-Ogden
// type (Holzapfel, Gasser & Ogden 2000, J Elasticity 61:1-48, eq. 53, without dispersion):
// W = mu/2 (I1bar - 3) + kappa/4 (J^2 - 1 - 2 ln J) + sum_a k1/(2 k2) (exp(k2 (I4_a - 1)^2) - 1),
// the fibre term only where I4_a > 1 (fibres carry no compression).
#pragma once

#include "materials/invariant_material.h"

#include <deal.II/base/parameter_handler.h>

namespace cspine
{
class FibreExponential : public InvariantMaterial
{
public:
  static void declare_parameters(dealii::ParameterHandler &prm);
  explicit FibreExponential(dealii::ParameterHandler &prm);
  FibreExponential(double shear_modulus, double bulk_modulus, double k1, double k2);

  bool uses_fibres() const override { return true; }
  double bulk_modulus() const override { return kappa; }

protected:
  void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const override;

private:
  double mu;
  double kappa;
  double k1;
  double k2;
};
} // namespace cspine
