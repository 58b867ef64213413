#include "output/report_files.h"

#include "io/file_output.h"
#include "io/vtk_files.h"

#include <sstream>

namespace cspine
{
const char *const report_units =
    "# Units: length mm, force N, stress MPa, time s, angles deg; strains and stretches dimensionless.\n";

std::string threshold_columns(const std::vector<double> &thresholds)
{
  std::ostringstream columns;
  for (const double threshold : thresholds)
    columns << ",fraction_above_" << threshold << " [-]";
  return columns.str();
}

void AppendedCsv::create(const std::string &directory, const std::string &header)
{
  set_directory(directory);
  file.open(path);
  file << header;
  check();
}

void AppendedCsv::check()
{
  file.flush();
  check_written(file, path);
}

unsigned long long AppendedCsv::length() const
{
  return path.empty() ? 0 : file_size(path);
}

void AppendedCsv::resume_at(const unsigned long long bytes)
{
  file.close();
  truncate_file(path, bytes);
  file.open(path, std::ios::app);
  check_written(file, path);
}

std::string VtuSeries::frame_name(const unsigned int step) const
{
  return stem + "_" + std::to_string(step) + ".vtu";
}

std::string VtuSeries::frame_path(const unsigned int step) const
{
  return directory + "/" + frame_name(step);
}

void VtuSeries::add(const double time, const unsigned int step)
{
  frames.emplace_back(time, frame_name(step));
  write_pvd(directory + "/" + stem + ".pvd", frames);
}

void VtuSeries::save(ArchiveWriter &archive) const
{
  save_series(archive, frames);
}

void VtuSeries::load(ArchiveReader &archive)
{
  frames = load_series(archive);
}

void VtuSeries::rewrite_index() const
{
  if (!frames.empty())
    write_pvd(directory + "/" + stem + ".pvd", frames);
}
} // namespace cspine
