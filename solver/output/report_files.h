// The files a report plugin keeps step by step: a .csv that gains rows, and a series of .vtu frames with
// its .pvd index. Rank 0 writes; a checkpoint keeps how far each had got, and resuming cuts the .csv
// back to that length and rewrites the .pvd, so a killed run's files stay consistent.
#pragma once

#include "io/archive.h"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace cspine
{
/// The units line that starts every report file.
extern const char *const report_units;
/// The header columns ",fraction_above_<t> [-]" of the strain thresholds.
std::string threshold_columns(const std::vector<double> &thresholds);

class AppendedCsv
{
public:
  explicit AppendedCsv(std::string file_name) : name(std::move(file_name)) {}

  /// Rank 0: creates the file in `directory` with `header` (units, description, column names).
  void create(const std::string &directory, const std::string &header);
  /// Remembers the folder without touching the file (other ranks; a resumed run before `resume_at`).
  void set_directory(const std::string &directory) { path = directory + "/" + name; }
  /// The stream rows are appended to (rank 0).
  std::ofstream &rows() { return file; }
  /// Flushes and throws OutputError naming the file if a write failed (a full disk). Rank 0.
  void check();
  /// [bytes] The file's length now (rank 0; 0 elsewhere).
  unsigned long long length() const;
  /// Rank 0: cuts the file back to `bytes` and appends from there.
  void resume_at(unsigned long long bytes);

private:
  std::string name, path;
  std::ofstream file;
};

class VtuSeries
{
public:
  /// `stem`: "capsules" gives capsules_<step>.vtu and capsules.pvd.
  explicit VtuSeries(std::string stem) : stem(std::move(stem)) {}

  void set_directory(const std::string &folder) { directory = folder; }
  /// The path of the frame of `step`, to be written before `add`.
  std::string frame_path(unsigned int step) const;
  /// Rank 0: lists the frame of `step` at `time` and rewrites the .pvd (atomically).
  void add(double time, unsigned int step);
  void save(ArchiveWriter &archive) const;
  void load(ArchiveReader &archive);
  /// Rank 0: rewrites the .pvd from the loaded frames (nothing if there are none).
  void rewrite_index() const;

private:
  std::string frame_name(unsigned int step) const;

  std::string stem, directory;
  std::vector<std::pair<double, std::string>> frames;
};
} // namespace cspine
