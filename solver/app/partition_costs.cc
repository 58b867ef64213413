#include "app/partition_costs.h"

namespace cspine
{
std::map<unsigned int, double> partition_costs(const Config &config)
{
  std::map<unsigned int, double> costs;
  const std::optional<HeadSettings> &head = config.load_case.head;
  if (!config.load_case.active() || !head || head->rigid_body)
    return costs;
  const Protocol &protocol = config.load_case.protocol;
  for (const double time : protocol.step_end_times)
    if (protocol.head_control(time) != HeadControl::angle)
      return costs;
  for (const unsigned int region : head->regions)
    costs[region] = prescribed_head_cell_cost;
  return costs;
}
} // namespace cspine
