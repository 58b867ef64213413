// contact.csv: the normal force per contact joint and its largest penetration per step, and contact.pvd
// (the contact nodes with their gap and pressure); warns when the penetration passes the tolerance.
#pragma once

#include "output/report_plugin.h"

namespace cspine
{
class ContactReport : public ReportPlugin
{
public:
  ContactReport(const ReportInputs &inputs, PeakTable &peaks);
  void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) override;
  std::string warning() const override;

private:
  void save_more(ArchiveWriter &archive) const override;
  void load_more(ArchiveReader &archive) override;

  AppendedCsv &file;
  VtuSeries &frames;
  /// [mm] Largest penetration of the last recorded state.
  double penetration = 0;
};
} // namespace cspine
