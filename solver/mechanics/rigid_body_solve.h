// The Newton update of a system with rigid bodies (the head, rigid vertebrae), each with six DoFs. With G
// the bodies' modes (six per body, each supported on its body's nodes), the update solves the bordered
// system
//   [K'      K_fb G           ] [du_f]   [r_f    ]
//   [G^T K_bf  G^T K_bb G + H ] [dq  ] = [G^T r_b]
// (K' is K with every body's rows and columns replaced by a diagonal, H the bodies' own 6 x 6 terms), by
// its Schur complement: K' is factorised once and solved for r_f and the 6 n columns K_fb G, and a dense
// 6 n x 6 n system (one more row per prescribed combination, by a Lagrange multiplier) gives dq. The
// bodies' nodes then move by G dq in du. Bodies whose soft neighbourhoods K' does not connect share their
// right-hand sides (mechanics/rigid_body_groups), six per group. K' holds only the free (soft) DoFs' couplings, so
// rigid bones split it into small independent blocks; it stays symmetric, so MUMPS' LDL^T still applies; the small
// system need not be (a couple about a fixed axis). The iterative methods instead solve the bordered system
// whole, by one GMRES preconditioned with the preconditioner of K's soft block (mechanics/block_shell)
// and loose solves for K'^-1 K_fb G (mechanics/bordered_krylov).
#pragma once

#include "fe/rigid_body.h"
#include "mechanics/linear_solver.h"

#include <vector>

namespace cspine
{
/// One body in an update: its pose before it, its terms (from its RigidBodyTerm) and, after the solve,
/// its update dq.
struct RigidBodyUpdate
{
  const RigidBody *body;
  RigidFit at;
  RigidBodyTerms terms;
  RigidMotion dq{};
};

/// What one update's solve leaves for later updates with the same factorisation (a modified Newton update):
/// the modes G, B = K_fb G (zero on the bodies' DoFs), K'^-1 B, and the inverse of the bordered Schur
/// complement. The iterative methods keep only `columns` (K'^-1 B to a loose tolerance), from which the next
/// update's solves for them start.
struct RigidCondensation
{
  std::vector<Vector> modes, coupling, columns;
  DofList body_dofs;
  dealii::FullMatrix<double> inverse;
  /// Per body: whether a combination of its DoFs was prescribed (a border row).
  std::vector<bool> constrained;
};

/// Solves K du = rhs with every body's nodes moving rigidly; du holds G dq at the bodies' nodes. K is
/// changed (the bodies' rows and columns). With `kept`, what a later `solve_with_kept_condensation` needs
/// (direct method), or the columns the next update's solves start from (iterative).
LinearSolver::Result solve_with_rigid_bodies(LinearSolver &linear_solver, Matrix &K, const Vector &rhs, Vector &du,
                                             const Vector &u_ghosted, std::vector<RigidBodyUpdate> &bodies,
                                             RigidCondensation *kept = nullptr);

/// Full-length vectors the iterative solve of an update with `bodies` rigid bodies keeps at most, for the
/// memory estimate: G, B, W and the last update's W (six each per body), the groups' summed right-hand
/// sides and solutions (at most six each per body) and the bordered GMRES' basis; 0 without bodies.
unsigned int iterative_rigid_body_vectors(std::size_t bodies);

/// Solves the system of the update that left `kept` (its tangent, its bodies' modes and 6 x 6 terms, the
/// kept factorisation) for a new rhs, with the bodies' prescribed values as they are now (bodies[b].terms);
/// one solve with K' instead of a factorisation and 6 n + 1 solves. Not converged if the bodies' constraints
/// changed since.
LinearSolver::Result solve_with_kept_condensation(LinearSolver &linear_solver, const RigidCondensation &kept,
                                                  const Vector &rhs, Vector &du, std::vector<RigidBodyUpdate> &bodies);
} // namespace cspine
