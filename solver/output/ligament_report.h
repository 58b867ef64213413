// The 1-D ligaments (those in no capsule): ligaments.csv (force, elongation, strain from the in-situ
// length, damage, strain rate per ligament and step) and ligaments.pvd (lines); each ligament's strain
// and failure point in the summary.
#pragma once

#include "output/report_plugin.h"

namespace cspine
{
class LigamentReport : public ReportPlugin
{
public:
  LigamentReport(const ReportInputs &inputs, PeakTable &peaks);
  void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) override;

private:
  AppendedCsv &file;
  VtuSeries &frames;
  /// Whether ligament i is a capsule fibre (reported by CapsuleReport instead).
  std::vector<bool> capsule_fibre;
};
} // namespace cspine
