// A test matrix with the coupling pattern of a DoF handler's cells, and how far two such matrices differ.
#pragma once

#include "fe/assembly_term.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <gtest/gtest.h>

namespace cspine::testing
{
/// Makes K (zero) with the pattern of the cells' couplings, distributed over the handler's ranks; returns
/// the pattern (its owned rows complete).
inline dealii::DynamicSparsityPattern coupling_matrix(const dealii::DoFHandler<dim> &dofs, Matrix &K)
{
  const MPI_Comm comm = dofs.get_communicator();
  const dealii::IndexSet &owned = dofs.locally_owned_dofs();
  dealii::IndexSet relevant;
  dealii::DoFTools::extract_locally_relevant_dofs(dofs, relevant);
  dealii::DynamicSparsityPattern pattern(relevant);
  dealii::DoFTools::make_sparsity_pattern(dofs, pattern);
  dealii::SparsityTools::distribute_sparsity_pattern(pattern, owned, comm, relevant);
  K.reinit(owned, owned, pattern, comm);
  return pattern;
}

/// |A - B|_F / |B|_F, on a copy of A (A's pattern and its nonzero state stay as they are).
inline double relative_difference(Matrix &A, Matrix &B)
{
  Mat difference = nullptr;
  PetscReal norm = 0;
  EXPECT_EQ(MatDuplicate(A.petsc_matrix(), MAT_COPY_VALUES, &difference), 0);
  EXPECT_EQ(MatAXPY(difference, -1.0, B.petsc_matrix(), SAME_NONZERO_PATTERN), 0);
  EXPECT_EQ(MatNorm(difference, NORM_FROBENIUS, &norm), 0);
  EXPECT_EQ(MatDestroy(&difference), 0);
  return norm / B.frobenius_norm();
}
} // namespace cspine::testing
