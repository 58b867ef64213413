// The iterative solve on a stiff-soft body. Its relative tolerance bounds the true residual,
// |b - K x| <= tol |b|: the inexact Newton forcing terms (mechanics/forcing_term) ask for exactly that.
// PETSc's CG measures the preconditioned residual unless told otherwise, and with GAMG on a stiff-soft
// body that left the true residual several times above the tolerance. And `GAMG threshold` reaches GAMG,
// and a system whose stiff rows hold only their diagonal (K' of a system with rigid bodies) is solved on
// its soft block (mechanics/block_shell). Runs on any number of ranks.
#include "box_in_slabs.h"
#include "coupling_matrix.h"
#include "fe/discretization.h"
#include "fe/petsc_check.h"
#include "mechanics/linear_solver.h"

#include <deal.II/base/index_set.h>
#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>

#include <gtest/gtest.h>

#include <map>

namespace cspine
{
namespace
{
/// Linear elasticity (Lame lambda, mu) of every cell plus a small mass term that makes K positive definite
/// without supports: E = 1000 MPa where x < 2, 1 MPa elsewhere, nu = 0.3.
void assemble_contrasting_block(const dealii::DoFHandler<dim> &dofs, const Discretization &discretization, Matrix &K)
{
  const dealii::FiniteElement<dim> &fe = dofs.get_fe();
  dealii::FEValues<dim> values(*discretization.mapping, fe, discretization.cell_quadrature,
                               dealii::update_values | dealii::update_gradients | dealii::update_JxW_values);
  const dealii::FEValuesExtractors::Vector u(0);
  const unsigned int n = fe.n_dofs_per_cell();
  dealii::FullMatrix<double> cell_matrix(n, n);
  std::vector<dealii::types::global_dof_index> indices(n);
  for (const auto &cell : dofs.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    values.reinit(cell);
    const double E = cell->center()[0] < 2 ? 1000 : 1, nu = 0.3;
    const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = E / (2 * (1 + nu));
    cell_matrix = 0;
    for (unsigned int q = 0; q < values.n_quadrature_points; ++q)
      for (unsigned int i = 0; i < n; ++i)
        for (unsigned int j = 0; j < n; ++j)
          cell_matrix(i, j) += (lambda * values[u].divergence(i, q) * values[u].divergence(j, q) +
                                2 * mu * values[u].symmetric_gradient(i, q) * values[u].symmetric_gradient(j, q) +
                                1e-3 * values[u].value(i, q) * values[u].value(j, q)) *
                               values.JxW(q);
    cell->get_dof_indices(indices);
    K.add(indices, cell_matrix);
  }
  K.compress(dealii::VectorOperation::add);
}

/// A 4 x 1 x 1 bar of quadratic hexahedra, 1000 MPa where x < 2 and 1 MPa elsewhere, and a load along it.
struct ContrastingBar
{
  ContrastingBar() : mesh(comm), dofs(mesh)
  {
    testing::box_in_slabs(mesh, {8, 2, 2}, dealii::Point<dim>(4, 1, 1));
    dofs.distribute_dofs(*quadratic_hexahedra.fe);
    const dealii::IndexSet &owned = dofs.locally_owned_dofs();
    dealii::IndexSet relevant;
    dealii::DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    testing::coupling_matrix(dofs, K);
    assemble_contrasting_block(dofs, quadratic_hexahedra, K);
    // A load that varies along the bar, so that no single mode answers it.
    b.reinit(owned, comm);
    x.reinit(owned, comm);
    residual.reinit(owned, comm);
    for (const auto dof : owned)
      b[dof] = std::sin(0.37 * double(dof)) + 0.5;
    b.compress(dealii::VectorOperation::insert);
    u.reinit(owned, relevant, comm); // the reference configuration, for GAMG's rigid-body modes
  }

  const MPI_Comm comm = MPI_COMM_WORLD;
  dealii::parallel::fullydistributed::Triangulation<dim> mesh;
  const Discretization quadratic_hexahedra{false, 2};
  dealii::DoFHandler<dim> dofs;
  Matrix K;
  Vector b, x, residual, u;
};

TEST(IterativeSolve, ToleranceBoundsTheTrueResidual)
{
  ContrastingBar bar;
  Matrix &K = bar.K;
  Vector &b = bar.b, &x = bar.x, &residual = bar.residual;
  const Vector &u = bar.u;
  const Discretization &quadratic_hexahedra = bar.quadratic_hexahedra;
  const dealii::DoFHandler<dim> &dofs = bar.dofs;

  for (const LinearSolverSettings::Method method :
       {LinearSolverSettings::Method::cg, LinearSolverSettings::Method::gmres})
    for (const double tolerance : {1e-2, 1e-4})
    {
      LinearSolverSettings settings;
      settings.method = method;
      LinearSolver solver(settings, dofs, quadratic_hexahedra);
      x = 0;
      const LinearSolver::Result result = solver.solve(K, x, b, u, tolerance);
      ASSERT_TRUE(result.converged);
      EXPECT_GT(result.iterations, 1u); // a real Krylov solve, not a lucky first step
      K.vmult(residual, x);
      residual.sadd(-1, 1, b);
      EXPECT_LE(residual.l2_norm(), tolerance * b.l2_norm())
          << (method == LinearSolverSettings::Method::cg ? "cg" : "gmres") << ", tolerance " << tolerance;
    }
}

/// Rows of GAMG's first coarse level (the level below the finest) once the KSP is set up.
PetscInt first_coarse_rows(KSP ksp)
{
  PC pc;
  check_petsc(KSPGetPC(ksp, &pc), "KSPGetPC");
  PetscInt levels = 0;
  check_petsc(PCMGGetLevels(pc, &levels), "PCMGGetLevels");
  if (levels < 2)
    return 0;
  KSP smoother;
  check_petsc(PCMGGetSmoother(pc, levels - 2, &smoother), "PCMGGetSmoother");
  Mat coarse;
  check_petsc(KSPGetOperators(smoother, &coarse, nullptr), "KSPGetOperators");
  PetscInt rows = 0;
  check_petsc(MatGetSize(coarse, &rows, nullptr), "MatGetSize");
  return rows;
}

// `GAMG threshold` reaches GAMG: dropping the connections weaker than 0.05 of the diagonal (those across
// the 1000:1 interface among them) splits aggregates, so the first coarse level has more rows than with
// every connection kept (the default); the solve still meets its tolerance.
TEST(IterativeSolve, GamgThresholdReachesPetsc)
{
  ContrastingBar bar;
  std::vector<PetscInt> coarse_rows;
  for (const double threshold : {LinearSolverSettings().gamg_threshold, 0.05})
  {
    LinearSolverSettings settings;
    settings.method = LinearSolverSettings::Method::gmres;
    settings.gamg_threshold = threshold;
    LinearSolver solver(settings, bar.dofs, bar.quadratic_hexahedra);
    bar.x = 0;
    const LinearSolver::Result result = solver.solve_with_preconditioner(
        bar.K, bar.u, 1e-6, 1,
        [&](KSP ksp, LinearSolver::Result &counted)
        {
          coarse_rows.push_back(first_coarse_rows(ksp));
          return counted_solve(ksp, static_cast<const Vec &>(bar.b), static_cast<const Vec &>(bar.x), counted);
        });
    ASSERT_TRUE(result.converged) << "threshold " << threshold;
    bar.K.vmult(bar.residual, bar.x);
    bar.residual.sadd(-1, 1, bar.b);
    EXPECT_LE(bar.residual.l2_norm(), 1e-6 * bar.b.l2_norm()) << "threshold " << threshold;
  }
  ASSERT_EQ(coarse_rows.size(), 2u);
  EXPECT_GT(coarse_rows[0], 0);
  EXPECT_GT(coarse_rows[1], coarse_rows[0]);
}

/// The stiff half of the bar made rigid as mechanics/rigid_body_solve does: its rows and columns of K
/// replaced by a diagonal (the pattern kept) and b zero there. The solve on the soft block must meet its
/// tolerance on that whole K' and agree with the direct solve of the block; the KSP the caller gets
/// multiplies by K' (to round-off) and scales the stiff rows by the inverse diagonal. For CG and GMRES.
void expect_soft_block_solves_replaced_rows(const LinearSolverSettings::Method method)
{
  ContrastingBar bar;
  std::map<dealii::types::global_dof_index, dealii::Point<dim>> points;
  dealii::DoFTools::map_dofs_to_support_points(*bar.quadratic_hexahedra.mapping, bar.dofs, points);
  std::vector<PetscInt> stiff;
  std::vector<dealii::types::global_dof_index> soft;
  for (const auto dof : bar.dofs.locally_owned_dofs())
    if (points.at(dof)[0] < 1.5)
      stiff.push_back(static_cast<PetscInt>(dof));
    else
      soft.push_back(dof);
  constexpr double diagonal = 700;
  check_petsc(MatZeroRowsColumns(bar.K.petsc_matrix(), static_cast<PetscInt>(stiff.size()), stiff.data(), diagonal,
                                 nullptr, nullptr),
              "MatZeroRowsColumns");
  for (const PetscInt dof : stiff)
    bar.b[dof] = 0;
  bar.b.compress(dealii::VectorOperation::insert);

  Vector direct_x(bar.b), probe(bar.b), product(bar.b), expected(bar.b);
  for (const auto dof : bar.dofs.locally_owned_dofs())
    probe[dof] = std::cos(0.61 * double(dof));
  probe.compress(dealii::VectorOperation::insert);
  bar.K.vmult(expected, probe);

  LinearSolverSettings settings;
  settings.method = method;
  LinearSolver solver(settings, bar.dofs, bar.quadratic_hexahedra);
  bar.x = 0;
  const LinearSolver::Result result = solver.solve_block_with_preconditioner(
      bar.K, soft, bar.u, 1e-8, 1,
      [&](KSP ksp, LinearSolver::Result &counted)
      {
        Mat shell = nullptr;
        check_petsc(KSPGetOperators(ksp, &shell, nullptr), "KSPGetOperators");
        check_petsc(MatMult(shell, static_cast<const Vec &>(probe), static_cast<const Vec &>(product)), "MatMult");
        PC pc = nullptr;
        check_petsc(KSPGetPC(ksp, &pc), "KSPGetPC");
        Vector scaled(bar.b);
        check_petsc(PCApply(pc, static_cast<const Vec &>(probe), static_cast<const Vec &>(scaled)), "PCApply");
        for (const PetscInt dof : stiff)
          EXPECT_NEAR(scaled[dof], probe[dof] / diagonal, 1e-15) << "DoF " << dof;
        return counted_solve(ksp, static_cast<const Vec &>(bar.b), static_cast<const Vec &>(bar.x), counted);
      });
  ASSERT_TRUE(result.converged);
  EXPECT_GT(result.iterations, 1u);
  product -= expected;
  EXPECT_LE(product.l2_norm(), 1e-12 * expected.l2_norm());
  bar.K.vmult(bar.residual, bar.x);
  bar.residual.sadd(-1, 1, bar.b);
  EXPECT_LE(bar.residual.l2_norm(), 1e-8 * bar.b.l2_norm());

  LinearSolverSettings direct_settings;
  direct_settings.method = LinearSolverSettings::Method::direct;
  LinearSolver direct(direct_settings, bar.dofs, bar.quadratic_hexahedra);
  ASSERT_TRUE(direct.solve_block(bar.K, soft, {&direct_x}, {&bar.b}).converged);
  direct_x -= bar.x;
  EXPECT_LE(direct_x.l2_norm(), 1e-6 * bar.x.l2_norm());
}

TEST(IterativeSolve, SoftBlockSolvesReplacedRows)
{
  for (const auto method : {LinearSolverSettings::Method::cg, LinearSolverSettings::Method::gmres})
    expect_soft_block_solves_replaced_rows(method);
}

TEST(MpiIterativeSolve, SoftBlockSolvesReplacedRows)
{
  for (const auto method : {LinearSolverSettings::Method::cg, LinearSolverSettings::Method::gmres})
    expect_soft_block_solves_replaced_rows(method);
}
} // namespace
} // namespace cspine
