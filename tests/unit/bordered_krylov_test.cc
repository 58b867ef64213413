// The bordered GMRES (mechanics/bordered_krylov) on a small system [K B; B^T D] with a Lagrange row,
// against a dense solve of the same system: with an exact K^-1 and W = K^-1 B its preconditioner is the
// exact inverse and GMRES stops after one iteration; with Jacobi for K and W = M^-1 B it takes more and
// reaches the same answer; a singular corner is refused. On one rank and, as Mpi*, on two (K's rows and
// B's nonzeros split between them).
#include "fe/petsc_check.h"
#include "mechanics/bordered_krylov.h"

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>

#include <gtest/gtest.h>

#include <cmath>

namespace cspine
{
namespace
{
constexpr unsigned int n_rows = 40;

/// K: a stiff-soft chain (the first half 1000 times stiffer), with a small diagonal so that it is
/// positive definite; the same entries in `dense`.
void make_chain(const dealii::IndexSet &owned, const MPI_Comm comm, Matrix &K, dealii::FullMatrix<double> &dense)
{
  dealii::DynamicSparsityPattern pattern(n_rows, n_rows);
  for (unsigned int i = 0; i < n_rows; ++i)
    for (unsigned int j = (i > 0 ? i - 1 : 0); j <= std::min(i + 1, n_rows - 1); ++j)
      pattern.add(i, j);
  K.reinit(owned, owned, pattern, comm);
  dense.reinit(n_rows, n_rows);
  for (unsigned int e = 0; e + 1 < n_rows; ++e)
  {
    const double k = e < n_rows / 2 ? 1000 : 1;
    const unsigned int ends[2] = {e, e + 1};
    for (unsigned int a = 0; a < 2; ++a)
      for (unsigned int b = 0; b < 2; ++b)
        dense(ends[a], ends[b]) += a == b ? k : -k;
  }
  for (unsigned int i = 0; i < n_rows; ++i)
    dense(i, i) += 0.01;
  for (const auto row : owned)
    for (unsigned int j = (row > 0 ? row - 1 : 0); j <= std::min<unsigned int>(row + 1, n_rows - 1); ++j)
      K.set(row, j, dense(row, j));
  K.compress(dealii::VectorOperation::insert);
}

/// A preconditioner of K: an exact one (MUMPS' Cholesky) or Jacobi, set up.
PC make_preconditioner(Matrix &K, const bool exact)
{
  PC pc = nullptr;
  check_petsc(PCCreate(K.get_mpi_communicator(), &pc), "PCCreate");
  check_petsc(PCSetOperators(pc, K.petsc_matrix(), K.petsc_matrix()), "PCSetOperators");
  check_petsc(PCSetType(pc, exact ? PCCHOLESKY : PCJACOBI), "PCSetType");
  if (exact)
    check_petsc(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS), "PCFactorSetMatSolverType");
  check_petsc(PCSetUp(pc), "PCSetUp");
  return pc;
}

struct Outcome
{
  bool converged = false;
  unsigned int iterations = 0;
  double x_error = 0, y_error = 0;
  std::string failure;
};

/// Solves the bordered system with `exact` or Jacobi preconditioning (W = M^-1 B) and compares with the
/// dense solve, to the relative `tolerance`. `singular`: D's Lagrange row is zero, so the system has no unique
/// solution.
Outcome solve_and_compare(const bool exact, const double tolerance, const bool singular = false)
{
  const MPI_Comm comm = MPI_COMM_WORLD;
  const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(comm),
                     ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  dealii::IndexSet owned(n_rows);
  owned.add_range(rank * n_rows / ranks, (rank + 1) * n_rows / ranks);
  Matrix K;
  dealii::FullMatrix<double> dense_K;
  make_chain(owned, comm, K, dense_K);

  // Two columns, one at each end of the chain (on different ranks when there are two), and a corner
  // with a Lagrange row that ties y_0 to y_1.
  const unsigned int m = 2, n = 3, N = n_rows + n;
  dealii::FullMatrix<double> dense(N, N);
  for (unsigned int i = 0; i < n_rows; ++i)
    for (unsigned int j = 0; j < n_rows; ++j)
      dense(i, j) = dense_K(i, j);
  std::vector<Vector> columns(m, Vector(owned, comm));
  const double entries[2][3] = {{-300, -200, -100}, {-0.5, -0.25, -0.125}};
  for (unsigned int k = 0; k < 3; ++k)
  {
    const unsigned int rows[2] = {k, n_rows - 1 - k};
    for (unsigned int j = 0; j < m; ++j)
    {
      dense(rows[j], n_rows + j) = dense(n_rows + j, rows[j]) = entries[j][k];
      if (owned.is_element(rows[j]))
        columns[j](rows[j]) = entries[j][k];
    }
  }
  for (Vector &column : columns)
    column.compress(dealii::VectorOperation::insert);
  dealii::FullMatrix<double> corner(n, n);
  corner(0, 0) = 2000;
  corner(1, 1) = 3;
  corner(0, 1) = corner(1, 0) = 0.5;
  corner(0, 2) = corner(2, 0) = singular ? 0 : 1;
  corner(1, 2) = corner(2, 1) = singular ? 0 : -2;
  for (unsigned int i = 0; i < n; ++i)
    for (unsigned int j = 0; j < n; ++j)
      dense(n_rows + i, n_rows + j) = corner(i, j);

  dealii::Vector<double> dense_rhs(N), dense_solution(N), c(n), y;
  Vector b(owned, comm), x(owned, comm);
  for (unsigned int i = 0; i < N; ++i)
    dense_rhs(i) = std::sin(0.7 * i) + (i < n_rows / 2 ? 5 : 0);
  for (const auto row : owned)
    b(row) = dense_rhs(row);
  b.compress(dealii::VectorOperation::insert);
  for (unsigned int i = 0; i < n; ++i)
    c(i) = dense_rhs(n_rows + i);
  if (!singular)
  {
    dealii::FullMatrix<double> inverse(N, N);
    inverse.invert(dense);
    inverse.vmult(dense_solution, dense_rhs);
  }

  PC pc = make_preconditioner(K, exact);
  std::vector<Vector> preconditioned(m, Vector(owned, comm));
  for (unsigned int j = 0; j < m; ++j)
    check_petsc(PCApply(pc, static_cast<const Vec &>(columns[j]), static_cast<const Vec &>(preconditioned[j])),
                "PCApply");
  LinearSolver::Result result;
  Outcome outcome;
  outcome.converged =
      solve_bordered({K.petsc_matrix(), columns, preconditioned, corner}, pc, x, y, b, c, tolerance, 500, result);
  outcome.iterations = result.iterations;
  outcome.failure = result.failure;
  check_petsc(PCDestroy(&pc), "PCDestroy");
  if (!outcome.converged)
    return outcome;
  double x_error = 0, x_scale = 0;
  for (const auto row : owned)
  {
    x_error = std::max(x_error, std::abs(x(row) - dense_solution(row)));
    x_scale = std::max(x_scale, std::abs(dense_solution(row)));
  }
  outcome.x_error = dealii::Utilities::MPI::max(x_error, comm) / dealii::Utilities::MPI::max(x_scale, comm);
  double y_scale = 0;
  for (unsigned int i = 0; i < n; ++i)
  {
    outcome.y_error = std::max(outcome.y_error, std::abs(y(i) - dense_solution(n_rows + i)));
    y_scale = std::max(y_scale, std::abs(dense_solution(n_rows + i)));
  }
  outcome.y_error /= y_scale;
  return outcome;
}

void check_bordered_solves()
{
  // One iteration leaves a relative residual of about 1e-11 (MUMPS' round-off on the stiff-soft chain).
  const Outcome exact = solve_and_compare(true, 1e-9);
  ASSERT_TRUE(exact.converged) << exact.failure;
  EXPECT_EQ(exact.iterations, 1u);
  EXPECT_LT(exact.x_error, 1e-8);
  EXPECT_LT(exact.y_error, 1e-8);

  const Outcome jacobi = solve_and_compare(false, 1e-12);
  ASSERT_TRUE(jacobi.converged) << jacobi.failure;
  EXPECT_GT(jacobi.iterations, 5u);
  EXPECT_LT(jacobi.x_error, 1e-8);
  EXPECT_LT(jacobi.y_error, 1e-8);

  const Outcome singular = solve_and_compare(true, 1e-9, true);
  EXPECT_FALSE(singular.converged);
  EXPECT_NE(singular.failure.find("singular"), std::string::npos) << singular.failure;
}
} // namespace

TEST(BorderedKrylov, SolvesTheBorderedSystemAsADenseSolveDoes)
{
  check_bordered_solves();
}

TEST(MpiBorderedKrylov, SolvesTheBorderedSystemAsADenseSolveDoes)
{
  check_bordered_solves();
}
} // namespace cspine
