// Newton-Raphson for one load step with a backtracking line search. Failure (an inverted element,
// a failed linear solve, too many iterations) is reported, never thrown: the time loop cuts the step.
#pragma once

#include "mechanics/dirichlet_constraints.h"
#include "mechanics/linear_solver.h"
#include "mechanics/solid_assembler.h"
#include "mechanics/solver_settings.h"

#include <string>
#include <vector>

namespace cspine
{
struct NewtonResult
{
  bool converged = false;
  /// Why the step failed (empty on success).
  std::string failure;
  unsigned int iterations = 0;
  unsigned int linear_iterations = 0;
  /// [N] Condensed residual norm after each iteration.
  std::vector<double> residual_norms;
  /// [mm] Newton update norm of each iteration.
  std::vector<double> increment_norms;
  /// [N] Force scale of the last iterate (the larger of |f_int| and |f_ext|).
  double force_scale = 0;
  double assembly_seconds = 0;
  double preconditioner_seconds = 0;
  double solve_seconds = 0;
};

/// Whether an iterate counts as converged: |R| <= max(absolute tolerance, residual tolerance x force
/// scale) and |du| <= increment tolerance x length scale. The caller chooses the scales so that they
/// do not vanish at an unloaded state (u = 0, no forces), where every iterate would otherwise be
/// judged against round-off.
bool newton_converged(const NewtonSettings &settings, double residual_norm, double increment_norm, double force_scale,
                      double length_scale);

class NewtonSolver
{
public:
  NewtonSolver(const NewtonSettings &settings, const SolidAssembler &assembler, const LinearSolver &linear_solver,
               const DirichletConstraints &dirichlet, Matrix &K);

  /// Solves for equilibrium at `time`, starting from the converged state u. On failure u is left at the
  /// last iterate (the caller restores its converged state). `u` is owned, `u_ghosted` its ghosted
  /// copy. `reference_force_scale` [N] is the largest force scale of the load history so far: the
  /// residual is judged against it when the current forces are smaller (unloading).
  NewtonResult solve(double time, double reference_force_scale, Vector &u, Vector &u_ghosted) const;

private:
  /// Condensed residual norm and force scale at u_ghosted; false if an element is inverted.
  bool residual_norm(const Vector &u_ghosted, double time, double &norm, double &force_scale) const;

  NewtonSettings settings;
  const SolidAssembler &assembler;
  const LinearSolver &linear_solver;
  const DirichletConstraints &dirichlet;
  Matrix &K;
};
} // namespace cspine
