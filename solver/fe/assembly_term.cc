#include "fe/assembly_term.h"
#include "fe/cell_matrix_positions.h"
#include "fe/fixed_diagonal.h"

#include <petscmat.h>

#include <algorithm>
#include <stdexcept>

namespace cspine
{
LocalSink::LocalSink(Vector &internal_forces, Vector &external_forces)
    : internal(&internal_forces), external(&external_forces)
{
}

LocalSink::LocalSink(const dealii::AffineConstraints<double> &update_constraints, Matrix &matrix,
                     Vector &right_hand_side, Vector *internal_forces, Vector *external_forces,
                     FixedDiagonal *fixed_diagonal, CellMatrixPositions *cell_positions)
    : constraints(&update_constraints), K(&matrix), internal(internal_forces), external(external_forces),
      rhs(&right_hand_side), fixed(fixed_diagonal), cells(cell_positions)
{
}

void LocalSink::add_internal(const DofList &dofs, const dealii::Vector<double> &force,
                             const dealii::FullMatrix<double> &tangent)
{
  if (internal)
    internal->add(dofs, force);
  if (K)
    add_to_system(dofs, force, tangent);
}

void LocalSink::add_cell_internal(const unsigned int cell, const DofList &dofs, const dealii::Vector<double> &force,
                                  const dealii::FullMatrix<double> &tangent)
{
  if (internal)
    internal->add(dofs, force);
  if (!K)
    return;
  const bool square = !dofs.empty() && tangent.m() == dofs.size() && tangent.n() == dofs.size();
  if (square && cells &&
      std::none_of(dofs.begin(), dofs.end(), [&](const auto dof) { return constraints->is_constrained(dof); }) &&
      cells->add(cell, dofs, tangent))
  {
    negated = force;
    negated *= -1;
    rhs->add(dofs, negated);
    return;
  }
  add_to_system(dofs, force, tangent);
}

void LocalSink::add_internal_diagonal(const DofList &dofs, const std::vector<double> &force,
                                      const std::vector<double> &stiffness)
{
  if (internal)
    internal->add(dofs, force);
  if (!K)
    return;
  // The free DoFs in one pass, and the fixed ones (a fixed node, the prescribed head: thousands of DoFs
  // under the viscous stabilisation, each of which cost allocations as a block of its own) in another;
  // one constrained to other DoFs as its own block, which the constraints condense.
  DofList free_dofs, fixed_dofs;
  std::vector<double> free_rhs, free_diagonal, fixed_diagonal;
  DofList one(1);
  dealii::Vector<double> one_force(1), one_diagonal(1);
  dealii::FullMatrix<double> one_tangent(1, 1);
  for (std::size_t k = 0; k < dofs.size(); ++k)
  {
    one[0] = dofs[k];
    one_tangent(0, 0) = stiffness[k];
    if (fixed && !constraints->is_constrained(dofs[k]))
    {
      free_dofs.push_back(dofs[k]);
      free_rhs.push_back(-force[k]);
      free_diagonal.push_back(stiffness[k]);
    }
    else if (fixed && all_fixed(*constraints, one))
    {
      // What add_to_system gives a fixed DoF's block: its diagonal only (fe/fixed_diagonal.h).
      FixedDiagonal::diagonal_of(one_tangent, one_diagonal);
      fixed_dofs.push_back(dofs[k]);
      fixed_diagonal.push_back(one_diagonal(0));
    }
    else
    {
      one_force(0) = force[k];
      add_to_system(one, one_force, one_tangent);
    }
  }
  if (!fixed_dofs.empty())
    fixed->add(fixed_dofs, dealii::Vector<double>(fixed_diagonal.begin(), fixed_diagonal.end()));
  if (free_dofs.empty())
    return;
  rhs->add(free_dofs, free_rhs);
  fixed->add_free(free_dofs, free_diagonal);
}

void LocalSink::add_to_system(const DofList &dofs, const dealii::Vector<double> &force,
                              const dealii::FullMatrix<double> &tangent)
{
  dealii::Vector<double> local_rhs(force);
  local_rhs *= -1;
  const bool square = !dofs.empty() && tangent.m() == dofs.size() && tangent.n() == dofs.size();
  if (square && fixed && all_fixed(*constraints, dofs))
  {
    fixed->add_block(tangent, dofs);
    return;
  }
  if (!square ||
      std::any_of(dofs.begin(), dofs.end(), [&](const auto dof) { return constraints->is_constrained(dof); }))
  {
    constraints->distribute_local_to_global(tangent, local_rhs, dofs, *K, *rhs);
    return;
  }
  // No constraint touches the block (most blocks): one MatSetValues (FullMatrix is row-major, as PETSc
  // reads it), not the constraints' distribution row by row with its bookkeeping per block.
  indices.assign(dofs.begin(), dofs.end());
  const auto n = static_cast<PetscInt>(dofs.size());
  if (MatSetValues(K->petsc_matrix(), n, indices.data(), n, indices.data(), &tangent(0, 0), ADD_VALUES) != 0)
    throw std::logic_error("MatSetValues failed on a term's block: an entry outside the matrix's pattern?");
  rhs->add(dofs, local_rhs);
}

void LocalSink::add_external(const DofList &dofs, const dealii::Vector<double> &force)
{
  if (external)
    external->add(dofs, force);
  if (K)
    constraints->distribute_local_to_global(force, dofs, *rhs);
}
} // namespace cspine
