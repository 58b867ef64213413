// K G by the bodies' rows of a symmetric K (mechanics/mode_product) equals PETSc's MatMatMult with the modes
// as dense columns: on one rank, and on two, where a body's rows reach columns the other rank owns.
#include "core/types.h"
#include "coupling_matrix.h"
#include "mechanics/dense_columns.h"
#include "mechanics/mode_product.h"

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace cspine
{
namespace
{
/// The largest difference between mode_product's K G and MatMatMult's, relative to the largest entry of K G,
/// for two bodies (the owned DoFs of the cells left and right of x = 0.5) on a 4 x 4 x 4 mesh on `comm`.
/// `off_rank_entries` gets how many of the bodies' rows' entries lie in columns another rank owns.
double largest_difference(const MPI_Comm comm, unsigned long &off_rank_entries)
{
  dealii::parallel::distributed::Triangulation<dim> mesh(comm);
  dealii::GridGenerator::subdivided_hyper_cube(mesh, 4);
  const dealii::FESystem<dim> fe(dealii::FE_Q<dim>(1), dim);
  dealii::DoFHandler<dim> dofs(mesh);
  dofs.distribute_dofs(fe);
  const dealii::IndexSet &owned = dofs.locally_owned_dofs();
  Matrix K;
  const dealii::DynamicSparsityPattern pattern = testing::coupling_matrix(dofs, K);

  // A symmetric matrix with entries that differ per row and column; each body's DoFs.
  std::vector<DofList> body_dofs(2);
  const unsigned int n = fe.n_dofs_per_cell();
  DofList indices(n);
  dealii::FullMatrix<double> block(n, n);
  for (const auto &cell : dofs.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    cell->get_dof_indices(indices);
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = 0; j < n; ++j)
        block(i, j) = std::sin(0.37 * (indices[i] + indices[j])) + (i == j ? 4.0 : 0.0);
    K.add(indices, block);
    DofList &body = body_dofs[cell->center()[0] < 0.5 ? 0 : 1];
    for (const auto dof : indices)
      if (owned.is_element(dof))
        body.push_back(dof);
  }
  K.compress(dealii::VectorOperation::add);
  for (DofList &body : body_dofs)
  {
    std::sort(body.begin(), body.end());
    body.erase(std::unique(body.begin(), body.end()), body.end());
  }
  // A DoF on both bodies' cells belongs to the first only.
  DofList second;
  std::set_difference(body_dofs[1].begin(), body_dofs[1].end(), body_dofs[0].begin(), body_dofs[0].end(),
                      std::back_inserter(second));
  body_dofs[1] = second;

  // Three modes per body, nonzero (and different) on its DoFs only.
  std::vector<Vector> modes(6), products, reference(6);
  std::vector<const DofList *> mode_dofs;
  for (unsigned int i = 0; i < modes.size(); ++i)
  {
    const DofList &body = body_dofs[i / 3];
    modes[i].reinit(owned, comm);
    for (const auto dof : body)
      modes[i](dof) = std::cos(1.3 * dof + i);
    modes[i].compress(dealii::VectorOperation::insert);
    reference[i].reinit(owned, comm);
    mode_dofs.push_back(&body);
  }
  multiply_by_modes(K, modes, mode_dofs, products);

  std::vector<Vec> mode_handles, reference_handles;
  for (unsigned int i = 0; i < modes.size(); ++i)
  {
    mode_handles.push_back(static_cast<const Vec &>(modes[i]));
    reference_handles.push_back(static_cast<const Vec &>(reference[i]));
  }
  Mat G = dense_from_columns(mode_handles), KG;
  EXPECT_EQ(MatMatMult(K.petsc_matrix(), G, MAT_INITIAL_MATRIX, PETSC_DEFAULT, &KG), 0);
  copy_dense_columns(KG, reference_handles);
  MatDestroy(&G);
  MatDestroy(&KG);

  off_rank_entries = 0;
  for (const DofList &body : body_dofs)
    for (const auto dof : body)
      for (auto entry = pattern.begin(dof); entry != pattern.end(dof); ++entry)
        off_rank_entries += owned.is_element(entry->column()) ? 0 : 1;
  off_rank_entries = dealii::Utilities::MPI::sum(off_rank_entries, comm);

  double largest = 0, difference = 0;
  for (unsigned int i = 0; i < modes.size(); ++i)
  {
    largest = std::max(largest, reference[i].linfty_norm());
    reference[i] -= products[i];
    difference = std::max(difference, reference[i].linfty_norm());
  }
  EXPECT_GT(largest, 1.0);
  return difference / largest;
}
} // namespace

TEST(ModeProduct, EqualsMatMatMult)
{
  unsigned long off_rank_entries = 0;
  EXPECT_LT(largest_difference(MPI_COMM_SELF, off_rank_entries), 1e-14);
}

TEST(MpiModeProduct, EqualsMatMatMultOnTwoRanks)
{
  unsigned long off_rank_entries = 0;
  EXPECT_LT(largest_difference(MPI_COMM_WORLD, off_rank_entries), 1e-14);
  if (dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) > 1)
  {
    EXPECT_GT(off_rank_entries, 0u);
  }
}
} // namespace cspine
