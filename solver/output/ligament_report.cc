#include "output/ligament_report.h"

#include "core/format.h"
#include "io/vtk_files.h"
#include "output/capsule_bundles.h"

#include <iomanip>

namespace cspine
{
LigamentReport::LigamentReport(const ReportInputs &input, PeakTable &peaks)
    : ReportPlugin(input),
      file(add_csv("ligaments.csv",
                   "# 1-D ligaments: tension-only force, elongation and engineering strain from the in-situ length; "
                   "sub-failure damage: permanent set (laxity), stiffness loss, rupture; strain rate over the step "
                   "and the factor its rate effect scales the tension by.\n"
                   "step,time [s],phase,ligament,force [N],elongation [mm],strain [-],past_failure [0/1],"
                   "laxity [mm],stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]\n")),
      frames(add_series("ligaments"))
{
  if (!inputs.ligaments)
    return;
  const CapsuleBundles capsules(*inputs.ligaments);
  for (std::size_t i = 0; i < inputs.ligaments->size(); ++i)
  {
    capsule_fibre.push_back(capsules.in_bundle(i));
    if (!capsule_fibre.back())
      peaks.add_item(inputs.ligaments->name(i), false);
  }
}

void LigamentReport::record(const ReportStep &step, const Vector &, const bool write_vtk, PeakTable &peaks)
{
  if (!root || !inputs.ligaments)
    return;
  const std::vector<LigamentState> &states = step.ligaments;
  std::ofstream &rows = file.rows();
  rows << std::setprecision(8);
  std::vector<dealii::Point<dim>> points;
  std::vector<VtkCell> lines;
  ScalarField force{"force [N]", {}}, elongation{"elongation [mm]", {}}, strain{"strain [-]", {}},
      failed{"past_failure", {}}, laxity{"laxity [mm]", {}};
  for (std::size_t i = 0; i < states.size(); ++i)
  {
    if (capsule_fibre[i])
      continue;
    const LigamentState &state = states[i];
    rows << step.step << "," << step.time << "," << step.phase << "," << inputs.ligaments->name(i) << "," << state.force
         << "," << state.elongation << "," << state.strain << "," << state.past_failure << "," << state.laxity << ","
         << state.stiffness_loss << "," << state.ruptured << "," << state.strain_rate << "," << state.rate_factor
         << "\n";
    StrainPeak &peak = peaks[inputs.ligaments->name(i)];
    peak.offer(state.strain, step.time);
    peak.single_point = peak.value;
    peak.past_failure |= state.past_failure;
    peak.laxity = state.laxity;
    peak.ruptured = state.ruptured;
    const auto first = static_cast<unsigned int>(points.size());
    points.push_back(state.end_a);
    points.push_back(state.end_b);
    lines.push_back({VtkCell::line, {first, first + 1}});
    force.values.push_back(state.force);
    elongation.values.push_back(state.elongation);
    strain.values.push_back(state.strain);
    failed.values.push_back(state.past_failure);
    laxity.values.push_back(state.laxity);
  }
  file.check();
  if (write_vtk)
  {
    write_vtu(frames.frame_path(step.step),
              "cspine 1-D ligaments at t = " + format_number(step.time) + " s. Units: mm, N.", points, lines, {},
              {force, elongation, strain, failed, laxity});
    frames.add(step.time, step.step);
  }
}
} // namespace cspine
