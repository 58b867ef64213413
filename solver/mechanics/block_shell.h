// The full system's operator and preconditioner from those of its block on some rows, for a matrix whose
// other rows and columns hold only their diagonal (K' of a system with rigid bodies: the bodies' rows,
// replaced). MatZeroRowsColumns keeps such rows' stored entries, so a product with K' reads every zero of
// them, and GAMG built on K' coarsens them; on the coarse spine with C1-C7 rigid 58 % of the DoFs are the
// rigid bodies' (bones' and head's) rows. The shell multiplies and preconditions the block only and scales
// the other rows by their diagonal.
#pragma once

#include <petscksp.h>

namespace cspine
{
class BlockShell
{
public:
  /// `full` is K' (its layout and diagonal are taken), `block` its block on `rows` (owned global rows, as
  /// MatCreateSubMatrix takes them) and `block_solver` a KSP on the block, set up. The shell's KSP takes
  /// block_solver's type, norm, preconditioning side and tolerances, and the shell of its preconditioner.
  BlockShell(Mat full, Mat block, IS rows, KSP block_solver);
  ~BlockShell();
  BlockShell(const BlockShell &) = delete;
  BlockShell &operator=(const BlockShell &) = delete;

  KSP ksp() const { return solver; }

private:
  /// The constructor's work; release() undoes what it did, also part-way.
  void build(Mat full, KSP block_solver);
  void release() noexcept;
  static PetscErrorCode multiply(Mat shell, Vec x, Vec y);
  static PetscErrorCode precondition(PC shell, Vec r, Vec z);
  /// block_out = the block's operation on block_in (a PETSc call's error code).
  using BlockOperation = PetscErrorCode (*)(const BlockShell &);
  /// out = `operation` on the block's rows of in, `outside` * in (entrywise) on the others.
  PetscErrorCode by_rows(Vec in, Vec out, Vec outside, BlockOperation operation);

  Mat block;
  IS rows;
  PC block_preconditioner;
  /// The diagonal of K' and its inverse on the rows outside the block, zero on the block's rows.
  Vec outside_diagonal = nullptr, outside_inverse = nullptr;
  /// The block's vectors an application restricts to and prolongs from.
  Vec block_in = nullptr, block_out = nullptr;
  Mat shell_matrix = nullptr;
  KSP solver = nullptr;
};
} // namespace cspine
