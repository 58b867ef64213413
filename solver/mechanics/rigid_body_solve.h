// The Newton update of a system with one rigid body (the head as six DoFs). The body's nodal DoFs are
// replaced by its six: with G the body's modes, the update solves the bordered system
//   [K'      K_fb G           ] [du_f]   [r_f    ]
//   [G^T K_bf  G^T K_bb G + H ] [dq  ] = [G^T r_b]
// (K' is K with the body's rows and columns replaced by a diagonal, H the body's own 6 x 6 terms), by
// its Schur complement: K' is factorised once and solved for r_f and the six columns K_fb G, and a
// 6 x 6 system (7 x 7 with a prescribed axial rotation, by a Lagrange multiplier) gives dq. The body's
// nodes then move by G dq in du. K' stays symmetric, so MUMPS' LDL^T still applies; the small system
// need not be (a couple about a fixed axis).
#pragma once

#include "fe/rigid_body.h"
#include "mechanics/linear_solver.h"

namespace cspine
{
/// Solves K du = rhs with `body`'s nodes moving rigidly (`terms` from its load term, at pose `at`);
/// `dq` is the body's update (du holds G dq at its nodes). K is changed (the body's rows and columns).
LinearSolver::Result solve_with_rigid_body(LinearSolver &linear_solver, Matrix &K, const Vector &rhs, Vector &du,
                                           const Vector &u_ghosted, const RigidBody &body, const RigidFit &at,
                                           const RigidBodyTerms &terms, RigidMotion &dq);
} // namespace cspine
