// Constraints for the Newton update: the first iteration of a step moves the prescribed components
// from their current values to those at the new time (inhomogeneous); later iterations keep them.
// Prescribed DoFs come from the boundary conditions and, while its pose is prescribed, the head.
// Every rank knows the constraints of all DoFs it holds, including extra ghosts of coupling terms.
#pragma once

#include "fe/discretization.h"
#include "loads/boundary_conditions.h"
#include "loads/head_coupling.h"

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
  /// `relevant`: the DoFs this rank holds (locally relevant plus `shared`, the DoFs the coupling
  /// terms read, the same set on every rank); `head` may be null.
  DirichletConstraints(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                       const std::vector<DirichletCondition> &conditions, const dealii::IndexSet &relevant,
                       const dealii::IndexSet &shared, const HeadCoupling *head);

  /// Constrained values g(t) - u for the first Newton iteration of the step ending at `time`; `u` is ghosted.
  dealii::AffineConstraints<double> increment(double time, const dealii::PETScWrappers::MPI::Vector &u) const;

  /// The DoFs prescribed during the step ending at `time`, all zero.
  const dealii::AffineConstraints<double> &homogeneous(double time) const;

  /// The boundary conditions' DoFs only (prescribed at all times), all zero.
  const dealii::AffineConstraints<double> &always_prescribed() const { return zero[0]; }

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
  /// Constraints with the given values (DoFs of this rank's cells) plus the prescribed shared DoFs of
  /// every rank, so that each rank knows the constraints of every DoF it assembles into.
  dealii::AffineConstraints<double> consistent(const std::map<dealii::types::global_dof_index, double> &values) const;

  dealii::IndexSet relevant, shared;
  const HeadCoupling *head;
  /// Homogeneous constraints without [0] and with [1] the head's DoFs.
  std::array<dealii::AffineConstraints<double>, 2> zero;
  std::vector<std::array<std::vector<dealii::types::global_dof_index>, dim>> boundary_dofs;
};
} // namespace cspine
