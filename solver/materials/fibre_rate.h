// Rate-dependent strength of a tension-only fibre (a 1-D ligament or a capsule fibre): its curve is
// measured at a reference strain rate r0; pulled faster, the whole curve, and so its failure force, is
// scaled by
//   s(r) = 1 + c log10(r / r0)  for r > r0,  1 otherwise,
// with r the fibre's strain rate over the step (length change over the in-situ length and the step's
// duration) and c the gain per decade of rate. This is how a strain-rate table of curves scales in the
// VIVA+ neck model (its C2-C3 capsule: 1.5 times the stress at 65.1 /s as at 1.63 /s, c = 0.312 per
// decade; its ALL: 25.95 -> 33.73 MPa from 0.24 to 72 /s, about 0.12 per decade). The failure point stays
// at its length, so the failure force rises with the rate (Mattucci et al. 2013: higher failure forces
// at 150 than at 0.5 /s). Log-linear is assumed between the measured rates; no cap is applied above them.
#pragma once

#include <string>
#include <utility>

namespace cspine
{
struct RateEffect
{
  /// [-] Gain of the curve per decade of strain rate above the reference; 0: rate-independent.
  double gain_per_decade = 0;
  /// [1/s] The strain rate at which the curve was measured.
  double reference_rate = 1;

  bool active() const { return gain_per_decade > 0; }
  /// s(r) [-] and ds/dr [s] at strain rate r [1/s].
  std::pair<double, double> factor(double rate) const;
};

/// "c:r0" (empty text: rate-independent); InputError naming `file` and `entry` unless c >= 0 and r0 > 0.
RateEffect parse_rate_effect(const std::string &text, const std::string &file, const std::string &entry);
} // namespace cspine
