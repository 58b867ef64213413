#include "materials/fibre_rate.h"

#include "core/format.h"
#include "core/input_error.h"
#include "core/point_table.h"

#include <cmath>

namespace cspine
{
std::pair<double, double> RateEffect::factor(const double rate) const
{
  if (!active() || !(rate > reference_rate))
    return {1, 0};
  return {1 + gain_per_decade * std::log10(rate / reference_rate), gain_per_decade / (std::log(10.0) * rate)};
}

RateEffect parse_rate_effect(const std::string &text, const std::string &file, const std::string &entry)
{
  const std::string allowed = "'c:r0': gain c >= 0 per decade of strain rate above the reference rate r0 > 0 [1/s]";
  if (text.find_first_not_of(" \t") == std::string::npos)
    return {};
  const auto pairs = parse_point_table(text, file, entry, allowed);
  if (pairs.size() != 1)
    throw InputError(file, entry, text, allowed + " (one pair)");
  const auto [gain, rate] = pairs.front();
  if (!(gain >= 0) || !(rate > 0) || !std::isfinite(gain) || !std::isfinite(rate))
    throw InputError(file, entry, format_number(gain) + ":" + format_number(rate), allowed);
  return {gain, rate};
}
} // namespace cspine
