// One Krylov solve of a sparse system bordered by a few dense rows and columns,
//   [K    B] [x]   [b]
//   [B^T  D] [y] = [c]
// (K distributed and sparse, B a few columns that are nonzero on few rows, D small, dense and held by
// every rank), by GMRES preconditioned on the right (so it stops on the true residual) with
//   z = M^-1 r_x,   y = S^-1 (r_y - B^T z),   x = z - W y,   S = D - B^T W,
// M a preconditioner of K and W ~ K^-1 B. With W = K^-1 B the few modes B couples are solved exactly and
// the iterations are about those of M on K alone; W = M^-1 B (the exact inverse of the system with M for
// K) took 7 times as many on the spine, whose bodies' coupling a multigrid cycle misses (README, An
// iterative spine solve). For rigid bodies (mechanics/rigid_body_solve) that is one Krylov solve per
// Newton update and a few loose ones for W, where solving K for each body mode took a tight solve per mode.
#pragma once

#include "mechanics/linear_solver.h"

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <petscpc.h>

#include <vector>

namespace cspine
{
/// GMRES' restart: the spine's bordered solves took 30-150 iterations (up to 271 in a quadratic model's first
/// update), and a restart at PETSc's default of 30 would slow them. 200 vectors of the bundled model on
/// quadratic tetrahedra are about 330 MB per rank of 2.
constexpr unsigned int bordered_gmres_restart = 200;

struct BorderedSystem
{
  /// K (any matrix with a product, e.g. mechanics/block_shell's).
  Mat K;
  /// B's m columns (m <= D's size: the rows of D past m have no K part, e.g. Lagrange multipliers).
  const std::vector<Vector> &columns;
  /// W ~ K^-1 B, column by column.
  const std::vector<Vector> &preconditioned_columns;
  /// D, n x n, the same on every rank.
  const dealii::FullMatrix<double> &corner;
};

/// Solves the bordered system for x (like b) and y (size n, the same on every rank) by GMRES with
/// `preconditioner` as M (PCApply: any linear preconditioner of K, set up), to the relative tolerance
/// and at most the iterations given. Adds its iterations and time to `result`; returns whether it
/// converged. PETSc options with the prefix `bordered_` (e.g. -bordered_ksp_monitor) reach its GMRES.
/// Collective.
bool solve_bordered(const BorderedSystem &system, PC preconditioner, Vector &x, dealii::Vector<double> &y,
                    const Vector &b, const dealii::Vector<double> &c, double relative_tolerance,
                    unsigned int max_iterations, LinearSolver::Result &result);
} // namespace cspine
