#include "output/region_report.h"

#include "output/region_strains.h"

#include <iomanip>

namespace cspine
{
RegionReport::RegionReport(const ReportInputs &input, PeakTable &peaks)
    : ReportPlugin(input),
      file(add_csv("regions.csv", "# Maximum principal Green-Lagrange strain per region of interest and step; "
                                  "fraction_above_X: volume fraction above strain X.\n"
                                  "step,time [s],phase,region,volume [mm^3],peak_strain [-],p95_strain [-],"
                                  "mean_fibre_stretch [-],peak_fibre_stretch [-]" +
                                      threshold_columns(input.config.load_case.report.thresholds) + "\n"))
{
  for (const unsigned int id : inputs.config.load_case.report.regions)
    peaks.add_item(inputs.config.regions.at(id).name, true);
}

void RegionReport::record(const ReportStep &step, const Vector &u, bool, PeakTable &peaks)
{
  const auto strains = region_strains(inputs.dof_handler, inputs.discretization, inputs.config, u);
  if (!root)
    return;
  std::ofstream &rows = file.rows();
  rows << std::setprecision(8);
  for (const RegionStrain &row : strains)
  {
    const std::string &name = inputs.config.regions.at(row.region).name;
    rows << step.step << "," << step.time << "," << step.phase << "," << name << "," << row.volume << ","
         << row.peak_strain << "," << row.percentile_95 << "," << row.mean_fibre_stretch << ","
         << row.peak_fibre_stretch;
    for (const double fraction : row.fraction_above)
      rows << "," << fraction;
    rows << "\n";
    StrainPeak &peak = peaks[name];
    peak.offer(row.percentile_95, step.time);
    peak.single_point = std::max(peak.single_point, row.peak_strain);
  }
  file.check();
}
} // namespace cspine
