#include "mechanics/block_shell.h"
#include "fe/petsc_check.h"

namespace cspine
{
namespace
{
/// The BlockShell a shell matrix or preconditioner carries, or nullptr.
template <typename Object> BlockShell *context(PetscErrorCode (*get)(Object, void *), const Object object)
{
  BlockShell *self = nullptr;
  return get(object, &self) == 0 ? self : nullptr;
}
} // namespace

BlockShell::BlockShell(const Mat full, const Mat block_matrix, const IS block_rows, const KSP block_solver)
    : block(block_matrix), rows(block_rows)
{
  try
  {
    build(full, block_solver);
  }
  catch (...)
  {
    release(); // a destructor does not run for a constructor that throws
    throw;
  }
}

void BlockShell::build(const Mat full, const KSP block_solver)
{
  check_petsc(KSPGetPC(block_solver, &block_preconditioner), "KSPGetPC");
  check_petsc(MatCreateVecs(full, &outside_diagonal, nullptr), "MatCreateVecs");
  check_petsc(MatGetDiagonal(full, outside_diagonal), "MatGetDiagonal");
  check_petsc(VecISSet(outside_diagonal, rows, 0.0), "VecISSet");
  check_petsc(VecDuplicate(outside_diagonal, &outside_inverse), "VecDuplicate");
  check_petsc(VecCopy(outside_diagonal, outside_inverse), "VecCopy");
  check_petsc(VecReciprocal(outside_inverse), "VecReciprocal"); // leaves the zeros
  check_petsc(MatCreateVecs(block, &block_in, &block_out), "MatCreateVecs");

  PetscInt local_rows = 0, local_columns = 0;
  check_petsc(MatGetLocalSize(full, &local_rows, &local_columns), "MatGetLocalSize");
  MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(full));
  check_petsc(MatCreateShell(comm, local_rows, local_columns, PETSC_DETERMINE, PETSC_DETERMINE, this, &shell_matrix),
              "MatCreateShell");
  check_petsc(MatShellSetOperation(shell_matrix, MATOP_MULT, reinterpret_cast<void (*)(void)>(multiply)),
              "MatShellSetOperation");
  check_petsc(KSPCreate(comm, &solver), "KSPCreate");
  check_petsc(KSPSetOperators(solver, shell_matrix, shell_matrix), "KSPSetOperators");
  // The block solver's method and stopping test (the true residual, linear_solver.cc says why).
  KSPType type = nullptr;
  KSPNormType norm = KSP_NORM_DEFAULT;
  PCSide side = PC_SIDE_DEFAULT;
  PetscReal tolerance = 0;
  PetscInt max_iterations = 0;
  check_petsc(KSPGetType(block_solver, &type), "KSPGetType");
  check_petsc(KSPGetNormType(block_solver, &norm), "KSPGetNormType");
  check_petsc(KSPGetPCSide(block_solver, &side), "KSPGetPCSide");
  check_petsc(KSPGetTolerances(block_solver, &tolerance, nullptr, nullptr, &max_iterations), "KSPGetTolerances");
  check_petsc(KSPSetType(solver, type), "KSPSetType");
  check_petsc(KSPSetNormType(solver, norm), "KSPSetNormType");
  check_petsc(KSPSetPCSide(solver, side), "KSPSetPCSide");
  check_petsc(KSPSetTolerances(solver, tolerance, 0.0, PETSC_DEFAULT, max_iterations), "KSPSetTolerances");
  PC pc = nullptr;
  check_petsc(KSPGetPC(solver, &pc), "KSPGetPC");
  check_petsc(PCSetType(pc, PCSHELL), "PCSetType");
  check_petsc(PCShellSetContext(pc, this), "PCShellSetContext");
  check_petsc(PCShellSetApply(pc, precondition), "PCShellSetApply");
}

BlockShell::~BlockShell()
{
  release();
}

void BlockShell::release() noexcept
{
  KSPDestroy(&solver);
  MatDestroy(&shell_matrix);
  VecDestroy(&block_in);
  VecDestroy(&block_out);
  VecDestroy(&outside_diagonal);
  VecDestroy(&outside_inverse);
}

PetscErrorCode BlockShell::by_rows(const Vec in, const Vec out, const Vec outside, const BlockOperation operation)
{
  return petsc_callback(
      [&]()
      {
        check_petsc(VecISCopy(in, rows, SCATTER_REVERSE, block_in), "VecISCopy");
        check_petsc(operation(*this), "the block's operation");
        check_petsc(VecPointwiseMult(out, outside, in), "VecPointwiseMult");
        check_petsc(VecISCopy(out, rows, SCATTER_FORWARD, block_out), "VecISCopy");
      });
}

// y = K' x: the block's product on its rows, the diagonal's on the others.
PetscErrorCode BlockShell::multiply(const Mat shell, const Vec x, const Vec y)
{
  BlockShell *self = context(MatShellGetContext, shell);
  return !self ? PETSC_ERR_LIB
               : self->by_rows(x, y, self->outside_diagonal,
                               [](const BlockShell &s) { return MatMult(s.block, s.block_in, s.block_out); });
}

// z = M^-1 r: the block's preconditioner on its rows, the diagonal's inverse on the others.
PetscErrorCode BlockShell::precondition(const PC shell, const Vec r, const Vec z)
{
  BlockShell *self = context(PCShellGetContext, shell);
  return !self ? PETSC_ERR_LIB
               : self->by_rows(r, z, self->outside_inverse,
                               [](const BlockShell &s)
                               { return PCApply(s.block_preconditioner, s.block_in, s.block_out); });
}
} // namespace cspine
