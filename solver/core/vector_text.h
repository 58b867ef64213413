// Reads a direction 'x, y, z' from a config entry (thrust directions, the head axis, gravity).
#pragma once

#include "core/types.h"

#include <optional>
#include <string>

namespace cspine
{
/// Three comma-separated numbers, or nothing.
std::optional<Vector3> three_numbers(const std::string &text);

/// The unit vector along 'x, y, z'; InputError naming `file` and `entry` unless three numbers, not all zero.
Vector3 parse_unit_vector(const std::string &text, const std::string &file, const std::string &entry);
} // namespace cspine
