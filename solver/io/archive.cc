#include "io/archive.h"

#include "core/input_error.h"

#include <cstring>

namespace cspine
{
void ArchiveWriter::raw(const void *value, const std::size_t size)
{
  data.append(static_cast<const char *>(value), size);
}

void ArchiveWriter::section(const std::string &name)
{
  put(std::string("section:") + name);
}

void ArchiveWriter::put(const std::uint64_t value)
{
  raw(&value, sizeof value);
}

void ArchiveWriter::put(const double value)
{
  raw(&value, sizeof value);
}

void ArchiveWriter::put(const std::string &value)
{
  put(static_cast<std::uint64_t>(value.size()));
  raw(value.data(), value.size());
}

void ArchiveWriter::put(const std::vector<double> &values)
{
  put(static_cast<std::uint64_t>(values.size()));
  raw(values.data(), values.size() * sizeof(double));
}

void ArchiveWriter::put(const std::vector<std::uint64_t> &values)
{
  put(static_cast<std::uint64_t>(values.size()));
  raw(values.data(), values.size() * sizeof(std::uint64_t));
}

ArchiveReader::ArchiveReader(std::string bytes, std::string source_name)
    : data(std::move(bytes)), source(std::move(source_name))
{
}

void ArchiveReader::raw(void *value, const std::size_t size)
{
  if (size > data.size() - position)
    throw InputError(source + ": the checkpoint ends early (truncated or not a cspine checkpoint)");
  std::memcpy(value, data.data() + position, size);
  position += size;
}

void ArchiveReader::section(const std::string &name)
{
  const std::string found = get_string();
  if (found != "section:" + name)
    throw InputError(source + ": expected the checkpoint section '" + name + "', found '" + found.substr(0, 60) +
                     "' (a checkpoint of another version or load case)");
}

std::uint64_t ArchiveReader::get_uint()
{
  std::uint64_t value = 0;
  raw(&value, sizeof value);
  return value;
}

double ArchiveReader::get_double()
{
  double value = 0;
  raw(&value, sizeof value);
  return value;
}

std::string ArchiveReader::get_string()
{
  const std::uint64_t size = get_uint();
  if (size > data.size() - position)
    throw InputError(source + ": the checkpoint ends early (truncated or not a cspine checkpoint)");
  std::string value = data.substr(position, size);
  position += size;
  return value;
}

std::vector<double> ArchiveReader::get_doubles()
{
  const std::uint64_t size = get_uint();
  if (size > (data.size() - position) / sizeof(double))
    throw InputError(source + ": the checkpoint ends early (truncated or not a cspine checkpoint)");
  std::vector<double> values(size);
  raw(values.data(), size * sizeof(double));
  return values;
}

std::vector<std::uint64_t> ArchiveReader::get_uints()
{
  const std::uint64_t size = get_uint();
  if (size > (data.size() - position) / sizeof(std::uint64_t))
    throw InputError(source + ": the checkpoint ends early (truncated or not a cspine checkpoint)");
  std::vector<std::uint64_t> values(size);
  raw(values.data(), size * sizeof(std::uint64_t));
  return values;
}
} // namespace cspine
