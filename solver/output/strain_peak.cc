#include "output/strain_peak.h"

#include <algorithm>
#include <cmath>

namespace cspine
{
void StrainPeak::offer(const double candidate, const double at)
{
  if (candidate > value + std::max(1e-6 * std::abs(value), 1e-12))
  {
    value = candidate;
    time = at;
  }
}
} // namespace cspine
