// Prescribed displacements and dead tractions on named boundaries, as expressions in x, y, z [mm]
// (reference position) and t [s]:
//   Fixed displacement = x_min: x = 0; z_max: z = 5*t, y = 0
//   Traction           = x_max: 0, 0.0625*t, 0
#pragma once

#include "core/expression.h"
#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace cspine
{
struct DirichletCondition
{
  unsigned int boundary_id = 0;
  std::string boundary_name;
  /// [mm] Displacement component expressions; empty where the component is free.
  std::array<std::optional<Expression>, dim> components;
};

struct TractionCondition
{
  unsigned int boundary_id = 0;
  std::string boundary_name;
  /// [MPa] Traction per reference area, fixed in direction (dead load).
  std::array<std::optional<Expression>, dim> components;
};

struct BoundaryConditions
{
  std::vector<DirichletCondition> dirichlet;
  std::vector<TractionCondition> tractions;

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Throws InputError naming file, entry and the valid boundary names on a bad entry.
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names);
};
} // namespace cspine
