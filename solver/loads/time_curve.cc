#include "loads/time_curve.h"

#include "core/format.h"
#include "core/input_error.h"
#include "core/point_table.h"

#include <deal.II/base/utilities.h>

#include <stdexcept>

namespace cspine
{
TimeCurve::TimeCurve(std::vector<std::pair<double, double>> points)
{
  for (const auto &[time, value] : points)
    add(time, value);
}

void TimeCurve::add(const double time, const double value)
{
  if (!table.empty() && time < table.back().first)
    throw std::logic_error("TimeCurve::add: time " + format_number(time) + " before " +
                           format_number(table.back().first));
  table.emplace_back(time, value);
}

TimeCurve TimeCurve::parse(const std::string &text, const std::string &file, const std::string &entry)
{
  const std::string allowed = "a table 't1:v1, t2:v2, ...' with increasing times [s]";
  const std::vector<std::pair<double, double>> points = parse_point_table(text, file, entry, allowed);
  for (std::size_t k = 1; k < points.size(); ++k)
    if (points[k].first <= points[k - 1].first)
      throw InputError(file, entry, text, allowed);
  if (points.empty())
    throw InputError(file, entry, text, allowed);
  return TimeCurve(points);
}

double TimeCurve::value(const double time) const
{
  if (table.empty())
    return 0;
  if (time < table.front().first)
    return table.front().second;
  // The last point at or before `time` (so a jump takes its later value).
  std::size_t i = 0;
  while (i + 1 < table.size() && table[i + 1].first <= time)
    ++i;
  if (i + 1 == table.size())
    return table.back().second;
  const auto &[t0, v0] = table[i];
  const auto &[t1, v1] = table[i + 1];
  return v0 + (v1 - v0) * (time - t0) / (t1 - t0);
}
} // namespace cspine
