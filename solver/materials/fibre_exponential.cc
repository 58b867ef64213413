#include "materials/fibre_exponential.h"

#include <cmath>

namespace cspine
{
void FibreExponential::declare_parameters(dealii::ParameterHandler &prm)
{
  // No published capsule or ligament fit is in the project's references yet: the user must set these.
  prm.declare_entry("Shear modulus", "1", dealii::Patterns::Double(0),
                    "[MPa] Shear modulus mu of the ground matrix. No default: must be set.", true);
  prm.declare_entry("Bulk modulus", "10", dealii::Patterns::Double(0),
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
    double W = 0, first = 0, second = 0;
    fibre_terms(strain, W, first, second);
    d.W += W;
    d.first[3 + f] += first;
    d.second[3 + f][3 + f] += second;
  }
}

namespace
{
// [-] Width of the blend in I4 - 1.
constexpr double blend = 0.02;

/// Smoothstep h(s) = t^2 (3 - 2 t), t = s / blend, and its derivative.
std::pair<double, double> smoothstep(const double s)
{
  if (s >= blend)
    return {1, 0};
  const double t = s / blend;
  return {t * t * (3 - 2 * t), 6 * t * (1 - t) / blend};
}
} // namespace

void FibreExponential::fibre_terms(const double s, double &W, double &first, double &second) const
{
  // dW/dI4 = k1 s exp(k2 s^2) h(s).
  auto derivative = [&](const double x)
  {
    return k1 * x * std::exp(k2 * x * x) * smoothstep(x).first;
  };
  const double exponential = std::exp(k2 * s * s);
  const auto [h, dh] = smoothstep(s);
  first = derivative(s);
  second = k1 * exponential * ((1 + 2 * k2 * s * s) * h + s * dh);
  // W = integral of dW/dI4 from 0: 5-point Gauss over the blend (a smooth integrand, exact to
  // rounding), the closed form beyond it.
  const double a = std::min(s, blend);
  static const double x[] = {0, 0.5384693101056831, -0.5384693101056831, 0.9061798459386640, -0.9061798459386640};
  static const double w[] = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891,
                             0.2369268850561891};
  W = 0;
  for (unsigned int i = 0; i < 5; ++i)
    W += w[i] * derivative(a / 2 * (1 + x[i])) * a / 2;
  if (s > blend)
    W += k1 / (2 * k2) * (exponential - std::exp(k2 * blend * blend));
}
} // namespace cspine
