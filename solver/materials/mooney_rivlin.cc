#include "materials/mooney_rivlin.h"

#include <cmath>

namespace cspine
{
void MooneyRivlin::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.declare_entry("C1", "0.1333", dealii::Patterns::Double(0),
                    "[MPa] Coefficient of (I1bar - 3). Default: annulus ground substance C10, "
                    "JOR Spine 2024 7(4):e70008, Table 1.");
  prm.declare_entry("C2", "0.0333", dealii::Patterns::Double(0),
                    "[MPa] Coefficient of (I2bar - 3). Default: annulus ground substance C01, same source.");
  prm.declare_entry("Bulk modulus", "3.333", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Bulk modulus kappa. Default: 2/D1 with D1 = 0.6 1/MPa for the annulus ground "
                    "substance, same source.");
}

MooneyRivlin::MooneyRivlin(dealii::ParameterHandler &prm)
    : MooneyRivlin(prm.get_double("C1"), prm.get_double("C2"), prm.get_double("Bulk modulus"))
{
}

MooneyRivlin::MooneyRivlin(const double c1_, const double c2_, const double bulk_modulus)
    : c1(c1_), c2(c2_), kappa(bulk_modulus)
{
}

void MooneyRivlin::energy_derivatives(const Invariants &inv, EnergyDerivatives &d) const
{
  // c1 (I1 I3^-1/3 - 3) is the neo-Hookean term with mu = 2 c1.
  add_isochoric_neo_hookean(2 * c1, inv, d);

  const double I3_m23 = std::pow(inv.I3, -2.0 / 3);
  d.W += c2 * (inv.I2 * I3_m23 - 3);
  d.first[1] += c2 * I3_m23;
  d.first[2] += -2 * c2 / 3 * inv.I2 * I3_m23 / inv.I3;
  const double cross = -2 * c2 / 3 * I3_m23 / inv.I3;
  d.second[1][2] += cross;
  d.second[2][1] += cross;
  d.second[2][2] += 10 * c2 / 9 * inv.I2 * I3_m23 / (inv.I3 * inv.I3);

  add_volumetric_energy(kappa, inv, d);
}
} // namespace cspine
