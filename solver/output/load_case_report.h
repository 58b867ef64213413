// What a manipulation load case reports: every report plugin of output/report_registry.cc (capsules,
// regions, ligaments, kinematics, contact), each with its own files, recorded step by step; at the end
// summary.csv and a table on screen: each capsule's, region's and ligament's largest strain, when it
// occurred and the thresholds it crossed. One history in the run's State: the summary's peaks and how
// far every file had got.
#pragma once

#include "io/step_history.h"
#include "output/peak_table.h"
#include "output/report_plugin.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace cspine
{
class LoadCaseReport : public StepHistory
{
public:
  /// Builds every registered report. Opens nothing yet.
  explicit LoadCaseReport(const ReportInputs &inputs);
  ~LoadCaseReport() override;

  /// Creates the files (rank 0) in the output folder; `resuming`: keeps them, for `load` to cut back and
  /// append to. Collective.
  void open(const std::string &directory, bool resuming = false);
  /// Appends one state; `write_vtk` also writes the .vtu frames. Collective; a failed write (OutputError)
  /// is thrown on every rank.
  void record(double time, unsigned int step, const Vector &u, bool write_vtk);
  /// summary.csv and the table on `out` (may be null). Rank 0 writes.
  void summarize(std::ostream *out) const;
  /// The plugins' warnings about the last recorded state (e.g. contact penetration), one per line.
  std::vector<std::string> warnings() const;

  std::string history_name() const override { return "load case report"; }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  /// The phase of the step ending at `time`, with its repetition: "thrust#2".
  std::string phase_label(double time) const;

  ReportInputs inputs;
  bool root;
  std::string directory;
  PeakTable peaks;
  std::vector<std::unique_ptr<ReportPlugin>> plugins;
};
} // namespace cspine
