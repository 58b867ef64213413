#include "model_tagging.h"

#include <gmsh.h>

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace cspine::meshing
{
TaggedModel fragment_and_tag(SpineGeometry &geometry)
{
  gmsh::vectorpair inputs;
  std::vector<unsigned int> owner; // input index -> part index
  for (unsigned int p = 0; p < geometry.parts.size(); ++p)
    for (const int volume : geometry.parts[p].volumes)
    {
      inputs.push_back({3, volume});
      owner.push_back(p);
    }
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  gmsh::model::occ::fragment(inputs, {}, out, map);
  gmsh::model::occ::synchronize();

  // Each fragment goes to the claimant with the smallest priority number (never by tag order). Two
  // parts of the same tissue may share a fragment only where a higher-priority tissue takes it (e.g. the
  // ends of both alar ligaments inside the dens).
  std::map<int, std::vector<unsigned int>> claimants;
  for (unsigned int k = 0; k < map.size(); ++k)
    for (const auto &[dim, tag] : map[k])
      claimants[tag].push_back(owner[k]);
  std::map<int, unsigned int> claimed;
  for (const auto &[tag, parts] : claimants)
  {
    unsigned int winner = parts.front();
    for (const unsigned int part : parts)
      if (geometry.parts[part].tissue < geometry.parts[winner].tissue)
        winner = part;
    for (const unsigned int part : parts)
      if (part != winner && geometry.parts[part].tissue == geometry.parts[winner].tissue)
        throw std::runtime_error("geometry error: " + geometry.parts[part].name + " and " +
                                 geometry.parts[winner].name + " overlap (same tissue)");
    claimed[tag] = winner;
  }

  TaggedModel model;
  for (const auto &[tag, part] : claimed)
    model.part_volumes[geometry.parts[part].name].push_back(tag);
  int next_tag = 1;
  for (const Part &part : geometry.parts)
  {
    const auto volumes = model.part_volumes.find(part.name);
    if (volumes == model.part_volumes.end())
      throw std::runtime_error("part " + part.name + " vanished in the fragment");
    const int tag = gmsh::model::addPhysicalGroup(3, volumes->second, next_tag++);
    gmsh::model::setPhysicalName(3, tag, part.name);
    model.volumes[tag] = part.name;
    model.tag_of[part.name] = tag;
  }

  // Surfaces: the boundary face of the part's volumes that passes through the target point (a point
  // inside the face). Only faces on the outer boundary of the whole model qualify (deal.II rejects
  // interior ones).
  gmsh::vectorpair all_volumes, outer;
  gmsh::model::getEntities(all_volumes, 3);
  gmsh::model::getBoundary(all_volumes, outer, true, false, false);
  std::set<int> outer_faces;
  for (const auto &[dim, tag] : outer)
    outer_faces.insert(std::abs(tag));
  int surface_tag = 1001;
  for (const SurfaceTarget &target : geometry.surfaces)
  {
    gmsh::vectorpair part_volumes, faces;
    for (const int volume : model.part_volumes.at(target.part))
      part_volumes.push_back({3, volume});
    gmsh::model::getBoundary(part_volumes, faces, true, false, false);
    int best = -1;
    double best_distance = std::numeric_limits<double>::max();
    for (const auto &[dim, tag] : faces)
    {
      if (outer_faces.count(std::abs(tag)) == 0)
        continue;
      std::vector<double> closest, parametric;
      gmsh::model::getClosestPoint(2, std::abs(tag), {target.point[0], target.point[1], target.point[2]}, closest,
                                   parametric);
      const double distance = norm(Vec3{closest[0], closest[1], closest[2]} - target.point);
      if (distance < best_distance)
      {
        best_distance = distance;
        best = std::abs(tag);
      }
    }
    if (best < 0 || best_distance > 1e-3)
      throw std::runtime_error("no boundary face of " + target.part + " at the target of surface " + target.name);
    const int tag = gmsh::model::addPhysicalGroup(2, {best}, surface_tag++);
    gmsh::model::setPhysicalName(2, tag, target.name);
    model.surfaces[tag] = target.name;
  }
  return model;
}
} // namespace cspine::meshing
