// Rigid vertebrae (Regions/<name>/Rigid) on the bone-stack model: two 2 mm "bones" between three 4 mm
// soft layers (tests/load_case/bone_stack.geo), the bottom fixed and the top sheared, twisted and lifted.
// Rigid bones are the limit of stiff meshed ones; their nodes move exactly rigidly; Newton keeps its
// quadratic rate; the bad inputs are refused with the entry named.
#include "bone_stack.h"
#include "test_helpers.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
std::string region(const std::string &name, const double E, const bool rigid)
{
  return "  subsection " + name +
         "\n    set Material = neo_hookean_coupled\n    set Rigid = " + (rigid ? "true" : "false") +
         "\n    subsection neo_hookean_coupled\n      set Young's modulus = " + std::to_string(E) +
         "\n      set Poisson's ratio = 0.3\n    end\n  end\n";
}

/// The stack with the bones rigid or meshed with modulus `bone_modulus` [MPa] (soft layers 1 MPa); the top
/// moves 0.5 mm in x, 0.4 mm up and turns 0.2 rad about its centre line in two steps. `soft_rigid`: the
/// soft layers (which hold the prescribed nodes) are marked Rigid too.
std::string stack_config(const bool rigid, const double bone_modulus = 1e5, const bool soft_rigid = false,
                         const bool third_bone = false, const bool group_bodies = true,
                         const std::string &method = "direct")
{
  return "subsection Mesh\n  set Source = gmsh\n  set File = " +
         testing::mesh_from_geo(third_bone ? "bone_stack_three" : "bone_stack") +
         "\n  set Element degree = 1\nend\nsubsection Regions\n" + region("soft", 1, soft_rigid) +
         region("bone_a", bone_modulus, rigid) + region("bone_b", bone_modulus, rigid) +
         (third_bone ? region("bone_c", bone_modulus, rigid) : std::string()) + "end\n" +
         testing::twisted_bone_stack_loading() + R"(
subsection Linear solver
  set Method = )" +
         method + "\n" + "  set Group rigid bodies = " + (group_bodies ? "true" : "false") + R"(
end
subsection Output
  set Monitor points = corner_a: 8, 8, 6; corner_b: 8, 8, 12
end
)";
}

std::unique_ptr<Simulation> run(const std::string &text, const std::string &name)
{
  return testing::run_text(text, name);
}

double last(const Simulation &simulation, const std::string &column)
{
  return simulation.history().last(column);
}

/// [mm] The largest distance of a bone's node from where its rigid fit puts it. Collective.
double largest_deviation_from_rigid(const RigidBody &body, const Vector &u)
{
  const RigidFit fit = body.pose(u);
  double largest = 0;
  for (const Node &node : body.nodes())
    largest = std::max(largest, (current_position(node, u) - (fit.x_mean + fit.R * (node.X - fit.X_mean))).norm());
  return dealii::Utilities::MPI::max(largest, MPI_COMM_WORLD);
}

/// The top's reaction and the bones' corners at the end agree to `tolerance` (of the reaction, or of 0.5 mm).
void expect_same_ends(const Simulation &compared, const Simulation &reference, const double tolerance)
{
  const double force = std::abs(last(reference, "reaction_z_12"));
  ASSERT_GT(force, 1);
  for (const char *column : {"reaction_x_12", "reaction_y_12", "reaction_z_12", "u_x_corner_a", "u_y_corner_a",
                             "u_z_corner_a", "u_x_corner_b", "u_y_corner_b", "u_z_corner_b"})
  {
    const double scale = std::string(column).rfind("reaction", 0) == 0 ? force : 0.5;
    EXPECT_NEAR(last(compared, column), last(reference, column), tolerance * scale) << column;
  }
}
} // namespace

// Bones whose soft neighbourhoods do not touch (bone_a and bone_c of a three-bone stack) share the bordered
// solve's right-hand sides: 1 + 6 x 2 groups = 13 per update instead of 1 + 6 x 3 = 19, with the same
// answer (the blocks of K' share no nonzero, so only the solver's summation order differs).
TEST(RigidBones, BonesApartShareRightHandSides)
{
  const auto grouped = run(stack_config(true, 1e5, false, true, true), "rigid_bones_grouped");
  const auto separate = run(stack_config(true, 1e5, false, true, false), "rigid_bones_separate");
  ASSERT_EQ(grouped->steps().size(), separate->steps().size());
  for (std::size_t s = 0; s < grouped->steps().size(); ++s)
  {
    const NewtonResult &a = grouped->steps()[s].newton, &b = separate->steps()[s].newton;
    ASSERT_EQ(a.iterations, b.iterations) << "step " << s;
    EXPECT_EQ(a.right_hand_sides, 13 * a.iterations) << "step " << s;
    EXPECT_EQ(b.right_hand_sides, 19 * b.iterations) << "step " << s;
  }
  expect_same_ends(*grouped, *separate, 1e-10);
}

// Each rigid bone's nodes move exactly rigidly, whatever its rotation (here 0.05-0.1 rad), to round-off.
TEST(RigidBones, NodesMoveExactlyRigidly)
{
  const auto rigid = run(stack_config(true), "rigid_bones_rigid_motion");
  ASSERT_NE(rigid->bones(), nullptr);
  ASSERT_EQ(rigid->bones()->bones().size(), 2u);
  for (const RigidBone &bone : rigid->bones()->bones())
  {
    const RigidFit fit = bone.rigid_body()->pose(rigid->displacement());
    EXPECT_GT(fit.rotation_vector().norm(), 0.02) << bone.name();
    EXPECT_LT(largest_deviation_from_rigid(*bone.rigid_body(), rigid->displacement()), 1e-11) << bone.name();
  }
}

// Rigid bones are the limit of meshed ones as the bone stiffens: with E = 1e5 MPa (1e5 times the soft
// layers) the top's reaction and the bones' corners agree with the rigid run to 1e-4 (measured 8.4e-6, of
// the reaction or of 0.5 mm); with E = 1e3 MPa the gap is 100 times larger (measured 8.4e-4: it falls as
// 1/E, so the comparison measures the bone's compliance, not a solver tolerance).
TEST(RigidBones, AreTheLimitOfStiffMeshedBones)
{
  const auto rigid = run(stack_config(true), "rigid_bones_limit_rigid");
  const auto stiff = run(stack_config(false, 1e5), "rigid_bones_limit_stiff");
  const auto softer = run(stack_config(false, 1e3), "rigid_bones_limit_softer");
  double stiff_gap = 0, softer_gap = 0;
  for (const char *column : {"reaction_x_12", "reaction_y_12", "reaction_z_12", "u_x_corner_a", "u_y_corner_a",
                             "u_z_corner_a", "u_x_corner_b", "u_y_corner_b", "u_z_corner_b"})
  {
    const double value = last(*rigid, column);
    const double scale = std::string(column).rfind("reaction", 0) == 0 ? std::abs(last(*rigid, "reaction_z_12")) : 0.5;
    EXPECT_NEAR(last(*stiff, column), value, 1e-4 * scale) << column;
    stiff_gap = std::max(stiff_gap, std::abs(last(*stiff, column) - value) / scale);
    softer_gap = std::max(softer_gap, std::abs(last(*softer, column) - value) / scale);
  }
  EXPECT_GT(softer_gap, 20 * stiff_gap);
}

// The bodies' terms (their G^T K G, the couplings through the soft layers, the moment of their nodal
// forces turning with them) are the exact tangent: once |R| is below 1e-2 of the step's first, the next
// is of the order of its square.
TEST(RigidBones, NewtonConvergesQuadratically)
{
  const auto rigid = run(stack_config(true), "rigid_bones_quadratic");
  testing::expect_quadratic_convergence(*rigid, 7, 1e-11);
}

// A rigid region may not hold a prescribed node: the error names the entry.
TEST(RigidBones, RefusesARigidRegionWithPrescribedNodes)
{
  const std::string text = stack_config(true, 1e5, true);
  try
  {
    Config config = testing::config_from_text(text, "rigid_bones_prescribed");
    Simulation simulation(config, MPI_COMM_WORLD);
    FAIL() << "a rigid region with prescribed nodes was accepted";
  }
  catch (const InputError &error)
  {
    EXPECT_NE(std::string(error.what()).find("Regions/soft/Rigid"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("prescribed displacements"), std::string::npos) << error.what();
  }
}

// The iterative bordered solve (one GMRES per update, preconditioned with GAMG and loose solves for the
// bodies' coupled modes; mechanics/bordered_krylov) reaches the direct solve's equilibrium: the same Newton
// updates, and the reactions and corners to 1e-7 (the linear tolerance is 1e-8). Three bones in two groups:
// 1 + 6 x 2 Krylov solves per update, as the direct solve has right-hand sides.
void expect_iterative_matches_direct(const std::string &name)
{
  const auto direct = run(stack_config(true, 1e5, false, true), name + "_direct");
  const auto iterative = run(stack_config(true, 1e5, false, true, true, "gmres"), name + "_gmres");
  ASSERT_EQ(iterative->steps().size(), direct->steps().size());
  for (std::size_t s = 0; s < direct->steps().size(); ++s)
  {
    const NewtonResult &a = iterative->steps()[s].newton, &b = direct->steps()[s].newton;
    EXPECT_EQ(a.iterations, b.iterations) << "step " << s;
    EXPECT_EQ(a.right_hand_sides, 13 * a.iterations) << "step " << s;
    EXPECT_GT(a.linear_iterations, a.right_hand_sides) << "step " << s;
  }
  expect_same_ends(*iterative, *direct, 1e-7);
}

TEST(RigidBones, IterativeBorderedSolveMatchesTheDirect)
{
  expect_iterative_matches_direct("rigid_bones_iterative");
}

// The stack on 1 and 2 ranks (suite Mpi*: mpirun -np 2): the bodies' sums over ranks (poses, modes, the
// dense Schur system) must not depend on the partition.
TEST(MpiRigidBones, OneAndTwoRanksAgree)
{
  testing::expect_one_and_two_ranks_agree(stack_config(true), "rigid_bones_ranks");
}

// The same with three bones, two of them in one group: the components of K' found across ranks.
TEST(MpiRigidBones, GroupedBonesOnOneAndTwoRanksAgree)
{
  const auto on_two =
      testing::expect_one_and_two_ranks_agree(stack_config(true, 1e5, false, true), "rigid_bones_grouped_ranks");
  for (const StepRecord &step : on_two->steps())
    EXPECT_EQ(step.newton.right_hand_sides, 13 * step.newton.iterations) << "at t = " << step.time;
}

// The iterative bordered solve on 2 ranks: B's columns and the bordered vector split between them.
TEST(MpiRigidBones, IterativeBorderedSolveMatchesTheDirect)
{
  expect_iterative_matches_direct("rigid_bones_iterative_ranks");
}
} // namespace cspine
