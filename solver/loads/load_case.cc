#include "loads/load_case.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <filesystem>

namespace cspine
{
using dealii::Utilities::split_string_list;

void LoadCase::declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names,
                                  const std::vector<std::string> &thrust_names)
{
  prm.enter_subsection("Load case");
  HeadSettings::declare_parameters(prm);
  ThrustSettings::declare_list(prm);
  for (const std::string &name : thrust_names)
    ThrustSettings::declare_parameters(prm, name);

  LigamentSet::declare_parameters(prm);
  ContactSettings::declare_parameters(prm);
  ReportSettings::declare_parameters(prm);
  prm.leave_subsection();

  Protocol::declare_parameters(prm, phase_names, thrust_names);
}

void LoadCase::parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                                const std::string &mesh_file)
{
  Landmarks landmarks;
  if (!mesh_file.empty() && std::filesystem::exists(companion_file(mesh_file, ".landmarks")))
    landmarks = read_landmarks(companion_file(mesh_file, ".landmarks"));

  prm.enter_subsection("Load case");
  head = HeadSettings::parse(prm, file, names, landmarks);

  thrusts.clear();
  std::vector<std::string> thrust_names = split_string_list(prm.get("More thrusts"));
  thrust_names.insert(thrust_names.begin(), "");
  for (const std::string &name : thrust_names)
  {
    // The name makes an entry name ("Thrust <name> force") and a column name.
    if (std::count(thrust_names.begin(), thrust_names.end(), name) > 1 ||
        name.find_first_of(" ()") != std::string::npos)
      throw InputError(file, "Load case/More thrusts", prm.get("More thrusts"),
                       "distinct names without spaces or brackets");
    thrusts.emplace_back().parse_parameters(prm, name, file, names, landmarks);
  }

  ligaments.parse_parameters(prm, file, names, mesh_file);
  contact.parse_parameters(prm, names);
  report.parse_parameters(prm, names);
  prm.leave_subsection();

  protocol.parse_parameters(prm, file, thrusts);
  if (!protocol.empty())
  {
    bool needs_head = false;
    for (const auto &[t, v] : protocol.head_weight.points())
      needs_head |= v != 0;
    for (const PhaseSpan &span : protocol.spans)
      needs_head |= protocol.head_control(span.end) != HeadControl::free;
    if (needs_head && !head)
      throw InputError(file, "Load case/Head/Coupled regions", "",
                       "the protocol controls or weighs the head: name the regions that move with it");
    for (std::size_t i = 0; i < thrusts.size(); ++i)
    {
      bool pushes = false;
      for (const auto &[t, v] : protocol.thrust_forces[i].points())
        pushes |= v != 0;
      if (pushes && !thrusts[i].boundary_id)
        throw InputError(file, "Load case/" + ThrustSettings::section(thrusts[i].name) + "/Patch", "",
                         "the protocol applies this thrust ('" +
                             ThrustSettings::phase_entry(thrusts[i].name, thrusts[i].load) + "'): name its surface");
    }
  }
}
} // namespace cspine
