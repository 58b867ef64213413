#include "mechanics/newton_solver.h"

#include "core/format.h"
#include "mechanics/forcing_term.h"
#include "mechanics/rigid_body_solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace cspine
{
void accumulate(NewtonResult &total, const NewtonResult &part)
{
  total.iterations += part.iterations;
  total.linear_iterations += part.linear_iterations;
  total.factorizations += part.factorizations;
  total.built_rows = std::max(total.built_rows, part.built_rows);
  total.right_hand_sides += part.right_hand_sides;
  total.line_searches += part.line_searches;
  total.assembly_seconds += part.assembly_seconds;
  total.preconditioner_seconds += part.preconditioner_seconds;
  total.solve_seconds += part.solve_seconds;
  total.residual_norms = part.residual_norms;
  total.increment_norms = part.increment_norms;
  total.tangent_errors.insert(total.tangent_errors.end(), part.tangent_errors.begin(), part.tangent_errors.end());
  total.force_scale = part.force_scale;
}

NewtonSolver::NewtonSolver(const NewtonSettings &newton_settings, const SolidAssembler &solid_assembler,
                           LinearSolver &solver, const DirichletConstraints &dirichlet_constraints, Matrix &matrix,
                           std::vector<const RigidBodyTerm *> rigid_terms)
    : settings(newton_settings), assembler(solid_assembler), linear_solver(solver), dirichlet(dirichlet_constraints),
      K(matrix)
{
  for (const RigidBodyTerm *term : rigid_terms)
    if (term && term->rigid_body())
      rigid.push_back(term);
}

bool newton_converged(const NewtonSettings &settings, const ConvergenceMeasures &m)
{
  const double residual_limit =
      std::max(settings.absolute_residual_tolerance, settings.residual_tolerance * m.force_scale);
  const double increment_limit = std::max(settings.increment_tolerance * m.length_scale, 1e-14);
  constexpr double fast = 0.1;
  const double distance_left =
      m.contraction <= fast ? m.increment_norm * m.contraction / (1 - m.contraction) : m.increment_norm;
  return m.residual_norm <= residual_limit &&
         (distance_left <= increment_limit || m.work <= settings.energy_tolerance * m.first_work);
}

bool NewtonSolver::residual(const Vector &u_ghosted, const double time, Vector &result, double &force_scale,
                            Vector *unprojected) const
{
  const bool valid = assembler.residual(u_ghosted, time, result, force_scale);
  constrain_residual(u_ghosted, time, result, unprojected);
  return valid;
}

void NewtonSolver::constrain_residual(const Vector &u_ghosted, const double time, Vector &result,
                                      Vector *unprojected) const
{
  dirichlet.homogeneous(time).set_zero(result);
  if (unprojected)
    *unprojected = result;
  for (const RigidBodyTerm *term : rigid)
  {
    const RigidBody &body = *term->rigid_body();
    const RigidFit at = body.pose(u_ghosted);
    const RigidBodyTerms prescribed = term->prescription(at, time);
    body.project_residual(u_ghosted, at, prescribed.constrained ? &prescribed.row : nullptr, result);
  }
}

NewtonResult NewtonSolver::solve(const double time, const double reference_force_scale, Vector &u, Vector &u_ghosted,
                                 const UpdateHook &after_update) const
{
  NewtonResult result;
  dealii::Timer timer;
  const Vector step_start = u;
  Vector rhs(u.locally_owned_elements(), u.get_mpi_communicator());
  Vector du(rhs), trial(rhs), step_motion(rhs), current_residual(rhs), trial_residual(rhs);
  // The rigid bodies' poses before the update and their six-DoF updates: their nodes move exactly rigidly.
  std::vector<RigidBodyUpdate> bodies;
  ForcingTerm forcing(linear_solver.iterative() && linear_solver.inexact_newton(), linear_solver.relative_tolerance());
  double norm = 0, force_scale = 0;
  // Modified updates: the residuals before the rigid rows' projection (the right-hand side, negated), and
  // what the last full update's solve left to solve with again.
  const bool modified = settings.modified_updates && !linear_solver.iterative();
  const std::unique_ptr<Vector> current_unprojected = modified ? std::make_unique<Vector>(rhs) : nullptr,
                                trial_unprojected = modified ? std::make_unique<Vector>(rhs) : nullptr;
  RigidCondensation condensation;
  bool factorization_kept = false;
  // Whether the last update was a modified one that was kept, and its |R| ratio (full updates only).
  bool last_modified = false;
  double last_ratio = 0;

  // The rigid bodies' poses at u_ghosted and their terms for the right-hand side rhs.
  auto collect_bodies = [&]()
  {
    bodies.clear();
    for (const RigidBodyTerm *term : rigid)
    {
      const RigidBody *body = term->rigid_body();
      const RigidFit pose = body->pose(u_ghosted);
      bodies.push_back({body, pose, term->rigid_body_terms(u_ghosted, pose, rhs, time)});
    }
  };

  // One Newton update: assemble, solve, distribute the constraints into du. The first also gives the
  // residual at the start (`start_residual`, with the force scale) from the same assembly pass.
  auto newton_direction = [&](const dealii::AffineConstraints<double> &constraints, Vector *start_residual)
  {
    timer.restart();
    const bool valid = assembler.system(u_ghosted, time, constraints, K, rhs, start_residual, &force_scale);
    result.assembly_seconds += timer.wall_time();
    if (start_residual)
      constrain_residual(u_ghosted, time, *start_residual, current_unprojected.get());
    if (!valid)
      return std::string("an element is inverted or collapsed (det F <= 1e-3)");
    du = 0;
    LinearSolver::Result linear;
    if (!rigid.empty())
    {
      // No inexact Newton here: the bordered GMRES's relative tolerance is on a vector of forces, moments
      // and prescribed angles together, and the forcing terms' loose solves stalled Newton on the spine.
      collect_bodies();
      linear = solve_with_rigid_bodies(linear_solver, K, rhs, du, u_ghosted, bodies,
                                       modified || linear_solver.iterative() ? &condensation : nullptr);
    }
    else
    {
      const double target = std::max(settings.absolute_residual_tolerance,
                                     settings.residual_tolerance * std::max(force_scale, reference_force_scale));
      linear = linear_solver.solve(K, du, rhs, u_ghosted, forcing.next(rhs.l2_norm(), target));
    }
    result.preconditioner_seconds += linear.setup_seconds;
    result.solve_seconds += linear.solve_seconds;
    result.linear_iterations += linear.iterations;
    result.factorizations += linear.factorized ? 1 : 0;
    result.built_rows = std::max<std::uint64_t>(result.built_rows, linear.built_rows);
    result.right_hand_sides += linear.right_hand_sides;
    factorization_kept = modified && linear.converged;
    if (!linear.converged)
      return linear.failure.empty()
                 ? "the linear solver did not converge in " + std::to_string(linear.iterations) + " iterations"
                 : linear.failure;
    constraints.distribute(du);
    return std::string();
  };

  // Newton/Check tangent: K du against (R(u + h du) - R(u - h du)) / 2h. Both vanish on the fixed DoFs
  // (du is 0 there after the first update; the residual's rows are zeroed). h = 1e-3: the central
  // difference's error is O(h^2), round-off (about 1e-10 N in R on the spine) / h stays far below it.
  auto record_tangent_error = [&]()
  {
    constexpr double h = 1e-3;
    Vector K_du(rhs), difference(rhs), minus(rhs);
    K.vmult(K_du, du);
    double scale = 0;
    // An element inverted at either end leaves nothing to compare: NaN.
    bool valid = true;
    for (const auto &[step, into] : {std::pair<double, Vector *>{h, &difference}, {-h, &minus}})
    {
      trial = u;
      trial.add(step, du);
      u_ghosted = trial;
      valid = residual(u_ghosted, time, *into, scale) && valid;
    }
    u_ghosted = u;
    difference -= minus;
    difference /= 2 * h;
    difference -= K_du;
    const double norm = K_du.l2_norm();
    result.tangent_errors.push_back(!valid     ? std::numeric_limits<double>::quiet_NaN()
                                    : norm > 0 ? difference.l2_norm() / norm
                                               : difference.l2_norm());
  };

  // A modified update: the last full update's tangent and factorisation, solved for the residual at u
  // (u_ghosted); whether the solve succeeded.
  auto modified_direction = [&]()
  {
    rhs.equ(-1, *current_unprojected);
    du = 0;
    LinearSolver::Result linear;
    if (!rigid.empty())
    {
      collect_bodies();
      linear = solve_with_kept_condensation(linear_solver, condensation, rhs, du, bodies);
    }
    else
      linear = linear_solver.solve_with_kept_factorization({&du}, {&rhs});
    result.solve_seconds += linear.solve_seconds;
    result.linear_iterations += linear.iterations;
    result.right_hand_sides += linear.right_hand_sides;
    if (!linear.converged)
      return false;
    dirichlet.homogeneous(time).distribute(du);
    return true;
  };

  double last_alpha = 0;
  // Whether the trials are of a solve's first update, whose rotation of stiff regions is made exact.
  bool first_update = false;
  // The state u + alpha du: sets u_ghosted and trial_residual; g = R . du, the derivative of the
  // potential energy along du (+inf where an element inverts).
  struct Trial
  {
    double alpha, g, norm, force_scale;
    bool valid;
  };
  auto evaluate = [&](const double alpha)
  {
    Trial t{alpha, std::numeric_limits<double>::infinity(), 0, 0, false};
    last_alpha = alpha;
    trial = u;
    trial.add(alpha, du);
    for (const RigidBodyUpdate &update : bodies)
      update.body->place(u, update.at, alpha, update.dq, trial);
    if (first_update && exact_rotation)
      exact_rotation->apply(u, du, alpha, trial);
    u_ghosted = trial;
    timer.restart();
    t.valid = residual(u_ghosted, time, trial_residual, t.force_scale, trial_unprojected.get());
    result.assembly_seconds += timer.wall_time();
    if (t.valid)
    {
      t.g = trial_residual * du;
      t.norm = trial_residual.l2_norm();
    }
    return t;
  };

  u_ghosted = u;
  dealii::AffineConstraints<double> increment_constraints;
  double first_work = 0, previous_norm = 0;
  bool last_update_whole = false;
  for (unsigned int iteration = 0; iteration < settings.max_iterations; ++iteration)
  {
    // The first update moves the prescribed DoFs to their new values; later ones keep them.
    const bool first = iteration == 0;
    first_update = first;
    if (first)
      increment_constraints = dirichlet.increment(time, u_ghosted);
    // A modified update is tried in Newton's linear tail: after a full update that cut |R| by less than
    // 20-fold, or after a kept modified one (rigid rotary thrust: trying after every update took 150
    // updates, 61 tries rejected, against 111 and 16). It is kept if it at least halves |R|; else u stays
    // and a full update follows.
    Trial accepted{};
    bool modified_kept = false;
    if (!first && factorization_kept && (last_modified || last_ratio >= 0.05))
    {
      if (modified_direction())
      {
        accepted = evaluate(1);
        modified_kept = accepted.valid && accepted.norm <= 0.5 * norm;
      }
      if (!modified_kept)
        u_ghosted = u;
    }
    if (!modified_kept)
    {
      result.failure = newton_direction(first ? increment_constraints : dirichlet.homogeneous(time),
                                        first ? &current_residual : nullptr);
      if (!result.failure.empty())
        return result;
      if (settings.check_tangent && !first && rigid.empty())
        record_tangent_error();
      accepted = evaluate(1);
    }
    ++result.iterations;

    // Line search on the potential energy along du: every load here is conservative, so the energy's
    // derivative g(alpha) = R(u + alpha du) . du vanishes at its minimum along the line. A full update
    // is kept when |g(1)| <= 0.8 |g(0)|; otherwise the minimum is bracketed (doubling alpha while the
    // energy still falls, up to 8) and found to that tolerance by regula falsi where its estimate lies in
    // the middle half of the bracket, by bisection elsewhere (an inverted element counts as too far).
    // Where a joint is lax, Newton's update overshoots by orders of magnitude, and this finds where the
    // tissues take up the load. An update that moves prescribed DoFs is taken whole.
    const double g0 = current_residual * du;
    // Collective: a rank whose prescribed DoFs are all in place would otherwise search alone, and hang.
    const bool prescribed_move = first && dealii::Utilities::MPI::logical_or(
                                              increment_constraints.has_inhomogeneities(), u.get_mpi_communicator());
    if (settings.line_search && !modified_kept && !prescribed_move && g0 < 0 &&
        !(accepted.valid && std::abs(accepted.g) <= 0.8 * -g0))
    {
      Trial low{0, g0, 0, 0, true}, high = accepted;
      while (high.valid && high.g < 0 && high.alpha < 8)
      {
        low = high;
        high = evaluate(2 * high.alpha);
      }
      for (unsigned int search = 0; search < 20 && !(high.valid && high.g < 0); ++search)
      {
        const double width = high.alpha - low.alpha;
        double alpha = low.alpha + 0.5 * width;
        if (high.valid)
        {
          const double secant = low.alpha - low.g * width / (high.g - low.g);
          if (secant > low.alpha + 0.25 * width && secant < high.alpha - 0.25 * width)
            alpha = secant;
        }
        const Trial t = evaluate(alpha);
        if (t.valid && std::abs(t.g) <= 0.8 * -g0)
        {
          low = t;
          break;
        }
        (t.valid && t.g < 0 ? low : high) = t;
      }
      // The minimum found, or the furthest point where the energy still falls.
      accepted = low.alpha > 0 ? low : high;
      ++result.line_searches;
    }
    if (!accepted.valid || accepted.alpha == 0)
    {
      u_ghosted = u;
      result.failure = "an element is inverted or collapsed (det F <= 1e-3) along the whole Newton direction";
      return result;
    }
    if (accepted.alpha != last_alpha)
      accepted = evaluate(accepted.alpha); // the last trial was another alpha
    u = trial;
    current_residual = trial_residual;
    if (modified)
      *current_unprojected = *trial_unprojected;
    norm = accepted.norm;
    force_scale = accepted.force_scale;
    const double increment = accepted.alpha * du.l2_norm();
    // The contraction is known from the second update on, where this update and the last were whole.
    const double contraction =
        !first && accepted.alpha == 1 && last_update_whole && previous_norm > 0 ? norm / previous_norm : 1;
    last_modified = modified_kept;
    last_ratio = !first && accepted.alpha == 1 && previous_norm > 0 ? norm / previous_norm : 0;
    last_update_whole = accepted.alpha == 1;
    previous_norm = norm;
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
    const double work = accepted.alpha * std::abs(g0);
    if (first)
      first_work = work;
    if (newton_converged(settings, {norm, increment, std::max(force_scale, reference_force_scale), length_scale, work,
                                    first_work, contraction}))
    {
      result.converged = true;
      return result;
    }
    if (after_update && after_update(result.iterations, u_ghosted))
    {
      residual(u_ghosted, time, current_residual, force_scale, current_unprojected.get());
      norm = current_residual.l2_norm();
      last_update_whole = false; // another system: no contraction to measure across it
    }
  }
  result.failure = "no convergence in " + std::to_string(settings.max_iterations) +
                   " Newton iterations (|R| = " + format_number(norm) + " N)";
  return result;
}
} // namespace cspine
