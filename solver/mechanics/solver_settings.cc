#include "mechanics/solver_settings.h"

namespace cspine
{
void TimeSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Time");
  prm.declare_entry("End time", "1", dealii::Patterns::Double(1e-12), "[s] Time at the end of the load history.");
  prm.declare_entry("Number of steps", "10", dealii::Patterns::Integer(1),
                    "[-] Load steps of equal size; a step that fails is halved and grows back after successes.");
  prm.declare_entry("Maximum step cuts", "6", dealii::Patterns::Integer(0, 30),
                    "[-] Halvings of one step before the run stops and writes its last converged state.");
  prm.declare_entry("Analysis", "quasi-static", dealii::Patterns::Selection("quasi-static|dynamic"),
                    "Without a load-case protocol: 'quasi-static' (equilibrium at every step) or 'dynamic' "
                    "(inertia, implicit generalized-alpha; the body starts at rest). With a protocol each phase "
                    "chooses (its Analysis entry).");
  prm.declare_entry("Spectral radius", "0.9", dealii::Patterns::Double(0, 1),
                    "[-] rho_infinity of the generalized-alpha method (Chung & Hulbert 1993 J Appl Mech "
                    "60:371-375): how much of a mode far above 1/(step) survives one step. 1: no numerical "
                    "damping (energy is conserved); 0.9 (default) damps the mesh's highest modes by 10 % per step "
                    "but a mode resolved by 20 steps per period keeps 99.998 % of its amplitude per period "
                    "(tests/unit/dynamics_test.cc).");
  prm.declare_entry("Mass damping", "0", dealii::Patterns::Double(0),
                    "[1/s] Rayleigh mass-proportional damping alpha (forces alpha M v) in dynamic steps; a mode "
                    "of circular frequency w gets the damping ratio alpha / (2 w). 0: none.");
  prm.declare_entry("Stiffness damping", "0", dealii::Patterns::Double(0),
                    "[s] Rayleigh stiffness-proportional damping beta (forces beta K0 v) in dynamic steps, K0 each "
                    "cell's stiffness at the stress-free reference state (so the force is linear in the velocity; "
                    "the 1-D ligaments, capsule fibres and contact are not damped by it); a mode of circular "
                    "frequency w gets the damping ratio beta w / 2, so it damps the mesh's fast modes most. 0: none.");
  prm.leave_subsection();
}

void TimeSettings::parse_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Time");
  end_time = prm.get_double("End time");
  n_steps = prm.get_integer("Number of steps");
  max_step_cuts = prm.get_integer("Maximum step cuts");
  dynamic = prm.get("Analysis") == "dynamic";
  spectral_radius = prm.get_double("Spectral radius");
  mass_damping = prm.get_double("Mass damping");
  stiffness_damping = prm.get_double("Stiffness damping");
  prm.leave_subsection();
}

void NewtonSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Newton");
  prm.declare_entry("Maximum iterations", "12", dealii::Patterns::Integer(1, 200),
                    "[-] Newton iterations per step before the step is cut.");
  prm.declare_entry("Residual tolerance", "1e-8", dealii::Patterns::Double(0, 1),
                    "[-] Converged when |R| <= this x the force scale: the larger of |internal forces| and "
                    "|external forces|, or the largest such scale earlier in the run when that is larger "
                    "(so that an unloaded state is judged against the forces the load case carried).");
  prm.declare_entry("Absolute residual tolerance", "1e-10", dealii::Patterns::Double(0),
                    "[N] Converged when |R| falls below this, whatever the force scale.");
  prm.declare_entry("Increment tolerance", "1e-8", dealii::Patterns::Double(0, 1),
                    "[-] Also required: |du| <= this x the larger of |u| and what the step moved.");
  prm.declare_entry("Energy tolerance", "1e-12", dealii::Patterns::Double(0, 1),
                    "[-] Instead of the increment test, the update's work |R . du| <= this x that of the step's "
                    "first update also counts (with the residual test): a body held only by lax tissue then "
                    "counts as at rest although round-off still moves it by micrometres (Bathe 1996, Finite "
                    "Element Procedures, sec. 8.4.4). 0: increment test only.");
  prm.declare_entry("Viscous stabilization", "0", dealii::Patterns::Double(0),
                    "[N/mm per mm^3] Nodal forces eta V (u - u_step start) on every node (V its share of the volume), "
                    "which damp the motion of a body held only by lax tissue (a vertebra in a lax joint) "
                    "within a load step. Its moments about the head axis, on the head and on the spine, are "
                    "written to history.csv (0 where the state is undamped: Undamped solve). 0: off.");
  prm.declare_entry("Undamped solve", "false", dealii::Patterns::Bool(),
                    "With a viscous stabilization: once a state has converged with it (under moment control, where "
                    "the moment search may stop or bracket there), relax the damping: move its reference to that "
                    "state, weaken it tenfold and solve again, until its forces are within the residual tolerance "
                    "(at most 12 rounds; pseudo-transient continuation, Kelley & Keyes 1998). The answer is then an "
                    "equilibrium the damping has no part in. A failed round is tried once more with a gentler cut "
                    "(half); if that fails too (a body that nothing holds, or a contact pairing that does not "
                    "settle) the last converged, partly relaxed state stands, its damping reported in history.csv, "
                    "and no relaxation is tried again in that step.");
  prm.declare_entry("Damping follows the head drive", "false", dealii::Patterns::Bool(),
                    "With a viscous stabilization, under moment control: each trial solve of the moment search "
                    "measures the head's motion from where the last state's head goes if turned rigidly by the "
                    "drive's change about the head axis, so that the damping resists only a deviation from that "
                    "turn. Otherwise it resists the whole motion since the last state; the head is large "
                    "(4.2e6 mm^3) and, turned about an axis far from its centre, moves 2.4 mm per degree, so the "
                    "damping then holds it with forces that are no part of a pure moment.");
  prm.declare_entry("Line search", "true", dealii::Patterns::Bool(),
                    "Choose the length of each Newton update (but not one that moves prescribed DoFs) by the "
                    "minimum of the potential energy along it, where R(u + a du) . du = 0: a full update is kept "
                    "when that derivative has fallen to 0.8 of its start. Needed where a joint is lax (the update "
                    "overshoots by orders of magnitude).");
  prm.declare_entry("Hold contact pairing after", "6", dealii::Patterns::Integer(0, 200),
                    "[-] Newton updates after which each contact node keeps the triangle it presses on for the "
                    "rest of the solve. A node at a facet's edge can otherwise switch triangles from one update to "
                    "the next, and Newton cycles. A state that converges so is accepted only where the free choice "
                    "picks the same triangles; else Newton goes on from it with the choice free (at most 3 "
                    "rounds). 0: never hold.");
  prm.declare_entry("Modified updates", "false", dealii::Patterns::Bool(),
                    "Direct method: after a Newton update, the next is first tried with the same factorisation "
                    "(a modified Newton update: a residual assembly and one solve, no new tangent or "
                    "factorisation); it is kept if it at least halves |R|, else a full update is made from where "
                    "the last one ended. Where contact makes Newton's tail linear anyway this saves about a third of "
                    "the factorisations (the same tests judge convergence), but a kept modified update counts "
                    "against Maximum iterations: on two spine cases it cost a step cut each (README, Benchmarks).");
  prm.declare_entry(
      "Check tangent", "false", dealii::Patterns::Bool(),
      "Verification, not for production runs: after each Newton update but a step's first (which moves the "
      "prescribed DoFs), compare the tangent's product K du with the central difference of the residual "
      "along du, (R(u + h du) - R(u - h du)) / 2h with h = 1e-3, and print |difference| / |K du| per update "
      "with the step. Two residual assemblies per update; not with rigid bodies. Default rotary thrust "
      "(2026-12-06): 3e-8 to 7e-6 per update where no joint presses, up to 0.5 where a contact slides on "
      "the dens (the contact tangent omits the normal's turning; README, The tangent checked in place).");
  prm.declare_entry(
      "Predictor", "extrapolate", dealii::Patterns::Selection("extrapolate|none"),
      "First guess of a quasi-static step without a moment search. extrapolate: the last accepted "
      "step's motion, scaled to this step's size, added to its end state (not across the start of a "
      "protocol phase); along a smooth load path Newton needs fewer updates (benchmark B 8^3: 21 in 10 "
      "steps, 30 without). none: the last accepted state. Either way the prescribed DoFs are moved to their "
      "values by the first update, and the answer is the same to Newton's tolerance.");
  prm.leave_subsection();
}

void NewtonSettings::parse_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Newton");
  max_iterations = prm.get_integer("Maximum iterations");
  residual_tolerance = prm.get_double("Residual tolerance");
  absolute_residual_tolerance = prm.get_double("Absolute residual tolerance");
  increment_tolerance = prm.get_double("Increment tolerance");
  energy_tolerance = prm.get_double("Energy tolerance");
  line_search = prm.get_bool("Line search");
  stabilization = prm.get_double("Viscous stabilization");
  undamped_solve = prm.get_bool("Undamped solve");
  extrapolate = prm.get("Predictor") == "extrapolate";
  modified_updates = prm.get_bool("Modified updates");
  check_tangent = prm.get_bool("Check tangent");
  damping_follows_drive = prm.get_bool("Damping follows the head drive");
  hold_contact_pairing_after = prm.get_integer("Hold contact pairing after");
  prm.leave_subsection();
}

void LinearSolverSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Linear solver");
  prm.declare_entry("Method", "cg", dealii::Patterns::Selection("cg|gmres|direct"),
                    "Krylov method (cg for the symmetric tangent, gmres if it may be indefinite), or a direct "
                    "solve with MUMPS (an LDL^T factorisation: the tangent is symmetric). PETSc command-line options "
                    "(-ksp_*, -pc_*) override these.");
  prm.declare_entry("Preconditioner", "gamg", dealii::Patterns::Selection("gamg|boomeramg"),
                    "Algebraic multigrid: PETSc GAMG with the rigid-body near-null space, or hypre BoomerAMG.");
  prm.declare_entry("GAMG threshold", "-1", dealii::Patterns::Double(-1, 0.5),
                    "[-] Iterative methods with Preconditioner = gamg: GAMG drops the connections weaker than "
                    "this, relative to the diagonal (|a_ij| / sqrt(a_ii a_jj)), from its aggregation graph on "
                    "every level. Negative (PETSc's default, -1) keeps every stored entry, even a zero one; 0 "
                    "drops the stored zeros, such as those a rigid body leaves in the rows and columns of its "
                    "bones. The spine model sets 0.05 (configs/common/spine_model.prm, which gives the "
                    "measurements). -pc_gamg_threshold on the command line overrides it.");
  prm.declare_entry("Relative tolerance", "1e-8", dealii::Patterns::Double(1e-16, 1),
                    "[-] Krylov stopping tolerance relative to the right-hand side.");
  prm.declare_entry("Maximum iterations", "2000", dealii::Patterns::Integer(1),
                    "[-] Krylov iterations before the solve counts as failed (the step is then cut).");
  prm.declare_entry("Lagged factorization iterations", "0", dealii::Patterns::Integer(0, 200),
                    "[-] Direct method only: the last MUMPS factorisation preconditions GMRES on the new tangent, "
                    "which must then bring |K du - R| below 1e-10 |R| within this many iterations; otherwise K is "
                    "factorised afresh and solved directly. It pays where the factorisation dominates a Newton "
                    "update (with the reference BLAS it cut the C3-C4 load case from 70 to 56 s); with OpenBLAS it "
                    "did not on the shipped models (README, Benchmarks). 0: factorise for every solve.");
  prm.declare_entry("Group rigid bodies", "true", dealii::Patterns::Bool(),
                    "With rigid bodies (Head/Rigid body, Regions/<name>/Rigid): the bodies whose soft "
                    "neighbourhoods are not connected through the tangent (in a spine, vertebrae two levels apart) "
                    "share the right-hand sides of the bordered solve, six per group instead of six per body; the "
                    "answer is the same. false: six per body (for verification).");
  prm.declare_entry("Inexact Newton", "false", dealii::Patterns::Bool(),
                    "Iterative methods only: each Newton update is solved only as far as the Newton residual's "
                    "progress warrants, to the forcing term of Eisenstat & Walker 1996 (SIAM J. Sci. Comput. "
                    "17:16-32, choice 2, gamma = 0.9, alpha = 2, at most 0.1), never tighter than `Relative "
                    "tolerance`. Fewer Krylov iterations, but the answer then differs between runs on different "
                    "numbers of ranks by up to the Newton tolerance, and where Newton itself struggles (line "
                    "searches, cut steps) the steps taken can differ too. false: every update to `Relative "
                    "tolerance`, so that 1 and 2 ranks give the same answer to round-off.");
  prm.declare_entry("Preconditioner reuse", "true", dealii::Patterns::Bool(),
                    "Iterative methods only: the multigrid preconditioner built for one tangent preconditions "
                    "the next ones too (a lagged preconditioner), and is rebuilt when a solve's rate (decades of "
                    "residual per iteration) falls below half of the rate of the first solve after its last build, "
                    "or when a lagged solve fails. false: built for every solve.");
  prm.leave_subsection();
}

void LinearSolverSettings::parse_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Linear solver");
  const std::string method_text = prm.get("Method");
  method = method_text == "gmres" ? Method::gmres : method_text == "direct" ? Method::direct : Method::cg;
  preconditioner = prm.get("Preconditioner") == "boomeramg" ? Preconditioner::boomeramg : Preconditioner::gamg;
  gamg_threshold = prm.get_double("GAMG threshold");
  relative_tolerance = prm.get_double("Relative tolerance");
  max_iterations = prm.get_integer("Maximum iterations");
  lagged_factorization_iterations = prm.get_integer("Lagged factorization iterations");
  inexact_newton = prm.get_bool("Inexact Newton");
  reuse_preconditioner = prm.get_bool("Preconditioner reuse");
  group_rigid_bodies = prm.get_bool("Group rigid bodies");
  prm.leave_subsection();
}
} // namespace cspine
