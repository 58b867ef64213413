// Load case/Contact: the penalty and tolerance of joint contact, and the joints, found by the names of the
// mesh's contact surfaces (PenaltyContact).
#pragma once

#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
struct ContactSettings
{
  /// (surface a, surface b) boundary ids of each joint, found by name: contact_<joint>_lower/_upper,
  /// contact_<joint>_dens/_atlas and contact_<joint>_dens/_ligament.
  std::vector<std::pair<unsigned int, unsigned int>> pairs;
  std::vector<std::string> pair_names;
  /// [MPa/mm] Pressure per unit penetration.
  double penalty = 0;
  /// [mm] Penetration that is reported as excessive.
  double penetration_tolerance = 0;

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Subsection Contact (inside Load case); the joints are found by the mesh's boundary names.
  void parse_parameters(dealii::ParameterHandler &prm, const MeshNames &names);
};
} // namespace cspine
