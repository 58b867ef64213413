#include "io/history.h"

#include "core/input_error.h"
#include "io/file_output.h"

#include <iomanip>
#include <stdexcept>

namespace cspine
{
History::History(std::vector<std::string> column_names) : names(std::move(column_names)) {}

void History::open(const std::string &file, const bool resuming)
{
  path = file;
  if (file.empty() || resuming)
    return;
  out.open(file);
  for (unsigned int c = 0; c < names.size(); ++c)
    out << (c ? "," : "") << names[c];
  out << '\n' << std::flush;
  check_written(out, file);
}

void History::add_row(const std::vector<double> &values)
{
  data.push_back(values);
  if (!out.is_open())
    return;
  out << std::setprecision(12);
  for (unsigned int c = 0; c < values.size(); ++c)
    out << (c ? "," : "") << values[c];
  out << '\n' << std::flush;
  check_written(out, path);
}

double History::last(const std::string &prefix) const
{
  for (unsigned int c = 0; c < names.size(); ++c)
    if (names[c].rfind(prefix + " [", 0) == 0)
    {
      if (data.empty())
        throw std::logic_error("history has no rows yet");
      return data.back()[c];
    }
  throw std::invalid_argument("history has no column " + prefix);
}

void History::save(ArchiveWriter &archive) const
{
  archive.put(static_cast<std::uint64_t>(names.size()));
  std::vector<double> flat;
  for (const auto &row : data)
    flat.insert(flat.end(), row.begin(), row.end());
  archive.put(flat);
  archive.put(static_cast<std::uint64_t>(path.empty() ? 0 : file_size(path)));
}

void History::load(ArchiveReader &archive)
{
  const std::uint64_t n_columns = archive.get_uint();
  if (n_columns != names.size())
    throw InputError("the checkpoint's history.csv has " + std::to_string(n_columns) + " columns, this run " +
                     std::to_string(names.size()) + ": it was written by another load case");
  const std::vector<double> flat = archive.get_doubles();
  data.clear();
  for (std::size_t i = 0; i + n_columns <= flat.size(); i += n_columns)
    data.emplace_back(flat.begin() + i, flat.begin() + i + n_columns);
  const std::uint64_t length = archive.get_uint();
  if (path.empty())
    return;
  out.close();
  truncate_file(path, length);
  out.open(path, std::ios::app);
  check_written(out, path);
}
} // namespace cspine
