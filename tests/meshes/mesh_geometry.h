// Geometric helpers of the mesh tests: rotations, point-to-triangle distance, point-in-tetrahedron, the
// overlap count between two moved tetrahedral meshes, and an ellipse fitted to the rim of a flat face.
#pragma once

#include "mesh_reading.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

namespace cspine::meshing::testing
{
/// `p` turned by `angle` about the axis through `centre` along unit `axis` (Rodrigues).
inline Vec3 rotated(const Vec3 &p, const Vec3 &centre, const Vec3 &axis, const double angle)
{
  const Vec3 r = p - centre;
  const double c = std::cos(angle), s = std::sin(angle);
  return centre + (c * r + s * cross(axis, r) + ((1 - c) * dot(axis, r)) * axis);
}

/// Distance from p to the segment [a, b].
inline double distance_to_segment(const Vec3 &p, const Vec3 &a, const Vec3 &b)
{
  const Vec3 ab = b - a;
  const double t = std::clamp(dot(p - a, ab) / dot(ab, ab), 0.0, 1.0);
  return norm(p - (a + t * ab));
}

/// Distance from p to the triangle (a, b, c): to its plane if p projects inside it, else to its nearest
/// edge.
inline double distance_to_triangle(const Vec3 &p, const Vec3 &a, const Vec3 &b, const Vec3 &c)
{
  const Vec3 n = cross(b - a, c - a);
  const bool inside =
      dot(cross(b - a, p - a), n) >= 0 && dot(cross(c - b, p - b), n) >= 0 && dot(cross(a - c, p - c), n) >= 0;
  if (inside)
    return std::abs(dot(p - a, n)) / norm(n);
  return std::min({distance_to_segment(p, a, b), distance_to_segment(p, b, c), distance_to_segment(p, c, a)});
}

/// Whether p lies strictly inside the tetrahedron (barycentric coordinates all above `margin`).
inline bool inside(const Vec3 &p, const Tetrahedron &t, const double margin)
{
  const double total = signed_volume(t);
  for (unsigned int k = 0; k < 4; ++k)
  {
    Tetrahedron sub = t;
    sub[k] = p;
    if (signed_volume(sub) / total <= margin)
      return false;
  }
  return true;
}

/// Number of nodes of `a` (moved by `move`) inside a tetrahedron of `b`, and of `b` inside moved `a`.
template <typename Move>
std::size_t overlaps(const std::vector<Tetrahedron> &a, const std::vector<Tetrahedron> &b, const Move &move)
{
  std::vector<Tetrahedron> moved = a;
  for (Tetrahedron &t : moved)
    for (Vec3 &p : t)
      p = move(p);
  auto count = [](const std::vector<Tetrahedron> &points, const std::vector<Tetrahedron> &solid)
  {
    std::set<std::array<double, 3>> vertices;
    for (const Tetrahedron &t : points)
      vertices.insert(t.begin(), t.end());
    std::size_t found = 0;
    for (const Vec3 &p : vertices)
      for (const Tetrahedron &t : solid)
      {
        bool beyond_box = false; // cheap rejection before the exact test
        for (unsigned int d = 0; d < 3 && !beyond_box; ++d)
          beyond_box = p[d] < std::min({t[0][d], t[1][d], t[2][d], t[3][d]}) ||
                       p[d] > std::max({t[0][d], t[1][d], t[2][d], t[3][d]});
        if (beyond_box)
          continue;
        if (inside(p, t, 1e-9))
        {
          ++found;
          break;
        }
      }
    return found;
  };
  return count(moved, b) + count(b, moved);
}
/// The convex hull of points in a plane (Andrew's monotone chain), counter-clockwise.
inline std::vector<std::array<double, 2>> convex_hull(std::vector<std::array<double, 2>> points)
{
  std::sort(points.begin(), points.end());
  auto turn = [](const std::array<double, 2> &o, const std::array<double, 2> &a, const std::array<double, 2> &b)
  {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  };
  std::vector<std::array<double, 2>> hull(2 * points.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < points.size(); ++i)
  {
    while (k >= 2 && turn(hull[k - 2], hull[k - 1], points[i]) <= 0)
      --k;
    hull[k++] = points[i];
  }
  for (std::size_t i = points.size() - 1, lower_size = k + 1; i > 0; --i)
  {
    while (k >= lower_size && turn(hull[k - 2], hull[k - 1], points[i - 1]) <= 0)
      --k;
    hull[k++] = points[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

/// Full axes (2a along x, 2b along y) of the axis-aligned ellipse A x^2 + B y^2 + C x + D y = 1 fitted
/// to the points by least squares.
inline std::pair<double, double> fitted_ellipse_axes(const std::vector<std::array<double, 2>> &points)
{
  double m[4][5] = {};
  for (const auto &p : points)
  {
    const double row[4] = {p[0] * p[0], p[1] * p[1], p[0], p[1]};
    for (unsigned int i = 0; i < 4; ++i)
    {
      for (unsigned int j = 0; j < 4; ++j)
        m[i][j] += row[i] * row[j];
      m[i][4] += row[i];
    }
  }
  for (unsigned int i = 0; i < 4; ++i) // Gauss-Jordan; the normal matrix is positive definite
    for (unsigned int r = 0; r < 4; ++r)
      if (r != i)
      {
        const double factor = m[r][i] / m[i][i];
        for (unsigned int c = i; c < 5; ++c)
          m[r][c] -= factor * m[i][c];
      }
  const double A = m[0][4] / m[0][0], B = m[1][4] / m[1][1], C = m[2][4] / m[2][2], D = m[3][4] / m[3][3];
  // A (x + C/2A)^2 + B (y + D/2B)^2 = 1 + C^2/4A + D^2/4B
  const double right = 1 + C * C / (4 * A) + D * D / (4 * B);
  return {2 * std::sqrt(right / A), 2 * std::sqrt(right / B)};
}
} // namespace cspine::meshing::testing
