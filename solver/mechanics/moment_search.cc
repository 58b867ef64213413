#include "mechanics/moment_search.h"

#include "core/format.h"

#include <algorithm>
#include <cmath>

namespace cspine
{
MomentSearch::Outcome MomentSearch::find(const DrivePoint &start, const double target, const Solve &solve)
{
  Outcome outcome;
  const double smallest_guess = 0.05 * settings.largest_rotation;
  double largest = settings.largest_rotation; // halved by each failed solve, for the rest of the step
  // Short of the target: `below`; past it: `beyond`. Inside the bracket, Illinois regula falsi: an end
  // kept twice in a row has its residual halved, so the bracket closes from both sides.
  DrivePoint below;
  double r_below = 0, r_beyond = 0, direction = 1, change = 0;
  DrivePoint beyond;
  bool bracketed = false;
  int last_replaced = 0; // -1 below, +1 beyond
  // From a converged point: the first guess follows the last step's slope, else the largest rotation.
  const auto begin_at = [&](const DrivePoint &from)
  {
    below = from;
    r_below = from.moment - target;
    direction = target < from.moment ? -1.0 : 1.0;
    change = slope > 0 ? (target - from.moment) / slope : direction * largest;
    change = std::abs(r_below) <= settings.tolerance ? 0.0 : std::clamp(change, -largest, largest);
    bracketed = false;
    last_replaced = 0;
  };
  begin_at(start);

  while (outcome.solves < settings.max_solves)
  {
    const double angle =
        bracketed ? below.angle + r_below * (beyond.angle - below.angle) / (r_below - r_beyond) : below.angle + change;
    ++outcome.solves;
    const std::optional<double> moment = solve(angle, bracketed);
    if (!moment)
    {
      if (bracketed || std::abs(change) < 1e-3 * settings.largest_rotation)
      {
        outcome.failure = "the equilibrium solve at a drive angle of " + format_number(angle) + " deg failed" +
                          (bracketed ? " inside the moment's bracket" : " even for a small change of the angle");
        return outcome;
      }
      change /= 2;
      largest = std::abs(change);
      continue;
    }
    // A failed solve halved the largest change; successes let it grow back, slowly (a quarter each).
    largest = std::min(1.25 * largest, settings.largest_rotation);
    const DrivePoint point{angle, *moment};
    const double residual = point.moment - target;
    if (std::abs(residual) <= settings.tolerance)
    {
      const double span = point.angle - start.angle;
      if (std::abs(span) > 1e-9 && (point.moment - start.moment) / span > 0)
        slope = (point.moment - start.moment) / span;
      outcome.found = true;
      outcome.point = point;
      return outcome;
    }
    // The moment moved without the angle (other loads), or the bracket has closed to a point without
    // the tolerance being met: start afresh from here.
    if (below.angle == point.angle || (bracketed && std::abs(beyond.angle - below.angle) < 1e-9))
    {
      begin_at(point);
      change = direction * std::min(std::max(std::abs(change), smallest_guess), largest);
      continue;
    }
    if (residual * direction < 0)
    {
      if (!bracketed)
      {
        // The next change from this one's secant: at least the smallest guess, at most twice the last.
        const double span = point.angle - below.angle;
        const double secant = std::abs(span) > 1e-12 ? (point.moment - below.moment) / span : 0.0;
        const double guess = secant * direction > 0 ? std::abs(residual / secant) : 2 * std::abs(change);
        const double cap = std::min(2 * std::max(std::abs(change), smallest_guess), largest);
        change = direction * std::clamp(guess, std::min(smallest_guess, cap), cap);
      }
      else if (last_replaced < 0)
        r_beyond /= 2;
      below = point;
      r_below = residual;
      last_replaced = -1;
    }
    else
    {
      if (bracketed && last_replaced > 0)
        r_below /= 2;
      beyond = point;
      bracketed = true;
      r_beyond = residual;
      last_replaced = 1;
    }
  }
  outcome.failure = "no drive angle gave a moment within " + format_number(settings.tolerance) + " N mm of " +
                    format_number(target) + " N mm in " + std::to_string(settings.max_solves) + " solves";
  return outcome;
}
} // namespace cspine
