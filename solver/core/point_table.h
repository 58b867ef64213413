// Reads a table of points 'x1:y1, x2:y2, ...' from a config entry (time curves, force and stress curves).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
/// The points of `text` in their order; InputError naming `file`, `entry` and `allowed` when a pair is not
/// two numbers separated by ':'. The caller checks the order and the range.
std::vector<std::pair<double, double>> parse_point_table(const std::string &text, const std::string &file,
                                                         const std::string &entry, const std::string &allowed);
} // namespace cspine
