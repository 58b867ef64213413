#include "model_checks.h"

#include <gmsh.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace cspine::meshing
{
std::vector<std::pair<double, std::string>> curves_shorter_than(const double limit, const TaggedModel &model)
{
  std::map<int, std::string> part_of_volume;
  for (const auto &[part, volumes] : model.part_volumes)
    for (const int volume : volumes)
      part_of_volume[volume] = part;
  gmsh::vectorpair curves;
  gmsh::model::getEntities(curves, 1);
  std::vector<std::pair<double, std::string>> found;
  for (const auto &[dim, tag] : curves)
  {
    double length;
    gmsh::model::occ::getMass(1, tag, length);
    if (length >= limit)
      continue;
    gmsh::vectorpair ends;
    gmsh::model::getBoundary({{1, tag}}, ends, false, false, false);
    if (length < 1e-9 && (ends.size() < 2 || ends[0].second == ends[1].second))
      continue; // a degenerate edge at a sphere's pole: a point, not a curve, and no sliver
    double x, y, z;
    gmsh::model::occ::getCenterOfMass(1, tag, x, y, z);
    std::set<std::string> parts;
    std::vector<int> faces, unused;
    gmsh::model::getAdjacencies(1, tag, faces, unused);
    std::string type;
    gmsh::model::getType(1, tag, type);
    std::string face_types;
    for (const int face : faces)
    {
      std::string face_type;
      gmsh::model::getType(2, face, face_type);
      face_types += " " + face_type;
      std::vector<int> volumes;
      gmsh::model::getAdjacencies(2, face, volumes, unused);
      for (const int volume : volumes)
        parts.insert(part_of_volume[volume]);
    }
    std::ostringstream where;
    where << "(" << x << ", " << y << ", " << z << "), a " << type << " between faces (" << face_types.substr(1)
          << "), where";
    for (const std::string &part : parts)
      where << " " << part;
    where << " meet";
    found.push_back({length, where.str()});
  }
  return found;
}

void check_ligaments(const SpineGeometry &geometry, const TaggedModel &model)
{
  // Each bone's boundary faces with their bounding boxes, gathered once: a face whose box is farther
  // than the best distance so far cannot be closer (some hundred points are checked).
  struct Face
  {
    int tag;
    Vec3 low, high;
  };
  std::map<std::string, std::vector<Face>> faces_of;
  auto distance_to_bone = [&](const std::string &bone, const Vec3 &point)
  {
    std::vector<Face> &faces = faces_of[bone];
    if (faces.empty())
    {
      gmsh::vectorpair volumes, boundary;
      for (const int volume : model.part_volumes.at(bone))
        volumes.push_back({3, volume});
      gmsh::model::getBoundary(volumes, boundary, true, false, false);
      for (const auto &[dim, tag] : boundary)
      {
        Face face{std::abs(tag), {}, {}};
        gmsh::model::getBoundingBox(2, face.tag, face.low[0], face.low[1], face.low[2], face.high[0], face.high[1],
                                    face.high[2]);
        faces.push_back(face);
      }
    }
    double best = 1e9;
    for (const Face &face : faces)
    {
      Vec3 outside = {0, 0, 0};
      for (unsigned int i = 0; i < 3; ++i)
        outside[i] = std::max({face.low[i] - point[i], 0.0, point[i] - face.high[i]});
      if (norm(outside) >= best)
        continue;
      std::vector<double> closest, parametric;
      gmsh::model::getClosestPoint(2, face.tag, {point[0], point[1], point[2]}, closest, parametric);
      best = std::min(best, norm(Vec3{closest[0], closest[1], closest[2]} - point));
    }
    return best;
  };
  for (const LigamentAttachment &ligament : geometry.ligaments)
    for (const auto &[bone, centre] :
         {std::pair(ligament.bone_a, ligament.centre_a), std::pair(ligament.bone_b, ligament.centre_b)})
      if (distance_to_bone(bone, centre) > 0.01)
        throw std::runtime_error("ligament " + ligament.name + ": attachment centre is not on the surface of " + bone);
  for (const CapsuleBundle &capsule : geometry.capsules)
    for (std::size_t k = 0; k < capsule.fibres.size(); ++k)
      for (const auto &[bone, end] :
           {std::pair(capsule.bone_a, capsule.fibres[k].first), std::pair(capsule.bone_b, capsule.fibres[k].second)})
        if (distance_to_bone(bone, end) > 0.01)
          throw std::runtime_error(capsule.name + ", fibre " + std::to_string(k) +
                                   ": its end is not on the surface of " + bone);
}

} // namespace cspine::meshing
