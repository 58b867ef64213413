// Values a step history keeps twice: as last accepted (committed) and as the last evaluation computed
// them (trial), each with the time it belongs to. Commit takes the trial; revert drops it.
#pragma once

#include <vector>

namespace cspine
{
struct CommittedValues
{
  std::vector<double> committed, trial;
  /// [s]
  double committed_time = 0, trial_time = 0;

  void commit()
  {
    committed = trial;
    committed_time = trial_time;
  }
  void revert()
  {
    trial = committed;
    trial_time = committed_time;
  }
};
} // namespace cspine
