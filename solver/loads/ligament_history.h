// The viscous forces of the 1-D ligaments and capsule fibres that relax (a Prony series on their
// curve): per fibre, its elastic force and each term's viscous force at the last accepted state
// (committed) and at the last assembly (trial). A StepHistory of the run's State: commit takes the
// trial, revert drops it, a checkpoint stores the committed values by fibre index (the same on every
// rank: each rank evaluates every fibre).
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
  /// One series per fibre (empty: it does not relax).
  explicit LigamentHistory(const std::vector<PronySeries> &relaxation);

  /// The committed values of fibre i: elastic force, then one viscous force per term [N]; nullptr if it
  /// does not relax.
  const double *committed(std::size_t i) const;
  /// Where an assembly writes the trial values of fibre i (nullptr if it does not relax).
  double *trial(std::size_t i);

  /// [s] The time of the committed state.
  double committed_time() const { return values.committed_time; }
  void set_trial_time(double time) { values.trial_time = time; }

  std::string history_name() const override { return "ligament relaxation"; }
  void commit() override { values.commit(); }
  void revert() override { values.revert(); }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  std::vector<std::size_t> start, width;
  CommittedValues values;
};
} // namespace cspine
