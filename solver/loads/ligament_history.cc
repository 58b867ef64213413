#include "loads/ligament_history.h"

#include "core/input_error.h"

namespace cspine
{
LigamentHistory::LigamentHistory(const std::vector<PronySeries> &relaxation)
{
  for (const PronySeries &series : relaxation)
  {
    start.push_back(values.committed.size());
    width.push_back(series.empty() ? 0 : 1 + series.size());
    values.committed.resize(values.committed.size() + width.back(), 0.0); // unloaded: no force
  }
  values.trial = values.committed;
}

const double *LigamentHistory::committed(const std::size_t i) const
{
  return width[i] ? values.committed.data() + start[i] : nullptr;
}

double *LigamentHistory::trial(const std::size_t i)
{
  return width[i] ? values.trial.data() + start[i] : nullptr;
}

void LigamentHistory::save(ArchiveWriter &archive) const
{
  archive.put(values.committed_time);
  archive.put(values.committed);
}

void LigamentHistory::load(ArchiveReader &archive)
{
  values.committed_time = archive.get_double();
  std::vector<double> saved = archive.get_doubles();
  if (saved.size() != values.committed.size())
    throw InputError("the checkpoint's ligament relaxation holds " + std::to_string(saved.size()) +
                     " values, this load case " + std::to_string(values.committed.size()) +
                     ": it was written for other ligaments or relaxation settings");
  values.committed = std::move(saved);
  revert();
}
} // namespace cspine
