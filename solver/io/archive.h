// A small binary archive for checkpoints: numbers are stored bit for bit, so that a resumed run starts
// from exactly the state that was saved. Each item is tagged, so that a checkpoint from another version
// or another load case is refused with a message instead of read as garbage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cspine
{
class ArchiveWriter
{
public:
  /// Starts a named section (checked on reading).
  void section(const std::string &name);
  void put(std::uint64_t value);
  void put(double value);
  void put(const std::string &value);
  void put(const std::vector<double> &values);
  void put(const std::vector<std::uint64_t> &values);
  const std::string &bytes() const { return data; }

private:
  void raw(const void *value, std::size_t size);
  std::string data;
};

class ArchiveReader
{
public:
  /// `source` names the file in error messages.
  ArchiveReader(std::string bytes, std::string source);
  /// Reads a section name; throws InputError unless it is `name`.
  void section(const std::string &name);
  std::uint64_t get_uint();
  double get_double();
  std::string get_string();
  std::vector<double> get_doubles();
  std::vector<std::uint64_t> get_uints();
  bool at_end() const { return position == data.size(); }

private:
  void raw(void *value, std::size_t size);
  std::string data, source;
  std::size_t position = 0;
};
} // namespace cspine
