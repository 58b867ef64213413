#include "fe/assembly_term.h"

namespace cspine
{
LocalSink::LocalSink(Vector &internal_forces, Vector &external_forces)
    : internal(&internal_forces), external(&external_forces)
{
}

LocalSink::LocalSink(const dealii::AffineConstraints<double> &update_constraints, Matrix &matrix,
                     Vector &right_hand_side, Vector *internal_forces, Vector *external_forces)
    : constraints(&update_constraints), K(&matrix), internal(internal_forces), external(external_forces),
      rhs(&right_hand_side)
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
  constraints->distribute_local_to_global(tangent, local_rhs, dofs, *K, *rhs);
}

void LocalSink::add_external(const DofList &dofs, const dealii::Vector<double> &force)
{
  if (external)
    external->add(dofs, force);
  if (K)
    constraints->distribute_local_to_global(force, dofs, *rhs);
}
} // namespace cspine
