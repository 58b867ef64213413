// What a block on fixed DoFs (each constrained to a value alone: a boundary condition, the prescribed
// head) gives the condensed system: AffineConstraints::distribute_local_to_global adds nothing but
// |K_ii| to each fixed DoF's diagonal (the block's mean |K_ii| where K_ii = 0; deal.II's
// set_matrix_diagonals). Summed here and added in one pass, that skips the constraints' row-by-row
// distribution, which took a third of the head-holding rank's cell assembly in the rotary thrust. Purely
// diagonal terms on free DoFs (the viscous stabilisation's) are summed into the same pass.
#pragma once

#include "fe/assembly_term.h"

namespace cspine
{
/// Whether every DoF in `dofs` is constrained to a value alone, not to other DoFs.
bool all_fixed(const dealii::AffineConstraints<double> &constraints, const DofList &dofs);

class FixedDiagonal
{
public:
  FixedDiagonal(const dealii::IndexSet &owned, MPI_Comm comm);

  /// What the square `block` gives its fixed DoFs' diagonal: |K_ii|, or the block's mean where K_ii = 0.
  /// Into `values`, resized to the block's size (no allocation where it has that size already).
  static void diagonal_of(const dealii::FullMatrix<double> &block, dealii::Vector<double> &values);
  /// Adds `values` (from diagonal_of) to the diagonal of `dofs` (all fixed).
  void add(const DofList &dofs, const dealii::Vector<double> &values);
  /// Adds `values` to the diagonal of `dofs`, none of them constrained (a nodal damper's stiffness): summed
  /// with the fixed DoFs' and added in the same pass, not entry by entry through PETSc's search.
  void add_free(const DofList &dofs, const std::vector<double> &values);
  /// add(dofs, diagonal_of(block)).
  void add_block(const dealii::FullMatrix<double> &block, const DofList &dofs);
  /// Adds the sums to K's diagonal, where any rank added a block. Collective; K must be compressed.
  void add_to(Matrix &K);

private:
  Vector diagonal;
  bool added = false;
};
} // namespace cspine
