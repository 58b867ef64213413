#include "mechanics/forcing_term.h"

#include <algorithm>

namespace cspine
{
namespace
{
constexpr double eisenstat_walker_gamma = 0.9, largest = 0.1, first_update = 1e-3;
} // namespace

ForcingTerm::ForcingTerm(const bool enabled_, const double floor_) : enabled(enabled_), floor(floor_) {}

double ForcingTerm::next(const double residual_norm, const double target_norm)
{
  if (!enabled)
    return floor;
  double eta = first_update;
  if (previous_norm > 0)
  {
    const double ratio = residual_norm / previous_norm;
    eta = eisenstat_walker_gamma * ratio * ratio;
  }
  if (residual_norm > 0)
    eta = std::max(eta, 0.5 * target_norm / residual_norm);
  eta = std::max(floor, std::min(eta, largest));
  previous_norm = residual_norm;
  return eta;
}
} // namespace cspine
