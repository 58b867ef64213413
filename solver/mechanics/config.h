// A whole run's input, read from one .prm file in three passes: (1) the mesh, whose region names
// decide (2) which Regions/<name> subsections exist and their Material, which decides (3) which
// model subsections are declared; the last pass is strict, so unknown entries and regions fail.
#pragma once

#include "io/output_settings.h"
#include "loads/boundary_conditions.h"
#include "loads/load_case.h"
#include "materials/fibre_rule.h"
#include "materials/material.h"
#include "mechanics/solver_settings.h"
#include "mesh/mesh_builder.h"
#include "mesh/mesh_settings.h"

#include <iosfwd>
#include <map>
#include <memory>
#include <string>

namespace cspine
{
struct RegionSettings
{
  std::string name;
  std::string material_name;
  std::shared_ptr<const Material> material;
  FibreRule fibres;
  /// The volumetric energy averaged at the nodes (NodalVolumetric) instead of per cell.
  bool nodal_volumetric = false;
  /// [tonne/mm^3] Mass density (dynamic phases).
  double density = 0;
  /// Moves as one rigid body with six DoFs (Regions/<name>/Rigid; loads/rigid_bones.h).
  bool rigid = false;
  /// The first Newton update of a step turns it exactly (Regions/<name>/Exact rotation in first update;
  /// mechanics/exact_region_rotation.h).
  bool exact_first_rotation = false;
  /// Citation of the constants (Regions/<name>/Source), for provenance.txt; may be empty.
  std::string source;
};

struct Config
{
  /// The input file, as named on the command line (used in every message).
  std::string file;
  MeshSettings mesh;
  MeshNames mesh_names;
  /// By region (material) id.
  std::map<unsigned int, RegionSettings> regions;
  BoundaryConditions boundary_conditions;
  LoadCase load_case;
  TimeSettings time;
  NewtonSettings newton;
  LinearSolverSettings linear_solver;
  OutputSettings output;
  /// Every entry with its value, written to used-parameters.prm.
  std::string used_parameters;
};

/// Reads and checks a config file; throws InputError naming the file, the entry and what is allowed.
Config read_config(const std::string &file);

/// As read_config, from text; `file` names it in messages and anchors relative mesh paths.
Config parse_config(const std::string &text, const std::string &file);

/// Every entry with its default, unit and meaning, including every registered material's entries.
void print_parameters(std::ostream &out);
} // namespace cspine
