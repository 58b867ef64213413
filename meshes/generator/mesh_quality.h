// Quality of the generated linear tetrahedra: signed volume and mean ratio
// (12 (3V)^(2/3) / sum of squared edge lengths: 1 for a regular tetrahedron, 0 when degenerate).
#pragma once

#include "frame.h"

#include <cstddef>
#include <map>

namespace cspine::meshing
{
struct MeshQuality
{
  std::size_t n_tetrahedra = 0;
  std::size_t n_inverted = 0;
  double worst_mean_ratio = 1;
  double mean_mean_ratio = 0;
  Vec3 worst_centroid{0, 0, 0}; // [mm] where the worst tetrahedron is
  int worst_volume = -1;        // gmsh volume holding it
};

/// Of the current gmsh model's mesh.
MeshQuality measure_quality();

/// Node tag -> coordinates [mm] of the current gmsh model's mesh.
std::map<std::size_t, Vec3> node_coordinates();
} // namespace cspine::meshing
