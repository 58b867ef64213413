#include "output/report_plugin.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

namespace cspine
{
ReportPlugin::ReportPlugin(const ReportInputs &input)
    : inputs(input), root(dealii::Utilities::MPI::this_mpi_process(input.dof_handler.get_communicator()) == 0)
{
}

ReportPlugin::~ReportPlugin() = default;

AppendedCsv &ReportPlugin::add_csv(const std::string &name, const std::string &header)
{
  csv_files.push_back(std::make_unique<AppendedCsv>(name));
  headers.push_back(header);
  return *csv_files.back();
}

VtuSeries &ReportPlugin::add_series(const std::string &stem)
{
  vtu_series.push_back(std::make_unique<VtuSeries>(stem));
  return *vtu_series.back();
}

void ReportPlugin::open(const std::string &directory, const bool create)
{
  for (const auto &series : vtu_series)
    series->set_directory(directory);
  for (std::size_t f = 0; f < csv_files.size(); ++f)
    if (root && create)
      csv_files[f]->create(directory, std::string(report_units) + headers[f]);
    else
      csv_files[f]->set_directory(directory);
}

void ReportPlugin::save(ArchiveWriter &archive) const
{
  for (const auto &series : vtu_series)
    series->save(archive);
  std::vector<std::uint64_t> lengths;
  for (const auto &file : csv_files)
    lengths.push_back(file->length());
  archive.put(lengths);
  save_more(archive);
}

void ReportPlugin::load(ArchiveReader &archive)
{
  for (const auto &series : vtu_series)
    series->load(archive);
  saved_lengths = archive.get_uints();
  if (saved_lengths.size() != csv_files.size())
    throw InputError("a checkpoint's report lists " + std::to_string(saved_lengths.size()) + " files where " +
                     std::to_string(csv_files.size()) + " were expected");
  load_more(archive);
}

void ReportPlugin::resume_files()
{
  for (std::size_t f = 0; f < csv_files.size(); ++f)
    csv_files[f]->resume_at(saved_lengths[f]);
  for (const auto &series : vtu_series)
    series->rewrite_index();
}
} // namespace cspine
