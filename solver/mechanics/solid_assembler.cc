#include "mechanics/solid_assembler.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>

#include <petscmat.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>

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
    : dof_handler(dofs), discretization(disc), reference(dofs, disc), regions(region_settings),
      history(quadrature_history)
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

namespace
{
/// The first elasticity tensor dP/dF as 3 x 3 blocks: A[i][j][b][d] = dP_ib/dF_jd
///   = F_ia CC_abcd F_jc + delta_ij S_bd (P = F S; Holzapfel 2000, sec. 6.6).
/// Returns whether it has major symmetry, A[i][j][b][d] = A[j][i][d][b] (every hyperelastic CC does).
bool elasticity_blocks(const Tensor2 &F, const SymTensor2 &S, const SymTensor4 &CC, double (&A)[3][3][3][3])
{
  // CC's entries once: the symmetric tensor's indexed access is slow in this loop.
  double C[3][3][3][3];
  for (unsigned int a = 0; a < dim; ++a)
    for (unsigned int b = a; b < dim; ++b)
      for (unsigned int c = 0; c < dim; ++c)
        for (unsigned int d = c; d < dim; ++d)
          C[a][b][c][d] = C[b][a][c][d] = C[a][b][d][c] = C[b][a][d][c] = CC[a][b][c][d];
  double FC[3][3][3][3]; // F_ia CC_abcd
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int b = 0; b < dim; ++b)
      for (unsigned int c = 0; c < dim; ++c)
        for (unsigned int d = 0; d < dim; ++d)
          FC[i][b][c][d] = F[i][0] * C[0][b][c][d] + F[i][1] * C[1][b][c][d] + F[i][2] * C[2][b][c][d];
  double largest = 0;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      for (unsigned int b = 0; b < dim; ++b)
        for (unsigned int d = 0; d < dim; ++d)
        {
          A[i][j][b][d] =
              FC[i][b][0][d] * F[j][0] + FC[i][b][1][d] * F[j][1] + FC[i][b][2][d] * F[j][2] + (i == j ? S[b][d] : 0.0);
          largest = std::max(largest, std::abs(A[i][j][b][d]));
        }
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = i; j < dim; ++j)
      for (unsigned int b = 0; b < dim; ++b)
        for (unsigned int d = 0; d < dim; ++d)
          if (std::abs(A[i][j][b][d] - A[j][i][d][b]) > 1e-12 * largest)
            return false;
  return true;
}

void check_petsc(const PetscErrorCode code)
{
  if (code != 0)
    throw std::runtime_error("PETSc call failed in the assembly (MatSetValues)");
}

void mirror_upper_triangle(dealii::FullMatrix<double> &matrix)
{
  for (unsigned int i = 0; i < matrix.m(); ++i)
    for (unsigned int j = 0; j < i; ++j)
      matrix(i, j) = matrix(j, i);
}
} // namespace

// Without a matrix: `internal` gets f_int and `external` f_ext, unconstrained. With a matrix: `internal`
// gets the condensed right-hand side -(f_int - f_ext).
bool SolidAssembler::assemble(const Vector &u, const double time, const dealii::AffineConstraints<double> *constraints,
                              Matrix *K, Vector &internal, Vector *external) const
{
  const dealii::FESystem<dim> &fe = *discretization.fe;
  const unsigned int n_dofs = fe.n_dofs_per_cell();
  const unsigned int n_q = reference.n_quadrature_points();
  const dealii::FEValuesExtractors::Vector displacement(0);

  dealii::FEFaceValues<dim> fe_face_values(*discretization.mapping, fe, discretization.face_quadrature,
                                           dealii::update_values | dealii::update_JxW_values |
                                               dealii::update_quadrature_points);

  dealii::FullMatrix<double> cell_matrix(n_dofs, n_dofs);
  dealii::Vector<double> cell_internal(n_dofs), cell_external(n_dofs), cell_u(n_dofs);
  std::vector<dealii::types::global_dof_index> dof_indices(n_dofs);
  std::vector<PetscInt> petsc_indices(n_dofs);
  std::vector<unsigned int> order(n_dofs);
  std::vector<double> sorted_matrix(n_dofs * n_dofs);
  const PetscInt n = static_cast<PetscInt>(n_dofs);
  std::vector<unsigned int> component(n_dofs), scalar(n_dofs);
  for (unsigned int i = 0; i < n_dofs; ++i)
  {
    component[i] = reference.component(i);
    scalar[i] = reference.scalar(i);
  }
  // JxW dP/dF applied to the gradient of DoF j, per component c of the row DoF and direction b:
  // H[(3 c + b) n_dofs + j], contiguous in j so that the row loop below vectorises.
  std::vector<double> H(9 * n_dofs);
  double A[3][3][3][3];
  Tensor2 identity;
  for (unsigned int d = 0; d < dim; ++d)
    identity[d][d] = 1;

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
    const ReferenceGradients::CellView geometry = reference.cell(*cell);
    cell->get_dof_indices(dof_indices);
    cell->get_dof_values(u, cell_u);
    cell_matrix = 0;
    cell_internal = 0;
    cell_external = 0;
    // Only the upper triangle while every point's tangent is symmetric; mirrored below.
    bool symmetric = true;
    const RegionSettings &region = regions.at(cell->material_id());
    // A rigid region's cells move rigidly (loads/rigid_bones): no strain, no stress, and a tangent that is
    // zero on the body's modes (its own rows are replaced in the solve), so only their tractions count.
    const unsigned int strained_points = region.rigid ? 0 : n_q;

    for (unsigned int q = 0; q < strained_points; ++q)
    {
      // grad u summed from zero and the identity added last: summing onto the identity rounds every term
      // to 1e-16 absolute, enough noise in the stress of a stiff region to hold |R| above a 1e-11 N tolerance.
      Tensor2 displacement_gradient;
      for (unsigned int i = 0; i < n_dofs; ++i)
        displacement_gradient[component[i]] += cell_u(i) * geometry.gradient(q, scalar[i]);
      input.F = displacement_gradient + identity;
      // Not `<= 0`: a state with J = 1.7e-22 and |R| = 2e3 N was once accepted, the collapsed cell's
      // stress inflating the force scale that |R| is judged against. NaN fails too.
      if (!(dealii::determinant(input.F) > collapsed_volume_ratio))
      {
        valid = false;
        continue;
      }
      input.fibres = region.fibres.directions(geometry.point(q));
      input.volumetric = !region.nodal_volumetric;
      input.state = history.committed(*cell, q);
      output.state = history.trial(*cell, q);
      region.material->evaluate(input, output);
      const double JxW = geometry.JxW(q);
      // First Piola-Kirchhoff stress P = F S: f_i = int P : grad N_i dV.
      const Tensor2 P = input.F * Tensor2(output.S);
      for (unsigned int i = 0; i < n_dofs; ++i)
        cell_internal(i) += (P[component[i]] * geometry.gradient(q, scalar[i])) * JxW;
      if (!K)
        continue;

      if (!elasticity_blocks(input.F, output.S, output.tangent, A) && symmetric)
      {
        mirror_upper_triangle(cell_matrix);
        symmetric = false;
      }
      for (unsigned int j = 0; j < n_dofs; ++j)
      {
        const Vector3 &g = geometry.gradient(q, scalar[j]);
        const unsigned int cj = component[j];
        for (unsigned int ci = 0; ci < dim; ++ci)
          for (unsigned int b = 0; b < dim; ++b)
            H[(3 * ci + b) * n_dofs + j] =
                JxW * (A[ci][cj][b][0] * g[0] + A[ci][cj][b][1] * g[1] + A[ci][cj][b][2] * g[2]);
      }
      for (unsigned int i = 0; i < n_dofs; ++i)
      {
        const Vector3 &g = geometry.gradient(q, scalar[i]);
        const double *H0 = &H[3 * component[i] * n_dofs], *H1 = H0 + n_dofs, *H2 = H1 + n_dofs;
        double *K_row = &cell_matrix(i, 0);
        for (unsigned int j = symmetric ? i : 0; j < n_dofs; ++j)
          K_row[j] += g[0] * H0[j] + g[1] * H1[j] + g[2] * H2[j];
      }
    }
    if (K && symmetric)
      mirror_upper_triangle(cell_matrix);

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

    if (strained_points == 0 && cell_external.linfty_norm() == 0)
      continue;
    if (K)
    {
      cell_internal -= cell_external;
      cell_internal *= -1;
      if (std::none_of(dof_indices.begin(), dof_indices.end(),
                       [&](const auto dof) { return constraints->is_constrained(dof); }))
      {
        // No constraint touches the cell (most cells): the block goes to PETSc in one call, about
        // half the assembly time less than the constraints' row-by-row distribution.
        // In ascending order, so that PETSc finds each row's columns in one sweep.
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(),
                  [&](const unsigned int a, const unsigned int b) { return dof_indices[a] < dof_indices[b]; });
        for (unsigned int i = 0; i < n_dofs; ++i)
        {
          petsc_indices[i] = static_cast<PetscInt>(dof_indices[order[i]]);
          for (unsigned int j = 0; j < n_dofs; ++j)
            sorted_matrix[i * n_dofs + j] = cell_matrix(order[i], order[j]);
        }
        check_petsc(MatSetValues(K->petsc_matrix(), n, petsc_indices.data(), n, petsc_indices.data(),
                                 sorted_matrix.data(), ADD_VALUES));
        internal.add(dof_indices, cell_internal);
      }
      else
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
