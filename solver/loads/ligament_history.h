// The history of the 1-D ligaments and capsule fibres: for those that relax (a Prony series on their
// curve) the elastic force and each term's viscous force, and, with sub-failure damage, every fibre's peak
// length, and every fibre's length (its strain rate over a step, for the rate effect and the reports);
// each at the last accepted state (committed) and at the last assembly (trial). A StepHistory of
// the run's State: commit takes the trial, revert drops it, a checkpoint stores the committed values by
// fibre index (the same on every rank: each rank evaluates every fibre that has a history).
#pragma once

#include "io/committed_values.h"
#include "io/step_history.h"
#include "materials/prony_series.h"

#include <vector>

namespace cspine
{
class LigamentHistory : public StepHistory
{
public:
  /// One series per fibre (empty: it does not relax); `peaks`: keep each fibre's peak length (damage).
  LigamentHistory(const std::vector<PronySeries> &relaxation, bool peaks);

  /// The committed values of fibre i: elastic force, then one viscous force per term [N]; nullptr if it
  /// does not relax.
  const double *committed(std::size_t i) const;
  /// Where an assembly writes the trial values of fibre i (nullptr if it does not relax).
  double *trial(std::size_t i);

  /// Whether fibre i has a history (relaxes, or damage is on): then every rank evaluates it.
  bool tracked(std::size_t i) const { return width[i] > 0 || !peaks.committed.empty(); }
  /// [mm] Fibre i's peak length up to the committed state (0: never stretched; damage on only).
  double committed_peak(std::size_t i) const { return peaks.committed[i]; }
  void set_trial_peak(std::size_t i, double length) { peaks.trial[i] = length; }

  /// [mm] Every fibre's length at the committed state (the in-situ lengths before the first step).
  void set_initial_lengths(const std::vector<double> &in_situ);
  double committed_length(std::size_t i) const { return lengths.committed[i]; }
  void set_trial_length(std::size_t i, double length) { lengths.trial[i] = length; }

  /// [s] The time of the committed state.
  double committed_time() const { return values.committed_time; }
  void set_trial_time(double time) { values.trial_time = time; }

  std::string history_name() const override { return "ligament relaxation and damage"; }
  void commit() override
  {
    values.commit();
    peaks.commit();
    lengths.commit();
  }
  void revert() override
  {
    values.revert();
    peaks.revert();
    lengths.revert();
  }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  std::vector<std::size_t> start, width;
  CommittedValues values, peaks, lengths;
};
} // namespace cspine
