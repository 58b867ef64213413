// Inertia in dynamic steps, by the generalized-alpha method (mechanics/generalized_alpha.h) with its
// forces averaged in time (for a linear system this is Chung & Hulbert's method exactly): the balance of a
// step from t_n to t_n+1,
//   M a_(n+1-alpha_m) + (1 - alpha_f) r_n+1 + alpha_f r_n = 0,   r = f_int + alpha_R M v - f_ext,
// is divided by (1 - alpha_f), so that this term adds g(u) = [M a_(n+1-alpha_m) + alpha_f r_n] / (1 - alpha_f)
// + alpha_R M v_n+1 to the quasi-static residual of the other terms, with the exact tangent
// [(1 - alpha_m) / ((1 - alpha_f) beta dt^2) + alpha_R gamma / (beta dt)] M. No term is evaluated anywhere but
// at the end of the step, so materials with history, contact and the head need nothing new. a and v
// follow Newmark's formulas from the accepted u_n, v_n, a_n. M is the consistent mass of each region's
// Density. A quasi-static step leaves the body at rest in equilibrium (v = a = r = 0), which is where the
// next dynamic phase starts. u_n, v_n, a_n and r_n are part of the State.
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"
#include "io/step_history.h"
#include "mechanics/generalized_alpha.h"
#include "mechanics/reference_stiffness.h"

#include <deal.II/dofs/dof_handler.h>

#include <functional>
#include <map>
#include <optional>

namespace cspine
{
struct InertiaSettings
{
  /// [tonne/mm^3] By region id.
  std::map<unsigned int, double> densities;
  /// [-] rho_infinity.
  double spectral_radius = 0.9;
  /// [1/s] Rayleigh mass-proportional damping.
  double mass_damping = 0;
  /// [s] Rayleigh stiffness-proportional damping beta_R, on the cells' reference stiffness K0 (`stiffness`,
  /// which must then be set and outlive the Inertia).
  double stiffness_damping = 0;
  const ReferenceStiffness *stiffness = nullptr;
  /// Whether the step ending at a time is dynamic.
  std::function<bool(double)> dynamic;
};

class Inertia : public AssemblyTerm, public StepHistory
{
public:
  /// `relevant`: the DoFs the run's ghosted vectors hold.
  Inertia(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
          const dealii::IndexSet &relevant, InertiaSettings settings);

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  /// In a dynamic step: g(u) and its tangent; remembers u and time for the commit.
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// [mm/s] and [mm/s^2] The velocity and acceleration at (u, time) from the committed state (zero in a
  /// quasi-static step; the committed ones at the committed time), into `velocity` and `acceleration`
  /// (ghosted, like u). Collective.
  void kinematics_at(const Vector &u, double time, Vector &velocity, Vector &acceleration) const;
  /// [mm/s] The velocity alone, as kinematics_at. Collective.
  void velocity_at(const Vector &u, double time, Vector &velocity) const;
  /// Adds M a + alpha_R M v at (u, time) less g(u) to `residual` (owned), so that the residual's rows at
  /// prescribed DoFs become the forces the supports pass at the end of the step (inertia of the supported
  /// nodes included) rather than the time-averaged balance. Collective.
  void correct_reactions(const Vector &u, double time, Vector &residual) const;
  /// Whether the step from the committed state to `time` has inertia.
  bool dynamic_step(double time) const;
  /// kinetic_energy [N mm]: 1/2 v.M v at the state recorded.
  std::vector<std::string> history_columns() const override { return {"kinetic_energy [N mm]"}; }
  void add_history_values(const Vector &u, double time, std::vector<double> &row) const override;
  std::string description() const override;

  std::string history_name() const override { return "inertia"; }
  /// The last assembly's (u, time) becomes the accepted state, with its a, v and r.
  void commit() override;
  void revert() override { trial_time.reset(); }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  struct Kinematics
  {
    double time = 0;
    /// Ghosted copies of u, v, a; r owned.
    Vector u, v, a, r;
  };
  /// Newmark's a and v at (u, time) from the committed state, into `a` and `v` (made ghosted, like u). Collective.
  void newmark(const Vector &u, double time, Vector &a, Vector &v) const;
  /// result += factor M x (x ghosted; result owned, compressed). Collective.
  void add_mass_times(const Vector &x, double factor, Vector &result) const;
  /// Makes `vector` hold the run's relevant DoFs (ghosted), zero.
  void make_ghosted(Vector &vector) const;
  /// result += factor M (of_a a + of_committed a_n), a ghosted. Collective.
  void add_mass_times_accelerations(const Vector &a, double of_a, double of_committed, double factor,
                                    Vector &result) const;
  /// beta_R K0 v (v ghosted, Newmark's) and its tangent beta_R gamma / (beta dt) K0, cell by cell.
  void add_stiffness_damping(const Vector &v, double dt, LocalSink &sink) const;
  /// The local mass matrix of each cell with mass, for `visit(active cell index, cell dofs, M_e)`.
  template <typename Visitor> void for_each_cell_mass(Visitor visit) const;
  /// The density of a locally owned cell's region; 0 for a cell without mass or owned by another rank.
  double owned_cell_density(const dealii::DoFHandler<dim>::active_cell_iterator &cell) const;
  /// Fills scalar_masses, component and base (the mesh and densities are fixed for the run).
  void compute_cell_masses();

  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const dealii::IndexSet relevant;
  InertiaSettings settings;
  GeneralizedAlpha scheme;
  Kinematics committed;
  /// The scalar mass matrix int rho N_a N_b dV of each owned cell with mass, in cell order (the
  /// components' blocks are copies of it): computed once, since the mesh and densities are fixed,
  /// not with FEValues at every assembly. Shape function i is the scalar one base[i] in component
  /// component[i].
  std::vector<double> scalar_masses;
  std::vector<unsigned int> component, base;
  /// The last assembly's u (ghosted) and time, until a commit takes them.
  mutable Vector trial_u;
  mutable std::optional<double> trial_time;
};
} // namespace cspine
