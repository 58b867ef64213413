#include "mechanics/newton_solver.h"

#include <deal.II/base/timer.h>

#include <deal.II/base/mpi.h>

#include <cmath>

namespace cspine
{
NewtonSolver::NewtonSolver(const NewtonSettings &newton_settings, const SolidAssembler &solid_assembler,
                           const LinearSolver &solver, const DirichletConstraints &dirichlet_constraints,
                           Matrix &matrix)
    : settings(newton_settings), assembler(solid_assembler), linear_solver(solver), dirichlet(dirichlet_constraints),
      K(matrix)
{
}

bool NewtonSolver::residual_norm(const Vector &u_ghosted, const double time, double &norm, double &force_scale) const
{
  Vector residual(u_ghosted.locally_owned_elements(), u_ghosted.get_mpi_communicator());
  const bool valid = assembler.residual(u_ghosted, time, residual, force_scale);
  dirichlet.homogeneous(time).set_zero(residual);
  norm = residual.l2_norm();
  return valid;
}

namespace
{
/// Whether the constraints move any DoF (a non-zero inhomogeneity on some rank).
bool moves_prescribed_dofs(const dealii::AffineConstraints<double> &constraints, const MPI_Comm comm)
{
  bool moves = false;
  for (const auto &line : constraints.get_lines())
    moves |= line.inhomogeneity != 0;
  return dealii::Utilities::MPI::max(moves ? 1 : 0, comm) == 1;
}
} // namespace

NewtonResult NewtonSolver::solve(const double time, Vector &u, Vector &u_ghosted) const
{
  NewtonResult result;
  dealii::Timer timer;
  Vector rhs(u.locally_owned_elements(), u.get_mpi_communicator());
  Vector du(rhs), trial(rhs);

  // One Newton update: assemble, solve, distribute the constraints into du.
  auto newton_direction = [&](const dealii::AffineConstraints<double> &constraints)
  {
    timer.restart();
    const bool valid = assembler.system(u_ghosted, time, constraints, K, rhs);
    result.assembly_seconds += timer.wall_time();
    if (!valid)
      return std::string("an element is inverted (det F <= 0)");
    du = 0;
    const LinearSolver::Result linear = linear_solver.solve(K, du, rhs, u_ghosted);
    result.preconditioner_seconds += linear.setup_seconds;
    result.solve_seconds += linear.solve_seconds;
    result.linear_iterations += linear.iterations;
    if (!linear.converged)
      return std::string("the linear solver did not converge in ") + std::to_string(linear.iterations) + " iterations";
    constraints.distribute(du);
    return std::string();
  };

  // The residual at the start, for the line search of a first update that moves no prescribed DoF.
  double norm = 0, force_scale = 0;
  if (settings.line_search && !residual_norm(u_ghosted, time, norm, force_scale))
  {
    result.failure = "an element is inverted (det F <= 0)";
    return result;
  }
  for (unsigned int iteration = 0; iteration < settings.max_iterations; ++iteration)
  {
    // The first update moves the prescribed DoFs to their new values; later ones keep them.
    const dealii::AffineConstraints<double> update_constraints =
        iteration == 0 ? dirichlet.increment(time, u_ghosted) : dealii::AffineConstraints<double>();
    const bool first = iteration == 0 && moves_prescribed_dofs(update_constraints, u.get_mpi_communicator());
    result.failure = newton_direction(iteration == 0 ? update_constraints : dirichlet.homogeneous(time));
    if (!result.failure.empty())
      return result;
    ++result.iterations;

    // Backtrack on the residual norm; an update that moves prescribed DoFs must be taken whole.
    const unsigned int n_tries = (first || !settings.line_search) ? 1 : 6;
    double accepted_step = 0;
    for (unsigned int attempt = 0; attempt < n_tries && accepted_step == 0; ++attempt)
    {
      const double step = std::pow(0.5, attempt);
      trial = u;
      trial.add(step, du);
      u_ghosted = trial;
      double trial_norm = 0;
      timer.restart();
      const bool valid = residual_norm(u_ghosted, time, trial_norm, force_scale);
      result.assembly_seconds += timer.wall_time();
      const bool last = attempt + 1 == n_tries;
      if (valid && (first || last || trial_norm <= (1 - 1e-4 * step) * norm))
      {
        accepted_step = step;
        norm = trial_norm;
        u = trial;
      }
    }
    if (accepted_step == 0)
    {
      u_ghosted = u;
      result.failure = "an element is inverted (det F <= 0) along the whole Newton direction";
      return result;
    }
    const double increment = accepted_step * du.l2_norm();
    result.residual_norms.push_back(norm);

    result.increment_norms.push_back(increment);

    const double residual_limit =
        std::max(settings.absolute_residual_tolerance, settings.residual_tolerance * force_scale);
    const double increment_limit = std::max(settings.increment_tolerance * u.l2_norm(), 1e-14);
    if (!std::isfinite(norm))
    {
      result.failure = "the residual is not finite";
      return result;
    }
    if (norm <= residual_limit && increment <= increment_limit)
    {
      result.converged = true;
      return result;
    }
  }
  result.failure = "no convergence in " + std::to_string(settings.max_iterations) +
                   " Newton iterations (|R| = " + std::to_string(norm) + " N)";
  return result;
}
} // namespace cspine
