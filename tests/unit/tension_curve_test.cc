// TensionCurve: through every published point, zero while slack, C1 (the stiffness of a fibre that becomes
// taut grows from zero), monotone, its slope and integral consistent with its values, a straight
// continuation past the failure point, and bad tables rejected with the entry named.
#include "core/input_error.h"
#include "core/tension_curve.h"
#include "loads/default_curves.h"
#include "loads/load_case.h"

#include <gtest/gtest.h>

namespace cspine
{
namespace
{
TensionCurve every_default(const std::string &type)
{
  for (const DefaultCurve &curve : default_curves())
    if (curve.type == type)
      return LigamentCurve::parse(curve.table, "defaults", type).table;
  throw std::logic_error("no default curve " + type);
}

TEST(TensionCurve, PassesThroughEveryPointAndIsZeroWhileSlack)
{
  const TensionCurve curve = TensionCurve::parse("0:0, 0.1:1, 0.3:5, 0.4:5, 1:20", "f", "e", "x : y");
  for (const auto &[x, y] : curve.points())
    EXPECT_NEAR(curve.value(x), y, 1e-12 * (1 + y)) << x;
  EXPECT_EQ(curve.value(0), 0);
  EXPECT_EQ(curve.value(-0.2), 0);
  EXPECT_EQ(curve.slope(-0.2), 0);
  // A flat segment stays flat (monotone cubic: no overshoot between equal values).
  for (double x = 0.3; x <= 0.4; x += 0.01)
    EXPECT_NEAR(curve.value(x), 5, 1e-12);
}

TEST(TensionCurve, IsContinuouslyDifferentiableFromTheSlackSide)
{
  const TensionCurve curve = TensionCurve::parse("0.0677:7.746, 0.1397:52.65, 0.2161:116.1", "f", "e", "x : y");
  EXPECT_NEAR(curve.slope(1e-9), 0, 1e-5);
  for (const auto &point : curve.points())
  {
    const double x = point.first;
    if (x > 0)
    {
      EXPECT_NEAR(curve.slope(x - 1e-9), curve.slope(x + 1e-9), 1e-5 * (1 + std::abs(curve.slope(x)))) << x;
    }
  }
}

TEST(TensionCurve, EveryDefaultCurveIsMonotoneWithConsistentSlopeAndIntegral)
{
  for (const DefaultCurve &entry : default_curves())
  {
    const TensionCurve curve = every_default(entry.type);
    const double end = 1.2 * curve.failure_x(), h = 1e-7 * curve.failure_x();
    double previous = 0;
    for (unsigned int k = 1; k <= 400; ++k)
    {
      const double x = end * k / 400;
      const double y = curve.value(x);
      EXPECT_GE(y, previous - 1e-12 * std::abs(y)) << entry.type << " at " << x;
      previous = y;
      // Central differences, h = 1e-7 of the range: truncation (h^2 times the third derivative) and
      // round-off (1e-16 y / h) both stay below 1e-5 of the curve's typical slope.
      const double fd_slope = (curve.value(x + h) - curve.value(x - h)) / (2 * h);
      const double typical_slope = curve.points().back().second / curve.failure_x();
      EXPECT_NEAR(curve.slope(x), fd_slope, 1e-5 * (std::abs(fd_slope) + typical_slope)) << entry.type << " at " << x;
      const double fd_value = (curve.integral(x + h) - curve.integral(x - h)) / (2 * h);
      EXPECT_NEAR(curve.value(x), fd_value, 1e-5 * (y + curve.points().back().second)) << entry.type << " at " << x;
    }
  }
}

TEST(TensionCurve, ContinuesStraightPastTheFailurePoint)
{
  const TensionCurve curve = TensionCurve::parse("1:2, 2:6", "f", "e", "x : y");
  EXPECT_DOUBLE_EQ(curve.failure_x(), 2);
  EXPECT_DOUBLE_EQ(curve.slope(3), 4);
  EXPECT_DOUBLE_EQ(curve.value(3), 10);
  // Integral: the cubics' areas (Hermite: h (y0 + y1) / 2 + h^2 (m0 - m1) / 12) plus the straight part.
  const double slope_1 = 3 * 2 / ((2 * 1 + 1) / 2.0 + (1 + 2 * 1) / 4.0); // Fritsch-Butland at x = 1
  const double area = 1 * (0 + 2) / 2.0 + (0 - slope_1) / 12 + 1 * (2 + 6) / 2.0 + (slope_1 - 4) / 12;
  EXPECT_NEAR(curve.integral(3), area + 6 + 0.5 * 4, 1e-12);
}

TEST(TensionCurve, RejectsTablesThatAreNotTensionOnly)
{
  for (const std::string text : {"0.1:5, 0.2:4", "0.2:1, 0.1:2", "0.1:-1", "", "0.1 5"})
  {
    try
    {
      TensionCurve::parse(text, "case.prm", "Load case/Ligaments/Curve all", "elongation [mm] : force [N]");
      ADD_FAILURE() << "accepted '" << text << "'";
    }
    catch (const InputError &error)
    {
      const std::string message = error.what();
      EXPECT_NE(message.find("case.prm: Load case/Ligaments/Curve all"), std::string::npos) << message;
      EXPECT_NE(message.find("tension only"), std::string::npos) << message;
    }
  }
}
} // namespace
} // namespace cspine
