// History that a part of the run carries from one load step to the next (contact pairing, the moment
// search's slope, peaks in the reports, rows already written). The run's State commits it when a step
// is accepted and reverts it when a step is cut, so that trial solves never change what was accepted;
// a checkpoint saves it and a resumed run loads it.
#pragma once

#include "io/archive.h"

#include <string>

namespace cspine
{
class StepHistory
{
public:
  virtual ~StepHistory() = default;
  /// Names the history's section in a checkpoint.
  virtual std::string history_name() const = 0;
  /// The current state is accepted. Histories that change only when a state is recorded need nothing.
  virtual void commit() {}
  /// A step was cut: back to the last committed state.
  virtual void revert() {}
  /// Writes the committed history. Collective; only rank 0's archive is written to the file, so it must
  /// hold the whole history, in a form that does not depend on the number of ranks.
  virtual void save(ArchiveWriter &archive) const = 0;
  /// Reads what `save` wrote (on any number of ranks). Collective: every rank reads the same archive.
  virtual void load(ArchiveReader &archive) = 0;
};
} // namespace cspine
