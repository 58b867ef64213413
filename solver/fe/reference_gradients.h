// The reference-configuration data of every locally owned cell at its quadrature points: the gradients
// of the scalar shape functions, JxW and the points. A total-Lagrangian assembly needs nothing else from
// the mapping, and these never change, so each assembly reads them instead of re-evaluating FEValues
// (about a third of the assembly time on quadratic hexahedra).
#pragma once

#include "core/types.h"
#include "fe/discretization.h"

#include <deal.II/dofs/dof_handler.h>

#include <vector>

namespace cspine
{
class ReferenceGradients
{
public:
  ReferenceGradients(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization);

  /// The cell's data: gradient(q, s) of scalar shape function s at point q, JxW(q), point(q).
  struct CellView
  {
    const Vector3 *gradients;
    const double *JxW_values;
    const dealii::Point<dim> *points;
    unsigned int n_scalar;
    const Vector3 &gradient(const unsigned int q, const unsigned int s) const { return gradients[q * n_scalar + s]; }
    double JxW(const unsigned int q) const { return JxW_values[q]; }
    const dealii::Point<dim> &point(const unsigned int q) const { return points[q]; }
  };
  CellView cell(const dealii::CellAccessor<dim> &cell) const;

  /// Per system DoF i of a cell: its displacement component and its scalar shape function.
  unsigned int component(const unsigned int i) const { return components[i]; }
  unsigned int scalar(const unsigned int i) const { return scalars[i]; }
  unsigned int n_quadrature_points() const { return n_q; }

  /// [MB] Memory these arrays take on this rank.
  double megabytes() const;

private:
  unsigned int n_q, n_scalar;
  std::vector<unsigned int> components, scalars;
  /// Offsets by active cell index (invalid for cells that are not locally owned).
  std::vector<unsigned int> first_point;
  std::vector<Vector3> gradients;
  std::vector<double> JxW_values;
  std::vector<dealii::Point<dim>> points;
};
} // namespace cspine
