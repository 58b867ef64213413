#include "loads/report_settings.h"

#include "loads/region_lookup.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
void ReportSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Report");
  prm.declare_entry("Regions", "capsule_*, ligament_*", dealii::Patterns::Anything(),
                    "Regions whose strain is reported (glob patterns).");
  prm.declare_entry("Thresholds", "0.10, 0.35, 0.80", dealii::Patterns::List(dealii::Patterns::Double(0)),
                    "[-] Maximum principal Green-Lagrange strain thresholds. Defaults: afferent onset about "
                    "10 % (Lu et al. 2005 J Orthop Res 23:779-787, goat C5-C6 capsule: 0.107 / 0.100), "
                    "afferent saturation about 35 % (same: 0.388 / 0.341), capsule yield 80 % (Quinn & "
                    "Winkelstein 2007 J Biomech 40:2299-2306).");
  prm.leave_subsection();
}

void ReportSettings::parse_parameters(dealii::ParameterHandler &prm, const MeshNames &names)
{
  prm.enter_subsection("Report");
  regions = matching_regions(prm.get("Regions"), names);
  thresholds = dealii::Utilities::string_to_double(dealii::Utilities::split_string_list(prm.get("Thresholds")));
  prm.leave_subsection();
}
} // namespace cspine
