// Moment control through the head's rotation drive: finds, per load step, the drive angle at which the
// head passes the prescribed moment into the spine. Near neutral the upper cervical joints turn tens of
// degrees under a few N mm (Panjabi et al. 1988: a C1-C2 neutral zone of 29.6 deg), so a load-controlled
// Newton solve has next to no stiffness to work with there; each solve here prescribes an angle
// instead, and the angle is searched: steps of at most `largest_rotation` until the moment is
// bracketed, then regula falsi (Illinois) to within `tolerance`.
#pragma once

#include "io/step_history.h"

#include <functional>
#include <optional>
#include <string>

namespace cspine
{
struct MomentSearchSettings
{
  /// [N mm] The found moment is within this of the prescribed one.
  double tolerance = 1;
  /// [deg] Largest change of the drive angle per solve.
  double largest_rotation = 1;
  /// Solves per load step before the step is given up (and cut).
  unsigned int max_solves = 100;
};

/// A converged state of the search: drive angle [deg] and moment into the spine [N mm].
struct DrivePoint
{
  double angle = 0;
  double moment = 0;
};

class MomentSearch : public StepHistory
{
public:
  /// Solves the equilibrium with the drive at `angle` [deg] from the last converged state and returns
  /// the moment [N mm], or nothing if the solve failed (the caller has then gone back to the last
  /// converged state). `closing_in`: the moment is bracketed, and regula falsi needs the moment to be a
  /// function of the angle alone from now on (a damping that acts on the motion since the last solve
  /// must keep its reference, or the moment creeps at a fixed angle and the bracket goes stale).
  using Solve = std::function<std::optional<double>(double angle, bool closing_in)>;

  struct Outcome
  {
    bool found = false;
    DrivePoint point;
    unsigned int solves = 0;
    std::string failure;
  };

  explicit MomentSearch(const MomentSearchSettings &settings) : settings(settings) {}

  /// From the converged `start`, the drive angle whose moment is within the tolerance of `target`.
  /// Always solves at least once (other loads may change in the step too).
  Outcome find(const DrivePoint &start, double target, const Solve &solve);
  /// [N mm]
  double tolerance() const { return settings.tolerance; }

  /// The slope carries over to the next step: a cut step returns to the accepted one's.
  std::string history_name() const override { return "moment search"; }
  void commit() override { committed_slope = slope; }
  void revert() override { slope = committed_slope; }
  void save(ArchiveWriter &archive) const override { archive.put(committed_slope); }
  void load(ArchiveReader &archive) override { slope = committed_slope = archive.get_double(); }

private:
  MomentSearchSettings settings;
  /// [N mm/deg] Slope of the last converged step, for the first guess of the next; 0: none yet.
  double slope = 0, committed_slope = 0;
};
} // namespace cspine
