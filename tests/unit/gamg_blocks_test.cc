// GAMG aggregates whole nodes (K's block size 3) only where every rank's owned DoFs come as x, y, z
// triples of one support point; a numbering that breaks the triples must turn it off, or GAMG would
// aggregate unrelated components. Run with mpirun -np 2 (suite name Mpi*).
#include "box_in_slabs.h"
#include "fe/discretization.h"
#include "mechanics/linear_solver.h"

#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_renumbering.h>

#include <gtest/gtest.h>

namespace cspine
{
namespace
{
TEST(MpiGamgBlocks, NodeTriplesOnEveryRankOrNone)
{
  const MPI_Comm comm = MPI_COMM_WORLD;
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(comm), 2u) << "run this suite with mpirun -np 2";
  dealii::parallel::fullydistributed::Triangulation<dim> mesh(comm);
  testing::box_in_slabs(mesh, {4, 2, 2}, dealii::Point<dim>(4, 2, 2));
  const Discretization quadratic_hexahedra(false, 2);
  dealii::DoFHandler<dim> dofs(mesh);
  dofs.distribute_dofs(*quadratic_hexahedra.fe);
  ASSERT_GT(dofs.locally_owned_dofs().n_elements(), 0u);

  const LinearSolverSettings gamg;
  EXPECT_TRUE(LinearSolver(gamg, dofs, quadratic_hexahedra).gamg_aggregates_nodes());
  // All x DoFs first, then y, then z: no rank holds a triple of one node.
  dealii::DoFRenumbering::component_wise(dofs);
  EXPECT_FALSE(LinearSolver(gamg, dofs, quadratic_hexahedra).gamg_aggregates_nodes());
}
} // namespace
} // namespace cspine
