// What a manipulation load case reports, step by step: capsules.csv (each capsule's fibre strains:
// largest, 95th percentile, mean, fraction above the thresholds) and capsule_fibres.csv (every fibre),
// regions.csv (strain statistics of the solid regions of interest, e.g. the transverse ligament),
// ligaments.csv (force, elongation, strain, failure of every 1-D ligament), kinematics.csv (rotation of
// every level pair), contact.csv (force per joint, largest penetration), capsules.pvd, ligaments.pvd and
// contact.pvd (surfaces, lines and points for ParaView); at the end summary.csv and a table on screen:
// each capsule's, region's and ligament's largest strain, when it occurred and the thresholds it crossed.
#pragma once

#include "contact/penalty_contact.h"
#include "fe/discretization.h"
#include "fe/node_set.h"
#include "io/step_history.h"
#include "loads/head_coupling.h"
#include "loads/ligament_springs.h"
#include "mechanics/config.h"
#include "output/capsule_bundles.h"
#include "output/region_strains.h"
#include "output/strain_peak.h"

#include <deal.II/dofs/dof_handler.h>

#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace cspine
{
class LoadCaseReport : public StepHistory
{
public:
  /// Any of the pointers may be null (feature not in use). Opens nothing yet.
  LoadCaseReport(const Config &config, const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                 const HeadCoupling *head, const LigamentSprings *ligaments, const PenaltyContact *contact);

  /// Creates the files (rank 0) in the output folder; `resuming`: keeps them, for `load` to cut back and
  /// append to.
  void open(const std::string &directory, bool resuming = false);
  /// Appends one state; `write_vtk` also writes the ligament and contact .vtu files. Collective.
  void record(double time, unsigned int step, const Vector &u, bool write_vtk);
  /// summary.csv and the table on `out` (may be null). Rank 0 writes.
  void summarize(std::ostream *out) const;

  /// [mm] Largest contact penetration of the last recorded state (0 without contact).
  double largest_penetration() const { return penetration; }

  /// The peaks so far, the .pvd series and the length of each .csv; loading cuts the files back to
  /// those lengths and appends from there.
  std::string history_name() const override { return "load case report"; }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  /// Every appended .csv with its file name, in a fixed order.
  std::vector<std::pair<std::ofstream *, std::string>> csv_files();
  /// Checks every .csv after a record (a full disk); throws OutputError on every rank.
  void check_files();
  /// The phase of the step ending at `time`, with its repetition: "thrust#2".
  std::string phase_label(double time) const;
  void record_kinematics(double time, unsigned int step, const Vector &u);
  void record_ligaments(double time, unsigned int step, const Vector &u, bool write_vtk);
  void record_capsules(double time, unsigned int step, const std::vector<LigamentState> &states, bool write_vtk);
  void record_contact(double time, unsigned int step, const Vector &u, bool write_vtk);

  const Config &config;
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const HeadCoupling *head;
  const LigamentSprings *ligaments;
  const PenaltyContact *contact;
  bool root;
  std::string directory;
  /// Bodies for the segmental rotations, from the top down: (label, owned nodes).
  std::vector<std::pair<std::string, std::vector<Node>>> bodies;
  Vector3 axis;
  std::optional<CapsuleBundles> capsules;
  std::ofstream regions_file, capsules_file, fibres_file, ligaments_file, kinematics_file, contact_file;
  std::vector<std::pair<double, std::string>> capsule_series, ligament_series, contact_series;
  std::map<std::string, StrainPeak> peaks;
  std::vector<std::string> peak_order;
  /// Items whose summary lists the strain thresholds crossed (regions and capsules; the 1-D ligaments list
  /// their failure point instead).
  std::set<std::string> thresholded;
  double penetration = 0;
};
} // namespace cspine
