#include "loads/ligament_history.h"

#include "core/input_error.h"

namespace cspine
{
LigamentHistory::LigamentHistory(const std::vector<PronySeries> &relaxation, const bool keep_peaks)
{
  if (keep_peaks)
    peaks.committed.assign(relaxation.size(), 0.0);
  peaks.trial = peaks.committed;
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

void LigamentHistory::set_initial_lengths(const std::vector<double> &in_situ)
{
  lengths.committed = in_situ;
  lengths.trial = in_situ;
}

void LigamentHistory::save(ArchiveWriter &archive) const
{
  archive.put(values.committed_time);
  archive.put(values.committed);
  archive.put(peaks.committed);
  archive.put(lengths.committed);
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
  std::vector<double> saved_peaks = archive.get_doubles();
  if (saved_peaks.size() != peaks.committed.size())
    throw InputError("the checkpoint's ligament damage holds " + std::to_string(saved_peaks.size()) +
                     " peak lengths, this load case " + std::to_string(peaks.committed.size()) +
                     ": it was written with damage " + (saved_peaks.empty() ? "off" : "on") +
                     ", or for other ligaments");
  peaks.committed = std::move(saved_peaks);
  std::vector<double> saved_lengths = archive.get_doubles();
  if (saved_lengths.size() != lengths.committed.size())
    throw InputError("the checkpoint holds " + std::to_string(saved_lengths.size()) +
                     " ligament lengths, this load case " + std::to_string(lengths.committed.size()) +
                     ": it was written for other ligaments");
  lengths.committed = std::move(saved_lengths);
  revert();
}
} // namespace cspine
