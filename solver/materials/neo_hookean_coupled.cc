#include "materials/neo_hookean_coupled.h"

#include <cmath>

namespace cspine
{
void NeoHookeanCoupled::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.declare_entry("Young's modulus", "100", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Small-strain Young's modulus E. Default: cancellous bone, neo-Hookean, "
                    "JOR Spine 2024 7(4):e70008, Table 1.");
  prm.declare_entry("Poisson's ratio", "0.3", dealii::Patterns::Double(-0.999, 0.4999),
                    "[-] Small-strain Poisson's ratio nu. Default: same source.");
}

NeoHookeanCoupled::NeoHookeanCoupled(dealii::ParameterHandler &prm)
    : NeoHookeanCoupled(prm.get_double("Young's modulus"), prm.get_double("Poisson's ratio"))
{
}

NeoHookeanCoupled::NeoHookeanCoupled(const double E, const double nu)
    : mu(E / (2 * (1 + nu))), lambda(E * nu / ((1 + nu) * (1 - 2 * nu)))
{
}

// In invariants: W = mu/2 (I1 - 3) - mu/2 ln I3 + lambda/8 (ln I3)^2.
void NeoHookeanCoupled::energy_derivatives(const Invariants &inv, EnergyDerivatives &d) const
{
  const double ln_I3 = std::log(inv.I3);
  d.W = 0.5 * mu * (inv.I1 - 3) - 0.5 * mu * ln_I3 + 0.125 * lambda * ln_I3 * ln_I3;
  d.first[0] = 0.5 * mu;
  d.first[2] = (-0.5 * mu + 0.25 * lambda * ln_I3) / inv.I3;
  d.second[2][2] = (0.5 * mu + 0.25 * lambda * (1 - ln_I3)) / (inv.I3 * inv.I3);
}
} // namespace cspine
