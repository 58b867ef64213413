#include "output/peak_table.h"

#include "core/input_error.h"
#include "output/report_files.h"

#include <fstream>
#include <iomanip>
#include <sstream>

namespace cspine
{
namespace
{
std::string threshold_label(const double threshold)
{
  std::ostringstream label;
  label << threshold * 100 << "%";
  return label.str();
}
} // namespace

void PeakTable::add_item(const std::string &name, const bool with_thresholds)
{
  order.push_back(name);
  if (with_thresholds)
    thresholded.insert(name);
}

void PeakTable::save(ArchiveWriter &archive) const
{
  archive.put(static_cast<std::uint64_t>(peaks.size()));
  for (const auto &[name, peak] : peaks)
  {
    archive.put(name);
    archive.put(std::vector<double>{peak.value, peak.time, peak.past_failure ? 1.0 : 0.0, peak.single_point,
                                    peak.laxity, peak.ruptured ? 1.0 : 0.0});
  }
}

void PeakTable::load(ArchiveReader &archive)
{
  peaks.clear();
  const std::uint64_t n_peaks = archive.get_uint();
  for (std::uint64_t i = 0; i < n_peaks; ++i)
  {
    const std::string name = archive.get_string();
    const std::vector<double> values = archive.get_doubles();
    if (values.size() != 6)
      throw InputError("a checkpoint's report peak of '" + name + "' is malformed");
    peaks[name] = StrainPeak{values[0], values[1], values[2] != 0, values[3], values[4], values[5] != 0};
  }
}

void PeakTable::write(const std::string &directory, const std::vector<double> &thresholds, std::ostream *out) const
{
  std::ofstream file(directory + "/summary.csv");
  file << report_units
       << "# Largest strain over the whole load case, when it occurred, and the thresholds it crossed. Regions: "
          "the 95th percentile of the maximum principal Green-Lagrange strain (5 % of the volume strains more); "
          "single_point_peak is the largest at any quadrature point, often a stress concentration at a corner "
          "where soft tissue meets bone. Capsules: the 95th percentile of their fibres' engineering strain from "
          "the in-situ length; single_point_peak is their most strained fibre. 1-D ligaments: engineering strain "
          "(both columns). laxity: the permanent set (slack gained) at the end from sub-failure damage: a 1-D "
          "ligament's, a capsule's most lax fibre's (regions: 0).\n"
       << "item,p95_strain [-],time_of_p95 [s],single_point_peak [-],thresholds_crossed,laxity [mm]\n";
  if (out)
    *out << "\nsummary (largest 95th-percentile strain over the load case; thresholds crossed):\n"
         << std::left << std::setw(28) << "item" << std::right << std::setw(12) << "p95 strain" << std::setw(12)
         << "at t [s]" << std::setw(14) << "single point" << std::setw(13) << "laxity [mm]"
         << "  crossed\n";
  for (const std::string &name : order)
  {
    const auto found = peaks.find(name);
    if (found == peaks.end())
      continue;
    const StrainPeak &peak = found->second;
    std::string crossed;
    if (thresholded.count(name))
      for (const double threshold : thresholds)
        if (peak.value > threshold)
          crossed += (crossed.empty() ? "" : " ") + threshold_label(threshold);
    if (peak.past_failure)
      crossed += (crossed.empty() ? "" : " ") + std::string("failure point");
    if (peak.ruptured)
      crossed += (crossed.empty() ? "" : " ") + std::string("ruptured");
    file << name << "," << std::setprecision(6) << peak.value << "," << peak.time << "," << peak.single_point << ","
         << crossed << "," << peak.laxity << "\n";
    if (out)
      *out << std::left << std::setw(28) << name << std::right << std::setw(12) << std::setprecision(4) << peak.value
           << std::setw(12) << std::setprecision(6) << peak.time << std::setw(14) << std::setprecision(4)
           << peak.single_point << std::setw(13) << std::setprecision(3) << peak.laxity << "  "
           << (crossed.empty() ? "-" : crossed) << "\n";
  }
}
} // namespace cspine
