// A report plugin: one kind of result of a manipulation load case (kinematics, capsules, ligaments,
// regions, contact), with its own files in the output folder, written step by step, and its items in the
// summary. To add one: a class implementing ReportPlugin in output/, and one entry in
// output/report_registry.cc.
#pragma once

#include "contact/penalty_contact.h"
#include "core/types.h"
#include "fe/discretization.h"
#include "io/archive.h"
#include "loads/head_coupling.h"
#include "loads/ligament_springs.h"
#include "mechanics/config.h"
#include "output/peak_table.h"
#include "output/report_files.h"

#include <deal.II/dofs/dof_handler.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cspine
{
/// What a report may read. Any of the pointers may be null (feature not in use).
struct ReportInputs
{
  const Config &config;
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const HeadCoupling *head;
  const LigamentSprings *ligaments;
  const PenaltyContact *contact;
};

/// The state being recorded.
struct ReportStep
{
  double time;
  unsigned int step;
  /// The protocol phase with its repetition ("thrust#2"); empty without a protocol.
  std::string phase;
  /// Every 1-D ligament's and capsule fibre's state, computed once for all plugins (empty without
  /// ligaments).
  std::vector<LigamentState> ligaments;
};

class ReportPlugin
{
public:
  explicit ReportPlugin(const ReportInputs &inputs);
  virtual ~ReportPlugin();

  /// Rank 0 creates the plugin's files in `directory` with their headers; other ranks, and a resumed run
  /// (whose files `resume_files` cuts back), only remember the folder.
  void open(const std::string &directory, bool create);
  /// Appends the state `u` at `step`; `write_vtk` also writes its .vtu frame. Collective: every
  /// collective call comes before rank 0 writes, so that an OutputError (a full disk), which only rank 0
  /// can throw, leaves no rank waiting; the caller passes it on to every rank.
  virtual void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) = 0;
  /// A warning for the screen about the last recorded state; empty if there is none.
  virtual std::string warning() const { return ""; }
  /// How far the files had got, and what else the plugin carries between steps.
  void save(ArchiveWriter &archive) const;
  /// Reads what `save` wrote. Collective: every rank reads the same archive.
  void load(ArchiveReader &archive);
  /// Rank 0, after `load`: cuts the files back to the checkpoint's lengths and rewrites the .pvd indexes.
  void resume_files();

protected:
  /// A .csv the plugin appends to, and its header (after the units line). Call in the constructor.
  AppendedCsv &add_csv(const std::string &name, const std::string &header);
  /// A .vtu series ("<stem>_<step>.vtu", "<stem>.pvd"). Call in the constructor.
  VtuSeries &add_series(const std::string &stem);
  /// What else the plugin carries between steps (none by default).
  virtual void save_more(ArchiveWriter &) const {}
  virtual void load_more(ArchiveReader &) {}

  const ReportInputs inputs;
  const bool root;

private:
  std::vector<std::unique_ptr<AppendedCsv>> csv_files;
  std::vector<std::string> headers;
  std::vector<std::unique_ptr<VtuSeries>> vtu_series;
  std::vector<std::uint64_t> saved_lengths;
};
} // namespace cspine
