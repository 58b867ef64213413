// A rigid frame (rotation R, origin o): local coordinates p map to global R p + o.
#pragma once

#include <array>
#include <cmath>
#include <vector>

namespace cspine::meshing
{
using Vec3 = std::array<double, 3>;

inline Vec3 operator+(const Vec3 &a, const Vec3 &b)
{
  return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 operator-(const Vec3 &a, const Vec3 &b)
{
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3 operator*(const double s, const Vec3 &a)
{
  return {s * a[0], s * a[1], s * a[2]};
}
inline double dot(const Vec3 &a, const Vec3 &b)
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
inline double norm(const Vec3 &a)
{
  return std::sqrt(dot(a, a));
}
inline Vec3 cross(const Vec3 &a, const Vec3 &b)
{
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

struct Frame
{
  std::array<Vec3, 3> R{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}; // rows
  Vec3 origin{0, 0, 0};

  Vec3 point(const Vec3 &p) const { return direction(p) + origin; }
  Vec3 direction(const Vec3 &v) const { return {dot(R[0], v), dot(R[1], v), dot(R[2], v)}; }
  /// The local coordinates of a global point: R^T (p - origin).
  Vec3 local(const Vec3 &p) const
  {
    const Vec3 r = p - origin;
    return {R[0][0] * r[0] + R[1][0] * r[1] + R[2][0] * r[2], R[0][1] * r[0] + R[1][1] * r[1] + R[2][1] * r[2],
            R[0][2] * r[0] + R[1][2] * r[1] + R[2][2] * r[2]};
  }

  /// This frame followed by a local translation t and then a local rotation by `angle` about x.
  Frame then(const Vec3 &t, const double angle) const
  {
    Frame result;
    result.origin = point(t);
    const double c = std::cos(angle), s = std::sin(angle);
    const std::array<Vec3, 3> rx{{{1, 0, 0}, {0, c, -s}, {0, s, c}}};
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        result.R[i][j] = R[i][0] * rx[0][j] + R[i][1] * rx[1][j] + R[i][2] * rx[2][j];
    return result;
  }

  /// The 12 numbers of gmsh::model::occ::affineTransform.
  std::vector<double> affine() const
  {
    return {R[0][0], R[0][1],   R[0][2], origin[0], R[1][0], R[1][1],
            R[1][2], origin[1], R[2][0], R[2][1],   R[2][2], origin[2]};
  }
};
} // namespace cspine::meshing
