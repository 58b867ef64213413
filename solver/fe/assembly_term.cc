#include "fe/assembly_term.h"
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
                     FixedDiagonal *fixed_diagonal)
    : constraints(&update_constraints), K(&matrix), internal(internal_forces), external(external_forces),
      rhs(&right_hand_side), fixed(fixed_diagonal)
{
}

void LocalSink::add_internal(const DofList &dofs, const dealii::Vector<double> &force,
                             const dealii::FullMatrix<double> &tangent)
{
  if (internal)
    internal->add(dofs, force);
  if (!K)
    return;
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
