// Checks of a generated model with the head (cspine_mesh ... C0,C1,C2,C3[,...,T1]) against
// meshes/anatomy_table.csv: names, element quality, landmark dimensions (C1 width, dens height, each
// level's endplate width and depth and facet angles), a real gap at every contact pair, the 40 deg C1-C2
// rotation without bone overlap, the head's radii of gyration, the 1-D ligament list, every capsule's
// fibres, and the alar ligaments against Cattrysse et al. 2007. The levels are read from the mesh's
// region names. Usage: cervical_model_tests MESH.msh TABLE.csv
#include "anatomy_table.h"
#include "frame.h"
#include "mesh_geometry.h"
#include "mesh_quality.h"
#include "mesh_reading.h"
#include "mesh_test_main.h"
#include "occ_shapes.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

namespace
{
using namespace cspine::meshing;
using namespace cspine::meshing::testing;

class CervicalModel : public GeneratedMesh
{
protected:
  std::map<std::string, Vec3> landmark = landmarks(mesh_file);
  /// The column's levels present in the mesh, top (C2) to bottom.
  std::vector<std::string> levels = column_levels();

  static std::vector<std::string> column_levels()
  {
    std::vector<std::string> found;
    for (const std::string level : {"C2", "C3", "C4", "C5", "C6", "C7", "T1"})
      if (group(3, "vertebra_" + lower(level)) > 0)
        found.push_back(level);
    return found;
  }

  /// "c3_c4" for the joint below levels[i].
  std::string pair(const unsigned int i) const { return lower(levels[i]) + "_" + lower(levels[i + 1]); }

  /// Each vertebra's frame, rebuilt from the table as the model's description gives it (meshes/README.md):
  /// the lowest at the origin, each disc tilting the next one by the segmental lordosis at mid-height.
  std::map<std::string, Frame> frames() const
  {
    std::map<std::string, Frame> result;
    Frame frame;
    const double lordosis = table.get("all", "segment_lordosis") * M_PI / 180;
    for (int i = static_cast<int>(levels.size()) - 1; i >= 0; --i)
    {
      result[levels[i]] = frame;
      if (i > 0)
      {
        const double disc = length(levels[i - 1], "disc_height_below");
        frame = frame.then({0, 0, length(levels[i], "body_height") + disc / 2}, lordosis).then({0, 0, disc / 2}, 0);
      }
    }
    return result;
  }

  /// The dens axis: a point on it and its unit direction.
  std::pair<Vec3, Vec3> dens_axis() const
  {
    const Vec3 base = landmark.at("dens_axis_base"), tip = landmark.at("dens_axis_tip");
    return {base, (1 / norm(tip - base)) * (tip - base)};
  }
};

TEST_F(CervicalModel, EveryRegionAndSurfaceIsNamed)
{
  std::vector<std::string> regions = {"head",
                                      "vertebra_c0",
                                      "vertebra_c1",
                                      "ligament_transverse",
                                      "cartilage_c1_c2_median_ant_dens",
                                      "cartilage_c1_c2_median_ant_atlas",
                                      "cartilage_c1_c2_median_post_dens",
                                      "cartilage_c1_c2_median_post_ligament"};
  std::vector<std::string> surfaces = {"head_surface", "thrust_c1_posterior_arch", "thrust_c2_spinous",
                                       "endplate_" + lower(levels.back()) + "_inferior"};
  std::vector<std::string> joints = {"c0_c1", "c1_c2"};
  for (unsigned int i = 0; i < levels.size(); ++i)
  {
    regions.push_back("vertebra_" + lower(levels[i]));
    if (levels[i] != "T1")
      for (const std::string side : {"left", "right"})
        surfaces.push_back("thrust_" + lower(levels[i]) + "_pillar_" + side);
    if (i + 1 < levels.size())
    {
      joints.push_back(pair(i));
      regions.push_back("disc_" + pair(i) + "_annulus");
      regions.push_back("disc_" + pair(i) + "_nucleus");
    }
  }
  for (const std::string &joint : joints)
    for (const std::string side : {"left", "right"})
    {
      for (const std::string face : {"lower", "upper"})
      {
        regions.push_back("cartilage_" + joint + "_" + side + "_" + face);
        surfaces.push_back("contact_" + joint + "_" + side + "_" + face);
      }
    }
  for (const std::string joint : {"ant_dens", "ant_atlas", "post_dens", "post_ligament"})
    surfaces.push_back("contact_c1_c2_median_" + joint);
  for (const std::string &name : regions)
    EXPECT_GT(group(3, name), 0) << name;
  for (const std::string &name : surfaces)
    EXPECT_GT(group(2, name), 0) << name;
  gmsh::vectorpair all;
  gmsh::model::getPhysicalGroups(all, 3);
  EXPECT_EQ(all.size(), regions.size()) << "regions beyond the expected list";
  gmsh::model::getPhysicalGroups(all, 2);
  EXPECT_EQ(all.size(), surfaces.size()) << "surfaces beyond the expected list";
}

TEST_F(CervicalModel, NoInvertedOrDegenerateTetrahedra)
{
  const MeshQuality quality = measure_quality();
  std::cout << quality.n_tetrahedra << " tetrahedra, worst mean ratio " << quality.worst_mean_ratio << std::endl;
  EXPECT_EQ(quality.n_inverted, 0u);
  EXPECT_GE(quality.worst_mean_ratio, 0.02);
}

TEST_F(CervicalModel, AtlasWidthAndDensHeightMatchTheTable)
{
  // The model's lateral axis is global x (vertebral frames turn about x only).
  double lo = 1e9, hi = -1e9;
  for (const Vec3 &p : nodes(3, "vertebra_c1"))
  {
    lo = std::min(lo, p[0]);
    hi = std::max(hi, p[0]);
  }
  EXPECT_NEAR(hi - lo, length("C1", "width"), 0.01 * length("C1", "width"));

  // Dens height: from the C2 superior facet level to the highest C2 node along the dens axis.
  const auto [base, axis] = dens_axis();
  const double facet = dot(landmark.at("c2_superior_facet_level") - base, axis);
  double top = -1e9;
  for (const Vec3 &p : nodes(3, "vertebra_c2"))
    top = std::max(top, dot(p - base, axis));
  // The tip is a sphere of 5 mm; its mesh may miss the pole by the chord sag (< 0.1 mm).
  EXPECT_NEAR(top - facet, length("C2", "dens_height"), 0.01 * length("C2", "dens_height"));
}

TEST_F(CervicalModel, EveryContactPairHasARealGap)
{
  const double gap = length("all", "joint_gap");
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<std::string> joints = {"c0_c1", "c1_c2"};
  for (unsigned int i = 0; i + 1 < levels.size(); ++i)
    joints.push_back(pair(i));
  for (const std::string &joint : joints)
    for (const std::string side : {"left", "right"})
      pairs.push_back({"contact_" + joint + "_" + side + "_lower", "contact_" + joint + "_" + side + "_upper"});
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

TEST_F(CervicalModel, EndplatesAndFacetsMatchTheTableAtEveryLevel)
{
  const std::map<std::string, Frame> frame = frames();
  for (unsigned int i = 0; i + 1 < levels.size(); ++i)
  {
    const std::string &low = levels[i + 1];
    const Frame &f = frame.at(low);
    // The disc's lower face is the lower body's superior endplate: an ellipse of the body's width and
    // depth. Its rim nodes are the convex hull of the face's nodes; an ellipse fitted to them gives the
    // axes (extents alone would miss the axis ends between coarse rim nodes).
    std::vector<std::array<double, 2>> endplate;
    for (const Vec3 &p : nodes(3, "disc_" + pair(i) + "_annulus"))
    {
      const Vec3 q = f.local(p);
      if (std::abs(q[2] - length(low, "body_height")) < 1e-6)
        endplate.push_back({q[0], q[1]});
    }
    ASSERT_GT(endplate.size(), 10u) << pair(i) << ": no disc nodes on " << low << "'s superior endplate";
    const auto [width, depth] = fitted_ellipse_axes(convex_hull(endplate));
    EXPECT_NEAR(width, length(low, "body_width"), 0.01 * length(low, "body_width")) << low;
    EXPECT_NEAR(depth, length(low, "body_depth"), 0.01 * length(low, "body_depth")) << low;
    std::cout << low << " superior endplate " << width << " x " << depth << " mm (table x scale "
              << length(low, "body_width") << " x " << length(low, "body_depth") << ")";

    // Facet planes in the lower vertebra's frame: tilt from its transverse plane, and the medial turn
    // of their normal from straight back (the angle to the sagittal plane is 90 deg minus that turn).
    for (const double side : {1.0, -1.0})
    {
      const std::vector<Vec3> face = nodes(2, "contact_" + pair(i) + (side > 0 ? "_left" : "_right") + "_lower");
      ASSERT_GT(face.size(), 10u);
      const Vec3 a = f.local(face[0]), b = f.local(face[face.size() / 3]), c = f.local(face[2 * face.size() / 3]);
      Vec3 n = cross(b - a, c - a);
      n = ((n[2] > 0 ? 1 : -1) / norm(n)) * n;
      EXPECT_NEAR(std::acos(n[2]) * 180 / M_PI, table.get(low, "facet_transverse_angle"), 0.5) << pair(i);
      const double medial_turn = std::atan2(-side * n[0], -n[1]) * 180 / M_PI;
      EXPECT_NEAR(90 - medial_turn, table.get(low, "facet_sagittal_angle"), 0.5) << pair(i) << " " << side;
      std::cout << "; facet " << (side > 0 ? "L " : "R ") << std::acos(n[2]) * 180 / M_PI << " / " << 90 - medial_turn
                << " deg";
    }
    std::cout << std::endl;
  }
}

TEST_F(CervicalModel, AtlasTurnsFortyDegreesOnTheAxisWithoutBoneOverlap)
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

TEST_F(CervicalModel, HeadHasThePublishedRadiiOfGyration)
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
  EXPECT_NEAR(k_ap, length("head", "radius_of_gyration_ap"), 0.05 * length("head", "radius_of_gyration_ap"));
  EXPECT_NEAR(k_lat, length("head", "radius_of_gyration_lateral"), 0.05 * length("head", "radius_of_gyration_lateral"));
  EXPECT_NEAR(k_vert, length("head", "radius_of_gyration_vertical"),
              0.05 * length("head", "radius_of_gyration_vertical"));
}

TEST_F(CervicalModel, UpperCervicalLigamentsAreListed)
{
  std::set<std::string> names;
  for (const auto &row : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".ligaments"))
    names.insert(row.at(0));
  std::vector<std::string> expected = {"apical", "tectorial_membrane", "aaom",      "paom", "aaam",
                                       "paam",   "alar_left",          "alar_right"};
  for (unsigned int i = 0; i + 1 < levels.size(); ++i)
    for (const std::string ligament : {"all_", "pll_", "lf_", "isl_"})
      expected.push_back(ligament + pair(i));
  for (const std::string &name : expected)
    EXPECT_EQ(names.count(name), 1u) << name;
  EXPECT_EQ(names.size(), expected.size());
}
TEST_F(CervicalModel, EveryJointHasACapsuleOfFibres)
{
  // Every facet, C0-C1 and lateral C1-C2 joint: the table's number of fibres from the lower bone to the
  // upper one, of the joint's in-situ length (subaxial and lateral C1-C2: 2 t + gap + 2 attachment along
  // the normal; C0-C1: between the spheres R + attachment and R - 2 t - gap - attachment), spread
  // evenly around the joint.
  const auto capsules = capsule_fibres(mesh_file);
  const auto n_fibres = static_cast<std::size_t>(table.get("all", "capsule_fibres"));
  const double t = length("all", "cartilage_thickness"), gap = length("all", "joint_gap");
  std::map<std::string, std::tuple<std::string, std::string, std::string, double>> expected;
  expected["capsule_c1_c2_left"] =
      expected["capsule_c1_c2_right"] = {"capsule_c1_c2", "vertebra_c2", "vertebra_c1",
                                         2 * t + gap + 2 * length("all", "atlanto_axial_capsule_attachment")};
  for (unsigned int i = 0; i + 1 < levels.size(); ++i)
    for (const std::string side : {"_left", "_right"})
      expected["capsule_" + pair(i) + side] = {"capsule_subaxial", "vertebra_" + lower(levels[i + 1]),
                                               "vertebra_" + lower(levels[i]),
                                               2 * t + gap + 2 * length("all", "capsule_attachment")};
  const double R = length("C1", "superior_facet_radius"), a = length("all", "capsule_attachment");
  const double r_f = 0.5 * std::sqrt(length("C1", "superior_facet_length") * length("C1", "superior_facet_width"));
  const double c0_c1 =
      std::sqrt((R + a) * (R + a) - r_f * r_f) - std::sqrt(std::pow(R - 2 * t - gap - a, 2) - r_f * r_f);
  expected["capsule_c0_c1_left"] =
      expected["capsule_c0_c1_right"] = {"capsule_c0_c1", "vertebra_c1", "vertebra_c0", c0_c1};
  ASSERT_EQ(capsules.size(), expected.size());
  for (const auto &[name, fibres] : capsules)
  {
    ASSERT_EQ(expected.count(name), 1u) << name;
    const auto &[type, bone_a, bone_b, length_in_situ] = expected.at(name);
    ASSERT_EQ(fibres.size(), n_fibres) << name;
    Vec3 centre = {0, 0, 0};
    for (const CapsuleFibre &fibre : fibres)
    {
      EXPECT_EQ(fibre.type, type) << name;
      EXPECT_EQ(fibre.bone_a, bone_a) << name;
      EXPECT_EQ(fibre.bone_b, bone_b) << name;
      EXPECT_NEAR(norm(fibre.b - fibre.a), length_in_situ, 1e-3) << name;
      centre = centre + (1.0 / fibres.size()) * fibre.a;
    }
    const Vec3 n = (1 / norm(fibres[0].b - fibres[0].a)) * (fibres[0].b - fibres[0].a);
    EXPECT_NEAR(largest_azimuth_gap(fibres, centre, n), 2 * M_PI / n_fibres, 1e-3) << name;
  }
}

TEST_F(CervicalModel, AlarLigamentsHaveThePublishedLengthAndAngle)
{
  // Cattrysse et al. 2007 (Clin Anat 20:892, 20 specimens): 9 +- 2.5 mm long, 117 +- 31 deg between the
  // two; the model's attachments (dens tip to medial condyle) must give values within one SD.
  std::map<std::string, std::pair<Vec3, Vec3>> alar;
  for (const auto &row : csv_rows(mesh_file.substr(0, mesh_file.size() - 4) + ".ligaments"))
    if (row.at(0).rfind("alar_", 0) == 0)
    {
      EXPECT_EQ(row.at(1), "vertebra_c2");
      EXPECT_EQ(row.at(5), "vertebra_c0");
      alar[row.at(0)] = {{std::stod(row.at(2)), std::stod(row.at(3)), std::stod(row.at(4))},
                         {std::stod(row.at(6)), std::stod(row.at(7)), std::stod(row.at(8))}};
    }
  ASSERT_EQ(alar.size(), 2u);
  const Vec3 left = alar.at("alar_left").second - alar.at("alar_left").first;
  const Vec3 right = alar.at("alar_right").second - alar.at("alar_right").first;
  const double scale = table.get("all", "scale");
  for (const Vec3 &band : {left, right})
  {
    EXPECT_GT(norm(band), (9 - 2.5) * scale);
    EXPECT_LT(norm(band), (9 + 2.5) * scale);
  }
  const double angle = std::acos(dot(left, right) / (norm(left) * norm(right))) * 180 / M_PI;
  std::cout << "alar ligaments " << norm(left) << " mm, " << angle << " deg apart" << std::endl;
  EXPECT_GT(angle, 117 - 31);
  EXPECT_LT(angle, 117 + 31);
  // Each runs from the dens laterally (the left one to +x) and up to the occiput.
  EXPECT_GT(left[0], 0);
  EXPECT_LT(right[0], 0);
  EXPECT_GT(left[2], 0);
}
} // namespace

int main(int argc, char **argv)
{
  return cspine::meshing::testing::run_mesh_tests(argc, argv);
}
