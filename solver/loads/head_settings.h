// Load case/Head: which regions move with the head as one rigid body, its axis, mass and centre of
// gravity, and how its drive works (HeadCoupling).
#pragma once

#include "core/types.h"
#include "loads/landmark_text.h"
#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <optional>
#include <set>
#include <string>

namespace cspine
{
struct HeadSettings
{
  /// Region ids moving as one rigid body (the head and the occiput).
  std::set<unsigned int> regions;
  /// Unit vector of the head axis and a point on it [mm].
  Vector3 axis;
  dealii::Point<dim> centre;
  /// [N mm / rad] Stiffness of the drive that prescribes the head's rotation under rotation control.
  double drive_stiffness = 0;
  /// Under moment control: [N mm] how close the moment comes to the prescribed one, and [deg] the largest
  /// change of the drive angle per equilibrium solve (MomentSearch).
  double moment_tolerance = 1;
  double largest_rotation_per_solve = 1;
  /// [kg] and [mm] Head mass and centre of gravity; unit vector of gravity.
  double mass = 0;
  dealii::Point<dim> centre_of_gravity;
  Vector3 gravity_direction;
  /// Whether the coupled regions are one rigid body with six DoFs (else meshed bone).
  bool rigid_body = false;
  /// With a rigid body: whether quasi-static moment steps find the moment by the drive's search (with the
  /// body's rotation about the axis as the drive) rather than apply it directly.
  bool moment_search = true;

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// The settings of subsection Head (inside Load case); none if Coupled regions is empty. Throws
  /// InputError (file, entry, what is allowed).
  static std::optional<HeadSettings> parse(dealii::ParameterHandler &prm, const std::string &file,
                                           const MeshNames &names, const Landmarks &landmarks);
};
} // namespace cspine
