// Krylov solver with algebraic multigrid through PETSc's own API (deal.II 9.4 wraps neither GAMG nor
// near-null spaces): CG or GMRES with GAMG given the six rigid-body modes of the current configuration,
// or hypre BoomerAMG; or a direct MUMPS solve. PETSc options (-ksp_*, -pc_*) can override the choice.
// The direct solve keeps its factorisation; with `Lagged factorization iterations` > 0 the next tangent
// is first solved by GMRES preconditioned with it, and factorised afresh only when that does not converge
// within those iterations. The iterative methods keep their preconditioner across tangents while it
// stays effective (`Preconditioner reuse`).
#pragma once

#include <functional>
#include <string>

#include "mechanics/solid_assembler.h"
#include "mechanics/solver_settings.h"

#include <deal.II/dofs/dof_handler.h>

#include <petscksp.h>

#include <vector>

namespace cspine
{
class LinearSolver
{
public:
  LinearSolver(const LinearSolverSettings &settings, const dealii::DoFHandler<dim> &dof_handler,
               const Discretization &discretization);
  ~LinearSolver();
  LinearSolver(const LinearSolver &) = delete;
  LinearSolver &operator=(const LinearSolver &) = delete;

  struct Result
  {
    bool converged = false;
    unsigned int iterations = 0;
    double setup_seconds = 0;
    double solve_seconds = 0;
    /// Whether K was factorised (direct method), or the preconditioner built (iterative), for this solve,
    /// and the rows of the matrix it was built on (fewer than K's with rigid bodies: their soft block).
    bool factorized = false;
    dealii::types::global_dof_index built_rows = 0;
    /// The right-hand sides solved.
    unsigned int right_hand_sides = 0;
    /// Why it failed, when it did (e.g. the direct solver's error code).
    std::string failure;
  };

  /// [MB] What the linear solver will add on the largest rank, estimated before the first solve. Direct:
  /// MUMPS' estimate, from its analysis of K's pattern, of its factorisation (its workspace margin covers
  /// the rigid bodies' vectors: with C1-C7 rigid the whole estimate was 0.86-1.72 of the peak). Iterative:
  /// GAMG's hierarchy (with rigid bodies, and the soft block it is built on), taken as one more copy of K's
  /// local part, the Krylov method's and the finest smoother's vectors, and `vectors` more of K's local
  /// length (e.g. a bordered solve's). With C1-C7 rigid and cg: 0.84-0.99 of the peak on linear tetrahedra
  /// (33 k-353 k DoFs), 1.17-1.27 on quadratic ones (408 k, 1.04 M). Collective.
  double memory_megabytes(Matrix &K, unsigned int vectors) const;

  /// Solves K x = b; `u` (ghosted) is the current displacement, used for the rigid-body modes. The
  /// direct method may precondition with the factorisation of an earlier K (same object and pattern).
  /// `relative_tolerance` > 0 replaces the settings' for an iterative method (an inexact Newton update).
  Result solve(Matrix &K, Vector &x, const Vector &b, const Vector &u, double relative_tolerance = 0);
  /// Solves K x[i] = b[i] for every i with one factorisation or preconditioner (a bordered system).
  Result solve(Matrix &K, const std::vector<Vector *> &x, const std::vector<const Vector *> &b, const Vector &u,
               double relative_tolerance = 0);

  /// One solve of the caller's own (e.g. mechanics/bordered_krylov) with the iterative method's
  /// preconditioner of K: `solve_all` gets the KSP on K, its preconditioner set up (built, or kept as for
  /// `solve`) and its tolerances set, adds its iterations to the result and says whether it converged. It
  /// is called again with a fresh preconditioner when a kept one fails; `n_solves` sets the rate per solve
  /// by which a kept preconditioner is judged.
  using PreconditionedSolve = std::function<bool(KSP ksp, Result &result)>;
  Result solve_with_preconditioner(Matrix &K, const Vector &u, double relative_tolerance, unsigned int n_solves,
                                   const PreconditionedSolve &solve_all);

  /// `solve_with_preconditioner` for a K whose rows other than `kept` (global indices, ascending, locally
  /// owned) hold only their diagonal (a system with rigid bodies, mechanics/rigid_body_solve): the
  /// preconditioner is built on K's block on `kept` only, and `solve_all` gets a KSP whose operator and
  /// preconditioner apply that block's (mechanics/block_shell). The block is kept as for `solve_block`.
  Result solve_block_with_preconditioner(Matrix &K, const std::vector<dealii::types::global_dof_index> &kept,
                                         const Vector &u, double relative_tolerance, unsigned int n_solves,
                                         const PreconditionedSolve &solve_all);

  /// Direct method: solves K's block on the locally owned rows and columns `kept` (global indices,
  /// ascending) for each b[i] restricted to them; x[i] is zero elsewhere. The block and MUMPS' analysis of
  /// it are kept while K's pattern and `kept` stay the same. For the soft tissue of a system with rigid
  /// bodies (mechanics/rigid_body_solve): the bones' rows and their fill stay out of the factorisation.
  Result solve_block(Matrix &K, const std::vector<dealii::types::global_dof_index> &kept,
                     const std::vector<Vector *> &x, const std::vector<const Vector *> &b);

  /// Direct method: solves with the last factorisation (of the last `solve` or `solve_block`, which it
  /// solves again for new right-hand sides) without factorising anew; not converged if there is none.
  Result solve_with_kept_factorization(const std::vector<Vector *> &x, const std::vector<const Vector *> &b);

  /// Whether the method is iterative (cg or gmres), and its relative tolerance.
  bool iterative() const { return settings.method != LinearSolverSettings::Method::direct; }
  double relative_tolerance() const { return settings.relative_tolerance; }
  bool inexact_newton() const { return settings.inexact_newton; }
  bool group_rigid_bodies() const { return settings.group_rigid_bodies; }
  /// Whether GAMG is given K's block size 3 (see `node_triples`).
  bool gamg_aggregates_nodes() const { return node_triples; }

private:
  /// A fresh KSP for the iterative method on A, with `modes` (A's layout, orthonormal) as GAMG's near-null
  /// space, and A's block size 3 if `triples`.
  void create_iterative(Mat A, const std::vector<Vec> &modes, bool triples);
  /// The iterative solve on A with iterative_ksp: kept (its preconditioner lagged) while it stays
  /// effective, else built afresh by `rebuild`, which calls create_iterative.
  Result preconditioned(Mat A, const std::function<void()> &rebuild, double relative_tolerance, unsigned int n_solves,
                        const PreconditionedSolve &solve_all);
  /// Keeps `block` as K's block on `kept` (a new one when K, its pattern or `kept` changed).
  void extract_block(Matrix &K, const std::vector<dealii::types::global_dof_index> &kept);
  Result solve_directly(Mat K, const std::vector<Vec> &x, const std::vector<Vec> &b);
  /// `solve_block_vectors` on b restricted to `block_rows`, its solutions put back into x (zero elsewhere).
  Result on_block(const std::vector<Vector *> &x, const std::vector<const Vector *> &b,
                  const std::function<Result(const std::vector<Vec> &, const std::vector<Vec> &)> &solve_block_vectors);
  /// GMRES on K preconditioned by the kept factorisation; false (x zeroed) if one does not converge.
  bool solve_with_lagged_factorization(const std::vector<Vec> &x, const std::vector<Vec> &b, Result &result);
  std::vector<Vector> rigid_body_modes(const Vector &u, bool block_only) const;

  LinearSolverSettings settings;
  const dealii::DoFHandler<dim> &dof_handler;
  /// Reference support point and component of each locally owned DoF.
  std::vector<dealii::Point<dim>> support_points;
  std::vector<unsigned int> components;
  /// Whether, on every rank, the owned DoFs come as x, y, z triples of one support point each: then
  /// GAMG is told K's block size 3 and aggregates nodes, not single components. Measured on benchmark B
  /// (2 ranks, same CG iterations): at 985 k DoFs its set-up took 37-39 s against 46-61 s and the peak
  /// memory was 4.7 GB against 6.2 GB per rank; at 206 k DoFs, 1.1 GB against 1.4 GB.
  bool node_triples = false;
  /// The direct method's KSP with its MUMPS factorisation, and the matrix it belongs to (PETSc's object
  /// id and nonzero state: a new matrix or pattern needs a new analysis).
  KSP direct = nullptr;
  /// solve_block's (and solve_block_with_preconditioner's) block of K, its rows, and the matrix (id and pattern) and
  /// rows it was taken from.
  Mat block = nullptr;
  IS block_rows = nullptr;
  PetscInt64 block_source_id = -1;
  PetscObjectState block_source_pattern = 0;
  std::vector<dealii::types::global_dof_index> block_kept;
  /// Whether the block's rows come as whole nodes on every rank (node_triples for the block).
  bool block_triples = false;
  /// Whether `direct` holds the factorisation of `block` (solve_block) rather than of a whole K.
  bool direct_on_block = false;
  PetscInt64 direct_matrix_id = -1;
  PetscObjectState direct_pattern = 0;
  /// The iterative method's KSP, its matrix (as for `direct`) and near-null space, and the convergence
  /// rate (decades per iteration) of the first solve after the preconditioner's last build and of the
  /// last solve: it is rebuilt when the rate has halved.
  KSP iterative_ksp = nullptr;
  MatNullSpace near_null_space = nullptr;
  PetscInt64 iterative_matrix_id = -1;
  PetscObjectState iterative_pattern = 0;
  double fresh_rate = 0, last_rate = 0;
};

/// KSPSolve, its iterations and time added to `result`; whether it converged.
bool counted_solve(KSP ksp, Vec b, Vec x, LinearSolver::Result &result);
} // namespace cspine
