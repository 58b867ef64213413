// The cell blocks added straight into PETSc's value arrays (fe/cell_matrix_positions) give the matrix
// that MatSetValues gives: on one rank, on two (where the rows of the other rank are sent at close(),
// not through PETSc's stash), again after the matrix is zeroed (positions kept; on two ranks the values
// travel without their indices), when fewer cells are added (the indices travel again), and after the
// DoFs are renumbered (positions found anew).
#include "core/types.h"
#include "coupling_matrix.h"
#include "fe/cell_matrix_positions.h"

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/lac/petsc_sparse_matrix.h>

#include <gtest/gtest.h>

#include <cmath>

namespace cspine
{
namespace
{

struct Blocks
{
  std::size_t cells_added_directly = 0;
  std::size_t owned_cells = 0;
  /// Summed over the ranks: the cells with rows on another rank, the values and indices close() sent,
  /// and the entries left in PETSc's stash after it.
  std::size_t shared_cells = 0, sent_values = 0, sent_indices = 0, stashed = 0;
};

/// A quadratic vector-valued mesh of 3 x 3 x 3 cells on `comm`.
struct Problem
{
  explicit Problem(const MPI_Comm comm) : mesh(comm), fe(dealii::FE_Q<dim>(2), dim), dofs(mesh)
  {
    dealii::GridGenerator::subdivided_hyper_cube(mesh, 3);
    dofs.distribute_dofs(fe);
  }

  /// A matrix with the DoFs' coupling pattern, zero.
  void make_matrix(Matrix &K) const { testing::coupling_matrix(dofs, K); }

  /// Adds every owned cell's block (entries that differ per cell, row and column, times `scale`), but
  /// every `skip`-th cell's when skip > 0: through `positions` when given (PETSc for the cells it
  /// declines), otherwise through MatSetValues.
  Blocks add_blocks(Matrix &K, CellMatrixPositions *positions, const double scale, const unsigned int skip = 0) const
  {
    const unsigned int n = fe.n_dofs_per_cell();
    std::vector<dealii::types::global_dof_index> indices(n);
    std::vector<PetscInt> petsc_indices(n);
    dealii::FullMatrix<double> block(n, n);
    Blocks counts;
    K = 0;
    if (positions)
      positions->open(K.petsc_matrix());
    for (const auto &cell : dofs.active_cell_iterators())
    {
      if (!cell->is_locally_owned() || (skip > 0 && cell->active_cell_index() % skip == 0))
        continue;
      ++counts.owned_cells;
      cell->get_dof_indices(indices);
      const double centre = cell->center()[0] + 3 * cell->center()[1] + 9 * cell->center()[2];
      for (unsigned int i = 0; i < n; ++i)
        for (unsigned int j = 0; j < n; ++j)
          block(i, j) = scale * std::sin(centre + 0.37 * indices[i] + 1.1 * indices[j]);
      if (positions && positions->add(cell->active_cell_index(), indices, block))
      {
        ++counts.cells_added_directly;
        continue;
      }
      for (unsigned int i = 0; i < n; ++i)
        petsc_indices[i] = static_cast<PetscInt>(indices[i]);
      EXPECT_EQ(MatSetValues(K.petsc_matrix(), static_cast<PetscInt>(n), petsc_indices.data(), static_cast<PetscInt>(n),
                             petsc_indices.data(), &block(0, 0), ADD_VALUES),
                0);
    }
    if (positions)
    {
      EXPECT_TRUE(positions->close());
      const MPI_Comm comm = dofs.get_communicator();
      counts.shared_cells = dealii::Utilities::MPI::sum(positions->n_shared(), comm);
      counts.sent_values = dealii::Utilities::MPI::sum(positions->n_sent_values(), comm);
      counts.sent_indices = dealii::Utilities::MPI::sum(positions->n_sent_indices(), comm);
      PetscInt stashed = 0, reallocations = 0, block_stashed = 0, block_reallocations = 0;
      EXPECT_EQ(MatStashGetInfo(K.petsc_matrix(), &stashed, &reallocations, &block_stashed, &block_reallocations), 0);
      counts.stashed = dealii::Utilities::MPI::sum(static_cast<std::size_t>(stashed + block_stashed), comm);
    }
    K.compress(dealii::VectorOperation::add);
    return counts;
  }

  dealii::parallel::distributed::Triangulation<dim> mesh;
  dealii::FESystem<dim> fe;
  dealii::DoFHandler<dim> dofs;
};

/// Checks the three rounds on `comm`; returns the first round's counts.
Blocks expect_same_matrix_as_petsc(const MPI_Comm comm)
{
  Problem problem(comm);
  Matrix direct, reference;
  problem.make_matrix(direct);
  problem.make_matrix(reference);
  CellMatrixPositions positions;

  const Blocks first = problem.add_blocks(direct, &positions, 1.0);
  problem.add_blocks(reference, nullptr, 1.0);
  EXPECT_GT(reference.frobenius_norm(), 1.0);
  EXPECT_LT(testing::relative_difference(direct, reference), 1e-15);
  EXPECT_EQ(positions.n_cells(), first.cells_added_directly);

  EXPECT_EQ(positions.n_searched(), first.owned_cells);

  // Every cell went through the positions, and the other ranks' rows (if any) were sent by close(), with
  // their indices the first time: nothing is left for PETSc to send.
  EXPECT_EQ(first.stashed, 0u);
  EXPECT_EQ(first.sent_values > 0, first.shared_cells > 0);
  EXPECT_EQ(first.sent_indices > first.sent_values, first.shared_cells > 0);

  // Zeroed and filled again: the kept positions are used, not searched again, and the values travel alone.
  const Blocks second = problem.add_blocks(direct, &positions, 2.0);
  problem.add_blocks(reference, nullptr, 2.0);
  EXPECT_EQ(second.cells_added_directly, first.cells_added_directly);
  EXPECT_EQ(positions.n_searched(), first.owned_cells);
  EXPECT_LT(testing::relative_difference(direct, reference), 1e-15);
  EXPECT_EQ(second.sent_values, first.sent_values);
  EXPECT_EQ(second.sent_indices, 0u);

  // Every third cell left out: the rows sent are in another order, so their indices travel again, and
  // the owner finds where they go anew (kept positions would put them in the wrong places).
  const Blocks fewer = problem.add_blocks(direct, &positions, 3.0, 3);
  problem.add_blocks(reference, nullptr, 3.0, 3);
  EXPECT_LT(testing::relative_difference(direct, reference), 1e-15);
  EXPECT_EQ(fewer.sent_indices > 0, first.shared_cells > 0);
  EXPECT_LT(fewer.sent_values, std::max<std::size_t>(first.sent_values, 1));
  EXPECT_EQ(fewer.stashed, 0u);

  // Other DoF numbers and a new matrix: the old positions would put every entry in the wrong place.
  dealii::DoFRenumbering::Cuthill_McKee(problem.dofs);
  problem.make_matrix(direct);
  problem.make_matrix(reference);
  problem.add_blocks(direct, &positions, 1.0);
  problem.add_blocks(reference, nullptr, 1.0);
  EXPECT_EQ(positions.n_searched(), 2 * first.owned_cells);
  EXPECT_LT(testing::relative_difference(direct, reference), 1e-15);
  return first;
}
} // namespace

TEST(CellMatrixPositions, AddsWhatMatSetValuesAdds)
{
  const Blocks counts = expect_same_matrix_as_petsc(MPI_COMM_SELF);
  EXPECT_EQ(counts.cells_added_directly, counts.owned_cells);
  EXPECT_EQ(counts.owned_cells, 27u);
  EXPECT_EQ(counts.shared_cells, 0u); // one rank owns every row
}

TEST(MpiCellMatrixPositions, AddsWhatMatSetValuesAddsOnTwoRanks)
{
  const Blocks counts = expect_same_matrix_as_petsc(MPI_COMM_WORLD);
  // Every cell goes through the positions; on two ranks some have rows on the other rank, which PETSc sends.
  EXPECT_EQ(counts.cells_added_directly, counts.owned_cells);
  if (dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) > 1)
  {
    EXPECT_GT(counts.shared_cells, 0u);
  }
}
} // namespace cspine
