// Displacement at fixed reference points, found once in the locally owned cells and reduced over ranks.
#pragma once

#include "core/types.h"
#include "io/output_settings.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/petsc_vector.h>

#include <vector>

namespace cspine
{
class PointProbe
{
public:
  /// Throws InputError naming `file` if a point lies outside the mesh.
  PointProbe(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
             const std::vector<MonitorPoint> &points, const std::string &file);

  /// [mm] Displacement at each point (or any other nodal field: velocity, acceleration); `u` is ghosted.
  /// Collective.
  std::vector<Vector3> displacements(const dealii::PETScWrappers::MPI::Vector &u) const;

private:
  struct Hit
  {
    unsigned int point;
    dealii::DoFHandler<dim>::active_cell_iterator cell;
    dealii::Point<dim> unit_point;
  };
  const dealii::DoFHandler<dim> &dof_handler;
  const dealii::Mapping<dim> &mapping;
  unsigned int n_points;
  std::vector<Hit> hits;
  /// Number of ranks holding each point (a point on a partition boundary is averaged).
  std::vector<double> n_holders;
};
} // namespace cspine
