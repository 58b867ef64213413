// Checks of a generated C3-C4 motion segment against meshes/anatomy_table.csv: names, element quality,
// cartilage volumes, the capsules' fibres, nucleus share, endplate size, facet orientation and the joint gap.
// Usage: mesh_tests MESH.msh TABLE.csv (the mesh is made by the ctest fixture mesh_generate_c3_c4).
#include "anatomy_table.h"
#include "frame.h"
#include "mesh_geometry.h"
#include "mesh_quality.h"
#include "mesh_reading.h"
#include "mesh_test_main.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace
{
using namespace cspine::meshing;
using namespace cspine::meshing::testing;

using SpineMesh = GeneratedMesh;

TEST_F(SpineMesh, EveryRegionAndSurfaceIsNamed)
{
  const std::vector<std::string> regions = {"vertebra_c3",
                                            "vertebra_c4",
                                            "disc_c3_c4_nucleus",
                                            "disc_c3_c4_annulus",
                                            "cartilage_c3_c4_left_lower",
                                            "cartilage_c3_c4_left_upper",
                                            "cartilage_c3_c4_right_lower",
                                            "cartilage_c3_c4_right_upper"};
  for (const std::string &name : regions)
    EXPECT_GT(group(3, name), 0) << name;
  gmsh::vectorpair all;
  gmsh::model::getPhysicalGroups(all, 3);
  EXPECT_EQ(all.size(), regions.size()) << "regions beyond the expected list (no solid capsules)";
  for (const std::string name : {"contact_c3_c4_left_lower", "contact_c3_c4_left_upper", "contact_c3_c4_right_lower",
                                 "contact_c3_c4_right_upper", "endplate_c4_inferior", "endplate_c3_superior"})
    EXPECT_GT(group(2, name), 0) << name;
}

TEST_F(SpineMesh, NoInvertedOrDegenerateTetrahedra)
{
  const MeshQuality quality = measure_quality();
  std::cout << quality.n_tetrahedra << " tetrahedra, worst mean ratio " << quality.worst_mean_ratio << std::endl;
  EXPECT_GT(quality.n_tetrahedra, 1000u);
  EXPECT_EQ(quality.n_inverted, 0u);
  // Delaunay in 0.5 mm layers reaches ~0.03-0.04 (anatomy.md 2.7, pitfall 12); below 0.02 is a sliver.
  EXPECT_GE(quality.worst_mean_ratio, 0.02);
}

TEST_F(SpineMesh, CartilageVolumesMatchTheTable)
{
  // Circular facets of the C4 superior facet's area; straight-sided tetrahedra lose a little volume
  // on the curved rims, hence 4 %.
  const double r = 0.5 * std::sqrt(length("C4", "facet_width") * length("C4", "facet_height"));
  const double t = length("all", "cartilage_thickness");
  for (const std::string side : {"left", "right"})
    for (const std::string face : {"_lower", "_upper"})
      EXPECT_NEAR(volume("cartilage_c3_c4_" + side + face), M_PI * r * r * t, 0.04 * M_PI * r * r * t);
}

TEST_F(SpineMesh, CapsuleFibresRunRimToRimAroundEachJoint)
{
  // Each capsule: the table's number of fibres, parallel to the joint's normal, from C4's articular
  // process `attachment` below the joint to C3's `attachment` above it (length 2 t + gap + 2 attachment),
  // on the facet's rim, spread evenly around it, each with its share of the 1.1 mm x rim cross-section.
  const double r = 0.5 * std::sqrt(length("C4", "facet_width") * length("C4", "facet_height"));
  const double t = length("all", "cartilage_thickness"), c = length("all", "capsule_thickness");
  const double span = 2 * t + length("all", "joint_gap") + 2 * length("all", "capsule_attachment");
  const auto n_fibres = static_cast<std::size_t>(table.get("all", "capsule_fibres"));
  const auto capsules = capsule_fibres(mesh_file);
  ASSERT_EQ(capsules.size(), 2u);
  for (const std::string side : {"left", "right"})
  {
    const auto &fibres = capsules.at("capsule_c3_c4_" + side);
    ASSERT_EQ(fibres.size(), n_fibres) << side;
    Vec3 centre = {0, 0, 0};
    for (const CapsuleFibre &fibre : fibres)
      centre = centre + (0.5 / fibres.size()) * (fibre.a + fibre.b);
    const Vec3 n = (1 / norm(fibres[0].b - fibres[0].a)) * (fibres[0].b - fibres[0].a);
    for (const CapsuleFibre &fibre : fibres)
    {
      EXPECT_EQ(fibre.type, "capsule_subaxial");
      EXPECT_EQ(fibre.bone_a, "vertebra_c4");
      EXPECT_EQ(fibre.bone_b, "vertebra_c3");
      EXPECT_NEAR(norm(fibre.b - fibre.a), span, 1e-3) << side;
      EXPECT_NEAR(dot(fibre.b - fibre.a, n), span, 1e-3) << side << ": fibres parallel to the joint normal";
      const Vec3 radial = (fibre.a - centre) - dot(fibre.a - centre, n) * n;
      EXPECT_NEAR(norm(radial), r, 1e-3) << side << ": on the facet's rim";
      EXPECT_NEAR(fibre.area, c * 2 * M_PI * (r + c / 2) / n_fibres, 1e-4) << side;
    }
    EXPECT_NEAR(largest_azimuth_gap(fibres, centre, n), 2 * M_PI / n_fibres, 1e-3) << side << ": evenly spread";
    // The fibres start on C4's articular process, below its cartilage: the nearest C4 node is within a
    // mesh cell of each end (the generator checks the exact surfaces before it meshes).
    const std::vector<Vec3> c4 = nodes(3, "vertebra_c4");
    for (const CapsuleFibre &fibre : fibres)
    {
      double nearest = 1e9;
      for (const Vec3 &p : c4)
        nearest = std::min(nearest, norm(p - fibre.a));
      EXPECT_LT(nearest, 3.0) << side;
    }
  }
}

TEST_F(SpineMesh, NucleusHoldsAboutFortyPercentOfTheDisc)
{
  const double nucleus = volume("disc_c3_c4_nucleus"), annulus = volume("disc_c3_c4_annulus");
  // Target 43 % [M] (published-data.md 5a); the section scale 0.65 gives 42 % of the area.
  EXPECT_NEAR(nucleus / (nucleus + annulus), 0.42, 0.04);
}

TEST_F(SpineMesh, InferiorEndplateHasTheTableBodySize)
{
  // The bottom vertebra's frame is the global one: a flat face at z = 0 whose rim (the convex hull of
  // its nodes) is an ellipse of the body's width and depth.
  std::vector<std::array<double, 2>> endplate;
  for (const Vec3 &p : nodes(2, "endplate_c4_inferior"))
  {
    EXPECT_NEAR(p[2], 0.0, 1e-9);
    endplate.push_back({p[0], p[1]});
  }
  const auto [width, depth] = fitted_ellipse_axes(convex_hull(endplate));
  EXPECT_NEAR(width, length("C4", "body_width"), 0.01 * length("C4", "body_width"));
  EXPECT_NEAR(depth, length("C4", "body_depth"), 0.01 * length("C4", "body_depth"));
}

TEST_F(SpineMesh, FacetsHaveTheTableAngleAndARealGap)
{
  for (const std::string side : {"left", "right"})
  {
    const std::vector<Vec3> lower = nodes(2, "contact_c3_c4_" + side + "_lower");
    const std::vector<Vec3> upper = nodes(2, "contact_c3_c4_" + side + "_upper");
    ASSERT_GT(lower.size(), 10u);
    // Plane normal from three well-separated nodes of the flat lower face.
    const Vec3 a = lower[0], b = lower[lower.size() / 3], c = lower[2 * lower.size() / 3];
    const Vec3 u = b - a, v = c - a;
    Vec3 n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    n = (1 / norm(n)) * n;
    // C4's frame is the global one: the angle to the transverse plane is the normal's tilt from z.
    EXPECT_NEAR(std::acos(std::abs(n[2])) * 180 / M_PI, table.get("C4", "facet_transverse_angle"), 0.5) << side;

    double gap = 1e9;
    for (const Vec3 &p : upper)
      for (const Vec3 &q : lower)
        gap = std::min(gap, norm(p - q));
    EXPECT_GT(gap, 0.9 * length("all", "joint_gap")) << side;
    EXPECT_LT(gap, 1.1 * length("all", "joint_gap")) << side;
  }
}
TEST_F(SpineMesh, LigamentAttachmentsRunFrontToBack)
{
  std::map<std::string, std::pair<Vec3, Vec3>> ligaments;
  for (const auto &fields : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".ligaments"))
  {
    ASSERT_GE(fields.size(), 10u);
    ligaments[fields[0]] = {{std::stod(fields[2]), std::stod(fields[3]), std::stod(fields[4])},
                            {std::stod(fields[6]), std::stod(fields[7]), std::stod(fields[8])}};
  }
  ASSERT_FALSE(ligaments.empty()) << "no .ligaments file beside the mesh";
  const std::vector<std::string> front_to_back = {"all_c3_c4", "pll_c3_c4", "lf_c3_c4", "isl_c3_c4"};
  ASSERT_EQ(ligaments.size(), front_to_back.size());
  for (unsigned int k = 0; k < front_to_back.size(); ++k)
  {
    const auto &[upper, lower] = ligaments.at(front_to_back[k]);
    EXPECT_GT(upper[2], lower[2]) << front_to_back[k] << " runs from C3 down to C4";
    // Between one segment's bones: longer than the disc, shorter than two bodies.
    EXPECT_GT(norm(upper - lower), 3.0) << front_to_back[k];
    EXPECT_LT(norm(upper - lower), 25.0) << front_to_back[k];
    if (k > 0)
    {
      EXPECT_LT(upper[1], ligaments.at(front_to_back[k - 1]).first[1])
          << front_to_back[k] << " lies behind " << front_to_back[k - 1];
    }
  }
}
} // namespace

int main(int argc, char **argv)
{
  return cspine::meshing::testing::run_mesh_tests(argc, argv);
}
