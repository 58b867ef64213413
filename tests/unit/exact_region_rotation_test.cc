// Regions/<name>/Exact rotation in first update (mechanics/exact_region_rotation) on the bone-stack model
// (tests/load_case/bone_stack.geo): two stiff meshed "bones" between soft layers, the top turned 0.1 rad
// per step. The linearised first update stretches the turned bones; the exact rotation does not, so the
// residual after it falls, and the converged answer is the same.
#include "bone_stack.h"
#include "test_helpers.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>

namespace cspine
{
namespace
{
std::string bone_region(const std::string &name, const double E, const bool exact)
{
  return "  subsection " + name +
         "\n    set Material = neo_hookean_coupled\n    set Exact rotation in first update = " +
         (exact ? "true" : "false") +
         "\n    subsection neo_hookean_coupled\n      set Young's modulus = " + std::to_string(E) +
         "\n      set Poisson's ratio = 0.3\n    end\n  end\n";
}

/// The stack with meshed bones of 1e5 MPa (soft layers 1 MPa), marked `exact` or not; the top moves 0.5 mm
/// in x, 0.4 mm up and turns 0.2 rad about its centre line in two steps. `rigid_bone_b`: bone_b is Rigid;
/// `exact_bone_b`: bone_b is marked too (with `exact`).
std::string stack_config(const bool exact, const bool rigid_bone_b = false, const bool exact_bone_b = true)
{
  return "subsection Mesh\n  set Source = gmsh\n  set File = " + testing::mesh_from_geo("bone_stack") +
         "\n  set Element degree = 1\nend\nsubsection Regions\n" + bone_region("soft", 1, false) +
         bone_region("bone_a", 1e5, exact) + bone_region("bone_b", 1e5, exact && exact_bone_b) +
         (rigid_bone_b ? "  subsection bone_b\n    set Rigid = true\n  end\n" : "") + "end\n" +
         testing::twisted_bone_stack_loading("  set Predictor = none\n") + R"(
subsection Linear solver
  set Method = direct
end
subsection Output
  set Monitor points = corner_a: 8, 8, 6; corner_b: 8, 8, 12
end
)";
}

const char *const compared_columns[] = {"reaction_x_12", "reaction_y_12", "reaction_z_12",
                                        "u_x_corner_a",  "u_y_corner_a",  "u_z_corner_a",
                                        "u_x_corner_b",  "u_y_corner_b",  "u_z_corner_b"};
} // namespace

// The residual after each step's first update falls at least 100-fold (measured: 5,465 -> 0.155 N and
// 5,447 -> 0.153 N), Newton takes fewer updates (measured: 5 against 7 per step), and the answer is the
// same to Newton's tolerance. Each step starts from the last state (Predictor = none, as in the spine
// model): an extrapolated start has already turned the bones, and the first update's rotation is small.
TEST(ExactRegionRotation, FirstUpdateLeavesTurnedBonesUnstretched)
{
  const auto linearised = testing::run_text(stack_config(false), "exact_rotation_off");
  const auto exact = testing::run_text(stack_config(true), "exact_rotation_on");
  ASSERT_EQ(linearised->steps().size(), 2u);
  ASSERT_EQ(exact->steps().size(), 2u);
  unsigned int updates_linearised = 0, updates_exact = 0;
  for (std::size_t s = 0; s < 2; ++s)
  {
    const NewtonResult &a = linearised->steps()[s].newton, &b = exact->steps()[s].newton;
    ASSERT_FALSE(a.residual_norms.empty());
    ASSERT_FALSE(b.residual_norms.empty());
    EXPECT_LT(b.residual_norms[0], 1e-2 * a.residual_norms[0]) << "step " << s + 1;
    updates_linearised += a.iterations;
    updates_exact += b.iterations;
  }
  EXPECT_LT(updates_exact, updates_linearised);
  const double force = std::abs(linearised->history().last("reaction_z_12"));
  ASSERT_GT(force, 1);
  for (const char *column : compared_columns)
  {
    const double scale = std::string(column).rfind("reaction", 0) == 0 ? force : 0.5;
    EXPECT_NEAR(exact->history().last(column), linearised->history().last(column), 1e-8 * scale) << column;
  }
}

// A Rigid region is left to its rigid body (its nodes already turn exactly): marking it as well changes
// nothing, to the last bit of every update's residual. Were it turned again, its nodes would move off the
// body's pose and the updates would differ.
TEST(ExactRegionRotation, LeavesRigidRegionsToTheirBodies)
{
  const auto marked = testing::run_text(stack_config(true, true, true), "exact_rotation_rigid_marked");
  const auto unmarked = testing::run_text(stack_config(true, true, false), "exact_rotation_rigid_unmarked");
  ASSERT_EQ(marked->steps().size(), unmarked->steps().size());
  for (std::size_t s = 0; s < marked->steps().size(); ++s)
  {
    const std::vector<double> &a = marked->steps()[s].newton.residual_norms,
                              &b = unmarked->steps()[s].newton.residual_norms;
    ASSERT_EQ(a.size(), b.size()) << "step " << s + 1;
    for (std::size_t k = 0; k < a.size(); ++k)
      EXPECT_EQ(a[k], b[k]) << "step " << s + 1 << ", update " << k + 1;
  }
}

// The regions' fits sum over the ranks' nodes: 1 and 2 ranks give the same history.
TEST(MpiExactRegionRotation, SameOnOneAndTwoRanks)
{
  testing::expect_one_and_two_ranks_agree(stack_config(true), "exact_rotation_ranks");
}
} // namespace cspine
