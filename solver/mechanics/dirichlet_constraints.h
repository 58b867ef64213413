// Constraints for the Newton update: the first iteration of a step moves the prescribed components
// from their current values to those at the new time (inhomogeneous); later iterations keep them.
#pragma once

#include "loads/boundary_conditions.h"
#include "mechanics/discretization.h"

#include <deal.II/base/index_set.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_vector.h>

#include <map>
#include <vector>

namespace cspine
{
class DirichletConstraints
{
public:
  DirichletConstraints(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                       const std::vector<DirichletCondition> &conditions);

  /// Constrained values g(t) - u for the first Newton iteration; `u` is ghosted.
  dealii::AffineConstraints<double> increment(double time, const dealii::PETScWrappers::MPI::Vector &u) const;

  /// The same DoFs, all zero.
  const dealii::AffineConstraints<double> &homogeneous() const { return zero; }

  /// The locally owned DoFs of each condition's boundary, per component [boundary index][component].
  const std::vector<std::array<std::vector<dealii::types::global_dof_index>, dim>> &owned_boundary_dofs() const
  {
    return boundary_dofs;
  }

private:
  std::map<dealii::types::global_dof_index, double> prescribed_values(double time) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const std::vector<DirichletCondition> &conditions;
  dealii::IndexSet relevant;
  dealii::AffineConstraints<double> zero;
  std::vector<std::array<std::vector<dealii::types::global_dof_index>, dim>> boundary_dofs;
};
} // namespace cspine
