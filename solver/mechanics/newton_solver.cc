#include "mechanics/newton_solver.h"

#include <deal.II/base/timer.h>

#include <algorithm>
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

bool newton_converged(const NewtonSettings &settings, const double residual_norm, const double increment_norm,
                      const double force_scale, const double length_scale)
{
  const double residual_limit =
      std::max(settings.absolute_residual_tolerance, settings.residual_tolerance * force_scale);
  const double increment_limit = std::max(settings.increment_tolerance * length_scale, 1e-14);
  return residual_norm <= residual_limit && increment_norm <= increment_limit;
}

bool NewtonSolver::residual_norm(const Vector &u_ghosted, const double time, double &norm, double &force_scale) const
{
  Vector residual(u_ghosted.locally_owned_elements(), u_ghosted.get_mpi_communicator());
  const bool valid = assembler.residual(u_ghosted, time, residual, force_scale);
  dirichlet.homogeneous(time).set_zero(residual);
  norm = residual.l2_norm();
  return valid;
}

NewtonResult NewtonSolver::solve(const double time, const double reference_force_scale, Vector &u,
                                 Vector &u_ghosted) const
{
  NewtonResult result;
  dealii::Timer timer;
  const Vector step_start = u;
  Vector rhs(u.locally_owned_elements(), u.get_mpi_communicator());
  Vector du(rhs), trial(rhs), step_motion(rhs);

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

  double norm = 0, force_scale = 0;
  for (unsigned int iteration = 0; iteration < settings.max_iterations; ++iteration)
  {
    // The first update moves the prescribed DoFs to their new values; later ones keep them.
    const bool first = iteration == 0;
    result.failure = newton_direction(first ? dirichlet.increment(time, u_ghosted) : dirichlet.homogeneous(time));
    if (!result.failure.empty())
      return result;
    ++result.iterations;

    // Backtrack on the residual norm; the first update must be taken whole to honour the constraints.
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

    result.force_scale = force_scale;
    if (!std::isfinite(norm))
    {
      result.failure = "the residual is not finite";
      return result;
    }
    // Lengths: |u|, or what this step moved when that is larger (a step back to u = 0).
    step_motion = u;
    step_motion -= step_start;
    const double length_scale = std::max(u.l2_norm(), step_motion.l2_norm());
    if (newton_converged(settings, norm, increment, std::max(force_scale, reference_force_scale), length_scale))
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
