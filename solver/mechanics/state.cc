#include "mechanics/state.h"

#include "core/input_error.h"
#include "fe/nodal_archive.h"
#include "io/file_output.h"

#include <deal.II/base/mpi.h>

#include <fstream>
#include <sstream>

namespace cspine
{
namespace
{
const char *const format = "cspine checkpoint 2";

void put(ArchiveWriter &archive, const StepControl &control)
{
  archive.put(control.time);
  archive.put(control.step);
  archive.put(control.target);
  archive.put(control.reduction);
  archive.put(control.successes);
  archive.put(control.largest_force_scale);
  archive.put(control.last_head_moment);
}

StepControl get_control(ArchiveReader &archive)
{
  StepControl control;
  control.time = archive.get_double();
  control.step = archive.get_uint();
  control.target = archive.get_uint();
  control.reduction = archive.get_double();
  control.successes = archive.get_uint();
  control.largest_force_scale = archive.get_double();
  control.last_head_moment = archive.get_double();
  return control;
}
} // namespace

std::uint64_t fingerprint_of(const std::string &text)
{
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : text)
  {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

State::State(const dealii::DoFHandler<dim> &dofs, const dealii::Mapping<dim> &map, const dealii::IndexSet &relevant)
    : dof_handler(dofs), mapping(map)
{
  const MPI_Comm comm = dof_handler.get_communicator();
  u.reinit(dof_handler.locally_owned_dofs(), comm);
  u_ghosted.reinit(dof_handler.locally_owned_dofs(), relevant, comm);
  committed_u.reinit(dof_handler.locally_owned_dofs(), comm);
}

void State::commit()
{
  committed_u = u;
  committed_control = control;
  for (StepHistory *history : histories)
    history->commit();
}

void State::revert()
{
  u = committed_u;
  u_ghosted = u;
  control = committed_control;
  for (StepHistory *history : histories)
    history->revert();
}

void State::save(const std::string &file, const std::uint64_t fingerprint) const
{
  ArchiveWriter archive;
  archive.put(std::string(format));
  archive.put(fingerprint);
  archive.section("control");
  put(archive, committed_control);
  archive.section("displacement");
  save_nodal_field(dof_handler, mapping, committed_u, archive);
  for (const StepHistory *history : histories)
  {
    archive.section(history->history_name());
    history->save(archive);
  }
  write_on_root(dof_handler.get_communicator(), [&]() { write_file_atomically(file, archive.bytes()); });
}

void State::load(const std::string &file, const std::uint64_t fingerprint)
{
  const MPI_Comm comm = dof_handler.get_communicator();
  std::string bytes, failure;
  if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
  {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
    if (!in || bytes.empty())
      failure = file + ": no checkpoint to resume from (Output/Checkpoint interval writes one, and so does a run "
                       "stopped by --wall-time)";
  }
  failure = dealii::Utilities::MPI::broadcast(comm, failure, 0);
  if (!failure.empty())
    throw InputError(failure);
  bytes = dealii::Utilities::MPI::broadcast(comm, bytes, 0);

  ArchiveReader archive(bytes, file);
  if (archive.get_string() != format)
    throw InputError(file + ": not a cspine checkpoint of this version ('" + std::string(format) + "')");
  if (archive.get_uint() != fingerprint)
    throw InputError(file + ": the checkpoint was written with another config; resume with the config the run "
                            "started with (its copy is used-parameters.prm in the same folder)");
  archive.section("control");
  control = get_control(archive);
  archive.section("displacement");
  load_nodal_field(dof_handler, mapping, archive, u);
  u_ghosted = u;
  for (StepHistory *history : histories)
  {
    archive.section(history->history_name());
    history->load(archive);
  }
  if (!archive.at_end())
    throw InputError(file + ": the checkpoint holds more than this version reads");
  commit();
}
} // namespace cspine
