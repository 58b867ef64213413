#include "app/simulation.h"

#include "app/load_term_registry.h"
#include "app/partition_costs.h"

#include "core/format.h"
#include "core/input_error.h"
#include "core/version.h"
#include "fe/cell_volume_check.h"
#include "fe/mass_properties.h"
#include "io/file_output.h"
#include "io/output_directory.h"
#include "materials/registry.h"
#include "mechanics/held_pairing_solve.h"
#include "mechanics/inertia.h"
#include "mechanics/moment_search.h"
#include "mechanics/rigid_body_solve.h"
#include "mechanics/step_predictor.h"
#include "mechanics/viscous_stabilization.h"
#include "output/field_writer.h"
#include "output/load_case_report.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

namespace cspine
{
namespace
{
// The columns the run measures itself: time, reactions, monitor points (their velocity and acceleration too
// in a run with inertia) and the head (whose moment needs the residual and the stabilisation). Each
// assembly term appends its own after them.
std::vector<std::string> history_columns(const Config &config, const bool with_inertia)
{
  std::vector<std::string> names = {"time [s]"};
  for (const DirichletCondition &condition : config.boundary_conditions.dirichlet)
    for (const char *axis : {"x", "y", "z"})
      names.push_back(std::string("reaction_") + axis + "_" + std::to_string(condition.boundary_id) + " [N]");
  for (const MonitorPoint &point : config.output.monitor_points)
    for (const char *axis : {"x", "y", "z"})
      names.push_back(std::string("u_") + axis + "_" + point.name + " [mm]");
  if (with_inertia)
    for (const auto &[quantity, unit] : {std::pair{"v_", " [mm/s]"}, std::pair{"a_", " [mm/s^2]"}})
      for (const MonitorPoint &point : config.output.monitor_points)
        for (const char *axis : {"x", "y", "z"})
          names.push_back(quantity + std::string(axis) + "_" + point.name + unit);
  if (config.load_case.head)
  {
    names.push_back("head_rotation [deg]");
    names.push_back("head_moment [N mm]");
    if (config.newton.stabilization > 0)
    {
      names.push_back("stabilization_moment_head [N mm]");
      names.push_back("stabilization_moment_spine [N mm]");
      names.push_back("stabilization_force_head [N]");
    }
  }
  return names;
}

// A rigid region may hold no prescribed DoF, nor share a node with another rigid body (the head's or
// another region's); checked on all ranks together.
void check_rigid_bodies(const std::vector<const RigidBodyTerm *> &rigid_terms, const DirichletConstraints &dirichlet,
                        const std::string &file, const MPI_Comm comm)
{
  const dealii::AffineConstraints<double> &prescribed = dirichlet.homogeneous(0);
  std::set<dealii::types::global_dof_index> seen;
  int constrained = -1, shared = -1;
  for (std::size_t b = 0; b < rigid_terms.size(); ++b)
    for (const auto dof : rigid_terms[b]->rigid_body()->dofs())
    {
      if (prescribed.is_constrained(dof))
        constrained = static_cast<int>(b);
      if (!seen.insert(dof).second)
        shared = static_cast<int>(b);
    }
  constrained = dealii::Utilities::MPI::max(constrained, comm);
  shared = dealii::Utilities::MPI::max(shared, comm);
  const auto name = [&](const int b)
  {
    const auto *bone = dynamic_cast<const RigidBone *>(rigid_terms[b]);
    return bone ? "Regions/" + bone->name() + "/Rigid" : std::string("Load case/Head/Rigid body");
  };
  if (constrained >= 0)
    throw InputError(file, name(constrained), "true",
                     "false for a region with prescribed displacements (Boundary conditions/Fixed displacement): a "
                     "rigid body's nodes move only with its six DoFs");
  if (shared >= 0)
    throw InputError(file, name(shared), "true",
                     "false for a region that shares nodes with another rigid body: each node moves with one body "
                     "(two touching bones are one region, or a rigid one and a deformable one)");
}

// Every cell's region id must have a Regions/<name> section; checked on all ranks together.
void check_regions(const dealii::Triangulation<dim> &mesh, const Config &config, const MPI_Comm comm)
{
  int missing = -1;
  for (const auto &cell : mesh.active_cell_iterators())
    if (cell->is_locally_owned() && config.regions.count(cell->material_id()) == 0)
      missing = static_cast<int>(cell->material_id());
  missing = dealii::Utilities::MPI::max(missing, comm);
  if (missing >= 0)
    throw InputError((config.mesh.source == MeshSettings::Source::gmsh ? config.mesh.file : config.file) +
                     ": cells of physical volume " + std::to_string(missing) +
                     " have no name in $PhysicalNames; every volume needs a named physical group");
}
} // namespace

Simulation::Simulation(const Config &input, const MPI_Comm communicator)
    : config(input), comm(communicator), mesh(communicator)
{
  build_distributed_mesh(config.mesh, mesh, partition_costs(config));
  check_regions(mesh, config, comm);
  discretization = std::make_unique<Discretization>(mesh.all_reference_cells_are_simplex(), config.mesh.element_degree);
  if (!config.load_case.contact.pairs.empty() && !discretization->tetrahedra)
    throw InputError(
        config.file, "Load case/Contact/Enabled", "true",
        "false on a hexahedral mesh: contact needs tetrahedra (Mesh/Cell type, or a tetrahedral gmsh file)");

  dof_handler.reinit(mesh);
  dof_handler.distribute_dofs(*discretization->fe);
  check_cell_volumes(dof_handler, *discretization,
                     config.mesh.source == MeshSettings::Source::gmsh ? config.mesh.file : config.file);

  const LoadCase &load_case = config.load_case;
  for (const LoadTermEntry &entry : load_term_registry())
    for (std::unique_ptr<AssemblyTerm> &term : entry.create({config, dof_handler, *discretization}))
    {
      terms.push_back(term.get());
      owned_terms.push_back(std::move(term));
    }
  head_coupling = find_term<HeadCoupling>();
  ligament_springs = find_term<LigamentSprings>();
  rigid_bones = find_term<RigidBones>();
  joint_contact = find_term<PenaltyContact>();
  stabilization = find_term<ViscousStabilization>();
  // The rigid vertebrae keep their damping: it holds them where the tissue around them is lax, and the
  // undamped relaxation takes it off again (Newton/Undamped solve).
  if (stabilization && head_coupling && head_coupling->rigid_body())
    stabilization->leave_out(head_coupling->rigid_body()->dofs());
  if (load_case.head)
    moment_search = std::make_unique<MomentSearch>(
        MomentSearchSettings{load_case.head->moment_tolerance, load_case.head->largest_rotation_per_solve, 100});

  // Every rank holds its locally relevant DoFs plus those the coupling terms read.
  dealii::IndexSet shared(dof_handler.n_dofs());
  dealii::DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
  for (const AssemblyTerm *term : terms)
    term->add_needed_dofs(shared);
  shared.compress();
  relevant.add_indices(shared);
  relevant.compress();
  state = std::make_unique<State>(dof_handler, *discretization->mapping, relevant);
  const auto dynamic = [this](const double time)
  {
    return config.load_case.active() ? config.load_case.protocol.dynamic(time) : config.time.dynamic;
  };
  const std::vector<double> ends = step_end_times();
  if (std::any_of(ends.begin(), ends.end(), dynamic))
  {
    reference_stiffness = std::make_unique<ReferenceStiffness>(dof_handler, *discretization, config.regions);
    InertiaSettings settings{{},
                             config.time.spectral_radius,
                             config.time.mass_damping,
                             config.time.stiffness_damping,
                             reference_stiffness.get(),
                             dynamic};
    for (const auto &[id, region] : config.regions)
      settings.densities[id] = region.density;
    inertia = std::make_unique<Inertia>(dof_handler, *discretization, relevant, std::move(settings));
    terms.push_back(inertia.get());
    state->add(*inertia);
  }
  material_history = std::make_unique<QuadratureHistory>(
      dof_handler, discretization->cell_quadrature.size(),
      [this](const unsigned int region) { return config.regions.at(region).material->create_state(); });
  state->add(*material_history);
  if (ligament_springs)
    state->add(ligament_springs->relaxation_history());
  if (joint_contact)
    state->add(*joint_contact);
  if (moment_search)
    state->add(*moment_search);
  if (head_coupling)
    state->add(*head_coupling);
  dirichlet = std::make_unique<DirichletConstraints>(dof_handler, *discretization, config.boundary_conditions.dirichlet,
                                                     relevant, shared, head_coupling);
  build_matrix(0);

  assembler = std::make_unique<SolidAssembler>(dof_handler, *discretization, config.regions,
                                               config.boundary_conditions.tractions, *material_history);
  for (const AssemblyTerm *term : terms)
    assembler->add_term(*term);
  linear_solver = std::make_unique<LinearSolver>(config.linear_solver, dof_handler, *discretization);
  std::vector<const RigidBodyTerm *> rigid_terms;
  if (head_coupling && head_coupling->rigid_body())
    rigid_terms.push_back(head_coupling);
  if (rigid_bones)
    for (const RigidBone &bone : rigid_bones->bones())
      rigid_terms.push_back(&bone);
  check_rigid_bodies(rigid_terms, *dirichlet, config.file, comm);
  if (config.newton.extrapolate)
  {
    std::vector<const RigidBody *> bodies;
    for (const RigidBodyTerm *term : rigid_terms)
      bodies.push_back(term->rigid_body());
    predictor = std::make_unique<StepPredictor>(dof_handler, *discretization->mapping, std::move(bodies));
    state->add(*predictor);
  }
  newton = std::make_unique<NewtonSolver>(config.newton, *assembler, *linear_solver, *dirichlet, K, rigid_terms);
  std::vector<unsigned int> exactly_turned;
  for (const auto &[id, region] : config.regions)
    if (region.exact_first_rotation && !region.rigid &&
        !(config.load_case.head && config.load_case.head->regions.count(id) > 0))
      exactly_turned.push_back(id);
  if (!exactly_turned.empty())
  {
    exact_rotation = std::make_unique<ExactRegionRotation>(dof_handler, *discretization->mapping, exactly_turned,
                                                           dirichlet->always_prescribed());
    newton->turn_exactly(exact_rotation.get());
  }
  probe =
      std::make_unique<PointProbe>(dof_handler, *discretization->mapping, config.output.monitor_points, config.file);
  std::vector<std::string> columns = history_columns(config, inertia != nullptr);
  for (const AssemblyTerm *term : terms)
    for (const std::string &column : term->history_columns())
      columns.push_back(column);
  history_table = std::make_unique<History>(columns);
}

Simulation::~Simulation() = default;

void Simulation::build_matrix(const double time)
{
  // Prescribed DoFs (boundary conditions; the head while its pose is prescribed) keep only their
  // diagonal: the constraints never write elsewhere in their rows and columns. Zeros kept there would be
  // factorised by MUMPS (the thrust's head: 41 % of the operations) and would join those DoFs to their
  // neighbours in GAMG's aggregation graph.
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  const dealii::AffineConstraints<double> &fixed = dirichlet->homogeneous(time);
  pattern_without_head = head_coupling && head_coupling->prescribes(time);
  dealii::DynamicSparsityPattern pattern(relevant);
  dealii::DoFTools::make_sparsity_pattern(dof_handler, pattern, fixed, false);
  dealii::DynamicSparsityPattern couplings(relevant);
  for (AssemblyTerm *term : terms)
    term->add_sparsity(couplings, state->u_ghosted);
  // Only the rows a term coupled: DynamicSparsityPattern::end(row) scans on to the next row with entries,
  // which over every relevant row of a sparse `couplings` was 1 % of the default thrust's run.
  for (const auto row : couplings.nonempty_rows())
    if (!fixed.is_constrained(row))
      for (auto entry = couplings.begin(row); entry != couplings.end(row); ++entry)
        if (!fixed.is_constrained(entry->column()))
          pattern.add(row, entry->column());
  dealii::SparsityTools::distribute_sparsity_pattern(pattern, owned, comm, relevant);
  K.reinit(owned, owned, pattern, comm);
}

void Simulation::describe(std::ostream *stream) const
{
  std::map<unsigned int, double> volumes;
  for (const auto &cell : mesh.active_cell_iterators())
    if (cell->is_locally_owned())
      volumes[cell->material_id()] += cell->measure();
  for (auto &[id, region] : config.regions)
    volumes[id] = dealii::Utilities::MPI::sum(volumes[id], comm);
  // What the consistent mass gives the head in dynamic steps: its mesh's, not the Mass entry's. Collective,
  // so every rank computes it.
  const LoadCase &load_case = config.load_case;
  MassProperties head_mass;
  if (head_coupling && inertia)
    head_mass = mass_properties(dof_handler, *discretization->mapping, discretization->cell_quadrature,
                                [&](const unsigned int region) {
                                  return load_case.head->regions.count(region) ? config.regions.at(region).density : 0;
                                });
  if (!stream)
    return;
  std::ostream &out = *stream;
  out << "config:      " << config.file << "\n"
      << "mesh:        " << (config.mesh.source == MeshSettings::Source::gmsh ? config.mesh.file : "generated") << ", "
      << mesh.n_global_active_cells() << " " << discretization->cell_description() << ", " << dof_handler.n_dofs()
      << " DoFs on " << dealii::Utilities::MPI::n_mpi_processes(comm) << " rank(s)\n";
  for (const auto &[id, region] : config.regions)
  {
    out << "region " << std::setw(4) << id << ": " << region.name << ", " << std::setprecision(8) << volumes[id]
        << std::defaultfloat << " mm^3 -> " << region.material_name
        << (region.fibres.n_families() ? ", " + std::to_string(region.fibres.n_families()) + " fibre family(ies)" : "");
    // [t/mm^3 x mm^3 = t] -> kg; only where steps are dynamic.
    if (inertia)
      out << ", " << std::setprecision(4) << region.density * volumes[id] * 1e3 << std::defaultfloat << " kg";
    out << "\n";
  }
  for (const DirichletCondition &condition : config.boundary_conditions.dirichlet)
  {
    out << "fixed:       " << condition.boundary_name << " (id " << condition.boundary_id << "):";
    for (unsigned int c = 0; c < dim; ++c)
      if (condition.components[c])
        out << " "
            << "xyz"[c] << " = " << condition.components[c]->text();
    out << " [mm]\n";
  }
  for (const TractionCondition &traction : config.boundary_conditions.tractions)
    out << "traction:    " << traction.boundary_name << " (id " << traction.boundary_id
        << "): " << traction.components[0]->text() << ", " << traction.components[1]->text() << ", "
        << traction.components[2]->text() << " [MPa]\n";
  if (head_coupling)
  {
    const HeadSettings &head = *load_case.head;
    out << "head:        " << (head.rigid_body ? "one rigid body, six DoFs" : "meshed, coupled") << " ("
        << head.regions.size() << " regions), axis " << head.axis << " through " << head.centre << " [mm], weight of "
        << head.mass << " kg at " << head.centre_of_gravity << " [mm]\n";
    if (inertia)
    {
      const std::array<double, dim> moments = head_mass.principal_moments();
      // [tonne] -> kg; [tonne mm^2] -> kg m^2 (x 1e3 x 1e-6).
      out << "head mass:   " << std::setprecision(4) << head_mass.mass * 1e3 << " kg at " << head_mass.centre
          << " [mm], principal moments " << moments[0] * 1e-3 << ", " << moments[1] * 1e-3 << ", " << moments[2] * 1e-3
          << " kg m^2 (from the mesh and its densities)\n"
          << std::defaultfloat;
    }
  }
  for (const AssemblyTerm *term : terms)
    if (!term->description().empty())
      out << term->description() << "\n";
  if (load_case.active())
  {
    out << "protocol:   ";
    for (const PhaseSpan &span : load_case.protocol.spans)
      out << " " << span.name << " [" << span.start << ", " << span.end << "]";
    out << " s, " << load_case.protocol.step_end_times.size() << " steps\n";
  }
  else
    out << "time:        0 to " << config.time.end_time << " s in " << config.time.n_steps << " steps\n";
}

MemoryEstimate Simulation::estimate_memory()
{
  MemoryEstimate estimate;
  dealii::Utilities::System::MemoryStats stats;
  dealii::Utilities::System::get_memory_stats(stats);
  constexpr double megabyte = 1024 * 1024;
  estimate.resident = dealii::Utilities::MPI::max(static_cast<double>(stats.VmRSS) * 1024, comm) / megabyte;
  estimate.linear_solver = linear_solver->memory_megabytes(K, iterative_rigid_body_vectors(newton->rigid_bodies()));
  // Each step keeps its history.csv row and its record (with a residual and an increment norm per
  // Newton update); step cuts add steps the protocol does not count.
  const double per_step = sizeof(std::vector<double>) + 8.0 * history_table->columns().size() + sizeof(StepRecord) +
                          2 * 8.0 * config.newton.max_iterations;
  estimate.steps = static_cast<double>(step_end_times().size()) * per_step / megabyte;
  measure_node(comm, estimate);
  return estimate;
}

std::vector<double> Simulation::step_end_times() const
{
  if (config.load_case.active())
    return config.load_case.protocol.step_end_times;
  std::vector<double> times;
  for (unsigned int k = 1; k <= config.time.n_steps; ++k)
    times.push_back(config.time.end_time * k / config.time.n_steps);
  return times;
}

void Simulation::record(const double time, const unsigned int step, const bool write)
{
  // This assembly, at the accepted u and time, also leaves the materials' trial internal variables there
  // for the commit that follows.
  Vector residual(dof_handler.locally_owned_dofs(), comm);
  double force_scale = 0;
  assembler->residual(state->u_ghosted, time, residual, force_scale);
  if (inertia)
    inertia->correct_reactions(state->u_ghosted, time, residual);

  std::vector<double> row = {time};
  const auto &boundary_dofs = dirichlet->owned_boundary_dofs();
  for (const auto &per_component : boundary_dofs)
    for (unsigned int c = 0; c < dim; ++c)
    {
      double sum = 0;
      for (const auto dof : per_component[c])
        sum += residual(dof);
      row.push_back(dealii::Utilities::MPI::sum(sum, comm));
    }
  const auto add_at_monitor_points = [&](const Vector &field)
  {
    for (const Vector3 &value : probe->displacements(field))
      for (unsigned int d = 0; d < dim; ++d)
        row.push_back(value[d]);
  };
  add_at_monitor_points(state->u_ghosted);
  if (inertia)
  {
    Vector velocity, acceleration;
    inertia->kinematics_at(state->u_ghosted, time, velocity, acceleration);
    add_at_monitor_points(velocity);
    add_at_monitor_points(acceleration);
  }
  if (head_coupling)
  {
    row.push_back(head_coupling->rotation_about_axis(state->u_ghosted));
    const HeadMoments moments = head_moments(residual, time);
    row.push_back(moments.into_spine);
    state->control.last_head_moment = moments.into_spine;
    if (stabilization)
    {
      row.push_back(moments.stabilization_head);
      row.push_back(moments.stabilization_spine);
      row.push_back(moments.stabilization_head_force);
    }
  }
  for (const AssemblyTerm *term : terms)
    term->add_history_values(state->u_ghosted, time, row);
  history_table->add_row(row);
  if (report)
    report->record(time, step, state->u_ghosted, write);
}

double Simulation::moment_into_spine(const double time) const
{
  // The meshed head's drive knows its moment; a rigid body's prescribed rotation has a reaction.
  if (!head_coupling->rigid_body())
    return head_moments(Vector(), time).into_spine;
  Vector residual(dof_handler.locally_owned_dofs(), comm);
  double force_scale = 0;
  assembler->residual(state->u_ghosted, time, residual, force_scale);
  return head_moments(residual, time).into_spine;
}

Simulation::HeadMoments Simulation::head_moments(const Vector &residual, const double time) const
{
  // The moment the head passes into the spine: what turns it, less what the stabilisation takes on it.
  HeadMoments moments;
  moments.into_spine = head_coupling->axial_moment(state->u_ghosted, residual, time);
  if (!stabilization)
    return moments;
  Vector forces(dof_handler.locally_owned_dofs(), comm);
  stabilization->forces(state->u_ghosted, forces);
  const HeadSettings &head = config.load_case.head.value();
  moments.stabilization_head = head_coupling->moment_of(state->u_ghosted, forces);
  moments.stabilization_spine =
      stabilization->moment(state->u_ghosted, forces, head.centre, head.axis) - moments.stabilization_head;
  moments.into_spine -= moments.stabilization_head;
  moments.stabilization_head_force = head_coupling->force_of(forces).norm();
  return moments;
}

NewtonResult Simulation::equilibrium(const double time, const double force_scale)
{
  return solve_with_held_pairing(*newton, joint_contact, config.newton.hold_contact_pairing_after, time, force_scale,
                                 state->u, state->u_ghosted);
}

bool Simulation::relax_damping(const double time, const double force_scale, NewtonResult &total)
{
  // The damping carries Newton through the lax zone; it must not be part of the answer. Switching it off
  // at once fails where a joint is nearly free (C1 in the neutral zone). Instead, from the damped
  // equilibrium, move its reference there and weaken it tenfold, and solve again; repeat until its forces
  // are within Newton's residual tolerance. Each solve is damped (well posed); the sequence ends in an
  // undamped equilibrium (pseudo-transient continuation, Kelley & Keyes 1998). A failed round is tried
  // once more with a gentler cut (half); if that fails too, the last converged state stands with its
  // damping (history.csv reports its moments).
  constexpr double weakening = 10, gentle_weakening = 2;
  constexpr unsigned int most_rounds = 12;
  const NewtonSettings &newton_settings = config.newton;
  Vector damping(dof_handler.locally_owned_dofs(), comm);
  double cut = weakening;
  for (unsigned int round = 0;; ++round)
  {
    stabilization->forces(state->u_ghosted, damping);
    const double allowed =
        std::max(newton_settings.absolute_residual_tolerance, newton_settings.residual_tolerance * total.force_scale);
    if (damping.l2_norm() <= allowed)
      return true;
    if (round == most_rounds)
      return false;
    const Vector kept = state->u, kept_reference = stabilization->reference();
    const double kept_strength = stabilization->current_strength();
    stabilization->start_step(state->u_ghosted);
    stabilization->set_strength(kept_strength / cut);
    const NewtonResult relaxed = equilibrium(time, force_scale);
    const NewtonResult before = total;
    accumulate(total, relaxed);
    if (relaxed.converged)
    {
      cut = weakening;
      continue;
    }
    total.residual_norms = before.residual_norms;
    total.increment_norms = before.increment_norms;
    total.force_scale = before.force_scale;
    state->u = kept;
    state->u_ghosted = state->u;
    stabilization->start_step(kept_reference);
    stabilization->set_strength(kept_strength);
    if (search_progress)
      *search_progress << "    damping relaxation: the solve at " << kept_strength / cut << " of eta failed ("
                       << relaxed.failure << ")" << std::endl;
    if (cut == gentle_weakening)
      return false;
    cut = gentle_weakening;
  }
}

bool Simulation::moment_search_step(const double time) const
{
  // A meshed head takes a moment through the drive's search; a rigid one directly in dynamic steps (its
  // inertia holds it), and in quasi-static ones unless Head/Moment search.
  const bool dynamic = inertia && inertia->dynamic_step(time);
  const bool rigid = head_coupling && head_coupling->rigid_body();
  return head_coupling && config.load_case.protocol.head_control(time) == HeadControl::moment &&
         !(rigid && (dynamic || !config.load_case.head->moment_search));
}

bool Simulation::extrapolates(const double time) const
{
  // Dynamic steps start from the last state (their inertia predicts), moment searches from their own
  // guesses of the angle, and the first step of a phase from the last state (its load rate need not
  // follow the last phase's).
  if (!predictor || (inertia && inertia->dynamic_step(time)) || moment_search_step(time))
    return false;
  if (!config.load_case.active())
    return true;
  const double start = config.load_case.protocol.span(time).start;
  return state->control.time - start > 1e-9 * (time - state->control.time);
}

NewtonResult Simulation::solve_step(const double time, const double force_scale)
{
  const Protocol &protocol = config.load_case.protocol;
  // A dynamic step needs no stabilisation: its inertia (M / (beta dt^2) in the tangent) already holds a
  // body that lax tissue does not, and damping there would act as a physical damper (per step of motion,
  // as strong as the head's inertia in a 100 ms thrust).
  const bool dynamic = inertia && inertia->dynamic_step(time);
  const double full_strength = dynamic ? 0 : 1;
  if (stabilization)
    stabilization->set_strength(full_strength);
  const bool search = moment_search_step(time);
  if (head_coupling)
    head_coupling->set_moment_by_search(search);
  if (!search)
  {
    NewtonResult result = equilibrium(time, force_scale);
    if (result.converged && stabilization && config.newton.undamped_solve)
      relax_damping(time, force_scale, result);
    return result;
  }

  // Moment control: equilibrium solves with the drive at trial angles (MomentSearch), each from the last
  // converged one.
  Vector last_converged = state->u;
  NewtonResult total;
  bool first = true;
  const double target = protocol.head_moment.value(time);
  // Once a relaxation has failed in this step, the lax zone holds a body; trying again costs a failed
  // solve each time.
  bool relax = stabilization && config.newton.undamped_solve;
  const DrivePoint start{head_coupling->frame_angle(state->u_ghosted), state->control.last_head_moment};
  // What the damping measures the motion from: the last converged state until the moment is bracketed.
  Vector damping_base = state->u;
  double damping_base_angle = start.angle;
  const auto solve = [&](const double angle, const bool closing_in) -> std::optional<double>
  {
    head_coupling->set_moment_drive(angle);
    if (!first &&
        std::any_of(terms.begin(), terms.end(), [](const AssemblyTerm *term) { return term->pattern_moves(); }))
      build_matrix(time);
    first = false;
    // While the search steps towards the moment, the damping acts on the motion since the last solve
    // (not since the step began, which in the lax zone is tens of degrees); once the moment is
    // bracketed it keeps that reference, so that the moment is a function of the angle alone.
    if (stabilization)
    {
      stabilization->set_strength(full_strength);
      if (!closing_in)
      {
        damping_base = state->u;
        damping_base_angle = head_coupling->frame_angle(state->u_ghosted);
      }
      if (config.newton.damping_follows_drive)
      {
        // The head is expected to turn by the drive's change (the drive's spring lags by 1e-6 rad per
        // N m); the reference is a function of the angle alone, as regula falsi needs.
        Vector turned = damping_base;
        head_coupling->turn_rigidly(damping_base, angle - damping_base_angle, turned);
        stabilization->start_step(turned);
      }
      else if (!closing_in)
        stabilization->start_step(state->u_ghosted);
    }
    NewtonResult result = equilibrium(time, force_scale);
    if (!result.converged)
    {
      accumulate(total, result);
      if (search_progress)
        *search_progress << "    moment search: drive at " << std::fixed << std::setprecision(3) << angle
                         << " deg failed (" << result.failure << ")" << std::defaultfloat << std::endl;
      total.failure = result.failure;
      state->u = last_converged;
      state->u_ghosted = state->u;
      return std::nullopt;
    }
    double moment = moment_into_spine(time);
    // Relaxed where the search may stop or bracket: inside the bracket, at the target or past it (a
    // damped end of the bracket would hold the search at its angle once the other end is relaxed).
    std::string damping_state = stabilization ? "damped" : "";
    const bool past_target = (moment - target) * (target - start.moment) >= 0;
    if (relax && (closing_in || past_target || std::abs(moment - target) <= moment_search->tolerance()))
    {
      relax = relax_damping(time, force_scale, result);
      moment = moment_into_spine(time);
      std::ostringstream strength;
      strength << stabilization->current_strength();
      damping_state = relax ? "undamped" : "damping relaxed to " + strength.str() + " of eta, not further";
    }
    accumulate(total, result);
    last_converged = state->u;
    if (search_progress)
      *search_progress << "    moment search: drive at " << std::fixed << std::setprecision(3) << angle << " deg -> "
                       << std::setprecision(1) << moment << " N mm (" << result.iterations << " Newton"
                       << (damping_state.empty() ? "" : ", " + damping_state) << ")" << std::defaultfloat << std::endl;
    return moment;
  };
  const MomentSearch::Outcome outcome = moment_search->find(start, target, solve);
  total.converged = outcome.found;
  total.solves = outcome.solves;
  if (!outcome.found)
    total.failure = outcome.failure + (total.failure.empty() ? "" : " (last solve: " + total.failure + ")");
  return total;
}

Vector Simulation::velocity() const
{
  return velocity_at(state->control.time);
}

Vector Simulation::velocity_at(const double time) const
{
  Vector velocity;
  velocity.reinit(dof_handler.locally_owned_dofs(), relevant, comm);
  if (inertia)
    inertia->velocity_at(state->u_ghosted, time, velocity);
  return velocity;
}

void Simulation::write_fields(const double time, const unsigned int step)
{
  dealii::Timer timer;
  if (inertia)
  {
    // The velocity of the state being written (accepted, not yet committed).
    const Vector velocity = velocity_at(time);
    field_writer->write(state->u_ghosted, time, step, &velocity);
  }
  else
    field_writer->write(state->u_ghosted, time, step);
  if (!step_records.empty())
    step_records.back().output_seconds = timer.wall_time();
}

void Simulation::open_output(const bool resuming)
{
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  const std::string &directory = config.output.directory;
  if (!resuming)
  {
    prepare_output_directory(directory, config.output.overwrite, comm);
    write_on_root(comm, [&]() { write_file_atomically(directory + "/used-parameters.prm", config.used_parameters); });
  }
  provenance = std::make_unique<ProvenanceFile>(directory, resuming, provenance_session(), comm);
  history_table->open(root ? directory + "/history.csv" : "", resuming);
  field_writer =
      std::make_unique<FieldWriter>(dof_handler, *discretization, config.regions, *material_history, directory);
  state->add(*history_table);
  state->add(*field_writer);
  if (config.load_case.active())
  {
    report = std::make_unique<LoadCaseReport>(
        ReportInputs{config, dof_handler, *discretization, head_coupling, ligament_springs, joint_contact});
    report->open(directory, resuming);
    state->add(*report);
  }
}

ProvenanceSession Simulation::provenance_session() const
{
  ProvenanceSession session;
  session.version = version();
  session.command_line = config.output.command_line;
  session.ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  session.host = host_name();
  session.inputs.emplace_back("config", config.file);
  session.inputs.emplace_back("used parameters", config.output.directory + "/used-parameters.prm");
  if (config.mesh.source == MeshSettings::Source::gmsh)
  {
    session.inputs.emplace_back("mesh", config.mesh.file);
    // The generator's companion files, which the load case reads beside the mesh.
    const std::string stem = config.mesh.file.substr(0, config.mesh.file.size() - std::string(".msh").size());
    for (const std::string extension : {".ligaments", ".capsules", ".landmarks"})
      if (std::filesystem::exists(stem + extension))
        session.inputs.emplace_back(extension.substr(1), stem + extension);
  }
  for (const auto &[id, region] : config.regions)
    session.models.push_back("region " + region.name + ": " + region.material_name + " (" +
                             material_registry().get(region.material_name).description + "); constants: " +
                             (region.source.empty() ? "set in the config, no source given" : region.source));
  if (ligament_springs)
  {
    const LigamentSet &ligaments = config.load_case.ligaments;
    for (const auto &[type, source] : ligaments.curve_sources)
      session.models.push_back("curve " + type + ": " + source);
    for (const auto &[type, source] : ligaments.rate_effect_sources)
      session.models.push_back("rate effect " + type + ": " + source);
    if (const auto &damage = ligaments.damage)
      session.models.push_back(
          "sub-failure damage: onset " + format_number(damage->onset_fraction) +
          " of the elongation to failure (Quinn & Winkelstein 2007 J Biomech 40:2299-2306, yield against failure "
          "displacement of rat capsules), permanent set " +
          format_number(damage->set_fraction) + " (assumed), rupture width " + format_number(damage->rupture_width) +
          " (numerical)");
    else
      session.models.push_back("sub-failure damage: off");
  }
  return session;
}

void Simulation::record_end(const std::string &status)
{
  if (provenance)
    provenance->finish(status);
}

std::string Simulation::checkpoint_file() const
{
  return config.output.directory + "/checkpoint.cspine";
}

void Simulation::run(std::ostream *progress)
{
  search_progress = progress;
  const bool resuming = config.output.resume;
  open_output(resuming);
  if (resuming)
  {
    state->load(checkpoint_file(), fingerprint_of(config.used_parameters));
    if (progress)
      *progress << "resumed:     step " << state->control.step << ", t = " << state->control.time << " s, from "
                << checkpoint_file() << std::endl;
  }
  else
  {
    state->u = 0;
    state->u_ghosted = state->u;
    state->commit();
    record(0, 0, true);
    write_fields(0, 0);
  }

  const std::vector<double> targets = step_end_times();
  dealii::Timer wall;
  double slowest_step = 0;
  StepControl &control = state->control;
  for (; control.target < targets.size(); ++control.target)
    while (control.time < targets[control.target] - 1e-12 * nominal_step(targets, control.target))
    {
      const double started = wall.wall_time();
      const NewtonResult result = advance(targets, progress);
      const bool last = control.target + 1 == targets.size() && control.time == targets[control.target];
      const bool write = control.step % config.output.interval == 0 || last;
      record(control.time, control.step, write);
      if (write)
        write_fields(control.time, control.step);
      print_step(result, wall.wall_time(), progress);
      slowest_step = std::max(slowest_step, wall.wall_time() - started);
      state->commit();
      checkpoint_if_due(wall.wall_time(), slowest_step, last, progress);
    }
  if (report)
    report->summarize(progress);
}

double Simulation::nominal_step(const std::vector<double> &targets, const std::size_t target)
{
  return targets[target] - (target == 0 ? 0.0 : targets[target - 1]);
}

NewtonResult Simulation::advance(const std::vector<double> &targets, std::ostream *progress)
{
  StepControl &control = state->control;
  const double nominal = nominal_step(targets, control.target), end = targets[control.target];
  double step_size = std::min(nominal * control.reduction, end - control.time);
  // The step's start takes each term's history from the accepted state (contact pairing); that is part
  // of the committed state, which a cut returns to.
  state->u_ghosted = state->u;
  for (AssemblyTerm *term : terms)
    term->start_step(state->u_ghosted);
  if (head_coupling)
    head_coupling->follow_head(state->u_ghosted, control.time, end);
  if (std::any_of(terms.begin(), terms.end(), [](const AssemblyTerm *term) { return term->pattern_moves(); }) ||
      (head_coupling && head_coupling->prescribes(control.time + step_size) != pattern_without_head))
    build_matrix(control.time + step_size);
  state->commit();
  const Vector step_start = state->u;
  NewtonResult result;
  bool extrapolate = true;
  while (true)
  {
    const bool predicted = extrapolate && extrapolates(control.time + step_size);
    if (predicted)
    {
      predictor->predict(step_size, state->u);
      state->u_ghosted = state->u;
    }
    result = solve_step(control.time + step_size, control.largest_force_scale);
    if (result.converged)
      break;
    // The cut keeps the halved step size: the state goes back, the step control does not.
    const double reduction = control.reduction;
    state->revert();
    control.reduction = reduction;
    // A guess past a turn of the load path (pulled, then released) fails where the last state would not:
    // try that first, at the same size.
    if (predicted)
    {
      if (progress)
        *progress << "  step from t = " << control.time << " s: Newton failed from the extrapolated guess ("
                  << result.failure << "); retrying from the last state\n";
      extrapolate = false;
      continue;
    }
    control.successes = 0;
    // The limit bounds the step against the nominal one, not the cuts of this step alone: the step
    // that grows back after two successes must not be cut below it again and again.
    if (control.reduction < std::ldexp(1.0, -static_cast<int>(config.time.max_step_cuts)) * 1.5)
    {
      write_fields(control.time, control.step + 1);
      if (report)
        report->summarize(progress);
      std::ostringstream message;
      message << "the load step from t = " << control.time << " s failed at dt = " << step_size
              << " s (the nominal step / 2^" << config.time.max_step_cuts
              << ", Time/Maximum step cuts): " << result.failure << ". The last converged state (t = " << control.time
              << " s) is in " << config.output.directory;
      throw SolverError(message.str());
    }
    if (progress)
    {
      *progress << std::defaultfloat << std::setprecision(6) << "  step cut at t = " << control.time + step_size
                << " s: " << result.failure << "; retrying with dt = " << step_size / 2 << " s\n"
                << "    |R| [N] per Newton update:" << std::scientific << std::setprecision(1);
      for (const double norm : result.residual_norms)
        *progress << " " << norm;
      *progress << std::defaultfloat << "\n";
    }
    control.reduction /= 2;
    step_size = std::min(nominal * control.reduction, end - control.time);
  }
  control.time = control.time + step_size >= end - 1e-12 * nominal ? end : control.time + step_size;
  control.largest_force_scale = std::max(control.largest_force_scale, result.force_scale);
  if (predictor)
    predictor->accepted(step_start, state->u, step_size);
  ++control.step;
  if (++control.successes >= 2 && control.reduction < 1)
  {
    control.reduction *= 2;
    control.successes = 0;
  }
  const unsigned long long approximated = joint_contact ? joint_contact->take_approximated_contacts() : 0;
  step_records.push_back({control.time, result, 0, approximated});
  return result;
}

void Simulation::print_step(const NewtonResult &result, const double wall_seconds, std::ostream *progress) const
{
  if (!progress)
    return;
  const StepControl &control = state->control;
  *progress << "step " << std::setw(4) << control.step << "  t = " << std::setw(10) << std::setprecision(5)
            << control.time << " s";
  if (config.load_case.active())
    *progress << " " << std::setw(10) << config.load_case.protocol.span(control.time).name;
  *progress << "  Newton " << std::setw(2) << result.iterations << "  |R| = " << std::scientific << std::setprecision(2)
            << result.residual_norms.back() << " N  |du| = " << result.increment_norms.back() << " mm  linear "
            << std::setw(4) << result.linear_iterations << std::defaultfloat << "  wall " << std::fixed
            << std::setprecision(1) << wall_seconds << " s" << std::defaultfloat
            << (result.line_searches ? "  (" + std::to_string(result.line_searches) + " line searches)" : "")
            << (result.solves > 1 ? "  (" + std::to_string(result.solves) + " solves for the moment)" : "")
            << std::endl;
  if (report)
    for (const std::string &warning : report->warnings())
      *progress << "  warning: " << warning << "\n";
  if (!result.tangent_errors.empty())
  {
    *progress << "  tangent check, |dR/dh - K du| / |K du| per Newton update:" << std::scientific
              << std::setprecision(1);
    for (const double error : result.tangent_errors)
      *progress << " " << error;
    *progress << std::defaultfloat << "\n";
  }
  const unsigned long long approximated = step_records.back().approximated_contacts;
  if (approximated > 0)
    *progress << "  note: " << approximated
              << " contact assemblies slid beyond the matrix pattern within the step; their tangent "
                 "was approximated (the forces are exact)\n";
}

void Simulation::checkpoint_if_due(const double elapsed, const double slowest_step, const bool last,
                                   std::ostream *progress)
{
  const unsigned int interval = config.output.checkpoint_interval;
  const double limit = config.output.wall_time_limit;
  // Stop while the slowest step so far, and the checkpoint, still fit.
  const bool out_of_time = limit > 0 && !last && elapsed + 1.5 * slowest_step > limit;
  if (out_of_time || (interval > 0 && state->control.step % interval == 0 && !last))
    state->save(checkpoint_file(), fingerprint_of(config.used_parameters));
  if (!out_of_time)
    return;
  if (report)
    report->summarize(progress);
  std::ostringstream message;
  message << "the wall-time limit of " << limit << " s is near (" << elapsed << " s used, the slowest step took "
          << slowest_step << " s); the state at t = " << state->control.time << " s (step " << state->control.step
          << ") is in " << checkpoint_file() << ". Continue with --resume " << config.output.directory;
  throw WallTimeReached(message.str());
}
} // namespace cspine
