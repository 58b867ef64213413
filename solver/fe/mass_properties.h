// Mass, centre of mass and inertia tensor of a set of regions from their densities, integrated over the
// mesh with the cell quadrature: what a rigid body of those regions carries into a dynamic step through
// the consistent mass (which integrates the same quadratic moments exactly on linear elements).
#pragma once

#include "core/types.h"

#include <deal.II/base/point.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <array>
#include <functional>

namespace cspine
{
struct MassProperties
{
  /// [tonne]
  double mass = 0;
  /// [mm]
  dealii::Point<dim> centre;
  /// [tonne mm^2] Inertia tensor about the centre of mass.
  Tensor2 inertia;
  /// [tonne mm^2] Its principal moments, largest first.
  std::array<double, dim> principal_moments() const;
};

/// The mass properties of the cells whose region has a `density` [tonne/mm^3] above 0 (0: not part of
/// it), in the reference configuration. Collective.
MassProperties mass_properties(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                               const dealii::Quadrature<dim> &quadrature,
                               const std::function<double(unsigned int region)> &density);
} // namespace cspine
