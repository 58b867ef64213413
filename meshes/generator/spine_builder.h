// Builds the OpenCASCADE solids of a subaxial cervical column (bodies, posterior elements, discs with
// nucleus, facet joints with cartilage, a real gap and a capsule) from the anatomy table, one frame
// per vertebra (origin at the centre of the inferior endplate, x left, y anterior, z cranial).
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
  capsule = 4
};

struct Part
{
  std::string name;
  Tissue tissue;
  std::vector<int> volumes; // OCC volume tags before the fragment
  std::string fibre_rule;   // .prm lines for Regions/<name>/Fibres, empty if none
};

/// A named boundary surface: the face of `part` whose centre of mass is nearest `point`.
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

struct SpineGeometry
{
  std::vector<LigamentAttachment> ligaments;
  std::vector<Part> parts;
  std::vector<SurfaceTarget> surfaces;
};

/// Levels from top to bottom, e.g. {"C3", "C4"}; the bottom one is fixed at its inferior endplate.
SpineGeometry build_subaxial_column(const AnatomyTable &table, const std::vector<std::string> &levels);
} // namespace cspine::meshing
