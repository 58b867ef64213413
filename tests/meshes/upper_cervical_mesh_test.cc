// Checks of a generated head-C3 model (cspine_mesh ... C0,C1,C2,C3) against meshes/anatomy_table.csv:
// names, element quality, landmark dimensions (C1 width, dens height), positive gaps at every contact
// pair, the 40 deg C1-C2 rotation without bone overlap, the head's radii of gyration, and the 1-D
// ligament list. Usage: upper_cervical_mesh_tests MESH.msh TABLE.csv
#include "anatomy_table.h"
#include "frame.h"
#include "mesh_quality.h"
#include "mesh_reading.h"
#include "mesh_test_main.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace
{
using namespace cspine::meshing;
using namespace cspine::meshing::testing;

class UpperCervicalMesh : public GeneratedMesh
{
protected:
  std::map<std::string, Vec3> landmark = landmarks(mesh_file);

  /// The dens axis: a point on it and its unit direction.
  std::pair<Vec3, Vec3> dens_axis() const
  {
    const Vec3 base = landmark.at("dens_axis_base"), tip = landmark.at("dens_axis_tip");
    return {base, (1 / norm(tip - base)) * (tip - base)};
  }
};

Vec3 cross(const Vec3 &a, const Vec3 &b)
{
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

/// `p` turned by `angle` about the axis through `centre` along unit `axis` (Rodrigues).
Vec3 rotated(const Vec3 &p, const Vec3 &centre, const Vec3 &axis, const double angle)
{
  const Vec3 r = p - centre;
  const double c = std::cos(angle), s = std::sin(angle);
  return centre + (c * r + s * cross(axis, r) + ((1 - c) * dot(axis, r)) * axis);
}

/// Distance from p to the triangle (a, b, c) (Ericson, Real-Time Collision Detection, 5.1.5).
double distance_to_triangle(const Vec3 &p, const Vec3 &a, const Vec3 &b, const Vec3 &c)
{
  const Vec3 ab = b - a, ac = c - a, ap = p - a;
  const double d1 = dot(ab, ap), d2 = dot(ac, ap);
  if (d1 <= 0 && d2 <= 0)
    return norm(p - a);
  const Vec3 bp = p - b;
  const double d3 = dot(ab, bp), d4 = dot(ac, bp);
  if (d3 >= 0 && d4 <= d3)
    return norm(p - b);
  const double vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0)
    return norm(p - (a + (d1 / (d1 - d3)) * ab));
  const Vec3 cp = p - c;
  const double d5 = dot(ab, cp), d6 = dot(ac, cp);
  if (d6 >= 0 && d5 <= d6)
    return norm(p - c);
  const double vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0)
    return norm(p - (a + (d2 / (d2 - d6)) * ac));
  const double va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0)
    return norm(p - (b + ((d4 - d3) / ((d4 - d3) + (d5 - d6))) * (c - b)));
  const double denominator = 1 / (va + vb + vc);
  return norm(p - (a + (vb * denominator) * ab + (vc * denominator) * ac));
}

/// Whether p lies strictly inside the tetrahedron (barycentric coordinates all above `margin`).
bool inside(const Vec3 &p, const Tetrahedron &t, const double margin)
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

TEST_F(UpperCervicalMesh, EveryRegionAndSurfaceIsNamed)
{
  std::vector<std::string> regions = {"head",
                                      "vertebra_c0",
                                      "vertebra_c1",
                                      "vertebra_c2",
                                      "vertebra_c3",
                                      "disc_c2_c3_annulus",
                                      "disc_c2_c3_nucleus",
                                      "ligament_transverse",
                                      "ligament_alar_left",
                                      "ligament_alar_right",
                                      "capsule_c1_c2_median_ant",
                                      "capsule_c1_c2_median_post",
                                      "cartilage_c1_c2_median_ant_dens",
                                      "cartilage_c1_c2_median_ant_atlas",
                                      "cartilage_c1_c2_median_post_dens",
                                      "cartilage_c1_c2_median_post_ligament"};
  std::vector<std::string> surfaces = {"head_surface", "thrust_c1_posterior_arch", "thrust_c2_spinous",
                                       "endplate_c3_inferior"};
  for (const std::string pair : {"c0_c1", "c1_c2", "c2_c3"})
    for (const std::string side : {"left", "right"})
    {
      regions.push_back("capsule_" + pair + "_" + side);
      for (const std::string face : {"lower", "upper"})
      {
        regions.push_back("cartilage_" + pair + "_" + side + "_" + face);
        surfaces.push_back("contact_" + pair + "_" + side + "_" + face);
      }
    }
  for (const std::string level : {"c2", "c3"})
    for (const std::string side : {"left", "right"})
      surfaces.push_back("thrust_" + level + "_pillar_" + side);
  for (const std::string joint : {"ant_dens", "ant_atlas", "post_dens", "post_ligament"})
    surfaces.push_back("contact_c1_c2_median_" + joint);
  for (const std::string &name : regions)
    EXPECT_GT(group(3, name), 0) << name;
  for (const std::string &name : surfaces)
    EXPECT_GT(group(2, name), 0) << name;
  gmsh::vectorpair all;
  gmsh::model::getPhysicalGroups(all, 3);
  EXPECT_EQ(all.size(), regions.size()) << "regions beyond the expected list";
}

TEST_F(UpperCervicalMesh, NoInvertedOrDegenerateTetrahedra)
{
  const MeshQuality quality = measure_quality();
  std::cout << quality.n_tetrahedra << " tetrahedra, worst mean ratio " << quality.worst_mean_ratio << std::endl;
  EXPECT_EQ(quality.n_inverted, 0u);
  EXPECT_GE(quality.worst_mean_ratio, 0.02);
}

TEST_F(UpperCervicalMesh, AtlasWidthAndDensHeightMatchTheTable)
{
  // The model's lateral axis is global x (vertebral frames turn about x only).
  double lo = 1e9, hi = -1e9;
  for (const Vec3 &p : nodes(3, "vertebra_c1"))
  {
    lo = std::min(lo, p[0]);
    hi = std::max(hi, p[0]);
  }
  EXPECT_NEAR(hi - lo, table.get("C1", "width"), 0.01 * table.get("C1", "width"));

  // Dens height: from the C2 superior facet level to the highest C2 node along the dens axis.
  const auto [base, axis] = dens_axis();
  const double facet = dot(landmark.at("c2_superior_facet_level") - base, axis);
  double top = -1e9;
  for (const Vec3 &p : nodes(3, "vertebra_c2"))
    top = std::max(top, dot(p - base, axis));
  // The tip is a sphere of 5 mm; its mesh may miss the pole by the chord sag (< 0.1 mm).
  EXPECT_NEAR(top - facet, table.get("C2", "dens_height"), 0.01 * table.get("C2", "dens_height"));
}

TEST_F(UpperCervicalMesh, EveryContactPairHasARealGap)
{
  const double gap = table.get("all", "joint_gap");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string pair : {"c0_c1", "c1_c2", "c2_c3"})
    for (const std::string side : {"left", "right"})
      pairs.push_back({"contact_" + pair + "_" + side + "_lower", "contact_" + pair + "_" + side + "_upper"});
  pairs.push_back({"contact_c1_c2_median_ant_dens", "contact_c1_c2_median_ant_atlas"});
  pairs.push_back({"contact_c1_c2_median_post_dens", "contact_c1_c2_median_post_ligament"});
  for (const auto &[first, second] : pairs)
  {
    const auto triangles = elements<3>(2, 2, second);
    const std::vector<Vec3> points = nodes(2, first);
    ASSERT_FALSE(triangles.empty()) << second;
    ASSERT_FALSE(points.empty()) << first;
    double smallest = 1e9, largest = 0;
    for (const Vec3 &p : points)
    {
      double distance = 1e9;
      for (const auto &t : triangles)
        distance = std::min(distance, distance_to_triangle(p, t[0], t[1], t[2]));
      smallest = std::min(smallest, distance);
      largest = std::max(largest, distance);
    }
    // Faces opposite each other across the gap: every node of one side sees the other at the gap
    // (curved faces: plus or minus the chord sag of the straight-sided triangles, < 0.1 mm).
    EXPECT_GT(smallest, gap - 0.1) << first << " / " << second;
    EXPECT_LT(smallest, gap + 0.1) << first << " / " << second;
    std::cout << first << " / " << second << ": gap " << smallest << " to " << largest << " mm" << std::endl;
  }
}

TEST_F(UpperCervicalMesh, AtlasTurnsFortyDegreesOnTheAxisWithoutBoneOverlap)
{
  const std::vector<Tetrahedron> atlas = tetrahedra("vertebra_c1"), axis_bone = tetrahedra("vertebra_c2");
  const auto [base, axis] = dens_axis();
  for (const double degrees : {-40.0, -20.0, 20.0, 40.0})
    EXPECT_EQ(overlaps(atlas, axis_bone, [&](const Vec3 &p) { return rotated(p, base, axis, degrees * M_PI / 180); }),
              0u)
        << degrees << " deg";
  // The check can fail: about an axis 5 mm to the side, the anterior arch runs into the dens.
  const Vec3 offset_base = base + Vec3{5, 0, 0};
  EXPECT_GT(overlaps(atlas, axis_bone, [&](const Vec3 &p) { return rotated(p, offset_base, axis, 40 * M_PI / 180); }),
            0u);
}

TEST_F(UpperCervicalMesh, HeadHasThePublishedRadiiOfGyration)
{
  // Uniform density: the radii of gyration about the centroid follow from the tetrahedra alone.
  const std::vector<Tetrahedron> head = tetrahedra("head");
  double mass = 0;
  Vec3 centroid = {0, 0, 0};
  for (const Tetrahedron &t : head)
  {
    const double v = std::abs(signed_volume(t));
    mass += v;
    centroid = centroid + (0.25 * v) * (t[0] + t[1] + t[2] + t[3]);
  }
  centroid = (1 / mass) * centroid;
  // Second moments with the exact quadrature for a tetrahedron: (sum_i x_i x_i + (sum_i x_i)^2) V / 20.
  double second[3][3] = {};
  for (const Tetrahedron &t : head)
  {
    const double v = std::abs(signed_volume(t));
    Vec3 sum = {0, 0, 0};
    for (const Vec3 &p : t)
      sum = sum + (p - centroid);
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
      {
        double s = sum[i] * sum[j];
        for (const Vec3 &p : t)
          s += (p - centroid)[i] * (p - centroid)[j];
        second[i][j] += s * v / 20;
      }
  }
  // The head's axes: lateral = x, vertical = the dens axis (the head is built in C2's frame), AP = their cross.
  const Vec3 lateral = {1, 0, 0}, vertical = dens_axis().second, ap = cross(vertical, lateral);
  auto moment_about = [&](const Vec3 &u)
  {
    double along = 0, trace = 0;
    for (unsigned int i = 0; i < 3; ++i)
    {
      trace += second[i][i];
      for (unsigned int j = 0; j < 3; ++j)
        along += u[i] * second[i][j] * u[j];
    }
    return std::sqrt((trace - along) / mass);
  };
  const double k_ap = moment_about(ap), k_lat = moment_about(lateral), k_vert = moment_about(vertical);
  // Density for the middle of Beier's mass range (3.656-5.757 kg): kg / mm^3 * 1e9 = kg/m^3.
  std::cout << "head volume " << mass << " mm^3; radii of gyration AP " << k_ap << ", lateral " << k_lat
            << ", vertical " << k_vert << " mm; density for 4.71 kg: " << 4.71 / mass * 1e9 << " kg/m^3" << std::endl;
  // Beier et al. 1979 means; the ellipsoid loses a cap at the occiput, and its facets a little volume.
  EXPECT_NEAR(k_ap, table.get("head", "radius_of_gyration_ap"), 0.05 * table.get("head", "radius_of_gyration_ap"));
  EXPECT_NEAR(k_lat, table.get("head", "radius_of_gyration_lateral"),
              0.05 * table.get("head", "radius_of_gyration_lateral"));
  EXPECT_NEAR(k_vert, table.get("head", "radius_of_gyration_vertical"),
              0.05 * table.get("head", "radius_of_gyration_vertical"));
}

TEST_F(UpperCervicalMesh, UpperCervicalLigamentsAreListed)
{
  std::set<std::string> names;
  for (const auto &row : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".ligaments"))
    names.insert(row.at(0));
  for (const std::string name :
       {"apical", "tectorial_membrane", "aaom", "paom", "aaam", "paam", "all_c2_c3", "pll_c2_c3", "lf_c2_c3", "isl_c2_c3"})
    EXPECT_EQ(names.count(name), 1u) << name;
}
} // namespace

int main(int argc, char **argv) { return cspine::meshing::testing::run_mesh_tests(argc, argv); }
