#include "materials/fibre_table.h"

#include <cmath>

namespace cspine
{
void FibreTable::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.declare_entry("Shear modulus", "1", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Shear modulus mu of the ground matrix. No default: must be set.", true);
  prm.declare_entry("Bulk modulus", "10", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Bulk modulus kappa of the ground matrix. No default: must be set.", true);
  prm.declare_entry("Fibre stress", "0.05:0.5, 0.1:2, 0.2:8", dealii::Patterns::Anything(),
                    "[- : MPa] Nominal fibre stress against the fibre's engineering strain, 'e1:s1, e2:s2, ...' "
                    "from 0:0 (tension only; the last slope continues past the last point). No default: must be "
                    "set.",
                    true);
}

FibreTable::FibreTable(dealii::ParameterHandler &prm)
    : FibreTable(prm.get_double("Shear modulus"), prm.get_double("Bulk modulus"),
                 TensionCurve::parse(prm.get("Fibre stress"), "", "Fibre stress", "strain [-] : stress [MPa]"))
{
}

FibreTable::FibreTable(const double shear_modulus, const double bulk_modulus, TensionCurve fibre_stress)
    : mu(shear_modulus), kappa(bulk_modulus), stress(std::move(fibre_stress))
{
}

void FibreTable::energy_derivatives(const Invariants &inv, EnergyDerivatives &d) const
{
  add_isochoric_neo_hookean(mu, inv, d);
  add_volumetric_energy(kappa, inv, d);
  for (unsigned int f = 0; f < inv.n_fibres; ++f)
  {
    const double lambda = std::sqrt(inv.I4[f]);
    if (lambda <= 1)
      continue; // tension only
    const double sigma = stress.value(lambda - 1), dsigma = stress.slope(lambda - 1);
    // dW/dI4 = sigma / (2 lambda); d2W/dI4^2 = (sigma' lambda - sigma) / (4 lambda^3).
    d.W += stress.integral(lambda - 1);
    d.first[3 + f] += sigma / (2 * lambda);
    d.second[3 + f][3 + f] += (dsigma * lambda - sigma) / (4 * lambda * lambda * lambda);
  }
}
} // namespace cspine
