// Region ids of the mesh by name, for entries that name regions (a region, or glob patterns); errors
// name the file, the entry and the regions the mesh has.
#pragma once

#include "mesh/mesh_builder.h"

#include <string>
#include <vector>

namespace cspine
{
/// The id of region `name`; throws InputError (file, entry, the mesh's regions) if there is none.
unsigned int region_id(const std::string &name, const MeshNames &names, const std::string &file,
                       const std::string &entry);
/// Regions whose names match any of the glob patterns ('*' and '?').
std::vector<unsigned int> matching_regions(const std::string &patterns, const MeshNames &names);
} // namespace cspine
