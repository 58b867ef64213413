// Newton-Raphson for one load step with a line search on the potential energy along the update. Failure
// (an inverted element, a failed linear solve, too many iterations) is reported, never thrown: the time
// loop cuts the step.
#pragma once

#include "fe/rigid_body.h"
#include "mechanics/dirichlet_constraints.h"
#include "mechanics/exact_region_rotation.h"
#include "mechanics/linear_solver.h"
#include "mechanics/solid_assembler.h"
#include "mechanics/solver_settings.h"

#include <cstdint>
#include <functional>
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
  /// Fresh factorisations of the tangent (direct method) or preconditioner builds (iterative methods);
  /// the other updates reuse one.
  unsigned int factorizations = 0;
  /// The most rows a factorisation or preconditioner was built on (0 if none was built).
  std::uint64_t built_rows = 0;
  /// Right-hand sides solved (one per update, more with rigid bodies).
  unsigned int right_hand_sides = 0;
  /// Updates whose length the line search chose.
  unsigned int line_searches = 0;
  /// Newton solves behind the result (more than one when the step searched for a moment: MomentSearch).
  unsigned int solves = 1;
  /// [N] Condensed residual norm after each iteration.
  std::vector<double> residual_norms;
  /// [mm] Newton update norm of each iteration.
  std::vector<double> increment_norms;
  /// With Newton/Check tangent: |central difference of R along du - K du| / |K du| of each checked update
  /// (of every solve behind the result).
  std::vector<double> tangent_errors;
  /// [N] Force scale of the last iterate (the larger of |f_int| and |f_ext|).
  double force_scale = 0;
  double assembly_seconds = 0;
  double preconditioner_seconds = 0;
  double solve_seconds = 0;
};

/// Adds the work of `part` to `total` (counts and times; the residual history and force scale are the
/// last part's): several solves behind one step.
void accumulate(NewtonResult &total, const NewtonResult &part);

/// What an iterate is judged by.
struct ConvergenceMeasures
{
  /// [N] |R| after the update, [mm] |du| of the update.
  double residual_norm, increment_norm;
  /// [N] Forces and [mm] lengths to judge them against; the caller chooses them so that they do not
  /// vanish at an unloaded state (u = 0, no forces), where every iterate would be judged against round-off.
  double force_scale, length_scale;
  /// [N mm] |R . du| of this update and of the step's first update (work along the update).
  double work, first_work;
  /// [-] |R| after this update / |R| after the last one, where both were full updates (no line search)
  /// after the first; 1 where not known.
  double contraction = 1;
};

/// Whether an iterate counts as converged: |R| <= max(absolute tolerance, residual tolerance x force
/// scale), and either |du| <= increment tolerance x length scale or |R . du| <= energy tolerance x that of
/// the step's first update (the energy criterion, Bathe 1996, Finite Element Procedures, sec. 8.4.4): a
/// body held only by lax tissue has almost no stiffness, so a residual at round-off still moves it by
/// micrometres at no cost in energy. Where Newton contracts fast (contraction c <= 0.1), the increment
/// test is on the distance left to the solution, |du| c / (1 - c) (the a-posteriori bound of a
/// contraction, Deuflhard 2004, Newton Methods for Nonlinear Problems, sec. 2.1), not on |du|, which
/// overstates it by a whole update and would cost one more.
bool newton_converged(const NewtonSettings &settings, const ConvergenceMeasures &measures);

class NewtonSolver
{
public:
  /// Each of `rigid` holds a rigid body whose six DoFs replace its nodes' in every update (a term whose
  /// rigid_body() is null is left out).
  NewtonSolver(const NewtonSettings &settings, const SolidAssembler &assembler, LinearSolver &linear_solver,
               const DirichletConstraints &dirichlet, Matrix &K, std::vector<const RigidBodyTerm *> rigid = {});

  /// Solves for equilibrium at `time`, starting from the converged state u. On failure u is left at the
  /// last iterate (the caller restores its converged state). `u` is owned, `u_ghosted` its ghosted
  /// copy. `reference_force_scale` [N] is the largest force scale of the load history so far: the
  /// residual is judged against it when the current forces are smaller (unloading).
  /// `after_update(updates, u_ghosted)` is called after each update that did not converge; it returns
  /// whether it changed the problem (a discrete choice held from then on), so that the residual is
  /// evaluated again.
  using UpdateHook = std::function<bool(unsigned int updates, const Vector &u_ghosted)>;
  NewtonResult solve(double time, double reference_force_scale, Vector &u, Vector &u_ghosted,
                     const UpdateHook &after_update = {}) const;
  /// The rigid bodies whose six DoFs replace their nodes' in every update.
  std::size_t rigid_bodies() const { return rigid.size(); }
  /// The first update of every solve turns these regions exactly (null: none).
  void turn_exactly(const ExactRegionRotation *regions) { exact_rotation = regions; }

private:
  /// The residual at u_ghosted with the constrained entries zeroed (a rigid body's: its generalized
  /// residual, RigidBody::project_residual), and the force scale; false if an element is inverted.
  /// With `unprojected`, also that residual before the rigid bodies' rows were projected (what a tangent's
  /// right-hand side is, negated).
  bool residual(const Vector &u_ghosted, double time, Vector &result, double &force_scale,
                Vector *unprojected = nullptr) const;
  /// What `residual` does to the assembler's residual: the constrained entries zeroed, rigid bodies' rows
  /// projected (`unprojected`, if given, gets it in between).
  void constrain_residual(const Vector &u_ghosted, double time, Vector &result, Vector *unprojected = nullptr) const;

  NewtonSettings settings;
  const SolidAssembler &assembler;
  LinearSolver &linear_solver;
  const DirichletConstraints &dirichlet;
  Matrix &K;
  /// The terms that hold a rigid body.
  std::vector<const RigidBodyTerm *> rigid;
  const ExactRegionRotation *exact_rotation = nullptr;
};
} // namespace cspine
