#include "output/load_case_report.h"

#include "io/file_output.h"
#include "output/report_registry.h"

#include <deal.II/base/mpi.h>

namespace cspine
{
namespace
{
/// Throws rank 0's OutputError (`failure`, empty if none) on every rank: only rank 0 writes.
void agree_on_failure(const MPI_Comm comm, const std::string &failure)
{
  write_on_root(comm,
                [&]()
                {
                  if (!failure.empty())
                    throw OutputError(failure);
                });
}
} // namespace

LoadCaseReport::LoadCaseReport(const ReportInputs &input)
    : inputs(input), root(dealii::Utilities::MPI::this_mpi_process(input.dof_handler.get_communicator()) == 0)
{
  for (const ReportEntry &entry : report_registry())
    plugins.push_back(entry.create(inputs, peaks));
}

LoadCaseReport::~LoadCaseReport() = default;

std::string LoadCaseReport::phase_label(const double time) const
{
  const Protocol &protocol = inputs.config.load_case.protocol;
  if (protocol.empty())
    return "";
  const PhaseSpan &span = protocol.span(time);
  return span.name + (span.repetition > 1 ? "#" + std::to_string(span.repetition) : "");
}

void LoadCaseReport::open(const std::string &folder, const bool resuming)
{
  directory = folder;
  std::string failure;
  try
  {
    for (const auto &plugin : plugins)
      plugin->open(directory, !resuming);
  }
  catch (const OutputError &error)
  {
    failure = error.what();
  }
  agree_on_failure(inputs.dof_handler.get_communicator(), failure);
}

void LoadCaseReport::record(const double time, const unsigned int step, const Vector &u, const bool write_vtk)
{
  const ReportStep label{time, step, phase_label(time),
                         inputs.ligaments ? inputs.ligaments->states(u, time) : std::vector<LigamentState>()};
  std::string failure;
  // Every plugin records, even after one failed to write: their collective calls must match on all ranks.
  for (const auto &plugin : plugins)
    try
    {
      plugin->record(label, u, write_vtk, peaks);
    }
    catch (const OutputError &error)
    {
      if (failure.empty())
        failure = error.what();
    }
  agree_on_failure(inputs.dof_handler.get_communicator(), failure);
}

std::vector<std::string> LoadCaseReport::warnings() const
{
  std::vector<std::string> lines;
  for (const auto &plugin : plugins)
    if (const std::string warning = plugin->warning(); !warning.empty())
      lines.push_back(warning);
  return lines;
}

void LoadCaseReport::summarize(std::ostream *out) const
{
  if (root)
    peaks.write(directory, inputs.config.load_case.report.thresholds, out);
}

void LoadCaseReport::save(ArchiveWriter &archive) const
{
  peaks.save(archive);
  for (const auto &plugin : plugins)
    plugin->save(archive);
}

void LoadCaseReport::load(ArchiveReader &archive)
{
  peaks.load(archive);
  for (const auto &plugin : plugins)
    plugin->load(archive);
  write_on_root(inputs.dof_handler.get_communicator(),
                [&]()
                {
                  for (const auto &plugin : plugins)
                    plugin->resume_files();
                });
}
} // namespace cspine
