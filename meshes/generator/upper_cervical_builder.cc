#include "upper_cervical_builder.h"

#include "occ_shapes.h"

#include <gmsh.h>

#include <cmath>

namespace cspine::meshing
{
namespace
{
/// Dimensions shared by the parts, in the dens frame (see the header). Heights are z in that frame.
struct UpperLayout
{
  Frame dens_frame;
  double t_cartilage, gap, t_capsule, clearance;
  unsigned int n_fibres;
  double dens_radius, dens_tip;
  double lateral_joint_x, lateral_joint_radius, lateral_joint_z, lateral_attach;
  double arch_inner, arch_thickness, arch_bottom, arch_top;
  double ligament_bottom, ligament_top, ligament_thickness;
  double posterior_arch_inner, posterior_arch_bottom, posterior_arch_top;
  double lateral_mass_bottom, c0_c1_z, condyle_x, condyle_y, condyle_radius, condyle_tilt, condyle_sphere, c0_c1_attach;
  double occiput_bottom, occiput_top;
};

UpperLayout layout_of(const AnatomyTable &table, const VertebraSolids &c2)
{
  UpperLayout l;
  l.dens_frame = c2.frame.then({0, table.get("C2", "dens_anterior_offset"), c2.height}, 0);
  l.t_cartilage = table.get("all", "cartilage_thickness");
  l.gap = table.get("all", "joint_gap");
  l.t_capsule = table.get("all", "capsule_thickness");
  l.n_fibres = static_cast<unsigned int>(table.get("all", "capsule_fibres"));
  l.clearance = 0.5; // void between a capsule and the bone around it
  l.dens_radius = 0.25 * (table.get("C2", "dens_transverse_diameter") + table.get("C2", "dens_ap_diameter"));
  const double stack = 2 * l.t_cartilage + l.gap;

  // Lateral atlanto-axial joints: horizontal, centred over the C1 lateral mass (the canal's half width
  // plus half the inferior facet's width); round, with the area of the mean of the C1 and C2 facets.
  l.lateral_attach = table.get("all", "atlanto_axial_capsule_attachment");
  l.lateral_joint_x = table.get("C1", "canal_width") / 2 + table.get("C1", "inferior_facet_width") / 2;
  l.lateral_joint_radius =
      0.5 * std::sqrt(0.25 * (table.get("C1", "inferior_facet_length") + table.get("C2", "superior_facet_length")) *
                      (table.get("C1", "inferior_facet_width") + table.get("C2", "superior_facet_width")));
  // The C2 facet sits high enough that its capsule's lower rim clears the C2 pillars below.
  l.lateral_joint_z = l.lateral_attach + l.clearance + 0.5;
  l.dens_tip = l.lateral_joint_z + table.get("C2", "dens_height");

  // C1 ring: arches coaxial with the dens, from the fovea (behind the anterior joint) outwards.
  l.arch_inner = l.dens_radius + stack;
  l.arch_thickness = 0.5 * (table.get("C1", "outer_depth") - table.get("C1", "inner_depth"));
  l.arch_bottom = l.lateral_joint_z + stack;
  l.arch_top = l.arch_bottom + table.get("C1", "anterior_arch_height");
  l.ligament_thickness = table.get("all", "transverse_ligament_thickness");
  l.ligament_bottom = l.arch_bottom + 1.5; // [A] the ligament's lower edge 1.5 mm above the arch's
  l.ligament_top = l.ligament_bottom + table.get("all", "transverse_ligament_height");
  l.posterior_arch_inner = table.get("C1", "canal_depth") - l.arch_inner;
  // The lateral masses start above the lateral capsules' upper rims.
  l.lateral_mass_bottom = l.lateral_joint_z + stack + l.lateral_attach + l.clearance + 0.5;
  l.posterior_arch_bottom = l.lateral_mass_bottom;
  l.posterior_arch_top = l.posterior_arch_bottom + table.get("C1", "posterior_arch_height");

  // C0-C1 joints: spherical caps (the C1 facet concave, the condyle convex) on the lateral masses,
  // tilted medially. Their medial rims (with capsule and clearance) must clear the transverse ligament.
  l.c0_c1_attach = table.get("all", "capsule_attachment");
  l.condyle_radius =
      0.5 * std::sqrt(table.get("C1", "superior_facet_length") * table.get("C1", "superior_facet_width"));
  l.condyle_tilt = table.get("C1", "superior_facet_tilt") * degree;
  l.condyle_sphere = table.get("C1", "superior_facet_radius");
  // Condyle centres: the mean intercondylar distance between the medial margins plus a condyle width.
  l.condyle_x = 0.25 * (table.get("C0", "intercondylar_anterior") + table.get("C0", "intercondylar_posterior")) +
                0.5 * table.get("C0", "condyle_width");
  l.condyle_y = -table.get("C0", "condyle_posterior_offset");
  const double rim = l.condyle_radius + l.t_capsule + l.clearance;
  l.c0_c1_z = l.ligament_top + rim * std::sin(l.condyle_tilt) + (l.c0_c1_attach + l.clearance) + 1.0;
  l.occiput_bottom = l.c0_c1_z + stack + table.get("C0", "condyle_height");
  l.occiput_top = l.occiput_bottom + table.get("C0", "occiput_thickness");
  return l;
}

/// A spherical joint between C1 (concave, below) and the condyle of C0 (convex, above) on one side.
struct CondyleJoint
{
  Vec3 centre, axis, medial; // facet centre on C1, axis up and medial, unit normal towards the midline
  Vec3 sphere_centre;
};

CondyleJoint condyle_joint(const UpperLayout &l, const double side)
{
  const Frame &d = l.dens_frame;
  const double s = std::sin(l.condyle_tilt), c = std::cos(l.condyle_tilt);
  CondyleJoint joint;
  joint.centre = d.point({side * l.condyle_x, l.condyle_y, l.c0_c1_z});
  joint.axis = d.direction({-side * s, 0, c});
  joint.medial = d.direction({-side * c, 0, -s});
  joint.sphere_centre = joint.centre + l.condyle_sphere * joint.axis;
  return joint;
}

/// Bone volumes of C0 and C1 gathered by the steps below, fused at the end.
struct UpperBones
{
  std::vector<int> c1_bone, c1_processes, c1_cuts, c0_bone, c0_processes, c0_cuts;
};

/// C2's dens and superior processes, and the lateral atlanto-axial joints (C1's processes included).
void add_dens_and_lateral_joints(const UpperLayout &l, VertebraSolids &c2, UpperBones &bones, SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double tc = l.t_cartilage, gap = l.gap, stack = 2 * tc + l.gap, t_cap = l.t_capsule;
  // C2: the dens (a cylinder with a hemispherical tip) and the superior articular processes.
  c2.bone.push_back(
      cylinder(d.point({0, 0, -3}), d.direction({0, 0, 1}), l.dens_tip - l.dens_radius + 3, l.dens_radius));
  // Its poles on the dens axis: the lower one inside the cylinder, the upper one the tip.
  c2.bone.push_back(ball(d.point({0, 0, l.dens_tip - l.dens_radius}), l.dens_radius, d.direction({0, 0, 1})));
  const Vec3 up = d.direction({0, 0, 1});
  const double r_lat = l.lateral_joint_radius, z_j = l.lateral_joint_z;
  for (const double side : {1.0, -1.0})
  {
    const std::string side_name = side > 0 ? "left" : "right", joint = "c1_c2_" + side_name;
    const Vec3 base = d.point({side * l.lateral_joint_x, 0, z_j});
    // C2's lateral mass reaches from the body out under the joint; its top stays below the capsule.
    const double mass_top = z_j - l.lateral_attach - l.clearance - 1;
    const double inner = 8.0, outer = l.lateral_joint_x + r_lat + 1;
    c2.bone.push_back(box(d, {side > 0 ? inner : -outer, -r_lat - 1.5, -c2.height / 2},
                          {outer - inner, 2 * r_lat + 3, mass_top + c2.height / 2}));
    c2.processes.push_back(
        cylinder(base - (l.lateral_attach + l.clearance + 3) * up, up, l.lateral_attach + l.clearance + 3, r_lat));
    bones.c1_processes.push_back(cylinder(base + stack * up, up, l.lateral_mass_bottom + 3 - z_j - stack, r_lat));
    add_planar_joint({tc, gap, t_cap, l.lateral_attach, l.n_fibres}, {"capsule_c1_c2", "vertebra_c2", "vertebra_c1"},
                     joint, base, up, r_lat, geometry);
    geometry.landmarks.push_back({"lateral_atlanto_axial_" + side_name, base + 0.5 * stack * up});
  }
}

/// The median atlanto-axial joints: the dens against the anterior arch and against the transverse ligament.
void add_median_joints(const AnatomyTable &table, const UpperLayout &l, SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double tc = l.t_cartilage, gap = l.gap, stack = 2 * tc + l.gap, t_cap = l.t_capsule;
  // Median atlanto-axial joint: in front, the dens against the fovea of the anterior arch; behind, the
  // dens against the transverse ligament. Coaxial cartilage shells and a gap, with no capsule: a frame
  // bonded across the gap locked the joint at about 10 deg of rotation (issue 13). The cartilage keeps
  // its former height inside the frame (t_cap from the arch's and the ligament's edges).
  const double r_d = l.dens_radius, r_mid = r_d + 0.5 * stack;
  const double facet_half_angle = table.get("C1", "fovea_width") / (2 * r_mid);
  struct MedianJoint
  {
    std::string name, outer_side;
    double direction, bottom, top;
  };
  for (const MedianJoint &m : {MedianJoint{"ant", "atlas", 0, l.arch_bottom, l.arch_top},
                               MedianJoint{"post", "ligament", M_PI, l.ligament_bottom, l.ligament_top}})
  {
    const std::string joint = "c1_c2_median_" + m.name;
    const double z0 = m.bottom + t_cap, z1 = m.top - t_cap, z_mid = 0.5 * (z0 + z1);
    geometry.parts.push_back({"cartilage_" + joint + "_dens",
                              Tissue::cartilage,
                              {shell_sector(d, r_d, r_d + tc, z0, z1, m.direction, facet_half_angle)}});
    geometry.parts.push_back({"cartilage_" + joint + "_" + m.outer_side,
                              Tissue::cartilage,
                              {shell_sector(d, r_d + tc + gap, r_d + stack, z0, z1, m.direction, facet_half_angle)}});
    const Vec3 across = d.direction({std::sin(m.direction), std::cos(m.direction), 0});
    geometry.surfaces.push_back(
        {"contact_" + joint + "_dens", "cartilage_" + joint + "_dens", d.point({0, 0, z_mid}) + (r_d + tc) * across});
    geometry.surfaces.push_back({"contact_" + joint + "_" + m.outer_side, "cartilage_" + joint + "_" + m.outer_side,
                                 d.point({0, 0, z_mid}) + (r_d + tc + gap) * across});
  }
}

/// C1's arches, lateral masses, tubercles and transverse processes, and the posterior-arch thrust patch.
void add_atlas_bone(const AnatomyTable &table, const UpperLayout &l, UpperBones &bones, SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double r_lat = l.lateral_joint_radius;
  // C1: anterior and posterior arches, lateral masses with medial tubercles (the transverse ligament's
  // attachments) and transverse processes.
  const double t_arch = l.arch_thickness, r_post = l.posterior_arch_inner;
  bones.c1_bone.push_back(
      shell_sector(d, l.arch_inner, l.arch_inner + t_arch, l.arch_bottom, l.arch_top, 0, 50 * degree));
  bones.c1_bone.push_back(
      shell_sector(d, r_post, r_post + t_arch, l.posterior_arch_bottom, l.posterior_arch_top, M_PI, 45 * degree));
  // Lateral masses from x = 7.5 mm to past the lateral joints, and from y = -17 mm (to meet the posterior
  // arch) to in front of the joints; medial tubercles at x = 7-9.7 mm carry the transverse ligament's ends.
  // They stay at least 0.5 mm clear of the joints' exclusion columns (meshes/README.md, Geometry).
  const double mass_outer = l.lateral_joint_x + r_lat + 1, mass_top = l.c0_c1_z - 1;
  const double half_width = table.get("C1", "width") / 2;
  for (const double side : {1.0, -1.0})
  {
    bones.c1_bone.push_back(box(d, {side > 0 ? 7.5 : -mass_outer, -17, l.lateral_mass_bottom},
                                {mass_outer - 7.5, 17 + r_lat + 2, mass_top - l.lateral_mass_bottom}));
    bones.c1_bone.push_back(box(d, {side > 0 ? 7.0 : -9.7, -6, l.ligament_bottom},
                                {2.7, 8.5, l.lateral_mass_bottom + 1 - l.ligament_bottom}));
    bones.c1_bone.push_back(box(d, {side > 0 ? mass_outer - 1 : -half_width, -4, l.lateral_mass_bottom + 2},
                                {half_width - mass_outer + 1, 8, 5}));
  }
  geometry.surfaces.push_back(
      {"thrust_c1_posterior_arch", "vertebra_c1",
       d.point({0, -(r_post + t_arch), 0.5 * (l.posterior_arch_bottom + l.posterior_arch_top)})});
}

void add_transverse_ligament(const AnatomyTable &table, const UpperLayout &l, SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const Vec3 up = d.direction({0, 0, 1});
  // Transverse ligament: a shell behind the dens, outside its cartilage, ending in the tubercles.
  const double ligament_half_angle =
      table.get("all", "transverse_ligament_length") / (2 * (l.arch_inner + 0.5 * l.ligament_thickness));
  geometry.parts.push_back({"ligament_transverse",
                            Tissue::ligament,
                            {shell_sector(d, l.arch_inner, l.arch_inner + l.ligament_thickness, l.ligament_bottom,
                                          l.ligament_top, M_PI, ligament_half_angle)},
                            FibreRuleSpec::circumferential(up, d.point({0, 0, 0}))});
}

/// The C0-C1 joints (C0's and C1's processes and exclusion regions included) and the alar ligaments.
void add_condyle_joints_and_alars(const AnatomyTable &table, const UpperLayout &l, UpperBones &bones,
                                  SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double tc = l.t_cartilage, gap = l.gap, stack = 2 * tc + l.gap, t_cap = l.t_capsule;
  const double r_d = l.dens_radius;
  // C0-C1 joints: concentric spherical shells cut by a cylinder along the joint axis.
  const double r_f = l.condyle_radius, R = l.condyle_sphere, attach = l.c0_c1_attach, cl = l.clearance;
  // Height along a joint's axis (from its centre) where the cylinder of radius r_f meets the sphere of
  // radius `distance` about the joint's sphere centre.
  auto height_at = [&](const double distance)
  {
    return R - std::sqrt(distance * distance - r_f * r_f);
  };
  for (const double side : {1.0, -1.0})
  {
    const std::string side_name = side > 0 ? "left" : "right", joint = "c0_c1_" + side_name;
    const CondyleJoint j = condyle_joint(l, side);
    // The balls' poles lie far in front of and behind the joint. Cylinders are built in the joint's own
    // frame (z along its axis, x anterior) so that OCC's seam lies in front of the joint on both sides,
    // away from the condyle's junctions (left to OCC, the seam side follows from the axis and once left
    // a 0.2 mm edge there).
    const Vec3 pole = d.direction({0, 1, 0}), third = cross(j.axis, pole);
    Frame joint_frame;
    for (unsigned int i = 0; i < 3; ++i)
      joint_frame.R[i] = {pole[i], third[i], j.axis[i]};
    joint_frame.origin = j.centre;
    auto along = [&](const double radius, const double from, const double to)
    {
      const int tag = gmsh::model::occ::addCylinder(0, 0, from, 0, 0, to - from, radius);
      gmsh::model::occ::affineTransform({{3, tag}}, joint_frame.affine());
      return tag;
    };
    auto shell = [&](const double outer, const double inner)
    {
      return cut(intersect(along(r_f, -4, 8), ball(j.sphere_centre, outer, pole)),
                 {ball(j.sphere_centre, inner, pole)});
    };
    geometry.parts.push_back({"cartilage_" + joint + "_lower", Tissue::cartilage, {shell(R, R - tc)}});
    geometry.parts.push_back({"cartilage_" + joint + "_upper", Tissue::cartilage, {shell(R - tc - gap, R - stack)}});
    // Capsule fibres on the processes' cylindrical faces where the capsule inserts: on C1 `attach` past
    // its facet (distance R + attach from the sphere centre), on the condyle `attach` past its cartilage.
    geometry.capsules.push_back(
        {"capsule_" + joint, "capsule_c0_c1", "vertebra_c1", "vertebra_c0",
         t_cap * 2 * M_PI * (r_f + t_cap / 2) / l.n_fibres, M_PI * r_f / l.n_fibres,
         fibre_ring(j.centre + height_at(R + attach) * j.axis, j.centre + height_at(R - stack - attach) * j.axis,
                    j.axis, r_f, l.n_fibres)});
    geometry.surfaces.push_back(
        {"contact_" + joint + "_lower", "cartilage_" + joint + "_lower", j.centre + tc * j.axis});
    geometry.surfaces.push_back(
        {"contact_" + joint + "_upper", "cartilage_" + joint + "_upper", j.centre + (tc + gap) * j.axis});
    geometry.landmarks.push_back({"atlanto_occipital_" + side_name, j.centre + 0.5 * stack * j.axis});

    // Processes reach from each bone into the joint; the rest of each bone is kept clear of the capsule.
    const double process = attach + cl + 3;
    bones.c1_processes.push_back(cut(along(r_f, -process - 2, 2), {ball(j.sphere_centre, R, pole)}));
    bones.c1_cuts.push_back(intersect(along(r_f + t_cap + cl, -12, 12), ball(j.sphere_centre, R + attach + cl, pole)));
    const double condyle_length =
        (l.occiput_bottom - l.c0_c1_z) / std::cos(l.condyle_tilt) + r_f * std::tan(l.condyle_tilt) + 1.5;
    bones.c0_processes.push_back(intersect(along(r_f, 0, condyle_length), ball(j.sphere_centre, R - stack, pole)));
    bones.c0_cuts.push_back(
        cut(along(r_f + t_cap + cl, -12, 12), {ball(j.sphere_centre, R - stack - attach - cl, pole)}));

    // Alar ligament, a 1-D ligament (curve "alar"): from the dens tip, posterolaterally and below its
    // apex, to the medial face of the condyle just above its cartilage (Osmotherly et al. 2013 Eur Spine
    // J 22:60: dens attachment lateral or posterolateral, often below the apex; occipital attachment on
    // the medial condyle). The two angles on the dens tip (60 deg from the dens axis, 30 deg behind the
    // lateral direction) are [A]; the resulting length and the angle between the two alars are checked
    // against Cattrysse et al. 2007 (9 +- 2.5 mm, 117 +- 31 deg) by tests/meshes.
    const double polar = 60 * degree, behind = 30 * degree, band_radius = 0.5 * table.get("all", "alar_diameter");
    const Vec3 on_dens =
        d.point({0, 0, l.dens_tip - r_d}) + r_d * d.direction({side * std::sin(polar) * std::cos(behind),
                                                               -std::sin(polar) * std::sin(behind), std::cos(polar)});
    const Vec3 on_condyle = j.centre + r_f * j.medial + (height_at(R - stack) + 0.5) * j.axis;
    geometry.ligaments.push_back(
        {"alar_" + side_name, "vertebra_c2", "vertebra_c0", on_dens, on_condyle, band_radius,
         "VIVA+ alar curve shape scaled to Dvorak et al. 1988 strength (solver/loads/default_curves.cc)"});
    geometry.landmarks.push_back({"alar_" + side_name + "_dens", on_dens});
    geometry.landmarks.push_back({"alar_" + side_name + "_condyle", on_condyle});
  }
}

/// C0 and C1 fused into their parts, the head, and the landmarks of the upper spine.
void add_occiput_atlas_and_head(const AnatomyTable &table, const UpperLayout &l, UpperBones &bones,
                                SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double z_j = l.lateral_joint_z;
  // C0: the occipital block carrying the condyles; the head sits on it.
  bones.c0_bone.push_back(box(d, {-35, -32, l.occiput_bottom}, {70, 54, l.occiput_top - l.occiput_bottom}));
  std::vector<int> c0_pieces = {
      largest_piece(cut_all(fuse(bones.c0_bone, "vertebra_c0"), bones.c0_cuts), "vertebra_c0")};
  c0_pieces.insert(c0_pieces.end(), bones.c0_processes.begin(), bones.c0_processes.end());
  std::vector<int> c1_pieces = {
      largest_piece(cut_all(fuse(bones.c1_bone, "vertebra_c1"), bones.c1_cuts), "vertebra_c1")};
  c1_pieces.insert(c1_pieces.end(), bones.c1_processes.begin(), bones.c1_processes.end());

  // Head: a uniform ellipsoid with the published radii of gyration (k_x^2 = (b^2 + c^2) / 5, ...), so that
  // a density gives the published mass and inertia; truncated by the top of the occipital block.
  const double k_ap = table.get("head", "radius_of_gyration_ap"),
               k_lat = table.get("head", "radius_of_gyration_lateral"),
               k_vert = table.get("head", "radius_of_gyration_vertical");
  const double sum = 2.5 * (k_ap * k_ap + k_lat * k_lat + k_vert * k_vert);
  const double semi_ap = std::sqrt(sum - 5 * k_ap * k_ap), semi_lat = std::sqrt(sum - 5 * k_lat * k_lat),
               semi_vert = std::sqrt(sum - 5 * k_vert * k_vert);
  const double head_z = l.occiput_top + table.get("head", "centre_above_occiput");
  const int sphere = gmsh::model::occ::addSphere(0, 0, 0, 1);
  gmsh::model::occ::dilate({{3, sphere}}, 0, 0, 0, semi_lat, semi_ap, semi_vert);
  gmsh::model::occ::translate({{3, sphere}}, 0, 0, head_z);
  gmsh::model::occ::affineTransform({{3, sphere}}, d.affine());
  const int head = cut(sphere, {box(d, {-300, -300, l.occiput_top - 600}, {600, 600, 600})});
  geometry.parts.push_back({"head", Tissue::bone, {head}});
  geometry.parts.push_back({"vertebra_c0", Tissue::bone, {fuse(c0_pieces, "vertebra_c0")}});
  geometry.parts.push_back({"vertebra_c1", Tissue::bone, {fuse(c1_pieces, "vertebra_c1")}});
  geometry.surfaces.push_back({"head_surface", "head", d.point({0, 0, head_z + semi_vert})});
  geometry.landmarks.push_back({"head_centre", d.point({0, 0, head_z})});
  geometry.landmarks.push_back({"occiput_top_centre", d.point({0, 0, l.occiput_top})});
  geometry.landmarks.push_back({"dens_axis_base", d.point({0, 0, 0})});
  geometry.landmarks.push_back({"dens_axis_tip", d.point({0, 0, l.dens_tip})});
  geometry.landmarks.push_back({"c2_superior_facet_level", d.point({0, 0, z_j})});
}

void add_upper_ligaments(const AnatomyTable &table, const UpperLayout &l, const VertebraSolids &c2,
                         SpineGeometry &geometry)
{
  const Frame &d = l.dens_frame;
  const double t_arch = l.arch_thickness, r_post = l.posterior_arch_inner;
  // Upper-cervical 1-D ligaments (published-data.md 2a: strengths only; no force-deflection curve reached).
  // Their occipital ends are [A] points on the occiput's underside: the basion (3 mm in front of the dens
  // axis), the clivus behind the transverse ligament (12 mm behind), and the anterior (14 mm) and
  // posterior (25 mm) margins of the foramen magnum for the atlanto-occipital membranes.
  const std::string curves = "none reached (published-data.md 2a; VIVA+ fabric curve peaks in 5b)";
  const double arch_mid = l.arch_inner + 0.5 * t_arch, post_mid = r_post + 0.5 * t_arch;
  const double c2_lamina_y = -c2.b - table.get("all", "canal_depth") - table.get("all", "lamina_thickness") / 2;
  geometry.ligaments.push_back({"apical", "vertebra_c2", "vertebra_c0", d.point({0, 0, l.dens_tip}),
                                d.point({0, 3, l.occiput_bottom}), 2.0, curves});
  geometry.ligaments.push_back({"tectorial_membrane", "vertebra_c2", "vertebra_c0",
                                c2.frame.point({0, -c2.b, c2.height / 2}), d.point({0, -12, l.occiput_bottom}), 5.0,
                                curves});
  geometry.ligaments.push_back({"aaom", "vertebra_c1", "vertebra_c0", d.point({0, arch_mid, l.arch_top}),
                                d.point({0, 14, l.occiput_bottom}), 5.0, curves});
  geometry.ligaments.push_back({"paom", "vertebra_c1", "vertebra_c0", d.point({0, -post_mid, l.posterior_arch_top}),
                                d.point({0, -25, l.occiput_bottom}), 5.0, curves});
  geometry.ligaments.push_back({"aaam", "vertebra_c1", "vertebra_c2", d.point({0, arch_mid, l.arch_bottom}),
                                c2.frame.point({0, c2.b, c2.height / 2}), 5.0, curves});
  geometry.ligaments.push_back({"paam", "vertebra_c1", "vertebra_c2", d.point({0, -post_mid, l.posterior_arch_bottom}),
                                c2.frame.point({0, c2_lamina_y, c2.height - 2}), 5.0, curves});
}
} // namespace

void build_upper_cervical(const AnatomyTable &table, VertebraSolids &c2, SpineGeometry &geometry)
{
  // The order of the steps is the order in which OCC creates the solids: it fixes the entity tags and
  // with them the (deterministic) mesh.
  const UpperLayout l = layout_of(table, c2);
  UpperBones bones;
  add_dens_and_lateral_joints(l, c2, bones, geometry);
  add_median_joints(table, l, geometry);
  add_atlas_bone(table, l, bones, geometry);
  add_transverse_ligament(table, l, geometry);
  add_condyle_joints_and_alars(table, l, bones, geometry);
  add_occiput_atlas_and_head(table, l, bones, geometry);
  add_upper_ligaments(table, l, c2, geometry);
}
} // namespace cspine::meshing
