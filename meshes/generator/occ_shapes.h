// Small wrappers over gmsh's OpenCASCADE kernel: primitives placed by a Frame, and booleans that return
// volume tags. Every shape here is analytic (no dilate), so offsets stay exact (anatomy.md 2.7, pitfall 5).
#pragma once

#include "frame.h"

#include <string>
#include <vector>

namespace cspine::meshing
{
constexpr double degree = M_PI / 180;

/// Lower-case copy ("C3" -> "c3").
std::string lower(std::string text);
/// "x, y, z" for a .prm entry.
std::string vector_text(const Vec3 &v);

/// An elliptic section (semi-axes a along x, b along y) at local height z, centred at (0, y0).
int ellipse_loop(const Frame &frame, double a, double b, double y0, double z);
/// A solid lofted between two curve loops.
int loft(int bottom_loop, int top_loop);
/// A box given by its local lower corner and size, placed by `frame`.
int box(const Frame &frame, const Vec3 &corner, const Vec3 &size);
/// A cylinder in global coordinates from `start` along `axis` (unit) for `length` (may be negative).
int cylinder(const Vec3 &start, const Vec3 &axis, double length, double radius);
/// A ball in global coordinates, its poles (where OCC puts degenerate edges) along `pole_axis` (unit):
/// choose an axis whose poles lie away from the faces that matter.
int ball(const Vec3 &centre, double radius, const Vec3 &pole_axis = {0, 0, 1});
/// A sector of a thick cylindrical shell about the frame's z axis: radii [r_in, r_out], heights [z0, z1],
/// angles within +-half_angle of `centre_angle`, angles measured in the frame's x-y plane from +y to +x.
int shell_sector(const Frame &frame, double r_in, double r_out, double z0, double z1, double centre_angle,
                 double half_angle);

/// object minus tools (one volume expected).
int cut(int object, const std::vector<int> &tools);
/// object minus tools, every resulting volume.
std::vector<int> cut_all(int object, const std::vector<int> &tools);
/// The common part of two volumes (one volume expected).
int intersect(int object, int tool);
/// One volume from several overlapping ones; throws if they do not touch.
int fuse(const std::vector<int> &volumes, const std::string &name);
/// The largest volume; the others must be slivers (< 2 % of it) left by exclusion cuts, and are removed.
int largest_piece(const std::vector<int> &volumes, const std::string &name);
} // namespace cspine::meshing
