// Fibre rules (the directions the generated spine's annulus, capsules and ligaments use) and the
// largest fibre stretch that the output reports.
#include "materials/fibre_rule.h"

#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace
{
using namespace cspine;

FibreRule rule_from(const std::string &entries)
{
  dealii::ParameterHandler prm;
  FibreRule::declare_parameters(prm);
  prm.parse_input_from_string("subsection Fibres\n" + entries + "end\n");
  FibreRule rule;
  rule.parse_parameters(prm, "test.prm", "Regions/test");
  return rule;
}

TEST(FibreRule, CircumferentialIsTangentToCirclesAboutTheAxis)
{
  // Axis along y through (1, 0, 2): at (3, 5, 2) the radius is +x, so the tangent is y x x = -z.
  const FibreRule rule = rule_from("set Rule = circumferential\nset Axis = 0, 2, 0\nset Centre = 1, 0, 2\n");
  const auto fibres = rule.directions(dealii::Point<dim>(3, 5, 2));
  ASSERT_EQ(fibres.size(), 1u);
  EXPECT_NEAR(fibres[0][0], 0, 1e-14);
  EXPECT_NEAR(fibres[0][1], 0, 1e-14);
  EXPECT_NEAR(fibres[0][2], -1, 1e-14);
}

TEST(FibreRule, HelicalFamiliesLeanBothWaysByTheAngle)
{
  const FibreRule rule = rule_from("set Rule = helical\nset Axis = 0, 0, 1\nset Angle = 25\n");
  const auto fibres = rule.directions(dealii::Point<dim>(0, -4, 7)); // radius -y: tangent z x -y = +x
  ASSERT_EQ(fibres.size(), 2u);
  const double angle = 25 * M_PI / 180;
  for (unsigned int family = 0; family < 2; ++family)
  {
    EXPECT_NEAR(fibres[family].norm(), 1, 1e-14);
    EXPECT_NEAR(fibres[family][0], std::cos(angle), 1e-14);
    EXPECT_NEAR(fibres[family][2], (family == 0 ? 1 : -1) * std::sin(angle), 1e-14);
  }
}

TEST(FibreRule, LargestStretchIsThatOfTheMostStretchedFamily)
{
  // Under a pure stretch both families of a helical pair stretch alike; a shear in the x-z plane (z
  // grows with x) lengthens one more than the other. The larger is reported, whatever the order.
  const FibreRule rule = rule_from("set Rule = helical\nset Axis = 0, 0, 1\nset Angle = 30\n");
  const auto fibres = rule.directions(dealii::Point<dim>(0, -1, 0)); // families (cos, 0, +-sin)
  dealii::Tensor<2, dim> F;
  F[0][0] = 0.9;
  F[1][1] = 1;
  F[2][2] = 1.3;
  F[2][0] = 0.2; // z grows with x
  const SymTensor2 C = dealii::symmetrize(dealii::transpose(F) * F);
  auto stretch = [&](const Vector3 &a)
  {
    return (F * a).norm();
  };
  const double expected = std::max(stretch(fibres[0]), stretch(fibres[1]));
  EXPECT_GT(std::abs(stretch(fibres[0]) - stretch(fibres[1])), 0.05); // the families do differ here
  EXPECT_NEAR(largest_fibre_stretch(C, fibres), expected, 1e-14);
  EXPECT_NEAR(largest_fibre_stretch(C, {fibres[1], fibres[0]}), expected, 1e-14);
  EXPECT_EQ(largest_fibre_stretch(C, {}), 0.0);
}
} // namespace
