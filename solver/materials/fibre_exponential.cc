#include "materials/fibre_exponential.h"

#include <cmath>

namespace cspine
{
void FibreExponential::declare_parameters(dealii::ParameterHandler &prm)
{
  // No published capsule or ligament fit is in the project's references yet: the user must set these.
  prm.declare_entry("Shear modulus", "1", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Shear modulus mu of the ground matrix. No default: must be set.", true);
  prm.declare_entry("Bulk modulus", "10", dealii::Patterns::Double(minimum_modulus),
                    "[MPa] Bulk modulus kappa of the ground matrix. No default: must be set.", true);
  prm.declare_entry("k1", "1", dealii::Patterns::Double(0), "[MPa] Fibre stiffness k1. No default: must be set.", true);
  prm.declare_entry("k2", "1", dealii::Patterns::Double(1e-12),
                    "[-] Fibre exponential stiffening k2 (> 0). No default: must be set.", true);
}

FibreExponential::FibreExponential(dealii::ParameterHandler &prm)
    : FibreExponential(prm.get_double("Shear modulus"), prm.get_double("Bulk modulus"), prm.get_double("k1"),
                       prm.get_double("k2"))
{
}

FibreExponential::FibreExponential(const double shear_modulus, const double bulk_modulus, const double k1_,
                                   const double k2_)
    : mu(shear_modulus), kappa(bulk_modulus), k1(k1_), k2(k2_)
{
}

void FibreExponential::energy_derivatives(const Invariants &inv, EnergyDerivatives &d) const
{
  add_isochoric_neo_hookean(mu, inv, d);
  add_volumetric_energy(kappa, inv, d);
  for (unsigned int f = 0; f < inv.n_fibres; ++f)
  {
    const double strain = inv.I4[f] - 1;
    if (strain <= 0)
      continue; // tension only
    const double exponential = std::exp(k2 * strain * strain);
    d.W += k1 / (2 * k2) * (exponential - 1);
    d.first[3 + f] += k1 * strain * exponential;
    d.second[3 + f][3 + f] += k1 * exponential * (1 + 2 * k2 * strain * strain);
  }
}
} // namespace cspine
