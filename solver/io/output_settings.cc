#include "io/output_settings.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
void OutputSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Output");
  prm.declare_entry("Directory", "output", dealii::Patterns::Anything(),
                    "Folder for solution_*.pvtu/.vtu, solution.pvd, history.csv and used-parameters.prm "
                    "(relative to the working directory; --output overrides it).");
  prm.declare_entry("Interval", "1", dealii::Patterns::Integer(1),
                    "[-] Write fields every this many converged steps (and always the last one).");
  prm.declare_entry("Checkpoint interval", "0", dealii::Patterns::Integer(0),
                    "[-] Write checkpoint.cspine into the output folder every this many converged steps (0: "
                    "only when the wall-time limit, --wall-time, is near). 'cspine CONFIG --resume DIR' "
                    "continues from it.");
  prm.declare_entry("Monitor points", "", dealii::Patterns::Anything(),
                    "[mm] Named reference points whose displacement goes into history.csv: "
                    "'<name>: <x>, <y>, <z>; ...'.");
  prm.leave_subsection();
}

void OutputSettings::parse_parameters(dealii::ParameterHandler &prm, const std::string &file)
{
  prm.enter_subsection("Output");
  directory = prm.get("Directory");
  interval = prm.get_integer("Interval");
  checkpoint_interval = prm.get_integer("Checkpoint interval");
  const std::string points_text = prm.get("Monitor points");
  prm.leave_subsection();

  const std::string entry = "Output/Monitor points";
  if (directory.empty())
    throw InputError(file, "Output/Directory", directory, "a folder name");
  monitor_points.clear();
  for (const std::string &group : dealii::Utilities::split_string_list(points_text, ';'))
  {
    const auto colon = group.find(':');
    const std::vector<std::string> coordinates = colon == std::string::npos
                                                     ? std::vector<std::string>()
                                                     : dealii::Utilities::split_string_list(group.substr(colon + 1));
    if (colon == std::string::npos || coordinates.size() != dim)
      throw InputError(file, entry, group, "points look like '<name>: <x>, <y>, <z>' [mm], separated by ';'");
    MonitorPoint point;
    point.name = dealii::Utilities::trim(group.substr(0, colon));
    try
    {
      for (unsigned int d = 0; d < dim; ++d)
        point.position[d] = dealii::Utilities::string_to_double(coordinates[d]);
    }
    catch (const std::exception &)
    {
      throw InputError(file, entry, group, "coordinates must be numbers [mm]");
    }
    if (point.name.empty() || point.name.find_first_of(" ,\"") != std::string::npos)
      throw InputError(file, entry, group, "a point name without spaces, commas or quotes");
    monitor_points.push_back(point);
  }
}
} // namespace cspine
