#include "spine_builder.h"

#include "occ_shapes.h"
#include "upper_cervical_builder.h"

#include <gmsh.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace cspine::meshing
{

std::vector<VertebraSolids> build_subaxial_column(const AnatomyTable &table, const std::vector<std::string> &levels,
                                                  SpineGeometry &geometry)
{
  const double lordosis = table.get("all", "segment_lordosis") * degree;
  const double t_cartilage = table.get("all", "cartilage_thickness"), gap = table.get("all", "joint_gap");
  const double t_capsule = table.get("all", "capsule_thickness"), attach = table.get("all", "capsule_attachment");
  const auto n_fibres = static_cast<unsigned int>(table.get("all", "capsule_fibres"));
  const double canal_depth = table.get("all", "canal_depth"), canal_width = table.get("all", "canal_width");
  const double t_lamina = table.get("all", "lamina_thickness");
  const double clearance = 0.5;             // void between a capsule and the bone around it
  const double process_length = attach + 3; // the articular process reaches 3 mm past the capsule
  // The joint's exclusion column (facet radius + capsule + clearance) must fit inside the pillar with
  // 1.5 mm to spare, or its surface grazes the pillar's sides and leaves sub-0.1 mm edges (anatomy.md
  // 2.7, pitfall 4): the pillar is widened (and deepened) beyond the published lateral mass where needed.
  double largest_facet = 0; // facet sizes belong to the lower vertebra of each joint
  for (unsigned int i = 1; i < levels.size(); ++i)
    largest_facet = std::max(
        largest_facet, 0.5 * std::sqrt(table.get(levels[i], "facet_width") * table.get(levels[i], "facet_height")));
  const double pillar_width =
      std::max(table.get("all", "lateral_mass_width"), 2 * (largest_facet + t_capsule + clearance) + 3);

  // Place the vertebrae from the bottom (global origin) upwards; each disc tilts the next one by the
  // segmental lordosis about its mid-height (anterior disc height grows).
  std::vector<VertebraSolids> column(levels.size());
  Frame frame;
  for (int i = static_cast<int>(levels.size()) - 1; i >= 0; --i)
  {
    VertebraSolids &v = column[i];
    v.level = levels[i];
    v.a = table.get(v.level, "body_width") / 2;
    v.b = table.get(v.level, "body_depth") / 2;
    v.height = table.get(v.level, "body_height");
    v.frame = frame;
    v.pillar_width = pillar_width;
    v.pillar_x = canal_width / 2 + pillar_width / 2;
    v.pillar_back = -v.b - canal_depth - t_lamina / 2;
    v.pillar_front = v.pillar_back + std::max(table.get("all", "lateral_mass_depth"), pillar_width);
    v.pillar_y = 0.5 * (v.pillar_front + v.pillar_back);
    if (i > 0)
    {
      const double disc = table.get(levels[i - 1], "disc_height_below");
      frame = frame.then({0, 0, v.height + disc / 2}, lordosis).then({0, 0, disc / 2}, 0);
    }
  }

  // Bodies, pedicles, pillars, lamina and spinous process of each vertebra.
  for (VertebraSolids &v : column)
  {
    const Frame &f = v.frame;
    v.bone.push_back(loft(ellipse_loop(f, v.a, v.b, 0, 0), ellipse_loop(f, v.a, v.b, 0, v.height)));
    const double pedicle_height = table.get("all", "pedicle_height"),
                 pedicle_width = table.get(v.level, "pedicle_width");
    // Pedicles: the published width across x, ending 1 mm inside the pillar's inner face,
    // from 1.5 mm in front of the body's mid-depth (y = 0 would touch the ellipse's extreme point and
    // leave degenerate edges) back into the pillar, so that the arch is joined to the body.
    const double pillar_inner = v.pillar_x - pillar_width / 2;
    for (const double side : {1.0, -1.0})
    {
      const double x_outer = pillar_inner + 1; // 1 mm into the pillar, clear of its joint columns
      // Its back face lies 1.2 mm behind the body's posterior point, clear of the body's wall.
      const double back = std::min(v.pillar_front - 1.5, -v.b - 1.2);
      v.bone.push_back(box(f, {side > 0 ? x_outer - pedicle_width : -x_outer, back, v.height / 2 - pedicle_height / 2},
                           {pedicle_width, 1.5 - back, pedicle_height}));
    }
    const double lamina_front = -v.b - canal_depth;
    const double lamina_half_width = pillar_inner + 1; // joins the pillars, clear of the joint columns
    v.bone.push_back(
        box(f, {-lamina_half_width, lamina_front - t_lamina, 2}, {2 * lamina_half_width, t_lamina, v.height - 4}));
    v.bone.push_back(box(f, {-2.5, lamina_front - t_lamina - table.get("all", "spinous_length"), 2.5},
                         {5, table.get("all", "spinous_length") + 1, v.height - 5}));
  }

  // Discs and facet joints between neighbours (upper = i, lower = i + 1).
  for (unsigned int i = 0; i + 1 < column.size(); ++i)
  {
    VertebraSolids &upper = column[i], &low = column[i + 1];
    const std::string pair = lower(upper.level) + "_" + lower(low.level);
    const double disc = table.get(upper.level, "disc_height_below");

    // Disc: lofted between the two endplates (exactly the bodies' faces); nucleus inside, posterior.
    const int disc_volume =
        loft(ellipse_loop(low.frame, low.a, low.b, 0, low.height), ellipse_loop(upper.frame, upper.a, upper.b, 0, 0));
    const double s = table.get("all", "nucleus_scale"), offset = table.get("all", "nucleus_posterior_offset");
    const int nucleus = loft(ellipse_loop(low.frame, s * low.a, s * low.b, -offset * 2 * low.b, low.height),
                             ellipse_loop(upper.frame, s * upper.a, s * upper.b, -offset * 2 * upper.b, 0));
    const Vec3 disc_centre = low.frame.point({0, 0, low.height + disc / 2});
    const Vec3 disc_axis = low.frame.direction({0, 0, 1});
    geometry.parts.push_back({"disc_" + pair + "_nucleus", Tissue::nucleus, {nucleus}});
    geometry.parts.push_back(
        {"disc_" + pair + "_annulus",
         Tissue::annulus,
         {disc_volume},
         FibreRuleSpec::helical(disc_axis, disc_centre, 90 - table.get("all", "annulus_fibre_angle"))});

    // 1-D ligaments, attached on the surfaces of the two bodies and posterior elements.
    const double lamina_front_u = -upper.b - canal_depth, lamina_front_l = -low.b - canal_depth;
    const double spinous_length = table.get("all", "spinous_length");
    const double spinous_y_u = lamina_front_u - t_lamina - spinous_length / 2 + 0.5;
    const double spinous_y_l = lamina_front_l - t_lamina - spinous_length / 2 + 0.5;
    const std::string bone_u = "vertebra_" + lower(upper.level), bone_l = "vertebra_" + lower(low.level);
    const std::string curves = "published-data.md 2c (Yoganandan et al. 2001 via CRC ch. 16, Table 16.1)";
    geometry.ligaments.push_back({"all_" + pair, bone_u, bone_l, upper.frame.point({0, upper.b, upper.height / 2}),
                                  low.frame.point({0, low.b, low.height / 2}), table.get("all", "all_width") / 2,
                                  curves});
    geometry.ligaments.push_back({"pll_" + pair, bone_u, bone_l, upper.frame.point({0, -upper.b, upper.height / 2}),
                                  low.frame.point({0, -low.b, low.height / 2}), table.get("all", "pll_width") / 2,
                                  curves});
    geometry.ligaments.push_back({"lf_" + pair, bone_u, bone_l, upper.frame.point({0, lamina_front_u, 3}),
                                  low.frame.point({0, lamina_front_l, low.height - 3}),
                                  table.get("all", "lf_width") / 2, curves});
    geometry.ligaments.push_back({"isl_" + pair, bone_u, bone_l, upper.frame.point({0, spinous_y_u, 2.5}),
                                  low.frame.point({0, spinous_y_l, low.height - 2.5}),
                                  table.get("all", "isl_width") / 2, curves});

    // Facet joints, built in the lower vertebra's frame at mid-disc height.
    const double alpha = table.get(low.level, "facet_transverse_angle") * degree;
    const double medial = (90 - table.get(low.level, "facet_sagittal_angle")) * degree;
    const double radius = 0.5 * std::sqrt(table.get(low.level, "facet_width") * table.get(low.level, "facet_height"));
    for (const double side : {1.0, -1.0})
    {
      const std::string side_name = side > 0 ? "left" : "right";
      const Vec3 local_normal = {-side * std::sin(medial) * std::sin(alpha), -std::cos(medial) * std::sin(alpha),
                                 std::cos(alpha)};
      const Vec3 n = low.frame.direction(local_normal);
      const Vec3 centre = low.frame.point({side * low.pillar_x, low.pillar_y, low.height + disc / 2});
      const Vec3 base = centre - (t_cartilage + gap / 2) * n;
      const double stack = 2 * t_cartilage + gap;

      low.processes.push_back(cylinder(base - process_length * n, n, process_length, radius));
      upper.processes.push_back(cylinder(base + stack * n, n, process_length, radius));
      const std::string joint = pair + "_" + side_name;
      add_planar_joint({t_cartilage, gap, t_capsule, attach, n_fibres}, {"capsule_subaxial", bone_l, bone_u}, joint,
                       base, n, radius, geometry);

      // Columns that keep each vertebra out of the joint: the lower one stays below the capsule's
      // lower rim, the upper one above its upper rim; only the processes bridge into the joint.
      const double exclusion = radius + t_capsule + clearance;
      low.joint_cuts.push_back(cylinder(base - (attach + clearance) * n, n, 40, exclusion));
      upper.joint_cuts.push_back(cylinder(base + (stack + attach + clearance) * n, n, -40, exclusion));
    }
  }

  // Pillars (lateral masses), with a thrust patch on the lateral face of each (C2-C7).
  for (VertebraSolids &v : column)
    for (const double side : {1.0, -1.0})
    {
      // 0.5 mm inside the body's height: with the lordosis, neighbouring pillars must not touch.
      v.bone.push_back(box(v.frame, {side * v.pillar_x - pillar_width / 2, v.pillar_back, 0.5},
                           {pillar_width, v.pillar_front - v.pillar_back, v.height - 1}));
      if (v.level != "T1")
        geometry.surfaces.push_back(
            {"thrust_" + lower(v.level) + "_pillar_" + (side > 0 ? "left" : "right"), "vertebra_" + lower(v.level),
             v.frame.point({side * (v.pillar_x + pillar_width / 2), v.pillar_y, v.height / 2})});
    }
  const VertebraSolids &top_vertebra = column.front();
  if (top_vertebra.level == "C2")
    geometry.surfaces.push_back(
        {"thrust_c2_spinous", "vertebra_c2",
         top_vertebra.frame.point({0, -top_vertebra.b - canal_depth - t_lamina - table.get("all", "spinous_length"),
                                   top_vertebra.height / 2})});

  const VertebraSolids &bottom = column.back(), &top = column.front();
  geometry.surfaces.push_back({"endplate_" + lower(bottom.level) + "_inferior", "vertebra_" + lower(bottom.level),
                               bottom.frame.point({0, 0, 0})});
  if (top.level != "C2") // C2's top carries the dens
    geometry.surfaces.push_back({"endplate_" + lower(top.level) + "_superior", "vertebra_" + lower(top.level),
                                 top.frame.point({0, 0, top.height})});
  return column;
}

std::vector<std::pair<Vec3, Vec3>> fibre_ring(const Vec3 &start_a, const Vec3 &start_b, const Vec3 &axis,
                                              const double radius, const unsigned int n)
{
  // e(0): the axis crossed with the global direction least aligned with it (deterministic).
  unsigned int least = 0;
  for (unsigned int i = 1; i < 3; ++i)
    if (std::abs(axis[i]) < std::abs(axis[least]))
      least = i;
  Vec3 reference = {0, 0, 0};
  reference[least] = 1;
  Vec3 e1 = cross(axis, reference);
  e1 = (1 / norm(e1)) * e1;
  const Vec3 e2 = cross(axis, e1);
  std::vector<std::pair<Vec3, Vec3>> fibres;
  for (unsigned int k = 0; k < n; ++k)
  {
    const double phi = 2 * M_PI * k / n;
    const Vec3 radial = (radius * std::cos(phi)) * e1 + (radius * std::sin(phi)) * e2;
    fibres.emplace_back(start_a + radial, start_b + radial);
  }
  return fibres;
}

void add_planar_joint(const JointLayers &layers, const CapsuleSpec &capsule, const std::string &joint, const Vec3 &base,
                      const Vec3 &n, const double radius, SpineGeometry &geometry)
{
  const double t = layers.cartilage, stack = 2 * t + layers.gap;
  const int cartilage_low = cylinder(base, n, t, radius);
  const int cartilage_up = cylinder(base + (t + layers.gap) * n, n, t, radius);
  geometry.parts.push_back({"cartilage_" + joint + "_lower", Tissue::cartilage, {cartilage_low}});
  geometry.parts.push_back({"cartilage_" + joint + "_upper", Tissue::cartilage, {cartilage_up}});
  // Fibres on the processes' cylindrical faces, at the capsule's insertions: `attachment` past each
  // cartilage, where only the processes reach into the joint's exclusion column.
  const double rim_length = 2 * M_PI * (radius + layers.capsule / 2);
  geometry.capsules.push_back(
      {"capsule_" + joint, capsule.type, capsule.lower_bone, capsule.upper_bone,
       layers.capsule * rim_length / layers.n_fibres, M_PI * radius / layers.n_fibres,
       fibre_ring(base - layers.attachment * n, base + (stack + layers.attachment) * n, n, radius, layers.n_fibres)});
  geometry.surfaces.push_back({"contact_" + joint + "_lower", "cartilage_" + joint + "_lower", base + t * n});
  geometry.surfaces.push_back(
      {"contact_" + joint + "_upper", "cartilage_" + joint + "_upper", base + (t + layers.gap) * n});
}

void fuse_vertebrae(std::vector<VertebraSolids> &column, SpineGeometry &geometry)
{
  for (VertebraSolids &v : column)
  {
    const std::string name = "vertebra_" + lower(v.level);
    int vertebra = fuse(v.bone, name + " (without processes)");
    if (!v.joint_cuts.empty())
      vertebra = largest_piece(cut_all(vertebra, v.joint_cuts), name);
    std::vector<int> pieces = {vertebra};
    pieces.insert(pieces.end(), v.processes.begin(), v.processes.end());
    geometry.parts.insert(geometry.parts.begin(), {name, Tissue::bone, {fuse(pieces, name)}});
  }
}

SpineGeometry build_spine(const AnatomyTable &table, const std::vector<std::string> &levels)
{
  SpineGeometry geometry;
  const bool upper = !levels.empty() && levels.front() == "C0";
  if (upper && (levels.size() < 4 || levels[1] != "C1" || levels[2] != "C2"))
    throw std::runtime_error("levels starting at C0 must continue C1,C2 and at least one subaxial level");
  std::vector<VertebraSolids> column =
      build_subaxial_column(table, std::vector<std::string>(levels.begin() + (upper ? 2 : 0), levels.end()), geometry);
  if (upper)
    build_upper_cervical(table, column.front(), geometry);
  fuse_vertebrae(column, geometry);
  scale_geometry(table.get("all", "scale"), geometry);
  return geometry;
}

void scale_geometry(const double scale, SpineGeometry &geometry)
{
  if (scale == 1)
    return;
  gmsh::vectorpair volumes;
  for (const Part &part : geometry.parts)
    for (const int volume : part.volumes)
      volumes.push_back({3, volume});
  gmsh::model::occ::dilate(volumes, 0, 0, 0, scale, scale, scale);
  for (Part &part : geometry.parts)
    part.fibres.centre = scale * part.fibres.centre; // directions and angles are unchanged
  for (SurfaceTarget &surface : geometry.surfaces)
    surface.point = scale * surface.point;
  for (LigamentAttachment &ligament : geometry.ligaments)
  {
    ligament.centre_a = scale * ligament.centre_a;
    ligament.centre_b = scale * ligament.centre_b;
    ligament.radius *= scale;
  }
  for (CapsuleBundle &capsule : geometry.capsules)
  {
    for (auto &[a, b] : capsule.fibres)
    {
      a = scale * a;
      b = scale * b;
    }
    capsule.fibre_area *= scale * scale;
    capsule.patch_radius *= scale;
  }
  for (Landmark &landmark : geometry.landmarks)
    landmark.point = scale * landmark.point;
}

std::string FibreRuleSpec::prm_lines() const
{
  if (rule == "none")
    return "";
  std::ostringstream out;
  out << "set Rule = " << rule << "\n";
  if (rule == "constant")
    out << "set Direction = " << vector_text(direction) << "\n";
  else
    out << "set Axis = " << vector_text(axis) << "\nset Centre = " << vector_text(centre) << "\n";
  if (rule == "helical")
    out << "set Angle = " << angle << "\n";
  return out.str();
}
} // namespace cspine::meshing
