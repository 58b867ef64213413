// regions.csv: the strain statistics of the solid regions of interest (Load case/Report/Regions, e.g.
// the transverse ligament) per step; each region's 95th percentile in the summary.
#pragma once

#include "output/report_plugin.h"

namespace cspine
{
class RegionReport : public ReportPlugin
{
public:
  RegionReport(const ReportInputs &inputs, PeakTable &peaks);
  void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) override;

private:
  AppendedCsv &file;
};
} // namespace cspine
