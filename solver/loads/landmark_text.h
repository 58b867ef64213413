// Reads a point or a direction from a config entry that may name landmarks of the mesh (the head's
// centre and axis, a thrust's direction or a couple's axis).
#pragma once

#include "core/types.h"

#include <deal.II/base/point.h>

#include <map>
#include <string>

namespace cspine
{
using Landmarks = std::map<std::string, dealii::Point<dim>>;

/// "x, y, z" [mm] or the name of a landmark; InputError naming `file` and `entry` otherwise.
dealii::Point<dim> parse_point(const std::string &text, const Landmarks &landmarks, const std::string &file,
                               const std::string &entry);

/// The unit vector along "x, y, z" or from one landmark to another ("<landmark> -> <landmark>");
/// InputError naming `file` and `entry` otherwise.
Vector3 parse_direction(const std::string &text, const Landmarks &landmarks, const std::string &file,
                        const std::string &entry);
} // namespace cspine
