#include "mechanics/simulation.h"

#include "core/input_error.h"
#include "output/field_writer.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace cspine
{
namespace
{
std::vector<std::string> history_columns(const Config &config)
{
  std::vector<std::string> names = {"time [s]"};
  for (const DirichletCondition &condition : config.boundary_conditions.dirichlet)
    for (const char *axis : {"x", "y", "z"})
      names.push_back(std::string("reaction_") + axis + "_" + std::to_string(condition.boundary_id) + " [N]");
  for (const MonitorPoint &point : config.output.monitor_points)
    for (const char *axis : {"x", "y", "z"})
      names.push_back(std::string("u_") + axis + "_" + point.name + " [mm]");
  return names;
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
  build_distributed_mesh(config.mesh, mesh);
  check_regions(mesh, config, comm);
  discretization = std::make_unique<Discretization>(mesh.all_reference_cells_are_simplex());

  dof_handler.reinit(mesh);
  dof_handler.distribute_dofs(*discretization->fe);
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  dealii::IndexSet relevant;
  dealii::DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
  u.reinit(owned, comm);
  u_ghosted.reinit(owned, relevant, comm);

  dirichlet =
      std::make_unique<DirichletConstraints>(dof_handler, *discretization, config.boundary_conditions.dirichlet);
  dealii::DynamicSparsityPattern pattern(relevant);
  dealii::DoFTools::make_sparsity_pattern(dof_handler, pattern, dirichlet->homogeneous(), false);
  dealii::SparsityTools::distribute_sparsity_pattern(pattern, owned, comm, relevant);
  K.reinit(owned, owned, pattern, comm);

  assembler = std::make_unique<SolidAssembler>(dof_handler, *discretization, config.regions,
                                               config.boundary_conditions.tractions);
  linear_solver = std::make_unique<LinearSolver>(config.linear_solver, dof_handler, *discretization);
  newton = std::make_unique<NewtonSolver>(config.newton, *assembler, *linear_solver, *dirichlet, K);
  probe =
      std::make_unique<PointProbe>(dof_handler, *discretization->mapping, config.output.monitor_points, config.file);
  history_table = std::make_unique<History>(history_columns(config));
}

Simulation::~Simulation() = default;

void Simulation::describe(std::ostream *stream) const
{
  std::map<unsigned int, double> volumes;
  for (const auto &cell : mesh.active_cell_iterators())
    if (cell->is_locally_owned())
      volumes[cell->material_id()] += cell->measure();
  for (auto &[id, region] : config.regions)
    volumes[id] = dealii::Utilities::MPI::sum(volumes[id], comm);
  if (!stream)
    return;
  std::ostream &out = *stream;
  out << "config:      " << config.file << "\n"
      << "mesh:        " << (config.mesh.source == MeshSettings::Source::gmsh ? config.mesh.file : "generated") << ", "
      << mesh.n_global_active_cells() << (discretization->tetrahedra ? " quadratic tetrahedra" : " quadratic hexahedra")
      << ", " << dof_handler.n_dofs() << " DoFs on " << dealii::Utilities::MPI::n_mpi_processes(comm) << " rank(s)\n";
  for (const auto &[id, region] : config.regions)
    out << "region " << std::setw(4) << id << ": " << region.name << ", " << std::setprecision(8) << volumes[id]
        << std::defaultfloat << " mm^3 -> " << region.material_name
        << (region.fibres.n_families() ? ", " + std::to_string(region.fibres.n_families()) + " fibre family(ies)" : "")
        << "\n";
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
  out << "time:        0 to " << config.time.end_time << " s in " << config.time.n_steps << " steps\n";
}

void Simulation::record(const double time)
{
  Vector residual(dof_handler.locally_owned_dofs(), comm);
  double force_scale = 0;
  assembler->residual(u_ghosted, time, residual, force_scale);

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
  for (const Vector3 &value : probe->displacements(u_ghosted))
    for (unsigned int d = 0; d < dim; ++d)
      row.push_back(value[d]);
  history_table->add_row(row);
}

void Simulation::write_fields(const double time, const unsigned int step)
{
  dealii::Timer timer;
  field_writer->write(u_ghosted, time, step);
  if (!step_records.empty())
    step_records.back().output_seconds = timer.wall_time();
}

void Simulation::run(std::ostream *progress)
{
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  const std::string &directory = config.output.directory;
  if (root)
    std::filesystem::create_directories(directory);
  MPI_Barrier(comm);
  if (root)
  {
    std::ofstream(directory + "/used-parameters.prm") << config.used_parameters;
  }
  history_table->open(root ? directory + "/history.csv" : "");
  field_writer = std::make_unique<FieldWriter>(dof_handler, *discretization, config.regions, directory);

  u = 0;
  u_ghosted = u;
  record(0);
  write_fields(0, 0);

  const double end_time = config.time.end_time;
  const double nominal_step = end_time / config.time.n_steps;
  double time = 0, step_size = nominal_step;
  unsigned int step = 0, successes = 0;
  dealii::Timer wall;
  while (time < end_time * (1 - 1e-12))
  {
    step_size = std::min(step_size, end_time - time);
    const Vector converged = u;
    unsigned int cuts = 0;
    NewtonResult result;
    while (true)
    {
      result = newton->solve(time + step_size, u, u_ghosted);
      if (result.converged)
        break;
      u = converged;
      u_ghosted = u;
      successes = 0;
      if (++cuts > config.time.max_step_cuts)
      {
        write_fields(time, step + 1);
        throw SolverError("the load step from t = " + std::to_string(time) + " s failed after " +
                          std::to_string(config.time.max_step_cuts) + " step cuts: " + result.failure +
                          ". The last converged state (t = " + std::to_string(time) + " s) is in " + directory);
      }
      if (progress)
        *progress << "  step cut at t = " << time + step_size << " s: " << result.failure
                  << "; retrying with dt = " << step_size / 2 << " s\n";
      step_size /= 2;
    }
    time += step_size;
    ++step;
    step_records.push_back({time, result, 0});
    record(time);
    const bool last = time >= end_time * (1 - 1e-12);
    if (step % config.output.interval == 0 || last)
      write_fields(time, step);

    if (progress)
      *progress << "step " << std::setw(4) << step << "  t = " << std::setw(10) << std::setprecision(5) << time
                << " s  Newton " << std::setw(2) << result.iterations << "  |R| = " << std::scientific
                << std::setprecision(2) << result.residual_norms.back()
                << " N  |du| = " << result.increment_norms.back() << " mm  linear " << std::setw(4)
                << result.linear_iterations << std::defaultfloat << "  wall " << std::fixed << std::setprecision(1)
                << wall.wall_time() << " s" << std::defaultfloat << std::endl;

    // Grow back towards the nominal step after two successes in a row.
    if (++successes >= 2 && step_size < nominal_step)
    {
      step_size = std::min(2 * step_size, nominal_step);
      successes = 0;
    }
  }
}
} // namespace cspine
