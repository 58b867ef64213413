#include "core/tension_curve.h"

#include "core/input_error.h"
#include "core/point_table.h"

#include <deal.II/base/utilities.h>

#include <stdexcept>

namespace cspine
{
TensionCurve::TensionCurve(std::vector<std::pair<double, double>> points)
{
  table = {{0.0, 0.0}};
  for (const auto &point : points)
  {
    if (point.first <= table.back().first || point.second < table.back().second)
      throw std::invalid_argument("TensionCurve: x must increase from 0 and y must not decrease from 0");
    table.push_back(point);
  }
  if (table.size() < 2)
    throw std::invalid_argument("TensionCurve: at least one point after 0:0");
  // Fritsch-Butland slopes: zero at the origin, the last secant at the end, a weighted harmonic mean of
  // the neighbouring secants inside (zero where one of them is flat): monotone between the points.
  const std::size_t n = table.size();
  std::vector<double> secant(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k)
    secant[k] = (table[k + 1].second - table[k].second) / (table[k + 1].first - table[k].first);
  slopes.assign(n, 0.0);
  slopes[n - 1] = secant[n - 2];
  for (std::size_t k = 1; k + 1 < n; ++k)
  {
    if (secant[k - 1] <= 0 || secant[k] <= 0)
      continue;
    const double h0 = table[k].first - table[k - 1].first, h1 = table[k + 1].first - table[k].first;
    slopes[k] = 3 * (h0 + h1) / ((2 * h1 + h0) / secant[k - 1] + (h1 + 2 * h0) / secant[k]);
  }
}

TensionCurve TensionCurve::parse(const std::string &text, const std::string &file, const std::string &entry,
                                 const std::string &units)
{
  const std::string allowed =
      "a table 'x1:y1, x2:y2, ...' (" + units + ") from 0:0, with x increasing and y not decreasing (tension only)";
  std::vector<std::pair<double, double>> points = parse_point_table(text, file, entry, allowed);
  if (!points.empty() && points.front() == std::make_pair(0.0, 0.0))
    points.erase(points.begin());
  try
  {
    return TensionCurve(points);
  }
  catch (const std::invalid_argument &)
  {
    throw InputError(file, entry, text, allowed);
  }
}

std::size_t TensionCurve::segment(const double x) const
{
  std::size_t k = 1;
  while (k + 1 < table.size() && table[k].first < x)
    ++k;
  return k;
}

namespace
{
/// The cubic Hermite segment from (x0, y0, m0) to (x1, y1, m1) at t = (x - x0) / h: value, slope, and the
/// integral from x0.
struct Hermite
{
  double x0, h, y0, y1, m0, m1;
  double value(const double t) const
  {
    return (2 * t * t * t - 3 * t * t + 1) * y0 + (t * t * t - 2 * t * t + t) * h * m0 +
           (-2 * t * t * t + 3 * t * t) * y1 + (t * t * t - t * t) * h * m1;
  }
  double slope(const double t) const
  {
    return ((6 * t * t - 6 * t) * y0 + (-6 * t * t + 6 * t) * y1) / h + (3 * t * t - 4 * t + 1) * m0 +
           (3 * t * t - 2 * t) * m1;
  }
  double integral(const double t) const
  {
    const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    return h * ((0.5 * t4 - t3 + t) * y0 + (0.25 * t4 - 2 * t3 / 3 + 0.5 * t2) * h * m0 + (-0.5 * t4 + t3) * y1 +
                (0.25 * t4 - t3 / 3) * h * m1);
  }
};

/// Segment k (from point k - 1 to point k) of a table and its slopes at the points.
Hermite piece(const std::vector<std::pair<double, double>> &table, const std::vector<double> &slopes,
              const std::size_t k)
{
  return {table[k - 1].first, table[k].first - table[k - 1].first, table[k - 1].second, table[k].second, slopes[k - 1],
          slopes[k]};
}
} // namespace

double TensionCurve::slope(const double x) const
{
  if (x <= 0)
    return 0;
  if (x >= table.back().first)
    return slopes.back();
  const Hermite cubic = piece(table, slopes, segment(x));
  return cubic.slope((x - cubic.x0) / cubic.h);
}

double TensionCurve::value(const double x) const
{
  if (x <= 0)
    return 0;
  if (x >= table.back().first)
    return table.back().second + slopes.back() * (x - table.back().first);
  const Hermite cubic = piece(table, slopes, segment(x));
  return cubic.value((x - cubic.x0) / cubic.h);
}

double TensionCurve::integral(const double x) const
{
  if (x <= 0)
    return 0;
  double sum = 0;
  for (std::size_t k = 1; k < table.size(); ++k)
  {
    const Hermite cubic = piece(table, slopes, k);
    if (x <= table[k].first)
      return sum + cubic.integral((x - cubic.x0) / cubic.h);
    sum += cubic.integral(1);
  }
  const double beyond = x - table.back().first;
  return sum + table.back().second * beyond + 0.5 * slopes.back() * beyond * beyond;
}

TensionCurve TensionCurve::scaled(const double factor) const
{
  std::vector<std::pair<double, double>> points(table.begin() + 1, table.end());
  for (auto &point : points)
    point.second *= factor;
  return TensionCurve(points);
}
} // namespace cspine
