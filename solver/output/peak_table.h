// The summary of a load case: each reported item's largest strain, when it occurred, the thresholds it
// crossed and the laxity it was left with; written as summary.csv and as a table on screen. Report
// plugins add their items (in the order the summary lists them) and offer each state's strains.
#pragma once

#include "io/archive.h"
#include "output/strain_peak.h"

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace cspine
{
class PeakTable
{
public:
  /// Lists `name` in the summary; `thresholded`: the strain thresholds it crossed are listed (regions
  /// and capsules; a 1-D ligament lists its failure point instead).
  void add_item(const std::string &name, bool thresholded);
  StrainPeak &operator[](const std::string &name) { return peaks[name]; }

  void save(ArchiveWriter &archive) const;
  void load(ArchiveReader &archive);
  /// Rank 0: summary.csv in `directory` and the table on `out` (may be null).
  void write(const std::string &directory, const std::vector<double> &thresholds, std::ostream *out) const;

private:
  std::map<std::string, StrainPeak> peaks;
  std::vector<std::string> order;
  std::set<std::string> thresholded;
};
} // namespace cspine
