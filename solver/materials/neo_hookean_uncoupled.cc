#include "materials/neo_hookean_uncoupled.h"

namespace cspine
{
void NeoHookeanUncoupled::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.declare_entry("Shear modulus", "1", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Shear modulus mu. Default: the cspine uniaxial verification block (issue 2).");
  prm.declare_entry("Bulk modulus", "10", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Bulk modulus kappa. Default: the cspine uniaxial verification block (issue 2).");
}

NeoHookeanUncoupled::NeoHookeanUncoupled(dealii::ParameterHandler &prm)
    : NeoHookeanUncoupled(prm.get_double("Shear modulus"), prm.get_double("Bulk modulus"))
{
}

NeoHookeanUncoupled::NeoHookeanUncoupled(const double shear_modulus, const double bulk_modulus)
    : mu(shear_modulus), kappa(bulk_modulus)
{
}

void NeoHookeanUncoupled::energy_derivatives(const Invariants &inv, EnergyDerivatives &d) const
{
  add_isochoric_neo_hookean(mu, inv, d);
  add_volumetric_energy(kappa, inv, d);
}
} // namespace cspine
