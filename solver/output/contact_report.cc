#include "output/contact_report.h"

#include "core/format.h"
#include "io/vtk_files.h"

#include <algorithm>
#include <cmath>
#include <iomanip>

namespace cspine
{
ContactReport::ContactReport(const ReportInputs &input, PeakTable &)
    : ReportPlugin(input),
      file(add_csv("contact.csv", "# Frictionless penalty contact: normal force per joint and the largest "
                                  "penetration.\n"
                                  "step,time [s],phase,joint,normal_force [N],largest_penetration [mm]\n")),
      frames(add_series("contact"))
{
}

void ContactReport::record(const ReportStep &step, const Vector &u, const bool write_vtk, PeakTable &)
{
  if (!inputs.contact)
    return;
  const auto states = inputs.contact->states(u);
  const std::size_t n_pairs = inputs.contact->pair_names().size();
  std::vector<double> forces(n_pairs, 0.0), deepest(n_pairs, 0.0);
  for (const ContactNodeState &state : states)
  {
    forces[state.pair] += state.pressure * state.area;
    if (std::isfinite(state.gap))
      deepest[state.pair] = std::max(deepest[state.pair], -state.gap);
  }
  penetration = deepest.empty() ? 0 : *std::max_element(deepest.begin(), deepest.end());
  if (!root)
    return;
  std::ofstream &rows = file.rows();
  rows << std::setprecision(8);
  for (std::size_t p = 0; p < forces.size(); ++p)
    rows << step.step << "," << step.time << "," << step.phase << "," << inputs.contact->pair_names()[p] << ","
         << forces[p] << "," << deepest[p] << "\n";
  file.check();
  if (write_vtk)
  {
    std::vector<dealii::Point<dim>> points;
    ScalarField gap{"gap [mm]", {}}, pressure{"contact_pressure [MPa]", {}};
    for (const ContactNodeState &state : states)
    {
      points.push_back(state.position);
      gap.values.push_back(state.gap);
      pressure.values.push_back(state.pressure);
    }
    write_vtu(frames.frame_path(step.step),
              "cspine contact nodes at t = " + format_number(step.time) + " s (current positions). Units: mm, MPa.",
              points, vertex_cells(points.size()), {gap, pressure}, {});
    frames.add(step.time, step.step);
  }
}

std::string ContactReport::warning() const
{
  const double tolerance = inputs.config.load_case.contact.penetration_tolerance;
  if (penetration <= tolerance)
    return "";
  return "contact penetration " + format_number(penetration) + " mm exceeds the tolerance of " +
         format_number(tolerance) + " mm (raise Load case/Contact/Penalty)";
}

void ContactReport::save_more(ArchiveWriter &archive) const
{
  archive.put(penetration);
}

void ContactReport::load_more(ArchiveReader &archive)
{
  penetration = archive.get_double();
}
} // namespace cspine
