#include "core/input_error.h"

namespace cspine
{
InputError::InputError(const std::string &file, const std::string &entry, const std::string &value,
                       const std::string &allowed)
    : std::runtime_error(file + ": " + entry + " = '" + value + "': " + allowed)
{
}

InputError::InputError(const std::string &message) : std::runtime_error(message) {}
} // namespace cspine
