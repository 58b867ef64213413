#include "mechanics/solid_assembler.h"
#include "fe/fixed_diagonal.h"
#include "fe/petsc_check.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/lapack_templates.h>

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
  return assemble_with_residual(u, time, nullptr, nullptr, nullptr, result, force_scale);
}

bool SolidAssembler::system(const Vector &u, const double time, const dealii::AffineConstraints<double> &constraints,
                            Matrix &K, Vector &rhs, Vector *residual, double *force_scale) const
{
  if (!residual)
    return assemble(u, time, &constraints, &K, &rhs, nullptr, nullptr);
  return assemble_with_residual(u, time, &constraints, &K, &rhs, *residual, *force_scale);
}

bool SolidAssembler::assemble_with_residual(const Vector &u, const double time,
                                            const dealii::AffineConstraints<double> *constraints, Matrix *K,
                                            Vector *rhs, Vector &result, double &force_scale) const
{
  Vector external(result.locally_owned_elements(), result.get_mpi_communicator());
  const bool valid = assemble(u, time, constraints, K, rhs, &result, &external);
  force_scale = std::max(result.l2_norm(), external.l2_norm());
  result -= external;
  return valid;
}

namespace
{
/// The first elasticity tensor dP/dF as 3 x 3 blocks: A[i][j][b][d] = dP_ib/dF_jd
///   = F_ia CC_abcd F_jc + delta_ij S_bd (P = F S; Holzapfel 2000, sec. 6.6).
void elasticity_blocks(const Tensor2 &F, const SymTensor2 &S, const SymTensor4 &CC, double (&A)[3][3][3][3])
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
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      for (unsigned int b = 0; b < dim; ++b)
        for (unsigned int d = 0; d < dim; ++d)
          A[i][j][b][d] =
              FC[i][b][0][d] * F[j][0] + FC[i][b][1][d] * F[j][1] + FC[i][b][2][d] * F[j][2] + (i == j ? S[b][d] : 0.0);
}

} // namespace

// With a matrix: `rhs` gets the condensed right-hand side -(f_int - f_ext). `internal` and `external`
// (both or neither) get f_int and f_ext, unconstrained, summed in the same order with or without a matrix.
bool SolidAssembler::assemble(const Vector &u, const double time, const dealii::AffineConstraints<double> *constraints,
                              Matrix *K, Vector *rhs, Vector *internal, Vector *external) const
{
  const dealii::FESystem<dim> &fe = *discretization.fe;
  const unsigned int n_dofs = fe.n_dofs_per_cell();
  const unsigned int n_q = reference.n_quadrature_points();
  const dealii::FEValuesExtractors::Vector displacement(0);

  dealii::FEFaceValues<dim> fe_face_values(*discretization.mapping, fe, discretization.face_quadrature,
                                           dealii::update_values | dealii::update_JxW_values |
                                               dealii::update_quadrature_points);

  dealii::FullMatrix<double> cell_matrix(n_dofs, n_dofs);
  dealii::Vector<double> cell_internal(n_dofs), cell_external(n_dofs), cell_u(n_dofs), fixed_diagonal_values(n_dofs);
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
  // The cell's tangent as one matrix product over all its points, K_(s c) j = sum_(q b) G_s(q b) H_(q b)(c j),
  // which BLAS runs at several times the speed of a hand-written loop per point:
  //   G_s(q b) = dN_s/dX_b at point q, for the scalar shape functions s;
  //   H_(q b)(c j) = JxW (dP_cb/dF_(c_j) d) dN_(s_j)/dX_d: the stress change at q from DoF j's unit motion.
  const unsigned int n_scalar = 1 + *std::max_element(scalar.begin(), scalar.end());
  const unsigned int n_point_directions = dim * n_q, n_component_columns = dim * n_dofs;
  std::vector<double> G(n_scalar * n_point_directions), H(n_point_directions * n_component_columns),
      GH(n_scalar * n_component_columns);
  double A[3][3][3][3];
  Tensor2 identity;
  for (unsigned int d = 0; d < dim; ++d)
    identity[d][d] = 1;

  MaterialInput input;
  input.tangent = K != nullptr;
  MaterialOutput output;
  input.time_step = time - history.committed_time();
  history.set_trial_time(time);
  bool valid = true;

  for (Vector *vector : {rhs, internal, external})
    if (vector)
      *vector = 0;
  // What blocks whose every DoF is fixed give K (cells here, the terms' blocks in the sink).
  std::optional<FixedDiagonal> fixed_diagonal;
  if (K)
  {
    *K = 0;
    matrix_positions.open(K->petsc_matrix());
    fixed_diagonal.emplace(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
  }
  // The value arrays go back to PETSc however the cell loop ends (without the collective exchange when
  // it ends in an exception).
  struct CloseAtExit
  {
    CellMatrixPositions &positions;
    bool closed = false;
    ~CloseAtExit()
    {
      if (!closed)
        positions.abandon();
    }
  } close_at_exit{matrix_positions};

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
    const RegionSettings &region = regions.at(cell->material_id());
    // A rigid region's cells move rigidly (loads/rigid_bones): no strain, no stress, and a tangent that is
    // zero on the body's modes (its own rows are replaced in the solve), so only their tractions count.
    const unsigned int strained_points = region.rigid ? 0 : n_q;
    const unsigned int index = cell->active_cell_index();
    // Whether K's condensation touches the cell, and whether it leaves the cell only its diagonal (every DoF
    // fixed): then the cell's evaluation is kept for the step's later assemblies.
    const bool constrained = K && std::any_of(dof_indices.begin(), dof_indices.end(),
                                              [&](const auto dof) { return constraints->is_constrained(dof); });
    const bool fixed = constrained && all_fixed(*constraints, dof_indices);
    const bool keep = strained_points > 0 && (K ? fixed : fixed_cells.tracks(index));
    if (K && !fixed)
      fixed_cells.forget(index);
    const FixedCellCache::Entry *kept =
        keep ? fixed_cells.find(index, cell_u, time, history.generation(), K != nullptr) : nullptr;
    bool cell_valid = true;

    if (kept)
      cell_internal = kept->forces;
    for (unsigned int q = 0; q < (kept ? 0 : strained_points); ++q)
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
        cell_valid = false;
        for (unsigned int s = 0; s < n_scalar; ++s)
          for (unsigned int b = 0; b < dim; ++b)
            G[s * n_point_directions + dim * q + b] = 0;
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

      elasticity_blocks(input.F, output.S, output.tangent, A);
      for (unsigned int s = 0; s < n_scalar; ++s)
        for (unsigned int b = 0; b < dim; ++b)
          G[s * n_point_directions + dim * q + b] = geometry.gradient(q, s)[b];
      for (unsigned int b = 0; b < dim; ++b)
      {
        double *H_row = &H[(dim * q + b) * n_component_columns];
        for (unsigned int j = 0; j < n_dofs; ++j)
        {
          const Vector3 &g = geometry.gradient(q, scalar[j]);
          const unsigned int cj = component[j];
          for (unsigned int ci = 0; ci < dim; ++ci)
            H_row[ci * n_dofs + j] = JxW * (A[ci][cj][b][0] * g[0] + A[ci][cj][b][1] * g[1] + A[ci][cj][b][2] * g[2]);
        }
      }
    }
    valid = valid && cell_valid;
    if (K && strained_points > 0 && !kept)
    {
      // Row-major GH = G H is column-major (GH)^T = H^T G^T, which is what BLAS is handed.
      const dealii::types::blas_int m = n_component_columns, columns = n_scalar, inner = n_point_directions;
      const double one = 1, zero = 0;
      dealii::gemm("N", "N", &m, &columns, &inner, &one, H.data(), &m, G.data(), &inner, &zero, GH.data(), &m);
      for (unsigned int i = 0; i < n_dofs; ++i)
        std::copy_n(&GH[scalar[i] * n_component_columns + component[i] * n_dofs], n_dofs, &cell_matrix(i, 0));
    }

    // What the cell gives the fixed DoFs' diagonal, and its evaluation kept for the step's later assemblies.
    if (fixed && !kept)
      FixedDiagonal::diagonal_of(cell_matrix, fixed_diagonal_values);
    if (keep && !kept)
    {
      if (cell_valid)
        fixed_cells.store(index, cell_u, time, history.generation(), cell_internal,
                          K ? &fixed_diagonal_values : nullptr);
      else
        fixed_cells.forget(index);
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

    if (strained_points == 0 && cell_external.linfty_norm() == 0)
      continue;
    if (internal)
    {
      internal->add(dof_indices, cell_internal);
      external->add(dof_indices, cell_external);
    }
    if (K)
    {
      cell_internal -= cell_external;
      cell_internal *= -1;
      if (!constrained)
      {
        // No constraint touches the cell (most cells): the block goes straight into K's value arrays (rows
        // of other ranks through PETSc), or, where that is not possible, to PETSc in one call; either is
        // far cheaper than the constraints' row-by-row distribution.
        if (!matrix_positions.add(cell->active_cell_index(), dof_indices, cell_matrix))
        {
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
                                   sorted_matrix.data(), ADD_VALUES),
                      "MatSetValues");
        }
        rhs->add(dof_indices, cell_internal);
      }
      else if (fixed)
        fixed_diagonal->add(dof_indices, kept ? kept->diagonal : fixed_diagonal_values);
      else
        constraints->distribute_local_to_global(cell_matrix, cell_internal, dof_indices, *K, *rhs);
    }
  }

  // The positions stay open for the terms: a term's block on a cell's DoFs (its mass) goes to them too.
  std::optional<LocalSink> sink;
  if (K)
    sink.emplace(*constraints, *K, *rhs, internal, external, &*fixed_diagonal, &matrix_positions);
  else
    sink.emplace(*internal, *external);
  for (const AssemblyTerm *term : terms)
    term->assemble(u, time, *sink);
  close_at_exit.closed = true;
  if (!matrix_positions.close())
    throw std::logic_error("The system matrix gained a nonzero outside its pattern during the assembly, so "
                           "the cells' direct adds may be lost: the sparsity pattern misses an entry.");

  for (Vector *vector : {rhs, internal, external})
    if (vector)
      vector->compress(dealii::VectorOperation::add);
  if (K)
  {
    K->compress(dealii::VectorOperation::add);
    fixed_diagonal->add_to(*K);
  }
  return dealii::Utilities::MPI::min(valid ? 1 : 0, dof_handler.get_communicator()) == 1;
}
} // namespace cspine
