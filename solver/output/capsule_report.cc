#include "output/capsule_report.h"

#include "core/format.h"

#include <iomanip>

namespace cspine
{
CapsuleReport::CapsuleReport(const ReportInputs &input, PeakTable &peaks)
    : ReportPlugin(input),
      capsule_rows(add_csv("capsules.csv",
                           "# Capsules as bundles of tension-only fibres: the fibres' engineering strain from their "
                           "in-situ length (largest, 95th percentile over the fibres, mean), the fraction of fibres "
                           "above each threshold, the summed tension.\n"
                           "step,time [s],phase,capsule,fibres,largest_strain [-],p95_strain [-],mean_strain [-]" +
                               threshold_columns(input.config.load_case.report.thresholds) +
                               ",force [N],past_failure [0/1],largest_laxity [mm],mean_laxity [mm],ruptured_fibres\n")),
      fibre_rows(add_csv("capsule_fibres.csv",
                         "# Every capsule fibre: tension, length change and engineering strain from its in-situ "
                         "length; sub-failure damage: permanent set (laxity), stiffness loss, rupture; strain rate "
                         "over the step and the factor its rate effect scales the tension by.\n"
                         "step,time [s],phase,fibre,force [N],elongation [mm],strain [-],past_failure [0/1],"
                         "laxity [mm],stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]\n")),
      frames(add_series("capsules"))
{
  if (inputs.ligaments)
    capsules.emplace(*inputs.ligaments);
  if (capsules)
    for (const std::string &name : capsules->names())
      peaks.add_item(name, true);
}

void CapsuleReport::record(const ReportStep &step, const Vector &, const bool write_vtk, PeakTable &peaks)
{
  if (!root || !capsules || capsules->empty())
    return;
  const std::vector<LigamentState> &states = step.ligaments;
  std::ofstream &rows = capsule_rows.rows();
  rows << std::setprecision(8);
  for (const BundleStrain &row : capsules->statistics(states, inputs.config.load_case.report.thresholds))
  {
    rows << step.step << "," << step.time << "," << step.phase << "," << row.name << "," << row.n_fibres << ","
         << row.largest << "," << row.percentile_95 << "," << row.mean;
    for (const double fraction : row.fraction_above)
      rows << "," << fraction;
    rows << "," << row.force << "," << row.past_failure << "," << row.largest_laxity << "," << row.mean_laxity << ","
         << row.ruptured << "\n";
    StrainPeak &peak = peaks[row.name];
    peak.offer(row.percentile_95, step.time);
    peak.single_point = std::max(peak.single_point, row.largest);
    peak.past_failure |= row.past_failure;
    peak.laxity = row.largest_laxity;
    peak.ruptured = row.ruptured > 0;
  }
  write_fibres(step, states);
  capsule_rows.check();
  fibre_rows.check();
  if (write_vtk)
  {
    std::vector<dealii::Point<dim>> points;
    std::vector<VtkCell> cells;
    std::vector<ScalarField> point_data, cell_data;
    capsules->picture(states, points, cells, point_data, cell_data);
    write_vtu(frames.frame_path(step.step),
              "cspine capsules at t = " + format_number(step.time) +
                  " s: fibres (lines) and the surface through them (quadrilaterals). Units: mm, N.",
              points, cells, point_data, cell_data);
    frames.add(step.time, step.step);
  }
}

void CapsuleReport::write_fibres(const ReportStep &step, const std::vector<LigamentState> &states)
{
  std::ofstream &rows = fibre_rows.rows();
  rows << std::setprecision(8);
  for (std::size_t i = 0; i < states.size(); ++i)
    if (capsules->in_bundle(i))
      rows << step.step << "," << step.time << "," << step.phase << "," << inputs.ligaments->name(i) << ","
           << states[i].force << "," << states[i].elongation << "," << states[i].strain << "," << states[i].past_failure
           << "," << states[i].laxity << "," << states[i].stiffness_loss << "," << states[i].ruptured << ","
           << states[i].strain_rate << "," << states[i].rate_factor << "\n";
}
} // namespace cspine
