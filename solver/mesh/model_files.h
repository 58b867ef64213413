// The generator's companion files beside a .msh: <stem>.landmarks (named points) and <stem>.ligaments
// (1-D ligaments between attachment patches). Units: mm.
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

struct LigamentGeometry
{
  std::string name;
  LigamentAttachment a, b;
  /// [mm] Radius of both attachment patches.
  double radius = 0;
};

/// Throws InputError naming the file and the row on a bad row.
std::vector<LigamentGeometry> read_ligaments(const std::string &file);
} // namespace cspine
