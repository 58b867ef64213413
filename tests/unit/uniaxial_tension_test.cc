// The shipped verification config against the closed-form uniaxial response of the uncoupled
// neo-Hookean block (homogeneous deformation F = diag(a, a, lambda), free lateral faces).
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cspine
{
namespace
{
// Cauchy stress of W = mu/2 (I1bar - 3) + kappa/4 (J^2 - 1 - 2 ln J) for F = diag(a, a, lambda):
// sigma = mu J^-5/3 dev(b) + kappa/2 (J - 1/J) 1 (Holzapfel 2000, eq. 6.103), derived independently of
// the solver's invariant-based implementation.
double cauchy_stress(const double a, const double lambda, const unsigned int component, const double mu,
                     const double kappa)
{
  const double J = a * a * lambda;
  const double I1 = 2 * a * a + lambda * lambda;
  const double b = component == 2 ? lambda * lambda : a * a;
  return mu * std::pow(J, -5.0 / 3) * (b - I1 / 3) + kappa / 2 * (J - 1 / J);
}

/// Lateral stretch with zero lateral stress, by bisection.
double lateral_stretch(const double lambda, const double mu, const double kappa)
{
  double low = 0.3, high = 1.0;
  for (unsigned int i = 0; i < 200; ++i)
  {
    const double mid = 0.5 * (low + high);
    (cauchy_stress(mid, lambda, 0, mu, kappa) > 0 ? high : low) = mid;
  }
  return 0.5 * (low + high);
}

TEST(UniaxialTension, ReactionMatchesClosedForm)
{
  Config config = read_config(std::string(CSPINE_SOURCE_DIR) + "/configs/verification/uniaxial_neo_hookean.prm");
  const auto simulation = testing::run(config, "uniaxial_tension");
  const History &history = simulation->history();
  ASSERT_EQ(history.rows().size(), 11u);

  const double mu = 1, kappa = 10, length = 10;
  unsigned int column_force = 0, column_corner_x = 0;
  for (unsigned int c = 0; c < history.columns().size(); ++c)
  {
    if (history.columns()[c] == "reaction_z_5 [N]")
      column_force = c;
    if (history.columns()[c] == "u_x_corner [mm]")
      column_corner_x = c;
  }
  ASSERT_GT(column_force, 0u);
  ASSERT_GT(column_corner_x, 0u);
  for (const std::vector<double> &row : history.rows())
  {
    const double lambda = 1 + 0.5 * row[0];
    const double a = lateral_stretch(lambda, mu, kappa);
    const double force = cauchy_stress(a, lambda, 2, mu, kappa) * (a * length) * (a * length);
    // Newton stops at |R| <= 1e-8 x the force scale; 1e-6 relative leaves margin for that only.
    EXPECT_NEAR(row[column_force], force, 1e-6 * std::max(1.0, force)) << "t = " << row[0];
    EXPECT_NEAR(row[column_corner_x], (a - 1) * length, 1e-7) << "t = " << row[0];
  }
}
} // namespace
} // namespace cspine
