// The iterative linear solve inside Newton: Eisenstat-Walker forcing terms and a preconditioner kept
// across tangents must reach the same answer as exact solves with a fresh preconditioner, in the same
// steps, with fewer preconditioner builds and Krylov iterations. The quasi-static predictor
// (mechanics/step_predictor) is a first guess only: the same answer, in fewer Newton updates.
#include "mechanics/forcing_term.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cspine
{
namespace
{
TEST(ForcingTerm, FollowsEisenstatWalkerChoiceTwo)
{
  ForcingTerm forcing(true, 1e-8);
  EXPECT_DOUBLE_EQ(forcing.next(1.0, 1e-12), 1e-3); // the first update of a step
  // |R| fell 10x: 0.9 x 0.1^2.
  EXPECT_NEAR(forcing.next(0.1, 1e-12), 9e-3, 1e-15);
  // |R| fell 1e4x: 0.9e-8 would be below the floor.
  EXPECT_DOUBLE_EQ(forcing.next(1e-5, 1e-20), 1e-8);
  // Never tighter than the Newton target needs: half of target / |R| (0.05 beats 0.9 x 0.1^2).
  EXPECT_NEAR(forcing.next(1e-6, 1e-7), 0.05, 1e-15);
  // |R| grew: at most 0.1.
  EXPECT_DOUBLE_EQ(forcing.next(1.0, 1e-12), 0.1);
  ForcingTerm loose(true, 0.2);
  EXPECT_DOUBLE_EQ(loose.next(1.0, 0), 0.2); // the floor wins over the largest term
}

TEST(ForcingTerm, DisabledGivesTheFloor)
{
  ForcingTerm exact(false, 1e-8);
  EXPECT_DOUBLE_EQ(exact.next(1.0, 1e-3), 1e-8);
  EXPECT_DOUBLE_EQ(exact.next(1e-3, 1e-3), 1e-8);
}

std::string block_config(const bool inexact, const std::string &extra = "")
{
  const std::string flag = inexact ? "true" : "false";
  return R"(
subsection Mesh
  set Element degree = 2
  set Subdivisions = 3, 3, 3
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
    subsection neo_hookean_coupled
      set Young's modulus = 1
      set Poisson's ratio = 0.45
    end
  end
end
subsection Boundary conditions
  set Fixed displacement = z_min: x = 0, y = 0, z = 0; z_max: x = 0.5*t, y = 0, z = 2*t
end
subsection Time
  set Number of steps = 4
end
subsection Newton
  set Residual tolerance = 1e-10
end
subsection Linear solver
  set Method = cg
  set Preconditioner = gamg
  set Inexact Newton = )" +
         flag + R"(
  set Preconditioner reuse = )" +
         flag + R"(
end
)" + extra;
}

TEST(InexactNewton, ReachesTheExactSolvesAnswerWithFewerBuilds)
{
  Config exact_config = testing::config_from_text(block_config(false), "newton_exact_solves");
  Config inexact_config = testing::config_from_text(block_config(true), "newton_inexact_solves");
  const auto exact = testing::run(exact_config, "newton_exact_solves");
  const auto inexact = testing::run(inexact_config, "newton_inexact_solves");
  ASSERT_EQ(exact->steps().size(), 4u);
  ASSERT_EQ(inexact->steps().size(), 4u);
  unsigned int exact_updates = 0, exact_builds = 0, exact_linear = 0;
  unsigned int inexact_updates = 0, inexact_builds = 0, inexact_linear = 0;
  for (unsigned int s = 0; s < 4; ++s)
  {
    const NewtonResult &a = exact->steps()[s].newton, &b = inexact->steps()[s].newton;
    exact_updates += a.iterations;
    exact_builds += a.factorizations;
    exact_linear += a.linear_iterations;
    inexact_updates += b.iterations;
    inexact_builds += b.factorizations;
    inexact_linear += b.linear_iterations;
  }
  std::cout << "exact solves: " << exact_updates << " updates, " << exact_builds << " builds, " << exact_linear
            << " CG iterations; inexact: " << inexact_updates << " updates, " << inexact_builds << " builds, "
            << inexact_linear << " CG iterations" << std::endl;
  EXPECT_EQ(exact_builds, exact_updates);
  EXPECT_LT(inexact_builds, inexact_updates / 2);
  EXPECT_LT(inexact_linear, exact_linear);
  // Both stop at |R| <= 1e-10 of the force scale: the displacements agree far below that in mm.
  testing::expect_same_displacements(*exact, *inexact, 1e-7);
}

unsigned int newton_updates(const Simulation &run)
{
  unsigned int updates = 0;
  for (const StepRecord &step : run.steps())
    updates += step.newton.iterations;
  return updates;
}

TEST(StepPredictor, ReachesTheSameStatesInFewerUpdates)
{
  const std::string from_last_state = "subsection Newton\n  set Predictor = none\nend\n";
  Config from_last_config = testing::config_from_text(block_config(true, from_last_state), "predictor_none");
  Config extrapolated_config = testing::config_from_text(block_config(true), "predictor_extrapolate");
  const auto from_last = testing::run(from_last_config, "predictor_none");
  const auto extrapolated = testing::run(extrapolated_config, "predictor_extrapolate");
  ASSERT_EQ(from_last->steps().size(), 4u);
  ASSERT_EQ(extrapolated->steps().size(), 4u);
  // The first step has nothing to extrapolate: it is the same solve.
  EXPECT_EQ(extrapolated->steps()[0].newton.iterations, from_last->steps()[0].newton.iterations);
  std::cout << "Newton updates: from the last state " << newton_updates(*from_last) << ", extrapolated "
            << newton_updates(*extrapolated) << std::endl;
  EXPECT_LT(newton_updates(*extrapolated), newton_updates(*from_last));
  testing::expect_same_displacements(*from_last, *extrapolated, 1e-7);
}

// Run with mpirun -np 2: the forcing terms read global norms only, so where Newton converges steadily the
// partitioned and the serial runs take the same steps and the same number of updates in each, and agree to
// the Newton tolerance although their Krylov iterates differ.
TEST(MpiInexactNewton, OneAndTwoRanksTakeTheSameSteps)
{
  const std::string monitor = "subsection Output\n  set Monitor points = top: 10, 10, 10; middle: 5, 5, 5\nend\n";
  std::vector<StepRecord> serial_steps;
  const auto on_all =
      testing::expect_one_and_two_ranks_agree(block_config(true, monitor), "mpi_inexact_newton", &serial_steps);
  ASSERT_EQ(on_all->steps().size(), serial_steps.size());
  for (unsigned int s = 0; s < serial_steps.size(); ++s)
    EXPECT_EQ(on_all->steps()[s].newton.iterations, serial_steps[s].newton.iterations) << "step " << s;
  EXPECT_GT(std::abs(on_all->history().last("u_z_middle")), 0.5); // a real deformation was compared
}
} // namespace
} // namespace cspine
