// Reading a generated mesh back through the gmsh API for the mesh tests: physical groups by name,
// their nodes and tetrahedra, volumes, and the model's sidecar files (.landmarks, .ligaments).
#pragma once

#include "frame.h"
#include "mesh_quality.h"

#include <gmsh.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace cspine::meshing::testing
{
using Tetrahedron = std::array<Vec3, 4>;

/// The tag of the physical group `name` of dimension `dim`, or -1.
inline int group(const int dim, const std::string &name)
{
  gmsh::vectorpair groups;
  gmsh::model::getPhysicalGroups(groups, dim);
  for (const auto &[d, tag] : groups)
  {
    std::string group_name;
    gmsh::model::getPhysicalName(d, tag, group_name);
    if (group_name == name)
      return tag;
  }
  return -1;
}

/// Node coordinates of a physical group.
inline std::vector<Vec3> nodes(const int dim, const std::string &name)
{
  std::vector<std::size_t> tags;
  std::vector<double> xyz;
  gmsh::model::mesh::getNodesForPhysicalGroup(dim, group(dim, name), tags, xyz);
  std::vector<Vec3> points;
  for (std::size_t i = 0; i < tags.size(); ++i)
    points.push_back({xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]});
  return points;
}

/// Node tag -> coordinates of the mesh the test program opened (read once: a test program opens one mesh).
inline const std::map<std::size_t, Vec3> &mesh_nodes()
{
  static const std::map<std::size_t, Vec3> nodes = node_coordinates();
  return nodes;
}

/// Elements of gmsh type `type` (2: triangle, 4: tetrahedron) of a physical group, as vertex lists.
template <unsigned int n_vertices>
std::vector<std::array<Vec3, n_vertices>> elements(const int dim, const int type, const std::string &name)
{
  const std::map<std::size_t, Vec3> &node = mesh_nodes();
  std::vector<int> entities;
  gmsh::model::getEntitiesForPhysicalGroup(dim, group(dim, name), entities);
  std::vector<std::array<Vec3, n_vertices>> result;
  for (const int entity : entities)
  {
    std::vector<std::size_t> tags, connectivity;
    gmsh::model::mesh::getElementsByType(type, tags, connectivity, entity);
    for (std::size_t e = 0; e < tags.size(); ++e)
    {
      std::array<Vec3, n_vertices> element;
      for (unsigned int k = 0; k < n_vertices; ++k)
        element[k] = node.at(connectivity[n_vertices * e + k]);
      result.push_back(element);
    }
  }
  return result;
}

inline std::vector<Tetrahedron> tetrahedra(const std::string &region)
{
  return elements<4>(3, 4, region);
}

inline double signed_volume(const Tetrahedron &t)
{
  const Vec3 a = t[1] - t[0], b = t[2] - t[0], c = t[3] - t[0];
  return (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
          a[2] * (b[0] * c[1] - b[1] * c[0])) /
         6;
}

/// [mm^3] Volume of the tetrahedra of a physical volume.
inline double volume(const std::string &region)
{
  double total = 0;
  for (const Tetrahedron &t : tetrahedra(region))
    total += std::abs(signed_volume(t));
  return total;
}

/// Rows of a sidecar CSV file (comment lines and the header row skipped), split at commas.
inline std::vector<std::vector<std::string>> csv_rows(const std::string &file)
{
  std::ifstream in(file);
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  for (std::string line; std::getline(in, line);)
  {
    if (line.empty() || line[0] == '#')
      continue;
    if (header)
    {
      header = false;
      continue;
    }
    std::stringstream row(line);
    std::vector<std::string> fields;
    for (std::string field; std::getline(row, field, ',');)
      fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

/// One fibre of a capsule in NAME.capsules.
struct CapsuleFibre
{
  std::string type, bone_a, bone_b;
  Vec3 a, b;
  double area, radius;
};

/// NAME.capsules beside NAME.msh: capsule -> its fibres in file order.
inline std::map<std::string, std::vector<CapsuleFibre>> capsule_fibres(const std::string &mesh_file)
{
  std::map<std::string, std::vector<CapsuleFibre>> capsules;
  for (const auto &row : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".capsules"))
    capsules[row.at(0)].push_back({row.at(1),
                                   row.at(3),
                                   row.at(7),
                                   {std::stod(row.at(4)), std::stod(row.at(5)), std::stod(row.at(6))},
                                   {std::stod(row.at(8)), std::stod(row.at(9)), std::stod(row.at(10))},
                                   std::stod(row.at(11)),
                                   std::stod(row.at(12))});
  return capsules;
}

/// The largest distance from a fibre's axis-parallel chord to the joint axis through `centre` along `n`,
/// and the spread of the fibres' azimuths: a ring of n fibres has neighbours 2 pi / n apart.
inline double largest_azimuth_gap(const std::vector<CapsuleFibre> &fibres, const Vec3 &centre, const Vec3 &n)
{
  // Any direction normal to n as the azimuth's zero.
  const Vec3 e1 = [&]
  {
    Vec3 e = cross(n, Vec3{1, 0, 0});
    if (norm(e) < 0.5)
      e = cross(n, Vec3{0, 1, 0});
    return (1 / norm(e)) * e;
  }();
  const Vec3 e2 = cross(n, e1);
  std::vector<double> azimuths;
  for (const CapsuleFibre &fibre : fibres)
  {
    const Vec3 r = fibre.a - centre;
    azimuths.push_back(std::atan2(dot(r, e2), dot(r, e1)));
  }
  std::sort(azimuths.begin(), azimuths.end());
  double gap = 2 * M_PI - (azimuths.back() - azimuths.front());
  for (std::size_t k = 1; k < azimuths.size(); ++k)
    gap = std::max(gap, azimuths[k] - azimuths[k - 1]);
  return gap;
}

/// NAME.landmarks beside NAME.msh: name -> point.
inline std::map<std::string, Vec3> landmarks(const std::string &mesh_file)
{
  std::map<std::string, Vec3> points;
  for (const auto &row : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".landmarks"))
    points[row.at(0)] = {std::stod(row.at(1)), std::stod(row.at(2)), std::stod(row.at(3))};
  return points;
}
} // namespace cspine::meshing::testing
