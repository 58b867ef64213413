// history.csv: one row per converged step, a header row with units; kept in memory for tests.
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace cspine
{
class History
{
public:
  /// Column names carry their unit, e.g. "time [s]".
  explicit History(std::vector<std::string> column_names);

  /// Starts writing to `file` (rank 0 passes a path, other ranks an empty string).
  void open(const std::string &file);
  void add_row(const std::vector<double> &values);

  const std::vector<std::string> &columns() const { return names; }
  const std::vector<std::vector<double>> &rows() const { return data; }
  /// The value in the last row of the column whose name starts with `prefix` + " [".
  double last(const std::string &prefix) const;

private:
  std::vector<std::string> names;
  std::vector<std::vector<double>> data;
  std::ofstream out;
};
} // namespace cspine
