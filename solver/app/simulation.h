// A whole run: mesh and DoFs (setup, which writes nothing), then the quasi-static time loop with step
// cutting, reactions and monitor points in history.csv, and fields in pvtu/pvd.
#pragma once

#include "app/memory_estimate.h"
#include "contact/penalty_contact.h"
#include "fe/discretization.h"
#include "io/history.h"
#include "io/provenance.h"
#include "loads/head_coupling.h"
#include "loads/ligament_springs.h"
#include "loads/rigid_bones.h"
#include "mechanics/config.h"
#include "mechanics/dirichlet_constraints.h"
#include "mechanics/linear_solver.h"
#include "mechanics/newton_solver.h"
#include "mechanics/solid_assembler.h"
#include "mechanics/state.h"
#include "output/point_probe.h"

#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/dofs/dof_handler.h>

#include <memory>
#include <ostream>
#include <stdexcept>

namespace cspine
{
/// The load history could not be completed; the last converged state has been written.
class SolverError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// The wall-time limit (--wall-time) is near; the state has been checkpointed for --resume.
class WallTimeReached : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

struct StepRecord
{
  double time = 0;
  NewtonResult newton;
  double output_seconds = 0;
  /// Contact assemblies whose tangent left out cross terms beyond the matrix pattern (see PenaltyContact).
  unsigned long long approximated_contacts = 0;
};

class Simulation
{
public:
  /// Builds and checks everything; writes nothing. Throws InputError on bad input.
  Simulation(const Config &config, MPI_Comm comm);
  ~Simulation();

  /// What was checked: mesh, regions with their volumes, boundaries, DoFs. Collective; `out` is null
  /// on ranks that do not print.
  void describe(std::ostream *out) const;
  /// What the run will need in memory, and what the node has. Runs the direct solver's analysis.
  /// Collective.
  MemoryEstimate estimate_memory();

  /// Runs the load history and writes the output folder. `progress` gets one line per step (may be
  /// null). Throws InputError, on every rank, if the folder already holds files (unless
  /// OutputSettings::overwrite) or cannot be written; SolverError if a step fails after all cuts;
  /// WallTimeReached once a checkpoint has been written because the wall-time limit is near; OutputError
  /// if a result file cannot be written (a full disk). With OutputSettings::resume it continues from the
  /// folder's checkpoint instead of starting at t = 0.
  void run(std::ostream *progress);

  const History &history() const { return *history_table; }
  const std::vector<StepRecord> &steps() const { return step_records; }
  dealii::types::global_dof_index n_dofs() const { return dof_handler.n_dofs(); }
  const dealii::DoFHandler<dim> &dofs() const { return dof_handler; }
  /// Ghosted displacement of the last converged state.
  const Vector &displacement() const { return state->u_ghosted; }
  /// Ends this session's block in provenance.txt with `status` ("finished", "solver stopped: ..."; nothing
  /// before the output folder is open). Collective.
  void record_end(const std::string &status);
  /// [mm/s] The velocity of the current state at the run's time (zero without inertia or after a
  /// quasi-static step), ghosted like the displacement: what solution.pvd shows. Collective.
  Vector velocity() const;

  const HeadCoupling *head() const { return head_coupling; }
  const LigamentSprings *ligaments() const { return ligament_springs; }
  const PenaltyContact *contact() const { return joint_contact; }
  /// The rigid regions (null if none is Rigid).
  const RigidBones *bones() const { return rigid_bones; }
  /// The tangent's matrix as the last step left it (its pattern is what the tests read).
  const Matrix &tangent() const { return K; }

private:
  /// Prepares the output folder (a fresh run) or reopens its files (resuming), and registers the
  /// outputs' histories with the state.
  void open_output(bool resuming);
  /// [mm/s] The velocity of the current displacement at `time` (ghosted). Collective.
  Vector velocity_at(double time) const;
  /// What provenance.txt records of this session: build, inputs, command line, ranks, host, models.
  ProvenanceSession provenance_session() const;
  std::string checkpoint_file() const;
  static double nominal_step(const std::vector<double> &targets, std::size_t target);
  /// One accepted step towards targets[control.target], cutting it as needed; advances the control.
  /// Throws SolverError when the cuts run out.
  NewtonResult advance(const std::vector<double> &targets, std::ostream *progress);
  void print_step(const NewtonResult &result, double wall_seconds, std::ostream *progress) const;
  /// Writes a checkpoint every Output/Checkpoint interval steps; before the wall-time limit also, and
  /// then throws WallTimeReached.
  void checkpoint_if_due(double elapsed, double slowest_step, bool last, std::ostream *progress);
  /// The end times of the load steps: the protocol's, or Time/Number of steps uniform ones.
  std::vector<double> step_end_times() const;
  void record(double time, unsigned int step, bool write);
  void write_fields(double time, unsigned int step);
  /// Solves the step ending at `time` from the converged u: one Newton solve, or under moment control the
  /// solves of the moment search.
  NewtonResult solve_step(double time, double force_scale);
  /// One equilibrium solve at `time` from the converged u (contact pairing held after a few updates:
  /// `solve_with_held_pairing`).
  NewtonResult equilibrium(double time, double force_scale);
  /// From a converged damped state, relaxes the viscous stabilisation (reference moved to the state,
  /// strength cut tenfold, solved again) until its forces are within Newton's residual tolerance. On a
  /// failed solve the last converged state stands with its damping (stabilization_moment_* in
  /// history.csv). `total` gains the solves' work. Returns whether the state is now undamped.
  bool relax_damping(double time, double force_scale, NewtonResult &total);
  struct HeadMoments
  {
    /// [N mm] About the head axis: what the head passes into the spine, and the stabilisation's moment
    /// on the head and on the rest.
    double into_spine = 0, stabilization_head = 0, stabilization_spine = 0;
    /// [N] The size of the stabilisation's net force on the head (what holds its translation).
    double stabilization_head_force = 0;
  };
  /// At u_ghosted; `residual` (the forces at u_ghosted) is needed under angle control only. Collective.
  HeadMoments head_moments(const Vector &residual, double time) const;
  /// [N mm] head_moments' moment into the spine at the current state. Collective.
  double moment_into_spine(double time) const;
  /// The first load term of type Term, or null.
  template <typename Term> Term *find_term() const
  {
    for (const auto &term : owned_terms)
      if (auto *found = dynamic_cast<Term *>(term.get()))
        return found;
    return nullptr;
  }
  /// (Re)builds the tangent's sparsity pattern at the current displacement (u_ghosted), for the DoFs
  /// prescribed during the step ending at `time`.
  void build_matrix(double time);
  /// Whether the matrix's pattern leaves out the head's couplings (its pose prescribed when it was built).
  bool pattern_without_head = false;

  const Config &config;
  MPI_Comm comm;
  dealii::parallel::fullydistributed::Triangulation<dim> mesh;
  std::unique_ptr<Discretization> discretization;
  dealii::DoFHandler<dim> dof_handler;
  Matrix K;
  /// Locally relevant DoFs plus those the coupling terms read.
  dealii::IndexSet relevant;
  std::unique_ptr<State> state;
  /// The materials' internal variables (part of the state).
  std::unique_ptr<QuadratureHistory> material_history;
  /// The load terms of app/load_term_registry.cc that the config asks for, in assembly order.
  std::vector<std::unique_ptr<AssemblyTerm>> owned_terms;
  /// The terms the run talks to besides assembling them (null when not in use).
  HeadCoupling *head_coupling = nullptr;
  LigamentSprings *ligament_springs = nullptr;
  RigidBones *rigid_bones = nullptr;
  PenaltyContact *joint_contact = nullptr;
  class ViscousStabilization *stabilization = nullptr;
  /// Present when any step is dynamic.
  std::unique_ptr<class ReferenceStiffness> reference_stiffness;
  std::unique_ptr<class Inertia> inertia;
  /// Where the moment search reports each equilibrium solve (the run's progress stream; may be null).
  std::ostream *search_progress = nullptr;
  std::unique_ptr<class MomentSearch> moment_search;
  /// Present unless Newton/Predictor = none.
  std::unique_ptr<class StepPredictor> predictor;
  std::vector<AssemblyTerm *> terms;
  std::unique_ptr<SolidAssembler> assembler;
  std::unique_ptr<DirichletConstraints> dirichlet;
  std::unique_ptr<LinearSolver> linear_solver;
  std::unique_ptr<NewtonSolver> newton;
  std::unique_ptr<ExactRegionRotation> exact_rotation;
  std::unique_ptr<PointProbe> probe;
  std::unique_ptr<History> history_table;
  std::unique_ptr<class FieldWriter> field_writer;
  std::unique_ptr<class LoadCaseReport> report;
  std::unique_ptr<ProvenanceFile> provenance;
  /// Whether the step ending at `time` solves for the head's moment by searching its drive angle.
  bool moment_search_step(double time) const;
  /// Whether the step ending at `time` starts from the predictor's extrapolation.
  bool extrapolates(double time) const;
  std::vector<StepRecord> step_records;
};
} // namespace cspine
