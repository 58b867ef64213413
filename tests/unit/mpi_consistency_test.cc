// The same problem on all ranks of MPI_COMM_WORLD and on one rank (MPI_COMM_SELF) must give the same
// displacements and reactions to solver tolerance. Run with mpirun -np 2 (suite name Mpi*).
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

namespace cspine
{
namespace
{
const std::string config_text = R"(
subsection Mesh
  set Shape        = cook membrane
  set Cell type    = tetrahedra
  set Dimensions   = 48, 44, 4
  set Subdivisions = 6, 6, 1
end
subsection Regions
  subsection solid
    set Material = neo_hookean_uncoupled
  end
end
subsection Boundary conditions
  set Fixed displacement = x_min: x = 0, y = 0, z = 0
  set Traction = x_max: 0, 0.02*t, 0.005*t
end
subsection Time
  set Number of steps = 2
end
subsection Newton
  set Residual tolerance = 1e-10
end
subsection Linear solver
  set Relative tolerance = 1e-12
end
subsection Output
  set Monitor points = tip: 48, 60, 2; middle: 24, 40, 1
end
)";

TEST(MpiConsistency, OneAndTwoRanksAgree)
{
  const auto on_all = testing::expect_one_and_two_ranks_agree(config_text, "mpi_consistency");
  EXPECT_GT(std::abs(on_all->history().last("u_y_tip")), 1.0); // a real deformation was compared
}

// The same membrane with inertia, a load applied suddenly and 2 ms of its swing: the mass, the velocities and
// accelerations of the partitioned run are those of the serial one, and so is the stiffness-proportional
// damping (cell by cell on each rank's own cells).
TEST(MpiConsistency, OneAndTwoRanksAgreeWithInertia)
{
  std::string text = config_text;
  text.replace(text.find("0, 0.02*t, 0.005*t"), std::string("0, 0.02*t, 0.005*t").size(), "0, 0.02*(t>0), 0.005*(t>0)");
  text.replace(text.find("  set Number of steps = 2\n"), std::string("  set Number of steps = 2\n").size(),
               "  set Number of steps = 8\n  set End time = 0.002\n  set Analysis = dynamic\n"
               "  set Stiffness damping = 1e-5\n");
  const auto on_all = testing::expect_one_and_two_ranks_agree(text, "mpi_consistency_dynamic");
  EXPECT_GT(on_all->history().last("kinetic_energy"), 0); // the membrane was moving
}

// A block pressed hard in one step (E = 100 MPa by default, 150 MPa on its top: the first Newton update is
// far too long) while its top is also moved sideways by a prescribed displacement. The top lies on one rank's
// DoFs only (p4est splits the block across its height), and the first update of a step, which moves
// prescribed DoFs, is taken whole on every rank. With that test made rank-local again, the rank without the
// top starts a line search alone and this test hangs until CTest's timeout (checked 2026-12-05).
TEST(MpiConsistency, OneAndTwoRanksAgreeWithLineSearchAndPrescribedMotion)
{
  const std::string text = R"(
subsection Mesh
  set Dimensions   = 8, 8, 8
  set Subdivisions = 2, 2, 4
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
  end
end
subsection Boundary conditions
  set Fixed displacement = z_min: x = 0, y = 0, z = 0; z_max: x = 0.05*t, y = 0
  set Traction = z_max: 0, 0, -150*t
end
subsection Time
  set Number of steps = 1
end
subsection Newton
  set Line search        = true
  set Residual tolerance = 1e-10
end
subsection Linear solver
  set Relative tolerance = 1e-12
end
subsection Output
  set Monitor points = top: 4, 4, 8
end
)";
  const auto on_all = testing::expect_one_and_two_ranks_agree(text, "mpi_consistency_line_search");
  EXPECT_NEAR(on_all->history().last("u_x_top"), 0.05, 1e-9); // the prescribed motion was applied
  EXPECT_LT(on_all->history().last("u_z_top"), -2.0);         // and the block was pressed hard
}
} // namespace
} // namespace cspine
