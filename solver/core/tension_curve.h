// A tension-only response given as a table: y(x) through (0, 0) and the points, zero for x <= 0 (slack),
// and beyond the last point (where the table ends: the failure point) a straight continuation with the
// last segment's slope, so that nothing softens. Between the points a monotone cubic (Fritsch & Carlson
// 1980, SIAM J Numer Anal 17:238; the Fritsch-Butland slopes) with zero slope at x = 0: C1 everywhere, so
// the stiffness of a fibre that becomes taut grows from zero instead of jumping (a jump made Newton flip
// between slack and taut) and the curve passes through every published point. Written "x1:y1, ..."
// after an implied 0:0. Used for 1-D ligament and capsule-fibre curves and for fibre_table's fibre stress.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
class TensionCurve
{
public:
  TensionCurve() = default;
  /// Points after (0, 0): x increasing and positive, y non-decreasing and not negative.
  explicit TensionCurve(std::vector<std::pair<double, double>> points);

  /// Parses "x1:y1, x2:y2, ..." (a leading "0:0" is allowed); throws InputError naming the file and the
  /// entry unless x increases and y does not decrease. `units` describes x and y in the message.
  static TensionCurve parse(const std::string &text, const std::string &file, const std::string &entry,
                            const std::string &units);

  double value(double x) const;
  /// dy/dx (0 for x <= 0).
  double slope(double x) const;
  /// The integral of y from 0 to x (the energy of a spring with this force curve).
  double integral(double x) const;
  /// The last point's x: the failure point.
  double failure_x() const { return table.back().first; }
  const std::vector<std::pair<double, double>> &points() const { return table; }
  /// The same curve with every y multiplied by `factor` (> 0).
  TensionCurve scaled(double factor) const;

private:
  /// The segment that holds x > 0: index k of its end point (table[0] is (0, 0)).
  std::size_t segment(double x) const;

  std::vector<std::pair<double, double>> table{{0.0, 0.0}, {1.0, 0.0}};
  /// dy/dx at each point.
  std::vector<double> slopes{0.0, 0.0};
};
} // namespace cspine
