// A piecewise-linear function of time given as a table of (t, value) points, constant before the
// first point and after the last. Written in a config as "t1:v1, t2:v2, ...".
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
class TimeCurve
{
public:
  TimeCurve() = default;
  /// Points with non-decreasing times; equal times make a jump (the later value holds after it).
  explicit TimeCurve(std::vector<std::pair<double, double>> points);

  /// Parses "t1:v1, t2:v2, ..."; throws InputError naming file and entry unless the times increase.
  static TimeCurve parse(const std::string &text, const std::string &file, const std::string &entry);

  double value(double time) const;
  bool empty() const { return table.empty(); }
  const std::vector<std::pair<double, double>> &points() const { return table; }
  /// Appends a point; its time must not be before the last one.
  void add(double time, double value);

private:
  std::vector<std::pair<double, double>> table;
};
} // namespace cspine
