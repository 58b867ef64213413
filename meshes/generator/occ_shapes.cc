#include "occ_shapes.h"

#include <gmsh.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace cspine::meshing
{
std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string vector_text(const Vec3 &v)
{
  std::ostringstream out;
  out.precision(6);
  out << v[0] << ", " << v[1] << ", " << v[2];
  return out.str();
}

int ellipse_loop(const Frame &frame, const double a, const double b, const double y0, const double z)
{
  // OCC ellipses need the major axis along x: a narrower-than-deep section is rotated into place.
  const int curve = gmsh::model::occ::addEllipse(0, y0, z, std::max(a, b), std::min(a, b));
  if (b > a)
    gmsh::model::occ::rotate({{1, curve}}, 0, y0, z, 0, 0, 1, M_PI / 2);
  gmsh::model::occ::affineTransform({{1, curve}}, frame.affine());
  return gmsh::model::occ::addCurveLoop({curve});
}

int loft(const int bottom_loop, const int top_loop)
{
  gmsh::vectorpair out;
  gmsh::model::occ::addThruSections({bottom_loop, top_loop}, out, -1, true, true);
  return out.front().second;
}

int box(const Frame &frame, const Vec3 &corner, const Vec3 &size)
{
  const int tag = gmsh::model::occ::addBox(corner[0], corner[1], corner[2], size[0], size[1], size[2]);
  gmsh::model::occ::affineTransform({{3, tag}}, frame.affine());
  return tag;
}

int cylinder(const Vec3 &start, const Vec3 &axis, const double length, const double radius)
{
  return gmsh::model::occ::addCylinder(start[0], start[1], start[2], length * axis[0], length * axis[1],
                                       length * axis[2], radius);
}

int ball(const Vec3 &centre, const double radius, const Vec3 &pole_axis)
{
  const int tag = gmsh::model::occ::addSphere(0, 0, 0, radius);
  // Rotate z onto pole_axis: about z x pole_axis by the angle between them.
  const Vec3 about = {-pole_axis[1], pole_axis[0], 0};
  if (norm(about) > 1e-12)
    gmsh::model::occ::rotate({{3, tag}}, 0, 0, 0, about[0], about[1], about[2],
                             std::acos(std::max(-1.0, std::min(1.0, pole_axis[2]))));
  else if (pole_axis[2] < 0)
    gmsh::model::occ::rotate({{3, tag}}, 0, 0, 0, 1, 0, 0, M_PI);
  gmsh::model::occ::translate({{3, tag}}, centre[0], centre[1], centre[2]);
  return tag;
}

int shell_sector(const Frame &frame, const double r_in, const double r_out, const double z0, const double z1,
                 const double centre_angle, const double half_angle)
{
  // OCC opens a cylinder wedge from +x counter-clockwise; angle phi from +y is 90 deg - theta from +x.
  const int wedge = gmsh::model::occ::addCylinder(0, 0, z0, 0, 0, z1 - z0, r_out, -1, 2 * half_angle);
  gmsh::model::occ::rotate({{3, wedge}}, 0, 0, 0, 0, 0, 1, M_PI / 2 - centre_angle - half_angle);
  const int core = gmsh::model::occ::addCylinder(0, 0, z0 - 1, 0, 0, z1 - z0 + 2, r_in);
  const int sector = cut(wedge, {core});
  gmsh::model::occ::affineTransform({{3, sector}}, frame.affine());
  return sector;
}

std::vector<int> cut_all(const int object, const std::vector<int> &tools)
{
  gmsh::vectorpair tool_tags, out;
  for (const int tool : tools)
    tool_tags.push_back({3, tool});
  std::vector<gmsh::vectorpair> map;
  gmsh::model::occ::cut({{3, object}}, tool_tags, out, map);
  std::vector<int> volumes;
  for (const auto &[dim, tag] : out)
    volumes.push_back(tag);
  return volumes;
}

int cut(const int object, const std::vector<int> &tools)
{
  const std::vector<int> volumes = cut_all(object, tools);
  if (volumes.size() != 1)
    throw std::runtime_error("a cut left " + std::to_string(volumes.size()) + " volumes instead of one");
  return volumes.front();
}

int intersect(const int object, const int tool)
{
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  gmsh::model::occ::intersect({{3, object}}, {{3, tool}}, out, map);
  if (out.size() != 1)
    throw std::runtime_error("an intersection left " + std::to_string(out.size()) + " volumes instead of one");
  return out.front().second;
}

int fuse(const std::vector<int> &volumes, const std::string &name)
{
  if (volumes.size() == 1)
    return volumes.front();
  gmsh::vectorpair object = {{3, volumes.front()}}, tools, out;
  for (unsigned int k = 1; k < volumes.size(); ++k)
    tools.push_back({3, volumes[k]});
  std::vector<gmsh::vectorpair> map;
  gmsh::model::occ::fuse(object, tools, out, map);
  if (out.size() != 1)
    throw std::runtime_error(name + " fused into " + std::to_string(out.size()) + " separate volumes");
  return out.front().second;
}

int largest_piece(const std::vector<int> &volumes, const std::string &name)
{
  std::vector<double> masses(volumes.size());
  for (unsigned int k = 0; k < volumes.size(); ++k)
    gmsh::model::occ::getMass(3, volumes[k], masses[k]);
  const unsigned int biggest = std::max_element(masses.begin(), masses.end()) - masses.begin();
  for (unsigned int k = 0; k < volumes.size(); ++k)
  {
    if (k == biggest)
      continue;
    if (masses[k] > 0.02 * masses[biggest])
      throw std::runtime_error(name + ": the joint columns split off a piece of " + std::to_string(masses[k]) +
                               " mm^3");
    std::cerr << name << ": dropped a " << masses[k] << " mm^3 wedge left by a joint column" << std::endl;
    gmsh::model::occ::remove({{3, volumes[k]}}, true);
  }
  return volumes[biggest];
}
} // namespace cspine::meshing
