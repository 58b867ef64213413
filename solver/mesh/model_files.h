// The generator's companion files beside a .msh: <stem>.landmarks (named points), <stem>.ligaments (1-D
// ligaments between attachment patches) and <stem>.capsules (each capsule's fibres). Units: mm.
#pragma once

#include "core/types.h"

#include <deal.II/base/point.h>

#include <map>
#include <string>
#include <vector>

namespace cspine
{
/// "<folder>/<stem>.<extension>" for a mesh file "<folder>/<stem>.msh".
std::string companion_file(const std::string &msh_file, const std::string &extension);

/// Name -> point; throws InputError naming the file on a bad row.
std::map<std::string, dealii::Point<dim>> read_landmarks(const std::string &file);

struct LigamentAttachment
{
  std::string bone;
  dealii::Point<dim> centre;
};

/// A 1-D ligament, or one fibre of a capsule's bundle.
struct LigamentGeometry
{
  std::string name;
  /// Its curve and slack type: the name without level and side (all_c3_c4 -> all, alar_left -> alar), or
  /// a capsule fibre's type column.
  std::string type;
  /// The capsule a fibre belongs to (empty for a ligament).
  std::string bundle;
  LigamentAttachment a, b;
  /// [mm] Radius of both attachment patches.
  double radius = 0;
  /// [mm^2] Cross-section that a stress curve acts on (a capsule fibre's share; 0 for a ligament).
  double area = 0;
};

/// Throws InputError naming the file and the row on a bad row.
std::vector<LigamentGeometry> read_ligaments(const std::string &file);
/// Every fibre of every capsule, named "<capsule>/<fibre>"; throws InputError naming the file and the row.
std::vector<LigamentGeometry> read_capsules(const std::string &file);
} // namespace cspine
