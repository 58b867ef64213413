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
  double assembly_seconds = 0;
  double preconditioner_seconds = 0;
  double solve_seconds = 0;
};

class NewtonSolver
{
public:
  NewtonSolver(const NewtonSettings &settings, const SolidAssembler &assembler, const LinearSolver &linear_solver,
               const DirichletConstraints &dirichlet, Matrix &K);

  /// Solves for equilibrium at `time`, starting from u. On failure u is left at the last iterate
  /// (the caller restores its converged state). `u` is owned, `u_ghosted` its ghosted copy.
  NewtonResult solve(double time, Vector &u, Vector &u_ghosted) const;

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
