#include "mechanics/viscous_stabilization.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

namespace cspine
{
ViscousStabilization::ViscousStabilization(const dealii::DoFHandler<dim> &dofs, const Discretization &discretization,
                                           const double eta)
    : dof_handler(dofs)
{
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  // Nodal volumes: each cell's volume shared equally by its support points (ghost cells included, so a
  // node on the partition boundary gets every cell's share on the rank that owns it).
  const auto &fe = dof_handler.get_fe();
  const auto &unit_points = fe.get_unit_support_points();
  std::vector<dealii::types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
  coefficients.assign(owned.n_elements(), 0.0);
  components.assign(owned.n_elements(), 0);
  positions.resize(owned.n_elements());
  node_dofs.resize(owned.n_elements());
  const double nodes_per_cell = fe.n_dofs_per_cell() / static_cast<double>(dim);
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!(cell->is_locally_owned() || cell->is_ghost()))
      continue;
    cell->get_dof_indices(dof_indices);
    const double share = cell->measure() / nodes_per_cell;
    for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
      if (owned.is_element(dof_indices[i]))
      {
        const auto local = owned.index_within_set(dof_indices[i]);
        coefficients[local] += eta * share;
        const auto [component, base] = fe.system_to_component_index(i);
        components[local] = component;
        positions[local] = discretization.mapping->transform_unit_to_real_cell(cell, unit_points[i]);
        for (unsigned int j = 0; j < fe.n_dofs_per_cell(); ++j)
          if (fe.system_to_component_index(j).second == base)
            node_dofs[local][fe.system_to_component_index(j).first] = dof_indices[j];
      }
  }
  start.reinit(owned, dof_handler.get_communicator());
}

void ViscousStabilization::leave_out(const std::vector<dealii::types::global_dof_index> &owned_dofs)
{
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  for (const auto dof : owned_dofs)
    coefficients[owned.index_within_set(dof)] = 0;
}

DofList ViscousStabilization::owned_dofs() const
{
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  return DofList(owned.begin(), owned.end());
}

std::vector<double> ViscousStabilization::motion_since_start(const Vector &u, const DofList &dofs) const
{
  // Read in bulk: deal.II's element access asks PETSc for the array once per entry.
  std::vector<double> now(dofs.size()), then(dofs.size());
  u.extract_subvector_to(dofs.begin(), dofs.end(), now.begin());
  start.extract_subvector_to(dofs.begin(), dofs.end(), then.begin());
  for (std::size_t k = 0; k < dofs.size(); ++k)
    now[k] -= then[k];
  return now;
}

void ViscousStabilization::start_step(const Vector &u)
{
  const DofList dofs = owned_dofs();
  std::vector<double> values(dofs.size());
  u.extract_subvector_to(dofs.begin(), dofs.end(), values.begin());
  start.set(dofs, values);
  start.compress(dealii::VectorOperation::insert);
}

void ViscousStabilization::forces(const Vector &u, Vector &result) const
{
  const DofList dofs = owned_dofs();
  const std::vector<double> motion = motion_since_start(u, dofs);
  std::vector<double> values(dofs.size());
  for (unsigned int k = 0; k < coefficients.size(); ++k)
    values[k] = strength * coefficients[k] * motion[k];
  result = 0;
  result.set(dofs, values);
  result.compress(dealii::VectorOperation::insert);
}

void ViscousStabilization::assemble(const Vector &u, double, LocalSink &sink) const
{
  const DofList dofs = owned_dofs();
  const std::vector<double> motion = motion_since_start(u, dofs);
  std::vector<double> force(coefficients.size()), stiffness(coefficients.size());
  for (unsigned int k = 0; k < coefficients.size(); ++k)
  {
    stiffness[k] = strength * coefficients[k];
    force[k] = stiffness[k] * motion[k];
  }
  sink.add_internal_diagonal(dofs, force, stiffness);
}

double ViscousStabilization::moment(const Vector &u, const Vector &force, const dealii::Point<dim> &centre,
                                    const Vector3 &axis) const
{
  // Sum over DoFs of (x - c) x (f_d e_d) . axis, x the DoF's node's current position (u holds a node's
  // three DoFs on the rank that owns one of them: deal.II gives a vertex's DoFs one owner).
  const DofList dofs = owned_dofs();
  std::vector<double> owned_force(dofs.size());
  force.extract_subvector_to(dofs.begin(), dofs.end(), owned_force.begin());
  DofList nodes_dofs;
  nodes_dofs.reserve(dim * node_dofs.size());
  for (const auto &node : node_dofs)
    nodes_dofs.insert(nodes_dofs.end(), node.begin(), node.end());
  std::vector<double> displacements(nodes_dofs.size());
  u.extract_subvector_to(nodes_dofs.begin(), nodes_dofs.end(), displacements.begin());
  double sum = 0;
  for (unsigned int k = 0; k < coefficients.size(); ++k)
  {
    Vector3 f;
    f[components[k]] = owned_force[k];
    dealii::Point<dim> x = positions[k];
    for (unsigned int d = 0; d < dim; ++d)
      x[d] += displacements[dim * k + d];
    sum += dealii::cross_product_3d(x - centre, f) * axis;
  }
  return dealii::Utilities::MPI::sum(sum, dof_handler.get_communicator());
}
} // namespace cspine
