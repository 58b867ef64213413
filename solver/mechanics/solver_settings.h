// Settings of the time loop, the Newton solver with step cutting, and the linear solver.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cspine
{
struct TimeSettings
{
  double end_time = 1;
  unsigned int n_steps = 10;
  unsigned int max_step_cuts = 6;
  /// Inertia in the steps of a run without a protocol (a protocol sets it per phase).
  bool dynamic = false;
  /// [-] Generalized-alpha's spectral radius at infinite frequency (1: no numerical damping).
  double spectral_radius = 0.9;
  /// [1/s] Mass-proportional (Rayleigh) damping: damping forces alpha M v.
  double mass_damping = 0;
  /// [s] Rayleigh stiffness-proportional damping beta_R.
  double stiffness_damping = 0;

  static void declare_parameters(dealii::ParameterHandler &prm);
  void parse_parameters(dealii::ParameterHandler &prm);
};

struct NewtonSettings
{
  unsigned int max_iterations = 12;
  double residual_tolerance = 1e-8;
  double absolute_residual_tolerance = 1e-10;
  double increment_tolerance = 1e-8;
  double energy_tolerance = 1e-12;
  bool line_search = true;
  double stabilization = 0;
  bool undamped_solve = false;
  bool damping_follows_drive = false;
  unsigned int hold_contact_pairing_after = 6;
  /// Quasi-static steps start from the last step's motion, scaled (StepPredictor).
  bool extrapolate = true;
  /// Direct method: an update first tries the last update's factorisation (NewtonSolver::solve).
  bool modified_updates = false;
  /// Verification: each update's K du against the residual's central difference along du (NewtonSolver).
  bool check_tangent = false;

  static void declare_parameters(dealii::ParameterHandler &prm);
  void parse_parameters(dealii::ParameterHandler &prm);
};

struct LinearSolverSettings
{
  enum class Method
  {
    cg,
    gmres,
    direct
  };
  enum class Preconditioner
  {
    gamg,
    boomeramg
  };
  Method method = Method::cg;
  Preconditioner preconditioner = Preconditioner::gamg;
  /// GAMG: connections weaker than this (relative to the diagonal) are dropped from the aggregation graph
  /// on every level (PCGAMGSetThreshold; 0 keeps every nonzero, negative even the stored zeros: PETSc's -1).
  double gamg_threshold = -1;
  double relative_tolerance = 1e-8;
  unsigned int max_iterations = 2000;
  /// Direct method: GMRES iterations allowed with the last factorisation as preconditioner before K is
  /// factorised afresh (0: a new factorisation for every solve).
  unsigned int lagged_factorization_iterations = 0;
  /// Iterative methods: Eisenstat-Walker forcing terms for the Newton updates.
  bool inexact_newton = false;
  /// Iterative methods: keep the preconditioner across tangents while it stays effective.
  bool reuse_preconditioner = true;
  /// Rigid bodies: one right-hand side per mode for the bodies whose soft neighbourhoods do not touch
  /// (false: six per body, for verification).
  bool group_rigid_bodies = true;

  static void declare_parameters(dealii::ParameterHandler &prm);
  void parse_parameters(dealii::ParameterHandler &prm);
};
} // namespace cspine
