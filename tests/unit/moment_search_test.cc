// MomentSearch against moment-angle curves with a lax neutral zone, like C1-C2 in axial rotation.
#include "mechanics/moment_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cspine
{
namespace
{
/// [N mm] at [deg]: 0.5 N mm/deg for |angle| < 25 deg, then stiffening steeply (about 100 N mm/deg at 35).
double lax_then_stiff(const double angle)
{
  const double a = std::abs(angle), lax = 0.5 * std::min(a, 25.0);
  const double stiff = a > 25 ? 10 * (std::exp((a - 25) / 4.3) - 1) * 4.3 : 0.0;
  return std::copysign(lax + stiff, angle);
}

/// A solver that converges only for drive changes of at most `reach` degrees from its last converged angle.
struct ToySolver
{
  double reach = 1e9;
  double angle = 0;
  unsigned int failures = 0;
  /// closing_in of every solve, in order.
  std::vector<bool> closing_in;
  std::optional<double> operator()(const double target, const bool closing)
  {
    closing_in.push_back(closing);
    if (std::abs(target - angle) > reach)
    {
      ++failures;
      return std::nullopt;
    }
    angle = target;
    return lax_then_stiff(target);
  }
};
} // namespace

TEST(MomentSearch, FindsTheAngleOfEachMomentThroughTheLaxZoneAndBack)
{
  MomentSearch search(MomentSearchSettings{1, 1, 100});
  ToySolver solver;
  DrivePoint point;
  for (const double target : {50.0, 100.0, 500.0, 1500.0, 0.0, -1500.0})
  {
    const auto outcome = search.find(point, target, std::ref(solver));
    ASSERT_TRUE(outcome.found) << outcome.failure;
    EXPECT_NEAR(outcome.point.moment, target, 1);
    EXPECT_NEAR(lax_then_stiff(outcome.point.angle), target, 1);
    point = outcome.point;
  }
  // From 1500 N mm back through the 50 deg wide lax zone to -1500 N mm, at most 1 deg per solve.
  EXPECT_LT(point.angle, -25);
}

TEST(MomentSearch, NeedsFewSolvesWhereTheJointIsStiff)
{
  MomentSearch search(MomentSearchSettings{1, 1, 100});
  ToySolver solver;
  DrivePoint point;
  unsigned int last_solves = 0;
  for (double target = 50; target <= 1500; target += 50)
  {
    const auto outcome = search.find(point, target, std::ref(solver));
    ASSERT_TRUE(outcome.found) << outcome.failure;
    point = outcome.point;
    last_solves = outcome.solves;
  }
  EXPECT_LE(last_solves, 4u); // the secant of the last step predicts the next
}

TEST(MomentSearch, HalvesTheRotationWhenASolveFails)
{
  MomentSearch search(MomentSearchSettings{1, 1, 200});
  ToySolver solver;
  solver.reach = 0.3;
  const auto outcome = search.find(DrivePoint{}, 50, std::ref(solver));
  ASSERT_TRUE(outcome.found) << outcome.failure;
  EXPECT_NEAR(outcome.point.moment, 50, 1);
  EXPECT_GT(solver.failures, 0u);
}

TEST(MomentSearch, ReportsWhyItGaveUp)
{
  MomentSearch search(MomentSearchSettings{1, 1, 10});
  ToySolver solver;
  const auto outcome = search.find(DrivePoint{}, 1500, std::ref(solver)); // needs more than 10 solves
  EXPECT_FALSE(outcome.found);
  EXPECT_NE(outcome.failure.find("10 solves"), std::string::npos) << outcome.failure;

  ToySolver stuck;
  stuck.reach = 0;
  const auto failed = MomentSearch(MomentSearchSettings{1, 1, 100}).find(DrivePoint{}, 50, std::ref(stuck));
  EXPECT_FALSE(failed.found);
  EXPECT_NE(failed.failure.find("failed"), std::string::npos) << failed.failure;
}

TEST(MomentSearch, HoldsTheMomentFixedInAngleOnceBracketed)
{
  // Once a solve has passed the target, every later solve is told that the search is closing in.
  MomentSearch search(MomentSearchSettings{1, 1, 100});
  ToySolver solver;
  const auto outcome = search.find(DrivePoint{}, 50, std::ref(solver));
  ASSERT_TRUE(outcome.found) << outcome.failure;
  const auto first_closing = std::find(solver.closing_in.begin(), solver.closing_in.end(), true);
  ASSERT_NE(first_closing, solver.closing_in.end()) << "the target was met without a bracket";
  EXPECT_FALSE(solver.closing_in.front());
  EXPECT_TRUE(std::all_of(first_closing, solver.closing_in.end(), [](const bool closing) { return closing; }));
}
} // namespace cspine
