// The stiffness of each cell at the stress-free reference state, K0_ij = int sym(grad N_i) : CC(F = I) :
// sym(grad N_j) dV, from its region's material with a never-loaded state (the volumetric energy
// included, also where the run averages it at the nodes; no geometric term: S = 0 there). The matrix of
// Rayleigh stiffness-proportional damping (Inertia): constant, so the damping force beta_R K0 v is linear in
// the velocity and its tangent exact.
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"
#include "mechanics/config.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>

#include <map>

namespace cspine
{
class ReferenceStiffness
{
public:
  ReferenceStiffness(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                     const std::map<unsigned int, RegionSettings> &regions);

  /// [N/mm] K0 of `cell` into `matrix` (resized to the cell's DoFs).
  void cell_matrix(const dealii::DoFHandler<dim>::active_cell_iterator &cell, dealii::FullMatrix<double> &matrix) const;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const std::map<unsigned int, RegionSettings> &regions;
  /// Made once: cell_matrix is called for every cell of every dynamic assembly.
  mutable dealii::FEValues<dim> fe_values;
};
} // namespace cspine
