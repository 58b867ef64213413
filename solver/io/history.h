// history.csv: one row per converged step, a header row with units; kept in memory for tests.
#pragma once

#include "io/step_history.h"

#include <fstream>
#include <string>
#include <vector>

namespace cspine
{
class History : public StepHistory
{
public:
  /// Column names carry their unit, e.g. "time [s]".
  explicit History(std::vector<std::string> column_names);

  /// Starts writing to `file` (rank 0 passes a path, other ranks an empty string). `resuming`: the file
  /// is kept, for `load` to cut back and append to.
  void open(const std::string &file, bool resuming = false);
  /// Appends one row; throws OutputError if the file cannot take it (a full disk).
  void add_row(const std::vector<double> &values);

  const std::vector<std::string> &columns() const { return names; }
  const std::vector<std::vector<double>> &rows() const { return data; }
  /// The value in the last row of the column whose name starts with `prefix` + " [".
  double last(const std::string &prefix) const;

  /// The rows so far and the file's length; loading cuts the file back to that length and appends
  /// from there (call `open` first).
  std::string history_name() const override { return "history"; }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  std::vector<std::string> names;
  std::vector<std::vector<double>> data;
  std::string path;
  std::ofstream out;
};
} // namespace cspine
