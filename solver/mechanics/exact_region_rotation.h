// A Newton update is linear in the rotation it makes: a stiff region (bone) it turns by theta is also
// stretched by about theta^2 / 2, which in 3500 MPa bone turned 2.5 deg (a step of the default rotary
// thrust) leaves residual forces of hundreds of newtons that the next update must undo. This replaces,
// in a step's first update, each listed region's linearised rotation by the exact one: the region's
// least-squares rigid motion in the update gives its rotation vector w, and each node gains
// (R(w) - I - [w]x)(x - c), x its current position and c the region's centroid. The update's strain
// (what is left of it beyond the rigid motion) stays as solved.
#pragma once

#include "core/types.h"
#include "fe/assembly_term.h"
#include "fe/node_set.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <utility>
#include <vector>

namespace cspine
{
class LocalEntries;

class ExactRegionRotation
{
public:
  /// The regions by material id (the same list on every rank); nodes with a prescribed DoF in
  /// `prescribed` are left out (they keep their prescribed values).
  ExactRegionRotation(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                      const std::vector<unsigned int> &region_ids, const dealii::AffineConstraints<double> &prescribed);

  /// Adds to trial (= u + alpha du on the owned DoFs) each region's correction for the update alpha du
  /// from u. Collective.
  void apply(const Vector &u, const Vector &du, double alpha, Vector &trial) const;

private:
  /// Each region's correction at its owned nodes, appended as (DoF, value). Collective.
  void add_corrections(const LocalEntries &u, const LocalEntries &du, double alpha,
                       std::vector<std::pair<dealii::types::global_dof_index, double>> &corrections) const;

  /// Each region's owned nodes but the prescribed ones, in the same order of regions on every rank.
  std::vector<std::vector<Node>> regions;
  MPI_Comm comm;
};
} // namespace cspine
