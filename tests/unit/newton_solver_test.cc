// Newton: quadratic convergence near the solution, step cutting on failure, and the last converged
// state written when cutting does not help.
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace cspine
{
namespace
{
std::string block_config(const std::string &stretch_mm, const unsigned int n_steps, const unsigned int max_iterations,
                         const unsigned int max_cuts)
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
  set Fixed displacement = x_min: x = 0; y_min: y = 0; z_min: z = 0; z_max: z = )" +
         stretch_mm + R"(*t, x = 0.1*z*t
end
subsection Time
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
end
)";
}

TEST(NewtonSolver, ConvergesQuadratically)
{
  Config config = testing::config_from_text(block_config("4", 1, 20, 0), "newton_quadratic");
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

TEST(NewtonSolver, CutsTheStepWhenNewtonFails)
{
  // 4 Newton iterations cannot take the 8 mm step at once; halves can.
  Config config = testing::config_from_text(block_config("8", 1, 4, 6), "newton_cut");
  const auto simulation = testing::run(config, "newton_cut");
  EXPECT_GT(simulation->steps().size(), 1u);
  EXPECT_NEAR(simulation->steps().back().time, 1.0, 1e-12);
}

TEST(NewtonSolver, WritesLastConvergedStateWhenCuttingFails)
{
  Config config = testing::config_from_text(block_config("8", 1, 2, 1), "newton_fail");
  config.output.directory = testing::scratch_directory("newton_fail");
  Simulation simulation(config, MPI_COMM_WORLD);
  EXPECT_THROW(simulation.run(nullptr), SolverError);
  EXPECT_TRUE(std::filesystem::exists(config.output.directory + "/solution.pvd"));
  EXPECT_TRUE(std::filesystem::exists(config.output.directory + "/history.csv"));
}
} // namespace
} // namespace cspine
