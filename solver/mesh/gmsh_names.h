// Physical group names of a gmsh .msh file (the $PhysicalNames section), which deal.II's reader drops.
#pragma once

#include <map>
#include <string>

namespace cspine
{
struct PhysicalNames
{
  /// Physical volume tag -> name (deal.II material_id = volume tag).
  std::map<unsigned int, std::string> volumes;
  /// Physical surface tag -> name (deal.II boundary_id = surface tag).
  std::map<unsigned int, std::string> surfaces;
};

/// Throws InputError naming the file if it cannot be read. Groups without a name get "<dim>d_<tag>".
PhysicalNames read_physical_names(const std::string &msh_file);
} // namespace cspine
