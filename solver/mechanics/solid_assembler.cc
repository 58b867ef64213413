#include "mechanics/solid_assembler.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>

#include <optional>

namespace cspine
{
namespace
{
/// [-] A cell whose volume ratio J falls to this has collapsed: the state is treated as invalid (as an
/// inverted one), so Newton cuts back instead of accepting it. No tissue here survives 0.1 % of its volume.
constexpr double collapsed_volume_ratio = 1e-3;
} // namespace

SolidAssembler::SolidAssembler(const dealii::DoFHandler<dim> &dofs, const Discretization &disc,
                               const std::map<unsigned int, RegionSettings> &region_settings,
                               const std::vector<TractionCondition> &tractions, QuadratureHistory &quadrature_history)
    : dof_handler(dofs), discretization(disc), regions(region_settings), history(quadrature_history)
{
  for (const TractionCondition &traction : tractions)
    traction_by_boundary[traction.boundary_id] = &traction;
}

bool SolidAssembler::residual(const Vector &u, const double time, Vector &result, double &force_scale) const
{
  Vector external(result.locally_owned_elements(), result.get_mpi_communicator());
  const bool valid = assemble(u, time, nullptr, nullptr, result, &external);
  force_scale = std::max(result.l2_norm(), external.l2_norm());
  result -= external;
  return valid;
}

bool SolidAssembler::system(const Vector &u, const double time, const dealii::AffineConstraints<double> &constraints,
                            Matrix &K, Vector &rhs) const
{
  return assemble(u, time, &constraints, &K, rhs, nullptr);
}

// Without a matrix: `internal` gets f_int and `external` f_ext, unconstrained. With a matrix: `internal`
// gets the condensed right-hand side -(f_int - f_ext).
bool SolidAssembler::assemble(const Vector &u, const double time, const dealii::AffineConstraints<double> *constraints,
                              Matrix *K, Vector &internal, Vector *external) const
{
  const dealii::FESystem<dim> &fe = *discretization.fe;
  const unsigned int n_dofs = fe.n_dofs_per_cell();
  const unsigned int n_q = discretization.cell_quadrature.size();
  const dealii::FEValuesExtractors::Vector displacement(0);

  dealii::FEValues<dim> fe_values(*discretization.mapping, fe, discretization.cell_quadrature,
                                  dealii::update_gradients | dealii::update_JxW_values |
                                      dealii::update_quadrature_points);
  dealii::FEFaceValues<dim> fe_face_values(*discretization.mapping, fe, discretization.face_quadrature,
                                           dealii::update_values | dealii::update_JxW_values |
                                               dealii::update_quadrature_points);

  dealii::FullMatrix<double> cell_matrix(n_dofs, n_dofs);
  dealii::Vector<double> cell_internal(n_dofs), cell_external(n_dofs);
  std::vector<dealii::types::global_dof_index> dof_indices(n_dofs);
  std::vector<Tensor2> displacement_gradients(n_q);
  std::vector<unsigned int> component(n_dofs);
  for (unsigned int i = 0; i < n_dofs; ++i)
    component[i] = fe.system_to_component_index(i).first;
  std::vector<SymTensor2> B(n_dofs), CC_B(n_dofs);
  std::vector<Vector3> grad_phi(n_dofs), S_grad_phi(n_dofs);

  MaterialInput input;
  MaterialOutput output;
  input.time_step = time - history.committed_time();
  history.set_trial_time(time);
  bool valid = true;

  internal = 0;
  if (external)
    *external = 0;
  if (K)
    *K = 0;

  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    cell->get_dof_indices(dof_indices);
    cell_matrix = 0;
    cell_internal = 0;
    cell_external = 0;
    const RegionSettings &region = regions.at(cell->material_id());
    fe_values[displacement].get_function_gradients(u, displacement_gradients);

    for (unsigned int q = 0; q < n_q; ++q)
    {
      input.F = displacement_gradients[q];
      for (unsigned int d = 0; d < dim; ++d)
        input.F[d][d] += 1;
      // Not `<= 0`: a state with J = 1.7e-22 and |R| = 2e3 N was once accepted, the collapsed cell's
      // stress inflating the force scale that |R| is judged against. NaN fails too.
      if (!(dealii::determinant(input.F) > collapsed_volume_ratio))
      {
        valid = false;
        continue;
      }
      input.fibres = region.fibres.directions(fe_values.quadrature_point(q));
      input.volumetric = !region.nodal_volumetric;
      input.state = history.committed(*cell, q);
      output.state = history.trial(*cell, q);
      region.material->evaluate(input, output);
      const double JxW = fe_values.JxW(q);
      const Tensor2 F_transpose = dealii::transpose(input.F);

      for (unsigned int i = 0; i < n_dofs; ++i)
      {
        const Tensor2 grad_N = fe_values[displacement].gradient(i, q);
        grad_phi[i] = grad_N[component[i]];
        B[i] = dealii::symmetrize(F_transpose * grad_N);
        cell_internal(i) += (output.S * B[i]) * JxW;
      }
      if (!K)
        continue;
      for (unsigned int j = 0; j < n_dofs; ++j)
      {
        CC_B[j] = output.tangent * B[j];
        S_grad_phi[j] = output.S * grad_phi[j];
      }
      for (unsigned int i = 0; i < n_dofs; ++i)
        for (unsigned int j = 0; j < n_dofs; ++j)
        {
          double value = B[i] * CC_B[j];
          if (component[i] == component[j])
            value += grad_phi[i] * S_grad_phi[j];
          cell_matrix(i, j) += value * JxW;
        }
    }

    for (const unsigned int face : cell->face_indices())
    {
      if (!cell->face(face)->at_boundary())
        continue;
      const auto traction = traction_by_boundary.find(cell->face(face)->boundary_id());
      if (traction == traction_by_boundary.end())
        continue;
      fe_face_values.reinit(cell, face);
      for (unsigned int q = 0; q < fe_face_values.n_quadrature_points; ++q)
      {
        Vector3 t;
        for (unsigned int c = 0; c < dim; ++c)
          t[c] = traction->second->components[c]->value(fe_face_values.quadrature_point(q), time);
        for (unsigned int i = 0; i < n_dofs; ++i)
          cell_external(i) += fe_face_values[displacement].value(i, q) * t * fe_face_values.JxW(q);
      }
    }

    if (K)
    {
      cell_internal -= cell_external;
      cell_internal *= -1;
      constraints->distribute_local_to_global(cell_matrix, cell_internal, dof_indices, *K, internal);
    }
    else
    {
      internal.add(dof_indices, cell_internal);
      external->add(dof_indices, cell_external);
    }
  }

  std::optional<LocalSink> sink;
  if (K)
    sink.emplace(*constraints, *K, internal);
  else
    sink.emplace(internal, *external);
  for (const AssemblyTerm *term : terms)
    term->assemble(u, time, *sink);

  internal.compress(dealii::VectorOperation::add);
  if (external)
    external->compress(dealii::VectorOperation::add);
  if (K)
    K->compress(dealii::VectorOperation::add);
  return dealii::Utilities::MPI::min(valid ? 1 : 0, dof_handler.get_communicator()) == 1;
}
} // namespace cspine
