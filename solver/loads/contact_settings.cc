#include "loads/contact_settings.h"

#include <regex>

namespace cspine
{
void ContactSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Contact");
  prm.declare_entry(
      "Enabled", "true", dealii::Patterns::Bool(),
      "Frictionless penalty contact between the named joint surfaces of the mesh "
      "(contact_<joint>_lower/_upper, _dens/_atlas, _dens/_ligament). Needs tetrahedra, linear or quadratic.");
  prm.declare_entry("Penalty", "100", dealii::Patterns::Double(1e-6),
                    "[MPa/mm] Contact pressure per mm of penetration. Default: about ten times the "
                    "stiffness per area of two 0.5 mm cartilage layers of 10.4 MPa.");
  prm.declare_entry("Penetration tolerance", "0.05", dealii::Patterns::Double(0),
                    "[mm] Largest penetration accepted; larger ones are reported on screen.");
  prm.leave_subsection();
}

void ContactSettings::parse_parameters(dealii::ParameterHandler &prm, const MeshNames &names)
{
  pairs.clear();
  pair_names.clear();
  prm.enter_subsection("Contact");
  const bool contact_on = prm.get_bool("Enabled");
  penalty = prm.get_double("Penalty");
  penetration_tolerance = prm.get_double("Penetration tolerance");
  prm.leave_subsection();
  if (contact_on)
  {
    const std::regex first("contact_(.+)_(lower|dens)");
    for (const auto &[id, name] : names.boundaries)
    {
      std::smatch match;
      if (!std::regex_match(name, match, first))
        continue;
      const std::string joint = match[1];
      const std::vector<std::string> partners =
          match[2] == "lower" ? std::vector<std::string>{"upper"} : std::vector<std::string>{"atlas", "ligament"};
      for (const auto &[other_id, other] : names.boundaries)
        for (const std::string &partner : partners)
          if (other == "contact_" + joint + "_" + partner)
          {
            pairs.emplace_back(id, other_id);
            pair_names.push_back(joint + (partners.size() > 1 ? "_" + partner : ""));
          }
    }
  }
}
} // namespace cspine
