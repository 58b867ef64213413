// The capsules as bundles of tension-only fibres: capsules.csv (per capsule and step: the fibres'
// largest, 95th-percentile and mean strain from their in-situ length, the fraction above each threshold,
// the summed tension, damage), capsule_fibres.csv (every fibre) and capsules.pvd (fibres as lines and
// the surface through them, coloured by strain). Each capsule's 95th percentile goes to the summary.
#pragma once

#include "output/capsule_bundles.h"
#include "output/report_plugin.h"

#include <optional>

namespace cspine
{
class CapsuleReport : public ReportPlugin
{
public:
  CapsuleReport(const ReportInputs &inputs, PeakTable &peaks);
  void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) override;

private:
  void write_fibres(const ReportStep &step, const std::vector<LigamentState> &states);

  AppendedCsv &capsule_rows, &fibre_rows;
  VtuSeries &frames;
  std::optional<CapsuleBundles> capsules;
};
} // namespace cspine
