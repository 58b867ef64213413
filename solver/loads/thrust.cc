#include "loads/thrust.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>

namespace cspine
{
std::string ThrustSettings::section(const std::string &name)
{
  return name.empty() ? "Thrust" : "Thrust " + name;
}

std::string ThrustSettings::phase_entry(const std::string &name, const ThrustLoad load)
{
  return section(name) + (load == ThrustLoad::force ? " force" : " moment");
}

std::string ThrustSettings::history_column(const std::string &name, const ThrustLoad load)
{
  const std::string stem = load == ThrustLoad::force ? "thrust_force" : "thrust_moment";
  return (name.empty() ? stem : stem + "_" + name) + (load == ThrustLoad::force ? " [N]" : " [N mm]");
}

void ThrustSettings::declare_list(dealii::ParameterHandler &prm)
{
  prm.declare_entry("More thrusts", "", dealii::Patterns::Anything(),
                    "Names of further thrusts besides the one of subsection Thrust, each set in a subsection "
                    "'Thrust <name>' and driven by the phases' 'Thrust <name> force' (or 'moment') entries (e.g. "
                    "'lateral' for a lateral break during a posterior-anterior push). Names without spaces.");
}

std::vector<std::string> ThrustSettings::names(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Load case");
  std::vector<std::string> result = {""};
  for (const std::string &name : dealii::Utilities::split_string_list(prm.get("More thrusts")))
    result.push_back(name);
  prm.leave_subsection();
  return result;
}

void ThrustSettings::declare_parameters(dealii::ParameterHandler &prm, const std::string &name)
{
  prm.enter_subsection(section(name));
  prm.declare_entry("Patch", "", dealii::Patterns::Anything(),
                    "Named surface the thrust acts on (e.g. thrust_c1_posterior_arch, thrust_c2_spinous, "
                    "thrust_c4_pillar_left).");
  prm.declare_entry("Load", "force", dealii::Patterns::Selection("force|moment"),
                    "'force': a force along Direction, spread evenly over the patch's area (a dead traction "
                    "F/A), set per phase by 'Thrust <name> force' [N]. 'moment': a pure couple about "
                    "Direction, set per phase by 'Thrust <name> moment' [N mm]: tractions w x (X - c) about the "
                    "patch's centroid c, with w such that their moment is the one set and their sum zero (dead "
                    "loads on the reference patch, so the couple is exact at the reference pose and off by the "
                    "bone's rotation, a few degrees, after it). It is the pull of a muscle that inserts on the "
                    "patch while its other end is held: the suboccipital rotators on C2's spinous process with "
                    "the head held, say. The pulse entries below are for forces only.");
  prm.declare_entry("Direction", "0, 1, 0", dealii::Patterns::Anything(),
                    "Direction of the thrust force, or the axis of the couple (right-hand rule), fixed in space: "
                    "'x, y, z' or '<landmark> -> <landmark>' (e.g. dens_axis_base -> dens_axis_tip). Default: "
                    "posterior to anterior.");
  prm.declare_entry("Preload", "0", dealii::Patterns::Double(0),
                    "[N] Force before and after the pulse. Cervical preloads were not located "
                    "(published-data.md 4); machine thoracic thrusts use 20 N (Chiropr Man Therap 2020, "
                    "doi:10.1186/s12998-020-00346-1).");
  prm.declare_entry("Peak force", "40.5", dealii::Patterns::Double(0),
                    "[N] Peak of the pulse. Default: cervical rotation technique, 40.5 N over 79.1 ms "
                    "(Kawchuk & Herzog 1993 JMPT 16(9):573-577); other cervical thrusts peak at "
                    "102-118 N over 47-102 ms (same; Kawchuk et al. 1992 JMPT 15(5):275-278).");
  prm.declare_entry("Time to peak", "0.03955", dealii::Patterns::Double(1e-9),
                    "[s] Rise from preload to peak. Default: half the 79.1 ms thrust duration of Kawchuk & "
                    "Herzog 1993 (symmetric pulse assumed).");
  prm.declare_entry("Release time", "0.03955", dealii::Patterns::Double(1e-9),
                    "[s] Fall from peak back to preload (the other half of 79.1 ms).");
  prm.leave_subsection();
}

void ThrustSettings::parse_parameters(dealii::ParameterHandler &prm, const std::string &thrust_name,
                                      const std::string &file, const MeshNames &mesh_names, const Landmarks &landmarks)
{
  name = thrust_name;
  const std::string where = "Load case/" + section(name) + "/";
  prm.enter_subsection(section(name));
  patch = dealii::Utilities::trim(prm.get("Patch"));
  if (!patch.empty())
  {
    std::string list;
    for (const auto &[id, boundary] : mesh_names.boundaries)
    {
      if (boundary == patch)
        boundary_id = id;
      list += (list.empty() ? "" : ", ") + boundary;
    }
    if (!boundary_id)
      throw InputError(file, where + "Patch", patch, "a named surface of the mesh: " + list);
  }
  load = prm.get("Load") == "moment" ? ThrustLoad::moment : ThrustLoad::force;
  direction = parse_direction(prm.get("Direction"), landmarks, file, where + "Direction");
  pulse = {prm.get_double("Preload"), prm.get_double("Peak force"), prm.get_double("Time to peak"),
           prm.get_double("Release time")};
  prm.leave_subsection();
}
} // namespace cspine
