// A term's cell blocks through the kept cell positions (LocalSink::add_cell_internal) and its nodal
// diagonal in one pass (add_internal_diagonal) give the system that add_internal gives block by block:
// the same K, right-hand side and internal forces, with some cells touching fixed DoFs (which the
// constraints condense) and on two ranks (rows of the other rank).
#include "core/types.h"
#include "coupling_matrix.h"
#include "fe/cell_matrix_positions.h"
#include "fe/fixed_diagonal.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
/// A linear vector-valued mesh of 3 x 3 x 3 cells whose x = 0 face is fixed.
struct Problem
{
  explicit Problem(const MPI_Comm comm) : mesh(comm), fe(dealii::FE_Q<dim>(1), dim), dofs(mesh)
  {
    dealii::GridGenerator::subdivided_hyper_cube(mesh, 3);
    dofs.distribute_dofs(fe);
    dealii::IndexSet relevant;
    dealii::DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    constraints.reinit(relevant);
    for (const auto &cell : dofs.active_cell_iterators())
      if (!cell->is_artificial())
        for (unsigned int v = 0; v < cell->n_vertices(); ++v)
          if (cell->vertex(v)[0] == 0)
            for (unsigned int d = 0; d < dim; ++d)
              if (!constraints.is_constrained(cell->vertex_dof_index(v, d)))
                constraints.add_line(cell->vertex_dof_index(v, d));
    constraints.close();
  }

  /// Forces and tangents that differ per cell, row and column (symmetric), and a nodal diagonal on every
  /// owned DoF: through the fast paths when `fast`, else block by block.
  void assemble(Matrix &K, Vector &rhs, Vector &internal, const bool fast) const
  {
    K = 0;
    rhs = 0;
    internal = 0;
    CellMatrixPositions positions;
    FixedDiagonal diagonal(dofs.locally_owned_dofs(), dofs.get_communicator());
    positions.open(K.petsc_matrix());
    Vector external(dofs.locally_owned_dofs(), dofs.get_communicator());
    LocalSink sink(constraints, K, rhs, &internal, &external, &diagonal, fast ? &positions : nullptr);

    const unsigned int n = fe.n_dofs_per_cell();
    DofList indices(n);
    dealii::FullMatrix<double> block(n, n);
    dealii::Vector<double> force(n);
    std::size_t unconstrained_cells = 0;
    for (const auto &cell : dofs.active_cell_iterators())
    {
      if (!cell->is_locally_owned())
        continue;
      cell->get_dof_indices(indices);
      if (std::none_of(indices.begin(), indices.end(), [&](const auto dof) { return constraints.is_constrained(dof); }))
        ++unconstrained_cells;
      const double centre = cell->center()[0] + 3 * cell->center()[1] + 9 * cell->center()[2];
      for (unsigned int i = 0; i < n; ++i)
      {
        force(i) = std::cos(centre + 0.7 * indices[i]);
        for (unsigned int j = 0; j < n; ++j)
          block(i, j) = std::sin(centre + 0.37 * (indices[i] + indices[j])) + (i == j ? 4.0 : 0.0);
      }
      if (fast)
        sink.add_cell_internal(cell->active_cell_index(), indices, force, block);
      else
        sink.add_internal(indices, force, block);
    }

    const dealii::IndexSet &owned = dofs.locally_owned_dofs();
    const DofList owned_dofs(owned.begin(), owned.end());
    std::vector<double> nodal_force(owned_dofs.size()), stiffness(owned_dofs.size());
    for (std::size_t k = 0; k < owned_dofs.size(); ++k)
    {
      nodal_force[k] = 0.1 * std::sin(1.3 * owned_dofs[k]);
      stiffness[k] = 0.5 + 0.01 * owned_dofs[k];
    }
    if (fast)
      sink.add_internal_diagonal(owned_dofs, nodal_force, stiffness);
    else
      for (std::size_t k = 0; k < owned_dofs.size(); ++k)
      {
        dealii::Vector<double> one_force(1);
        dealii::FullMatrix<double> one_tangent(1, 1);
        one_force(0) = nodal_force[k];
        one_tangent(0, 0) = stiffness[k];
        sink.add_internal(DofList{owned_dofs[k]}, one_force, one_tangent);
      }
    EXPECT_TRUE(positions.close());
    for (Vector *vector : {&rhs, &internal, &external})
      vector->compress(dealii::VectorOperation::add);
    K.compress(dealii::VectorOperation::add);
    diagonal.add_to(K);
    if (fast)
    {
      // Every cell off the fixed face went through the kept positions, and only those.
      EXPECT_GT(unconstrained_cells, 0u);
      EXPECT_EQ(positions.n_cells(), unconstrained_cells);
    }
  }

  dealii::parallel::distributed::Triangulation<dim> mesh;
  dealii::FESystem<dim> fe;
  dealii::DoFHandler<dim> dofs;
  dealii::AffineConstraints<double> constraints;
};

double relative_difference(const Vector &a, const Vector &b)
{
  Vector difference(a);
  difference -= b;
  return difference.l2_norm() / b.l2_norm();
}

void expect_same_system(const MPI_Comm comm)
{
  Problem problem(comm);
  Matrix fast_K, reference_K;
  testing::coupling_matrix(problem.dofs, fast_K);
  testing::coupling_matrix(problem.dofs, reference_K);
  const dealii::IndexSet &owned = problem.dofs.locally_owned_dofs();
  Vector fast_rhs(owned, comm), reference_rhs(owned, comm), fast_internal(owned, comm), reference_internal(owned, comm);
  problem.assemble(fast_K, fast_rhs, fast_internal, true);
  problem.assemble(reference_K, reference_rhs, reference_internal, false);

  EXPECT_GT(reference_K.frobenius_norm(), 1.0);
  EXPECT_GT(reference_rhs.l2_norm(), 0.1);
  // The same sums in another order: round-off only.
  EXPECT_LT(testing::relative_difference(fast_K, reference_K), 1e-14);
  EXPECT_LT(relative_difference(fast_rhs, reference_rhs), 1e-14);
  EXPECT_LT(relative_difference(fast_internal, reference_internal), 1e-14);
}
} // namespace

TEST(LocalSink, CellAndDiagonalPathsGiveTheBlockByBlockSystem)
{
  expect_same_system(MPI_COMM_SELF);
}

TEST(MpiLocalSink, CellAndDiagonalPathsGiveTheBlockByBlockSystemOnTwoRanks)
{
  expect_same_system(MPI_COMM_WORLD);
}
} // namespace cspine
