// The same problem on all ranks of MPI_COMM_WORLD and on one rank (MPI_COMM_SELF) must give the same
// displacements and reactions to solver tolerance. Run with mpirun -np 2 (suite name Mpi*).
#include "test_helpers.h"

#include <gtest/gtest.h>

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
  ASSERT_GE(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD), 2u) << "run this suite with mpirun -np 2";
  Config parallel = testing::config_from_text(config_text, "mpi_consistency");
  const auto on_all = testing::run(parallel, "mpi_all");

  // Every rank solves the whole problem alone; rank 0's run is compared.
  Config serial = testing::config_from_text(config_text, "mpi_consistency");
  const std::string folder = testing::scratch_directory("mpi_self") + "_" +
                             std::to_string(dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD));
  serial.output.directory = folder;
  serial.output.overwrite = true; // a folder per rank that scratch_directory does not clear
  Simulation alone(serial, MPI_COMM_SELF);
  alone.run(nullptr);

  const auto &a = on_all->history().rows(), &b = alone.history().rows();
  ASSERT_EQ(a.size(), b.size());
  double scale = 0;
  for (const auto &row : b)
    for (const double value : row)
      scale = std::max(scale, std::abs(value));
  for (unsigned int r = 0; r < a.size(); ++r)
    for (unsigned int c = 0; c < a[r].size(); ++c)
      // Both runs stop at |R| <= 1e-10 x the force scale with 1e-12 Krylov solves: agreement to 1e-7
      // of the largest value is solver tolerance with margin, far below any partitioning bug.
      EXPECT_NEAR(a[r][c], b[r][c], 1e-7 * scale) << on_all->history().columns()[c] << " at row " << r;
  EXPECT_GT(std::abs(on_all->history().last("u_y_tip")), 1.0); // a real deformation was compared
}
} // namespace
} // namespace cspine
