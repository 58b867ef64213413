// The dimension table meshes/anatomy_table.csv: one number per (level, quantity) with its source.
#pragma once

#include <map>
#include <string>
#include <utility>

namespace cspine::meshing
{
class AnatomyTable
{
public:
  /// Throws std::runtime_error naming the file and line on a malformed row.
  explicit AnatomyTable(const std::string &csv_file);

  /// The value for `level` (e.g. "C4"), falling back to the row for level "all".
  double get(const std::string &level, const std::string &quantity) const;

private:
  std::string file;
  std::map<std::pair<std::string, std::string>, double> values;
};
} // namespace cspine::meshing
