// A test matrix with the coupling pattern of a DoF handler's cells.
#pragma once

#include "fe/assembly_term.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

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
} // namespace cspine::testing
