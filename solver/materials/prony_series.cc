#include "materials/prony_series.h"

#include "core/format.h"
#include "core/input_error.h"
#include "core/point_table.h"

#include <cmath>

namespace cspine
{
PronySeries parse_prony_series(const std::string &text, const std::string &file, const std::string &entry)
{
  const std::string allowed = "pairs 'tau:beta' with relaxation time tau > 0 [s] and weight beta >= 0 [-]";
  PronySeries series;
  if (text.find_first_not_of(" \t") == std::string::npos)
    return series;
  for (const auto &[time, weight] : parse_point_table(text, file, entry, allowed))
  {
    if (!(time > 0) || !(weight >= 0) || !std::isfinite(time) || !std::isfinite(weight))
      throw InputError(file, entry, format_number(time) + ":" + format_number(weight), allowed);
    series.push_back({time, weight});
  }
  return series;
}

PronyStep prony_step(const PronyTerm &term, const double time_step)
{
  const double ratio = time_step / term.time;
  // expm1 keeps g accurate for small steps.
  return {std::exp(-ratio), ratio > 0 ? -std::expm1(-ratio) / ratio : 1.0};
}
} // namespace cspine
