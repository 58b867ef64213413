// Krylov solver with algebraic multigrid through PETSc's own API (deal.II 9.4 wraps neither GAMG nor
// near-null spaces): CG or GMRES with GAMG given the six rigid-body modes of the current configuration,
// or hypre BoomerAMG; or a direct MUMPS solve. PETSc options (-ksp_*, -pc_*) can override the choice.
#pragma once

#include <string>

#include "mechanics/solid_assembler.h"
#include "mechanics/solver_settings.h"

#include <deal.II/dofs/dof_handler.h>

#include <vector>

namespace cspine
{
class LinearSolver
{
public:
  LinearSolver(const LinearSolverSettings &settings, const dealii::DoFHandler<dim> &dof_handler,
               const Discretization &discretization);

  struct Result
  {
    bool converged = false;
    unsigned int iterations = 0;
    double setup_seconds = 0;
    double solve_seconds = 0;
    /// Why it failed, when it did (e.g. the direct solver's error code).
    std::string failure;
  };

  /// [MB] For the direct method, MUMPS' estimate from its analysis of K's pattern of the memory its
  /// factorisation takes on the largest rank; 0 for the iterative methods. Collective.
  double factorization_megabytes(Matrix &K) const;

  /// Solves K x = b; `u` (ghosted) is the current displacement, used for the rigid-body modes.
  Result solve(Matrix &K, Vector &x, const Vector &b, const Vector &u) const;

private:
  std::vector<Vector> rigid_body_modes(const Vector &u) const;

  LinearSolverSettings settings;
  const dealii::DoFHandler<dim> &dof_handler;
  /// Reference support point and component of each locally owned DoF.
  std::vector<dealii::Point<dim>> support_points;
  std::vector<unsigned int> components;
};
} // namespace cspine
