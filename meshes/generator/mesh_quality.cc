#include "mesh_quality.h"

#include <gmsh.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace cspine::meshing
{
std::map<std::size_t, Vec3> node_coordinates()
{
  std::vector<std::size_t> node_tags;
  std::vector<double> coordinates, parametric;
  gmsh::model::mesh::getNodes(node_tags, coordinates, parametric);
  std::map<std::size_t, Vec3> nodes;
  for (std::size_t i = 0; i < node_tags.size(); ++i)
    nodes[node_tags[i]] = {coordinates[3 * i], coordinates[3 * i + 1], coordinates[3 * i + 2]};
  return nodes;
}

MeshQuality measure_quality()
{
  std::map<std::size_t, Vec3> nodes = node_coordinates();

  MeshQuality quality;
  double sum = 0;
  gmsh::vectorpair volumes;
  gmsh::model::getEntities(volumes, 3);
  for (const auto &[dim, volume_tag] : volumes)
  {
    std::vector<std::size_t> elements, connectivity;
    gmsh::model::mesh::getElementsByType(4, elements, connectivity, volume_tag);
    quality.n_tetrahedra += elements.size();
    for (std::size_t e = 0; e < elements.size(); ++e)
    {
      const Vec3 &p0 = nodes[connectivity[4 * e]], &p1 = nodes[connectivity[4 * e + 1]],
                 &p2 = nodes[connectivity[4 * e + 2]], &p3 = nodes[connectivity[4 * e + 3]];
      const Vec3 a = p1 - p0, b = p2 - p0, c = p3 - p0;
      const double volume = (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
                             a[2] * (b[0] * c[1] - b[1] * c[0])) /
                            6;
      if (volume <= 0)
        ++quality.n_inverted;
      const double edges =
          dot(a, a) + dot(b, b) + dot(c, c) + dot(b - a, b - a) + dot(c - a, c - a) + dot(c - b, c - b);
      const double ratio = 12 * std::pow(3 * std::abs(volume), 2.0 / 3) / edges;
      if (ratio < quality.worst_mean_ratio)
      {
        quality.worst_mean_ratio = ratio;
        quality.worst_centroid = 0.25 * (p0 + p1 + p2 + p3);
        quality.worst_volume = volume_tag;
      }
      sum += ratio;
    }
  }
  const auto &n_elements = quality.n_tetrahedra;
  quality.mean_mean_ratio = n_elements == 0 ? 0 : sum / n_elements;
  return quality;
}
} // namespace cspine::meshing
