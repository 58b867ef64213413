// Builds the OpenCASCADE solids of a cervical spine model from the anatomy table, one frame per
// vertebra (origin at the centre of the inferior endplate, x left, y anterior, z cranial): the subaxial
// column (bodies, posterior elements, discs with nucleus, facet joints with cartilage and a real gap,
// their capsules as bundles of 1-D fibres) and, when the levels start at C0, the head and upper cervical
// spine (upper_cervical_builder.h).
#pragma once

#include "anatomy_table.h"
#include "frame.h"

#include <string>
#include <vector>

namespace cspine::meshing
{
/// Overlaps in fragment() are resolved by priority: the smaller number wins.
enum class Tissue
{
  bone = 0,
  cartilage = 1,
  nucleus = 2,
  annulus = 3,
  ligament = 4
};

/// A region's fibre rule, as the solver's Regions/<name>/Fibres subsection takes it.
struct FibreRuleSpec
{
  std::string rule = "none"; // none, constant, circumferential or helical
  Vec3 direction{0, 0, 1};   // constant rule
  Vec3 axis{0, 0, 1};        // circumferential and helical rules
  Vec3 centre{0, 0, 0};      // [mm] a point on that axis
  double angle = 0;          // [deg] helical rule

  static FibreRuleSpec constant(const Vec3 &direction) { return {"constant", direction}; }
  static FibreRuleSpec circumferential(const Vec3 &axis, const Vec3 &centre)
  {
    return {"circumferential", {0, 0, 1}, axis, centre};
  }
  static FibreRuleSpec helical(const Vec3 &axis, const Vec3 &centre, const double angle)
  {
    return {"helical", {0, 0, 1}, axis, centre, angle};
  }
  /// The .prm lines of the Fibres subsection (empty for "none").
  std::string prm_lines() const;
};

struct Part
{
  std::string name;
  Tissue tissue;
  std::vector<int> volumes; // OCC volume tags before the fragment
  FibreRuleSpec fibres = {};
};

/// A named boundary surface: the outer face of `part` that contains `point` (a point inside that face).
struct SurfaceTarget
{
  std::string name;
  std::string part;
  Vec3 point;
};

/// A 1-D ligament between two attachment patches (centre and radius on the named bones' surfaces).
struct LigamentAttachment
{
  std::string name;
  std::string bone_a, bone_b;
  Vec3 centre_a, centre_b;
  double radius;     // [mm] patch radius (half the ligament width)
  std::string curve; // where its force-deflection data are
};

/// A joint capsule as a bundle of tension-only fibres running rim to rim between the two articular
/// processes, spread evenly around the joint (the solver's capsule fibre bundles). No solid: a capsule
/// bonded across the joint space carried nearly all of the C1-C2 moment (issue 13).
struct CapsuleBundle
{
  std::string name;           // capsule_c1_c2_left
  std::string type;           // its curve and slack in the solver: capsule_subaxial, capsule_c0_c1, capsule_c1_c2
  std::string bone_a, bone_b; // the lower and the upper articular process's bone
  double fibre_area;          // [mm^2] the capsule's cross-section (thickness x rim length) per fibre
  double patch_radius;        // [mm] radius of each fibre end's attachment patch
  std::vector<std::pair<Vec3, Vec3>> fibres; // (end on bone_a, end on bone_b)
};

/// A named point of the model, for checks and for load cases (e.g. the dens axis).
struct Landmark
{
  std::string name;
  Vec3 point;
};

struct SpineGeometry
{
  std::vector<LigamentAttachment> ligaments;
  std::vector<CapsuleBundle> capsules;
  std::vector<Part> parts;
  std::vector<SurfaceTarget> surfaces;
  std::vector<Landmark> landmarks;
};

/// The solids of one vertebra before it is fused into one part.
struct VertebraSolids
{
  std::string level;
  Frame frame;
  double a, b, height; // body semi-axes and height
  double pillar_x, pillar_y, pillar_front, pillar_back, pillar_width;
  std::vector<int> bone;       // volumes fused into the vertebra
  std::vector<int> processes;  // articular processes: they alone may reach into a joint
  std::vector<int> joint_cuts; // regions that keep the rest of the vertebra out of its joints
};

/// The column `levels` (top to bottom, C2 or lower first; the bottom one sits at the origin): adds its
/// discs, facet joints, 1-D ligaments and surfaces to `geometry` and returns the vertebrae, not yet fused.
std::vector<VertebraSolids> build_subaxial_column(const AnatomyTable &table, const std::vector<std::string> &levels,
                                                  SpineGeometry &geometry);

/// [mm] The layers of a synovial joint: cartilage on each side, the gap between, and the capsule (its
/// thickness, how far it reaches onto each bone past the cartilage, and its number of fibres).
struct JointLayers
{
  double cartilage, gap, capsule, attachment;
  unsigned int n_fibres;
};

/// The capsule's curve type and the bones of the lower and upper articular processes.
struct CapsuleSpec
{
  std::string type, lower_bone, upper_bone;
};

/// `n` fibres parallel to the unit vector `axis`, spread evenly around it at `radius`: from
/// start_a + radius e(phi) to start_b + radius e(phi), phi = 2 pi k / n (e(0) is fixed by the axis alone).
std::vector<std::pair<Vec3, Vec3>> fibre_ring(const Vec3 &start_a, const Vec3 &start_b, const Vec3 &axis, double radius,
                                              unsigned int n);

/// A planar joint along unit normal `n` from `base` (the lower bone's articular surface): cartilage
/// layers cartilage_<joint>_lower/_upper, the contact surfaces contact_<joint>_lower/_upper, and the
/// capsule capsule_<joint>: fibres from the lower process's surface `attachment` below the joint to the
/// upper one's `attachment` above it. The bones' processes are the caller's.
void add_planar_joint(const JointLayers &layers, const CapsuleSpec &capsule, const std::string &joint, const Vec3 &base,
                      const Vec3 &n, double radius, SpineGeometry &geometry);

/// Fuses each vertebra (its bone minus its joint cuts, plus its articular processes) into one bone part.
void fuse_vertebrae(std::vector<VertebraSolids> &column, SpineGeometry &geometry);

/// The whole model for `levels`, top to bottom: "C0,C1,C2,...": head, C0-C2 and the subaxial levels;
/// "C3,C4,...": a subaxial column only. Every length is multiplied by the table's global "scale".
SpineGeometry build_spine(const AnatomyTable &table, const std::vector<std::string> &levels);

/// Scales the built solids about the origin, and every point, radius and fibre centre with them.
void scale_geometry(double scale, SpineGeometry &geometry);
} // namespace cspine::meshing
