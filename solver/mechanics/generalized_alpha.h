// The coefficients of the generalized-alpha method (Chung & Hulbert 1993, J Appl Mech 60:371-375) for one
// spectral radius at infinite frequency rho: second-order accurate, unconditionally stable, and with the
// least low-frequency damping for the high-frequency damping rho asks for. rho = 1 is the trapezoidal
// rule (alpha_m = alpha_f = 1/2, gamma = 1/2, beta = 1/4), which conserves a linear system's energy.
#pragma once

namespace cspine
{
struct GeneralizedAlpha
{
  double alpha_m, alpha_f, gamma, beta;

  /// Chung & Hulbert 1993, eqs. (25) and (17); rho in [0, 1].
  static GeneralizedAlpha from_spectral_radius(const double rho)
  {
    GeneralizedAlpha scheme{};
    scheme.alpha_m = (2 * rho - 1) / (rho + 1);
    scheme.alpha_f = rho / (rho + 1);
    scheme.gamma = 0.5 - scheme.alpha_m + scheme.alpha_f;
    const double half = 1 - scheme.alpha_m + scheme.alpha_f;
    scheme.beta = 0.25 * half * half;
    return scheme;
  }
};
} // namespace cspine
