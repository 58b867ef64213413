// Newton: quadratic convergence near the solution, the convergence test at an unloaded state, step
// cutting on failure, and the last converged state written when cutting does not help.
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace cspine
{
namespace
{
// The block's top moves as `top_motion` (expressions in t, mm) over `end_time` [s].
std::string block_config(const std::string &top_motion, const unsigned int n_steps, const unsigned int max_iterations,
                         const unsigned int max_cuts, const std::string &end_time = "1",
                         const unsigned int lagged_iterations = 0)
{
  return R"(
subsection Mesh
  set Subdivisions = 2, 2, 2
end
subsection Regions
  subsection solid
    set Material = neo_hookean_uncoupled
  end
end
subsection Boundary conditions
  set Fixed displacement = x_min: x = 0; y_min: y = 0; z_min: z = 0; z_max: )" +
         top_motion + R"(
end
subsection Time
  set End time = )" +
         end_time + R"(
  set Number of steps = )" +
         std::to_string(n_steps) + R"(
  set Maximum step cuts = )" +
         std::to_string(max_cuts) + R"(
end
subsection Newton
  set Maximum iterations = )" +
         std::to_string(max_iterations) + R"(
  set Residual tolerance = 1e-12
  set Absolute residual tolerance = 1e-20
  set Line search = false
end
subsection Linear solver
  set Method = direct
  set Lagged factorization iterations = )" +
         std::to_string(lagged_iterations) + R"(
end
)";
}

TEST(NewtonSolver, ConvergesQuadratically)
{
  Config config = testing::config_from_text(block_config("z = 4*t, x = 0.1*z*t", 1, 20, 0), "newton_quadratic");
  const auto simulation = testing::run(config, "newton_quadratic");
  ASSERT_EQ(simulation->steps().size(), 1u);
  const std::vector<double> &r = simulation->steps()[0].newton.residual_norms;
  ASSERT_GE(r.size(), 4u);
  for (unsigned int k = 0; k < r.size(); ++k)
    std::cout << "Newton iteration " << k + 1 << ": |R| = " << r[k] << " N" << std::endl;
  // Order estimate from three successive residuals, p = log(r+/r) / log(r/r-) (2 for Newton), judged
  // where the iteration is asymptotic (r- below a tenth of the first residual) and r+ is still 100
  // times above the round-off floor (the last residual).
  const double floor = r.back();
  unsigned int n_judged = 0;
  for (unsigned int k = 1; k + 1 < r.size(); ++k)
  {
    if (r[k - 1] > 0.1 * r[0] || r[k + 1] < 100 * floor)
      continue;
    const double order = std::log(r[k + 1] / r[k]) / std::log(r[k] / r[k - 1]);
    EXPECT_GT(order, 1.8) << "iterations " << k << "-" << k + 2;
    ++n_judged;
  }
  EXPECT_GE(n_judged, 1u);
}

// The direct solver's lagged factorisation (GMRES to 1e-10 |R| on the last factorisation) must not change
// Newton's path: the same iterations, residuals and answer as a factorisation for every update, with
// fewer factorisations.
TEST(NewtonSolver, LaggedFactorizationKeepsTheNewtonPath)
{
  const std::string motion = "z = 4*t, x = 0.1*z*t";
  Config fresh_config = testing::config_from_text(block_config(motion, 4, 20, 0, "1", 0), "newton_fresh");
  Config lagged_config = testing::config_from_text(block_config(motion, 4, 20, 0, "1", 30), "newton_lagged");
  const auto fresh = testing::run(fresh_config, "newton_fresh");
  const auto lagged = testing::run(lagged_config, "newton_lagged");
  ASSERT_EQ(fresh->steps().size(), 4u);
  ASSERT_EQ(lagged->steps().size(), 4u);
  unsigned int iterations = 0, fresh_factorizations = 0, lagged_factorizations = 0;
  for (unsigned int s = 0; s < 4; ++s)
  {
    const NewtonResult &a = fresh->steps()[s].newton, &b = lagged->steps()[s].newton;
    EXPECT_EQ(a.iterations, b.iterations) << "step " << s + 1;
    iterations += a.iterations;
    fresh_factorizations += a.factorizations;
    lagged_factorizations += b.factorizations;
    // Residuals compared down to a thousand times the round-off floor, where they still mean something.
    const double floor = 1e3 * std::max(a.residual_norms.back(), b.residual_norms.back());
    for (std::size_t k = 0; k < std::min(a.residual_norms.size(), b.residual_norms.size()); ++k)
    {
      if (a.residual_norms[k] > floor)
      {
        EXPECT_NEAR(b.residual_norms[k] / a.residual_norms[k], 1.0, 1e-3) << "step " << s + 1 << ", update " << k + 1;
      }
    }
  }
  std::cout << iterations << " Newton updates: " << fresh_factorizations << " factorisations without lagging, "
            << lagged_factorizations << " with" << std::endl;
  EXPECT_EQ(fresh_factorizations, iterations);
  EXPECT_LT(lagged_factorizations, iterations / 2);
  testing::expect_same_displacements(*fresh, *lagged, 1e-10);
}

// Newton/Check tangent on the stretched and sheared block (no contact): the assembled tangent is the
// residual's derivative, so every checked update's K du equals the central difference of R along du to
// that difference's O(h^2) error (measured: below 2e-7 where judged).
TEST(NewtonSolver, TangentCheckFindsTheSolidTangentConsistent)
{
  std::string text = block_config("z = 4*t, x = 0.1*z*t", 2, 20, 0);
  const std::string newton = "subsection Newton\n";
  text.replace(text.find(newton), newton.size(), newton + "  set Check tangent = true\n");
  Config config = testing::config_from_text(text, "newton_tangent_check");
  const auto simulation = testing::run(config, "newton_tangent_check");
  ASSERT_EQ(simulation->steps().size(), 2u);
  std::size_t n_judged = 0;
  for (const StepRecord &step : simulation->steps())
  {
    // judged_tangent_errors also expects every update but the step's first to be checked.
    for (const double error : testing::judged_tangent_errors(step.newton))
    {
      EXPECT_LT(error, 1e-6) << "at t = " << step.time;
      ++n_judged;
    }
  }
  EXPECT_GE(n_judged, 4u);
}

TEST(NewtonSolver, UnloadedStateIsJudgedAgainstTheLoadHistory)
{
  NewtonSettings settings;
  settings.residual_tolerance = 1e-8;
  settings.absolute_residual_tolerance = 1e-10;
  settings.increment_tolerance = 1e-8;
  // At u = 0 with no forces, against a run that carried 100 N and a step that moved 1 mm.
  EXPECT_TRUE(newton_converged(settings, {1e-7, 1e-9, 100, 1, 1, 1}));
  EXPECT_FALSE(newton_converged(settings, {1e-5, 1e-9, 100, 1, 1, 1}));
  EXPECT_FALSE(newton_converged(settings, {1e-7, 1e-7, 100, 1, 1, 1}));
  // A large update of negligible work (a body held by lax tissue) counts once the residual is small.
  EXPECT_TRUE(newton_converged(settings, {1e-7, 1e-7, 100, 1, 1e-13, 1}));
  EXPECT_FALSE(newton_converged(settings, {1e-5, 1e-7, 100, 1, 1e-13, 1}));
  // With nothing to scale by, only the absolute floors remain.
  EXPECT_FALSE(newton_converged(settings, {1e-7, 1e-9, 0, 0, 1, 1}));
  EXPECT_TRUE(newton_converged(settings, {1e-11, 1e-15, 0, 0, 1, 1}));
}

TEST(NewtonSolver, FastContractionJudgesTheDistanceLeft)
{
  NewtonSettings settings;
  settings.residual_tolerance = 1e-8;
  settings.increment_tolerance = 1e-8;
  // |du| = 1e-7 mm against 1e-8 of a 1 mm motion: too large by itself ...
  EXPECT_FALSE(newton_converged(settings, {1e-7, 1e-7, 100, 1, 1, 1}));
  // ... and where |R| fell only 2x (the distance left is about |du|).
  EXPECT_FALSE(newton_converged(settings, {1e-7, 1e-7, 100, 1, 1, 1, 0.5}));
  // |R| fell 1000x: about 1e-10 mm is left.
  EXPECT_TRUE(newton_converged(settings, {1e-7, 1e-7, 100, 1, 1, 1, 1e-3}));
  // ... but not when the update was large: 1e-7 mm left.
  EXPECT_FALSE(newton_converged(settings, {1e-7, 1e-4, 100, 1, 1, 1, 1e-3}));
  // The residual test is not relaxed.
  EXPECT_FALSE(newton_converged(settings, {1e-5, 1e-7, 100, 1, 1, 1, 1e-3}));
}

TEST(NewtonSolver, ConvergesBackToTheUnloadedState)
{
  // Pulled to 4 mm at t = 1 s and back to u = 0 at t = 2 s. There all forces vanish: with the
  // residual judged against the current forces alone, the last step could only stop at the absolute
  // floor of 1e-20 N, which round-off never reaches.
  Config config = testing::config_from_text(
      block_config("z = 4*(1 - abs(1 - t)), x = 0.1*z*(1 - abs(1 - t))", 2, 20, 0, "2"), "newton_unload");
  const auto simulation = testing::run(config, "newton_unload");
  ASSERT_EQ(simulation->steps().size(), 2u);
  const NewtonResult &back = simulation->steps()[1].newton;
  EXPECT_TRUE(back.converged);
  EXPECT_LE(back.iterations, 8u);
  EXPECT_LE(simulation->displacement().linfty_norm(), 1e-8);
}

TEST(NewtonSolver, CutsTheStepWhenNewtonFails)
{
  // 4 Newton iterations cannot take the 8 mm step at once; halves can.
  Config config = testing::config_from_text(block_config("z = 8*t, x = 0.1*z*t", 1, 4, 6), "newton_cut");
  const auto simulation = testing::run(config, "newton_cut");
  EXPECT_GT(simulation->steps().size(), 1u);
  EXPECT_NEAR(simulation->steps().back().time, 1.0, 1e-12);
}

TEST(NewtonSolver, WritesLastConvergedStateWhenCuttingFails)
{
  Config config = testing::config_from_text(block_config("z = 8*t, x = 0.1*z*t", 1, 2, 1), "newton_fail");
  config.output.directory = testing::scratch_directory("newton_fail");
  Simulation simulation(config, MPI_COMM_WORLD);
  EXPECT_THROW(simulation.run(nullptr), SolverError);
  EXPECT_TRUE(std::filesystem::exists(config.output.directory + "/solution.pvd"));
  EXPECT_TRUE(std::filesystem::exists(config.output.directory + "/history.csv"));
}
// A block squeezed in confined compression (its sides on rollers, so J is the height ratio) to 0.05 % of
// its height: states below J = 1e-3 are refused as collapsed, so the run stops with the reason instead of
// accepting one (a state with J = 1.7e-22 once passed).
TEST(NewtonSolver, RefusesACollapsedState)
{
  Config config =
      testing::config_from_text(block_config("z = -9.995*t; x_max: x = 0; y_max: y = 0", 4, 25, 2), "newton_collapse");
  config.output.directory = testing::scratch_directory("newton_collapse");
  Simulation simulation(config, MPI_COMM_WORLD);
  try
  {
    simulation.run(nullptr);
    FAIL() << "a collapsed state was accepted";
  }
  catch (const SolverError &error)
  {
    EXPECT_NE(std::string(error.what()).find("collapsed"), std::string::npos) << error.what();
  }
  // At least to J = 0.25 the steps converge; the end (J = 5e-4) is never reached.
  ASSERT_GE(simulation.steps().size(), 3u);
  EXPECT_GE(simulation.steps().back().time, 0.75 - 1e-12);
  EXPECT_LT(simulation.steps().back().time, 1.0);
}
} // namespace
} // namespace cspine
