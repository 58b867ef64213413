// The one exception type for bad user input: "<file>: <Section/Entry> = <value>: <what is allowed>".
#pragma once

#include <stdexcept>
#include <string>

namespace cspine
{
class InputError : public std::runtime_error
{
public:
  /// A problem with one entry of one input file.
  InputError(const std::string &file, const std::string &entry, const std::string &value, const std::string &allowed);

  /// A problem that is not tied to a single entry (e.g. an unreadable file).
  explicit InputError(const std::string &message);
};
} // namespace cspine
