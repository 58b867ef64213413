// An item's largest strain over a load case and when it first occurred (summary.csv).
#pragma once

namespace cspine
{
struct StrainPeak
{
  /// [-] Largest strain so far: a region's 95th percentile, or a 1-D ligament's strain.
  double value = -1e300;
  /// [s] When `value` was first reached.
  double time = 0;
  bool past_failure = false;
  /// [-] A region's largest strain at any quadrature point.
  double single_point = -1e300;
  /// [mm] Permanent set from sub-failure damage at the last state (a capsule's most lax fibre); ruptured
  /// (a capsule: some fibre).
  double laxity = 0;
  bool ruptured = false;

  /// Takes `candidate` at `time` only if it is larger by more than round-off: 1e-6 relative (repeated
  /// cycles reach the same largest value, and the time reported must be the first on any partition)
  /// and 1e-12 absolute (an unloaded state has strains of 1e-16 that are position round-off).
  void offer(double candidate, double time);
};
} // namespace cspine
