#include "mechanics/bordered_krylov.h"
#include "fe/petsc_check.h"

#include "mechanics/local_entries.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <petscksp.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
/// A column's nonzero entries by local position (B's columns are nonzero near one body only).
struct SparseColumn
{
  std::vector<std::size_t> positions;
  std::vector<double> values;
};

SparseColumn nonzeros(const Vector &column)
{
  SparseColumn sparse;
  const LocalEntries entries(column);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries.local(i) != 0)
    {
      sparse.positions.push_back(i);
      sparse.values.push_back(entries.local(i));
    }
  return sparse;
}

/// What the shell matrix and the shell preconditioner share. A vector of the whole system holds, on each
/// rank, that rank's rows of x and then, on rank 0 only, y.
struct Bordered
{
  Bordered(const BorderedSystem &bordered, PC preconditioner_of_k, const Vector &like)
      : system(bordered), preconditioner(preconditioner_of_k), comm(like.get_mpi_communicator()),
        owned(like.locally_owned_size()), x_in(like), x_out(like), y_in(bordered.corner.m()), y_out(bordered.corner.m())
  {
    for (const Vector &column : bordered.columns)
      columns.push_back(nonzeros(column));
    for (const Vector &column : bordered.preconditioned_columns)
      preconditioned_columns.push_back(static_cast<const Vec &>(column));
  }

  const BorderedSystem &system;
  PC preconditioner;
  MPI_Comm comm;
  std::size_t owned = 0;
  std::vector<SparseColumn> columns;
  /// W's PETSc vectors (handles), for one VecMAXPY.
  std::vector<Vec> preconditioned_columns;
  dealii::FullMatrix<double> schur_inverse;
  Vector x_in, x_out;
  dealii::Vector<double> y_in, y_out;

  std::size_t m() const { return columns.size(); }
  std::size_t n() const { return system.corner.m(); }
  bool holds_border() const { return dealii::Utilities::MPI::this_mpi_process(comm) == 0; }

  /// Splits a vector of the whole system into x and y (y then on every rank).
  void split(const Vec whole, Vector &x, dealii::Vector<double> &y) const
  {
    const PetscScalar *data = nullptr;
    check_petsc(VecGetArrayRead(whole, &data), "VecGetArrayRead");
    PetscScalar *x_data = nullptr;
    Vec x_vec = static_cast<const Vec &>(x); // a handle: written through it
    check_petsc(VecGetArray(x_vec, &x_data), "VecGetArray");
    std::copy(data, data + owned, x_data);
    check_petsc(VecRestoreArray(x_vec, &x_data), "VecRestoreArray");
    if (holds_border())
      std::copy(data + owned, data + owned + n(), y.begin());
    check_petsc(VecRestoreArrayRead(whole, &data), "VecRestoreArrayRead");
    const int code = MPI_Bcast(y.data(), static_cast<int>(n()), MPI_DOUBLE, 0, comm);
    if (code != MPI_SUCCESS)
      throw std::runtime_error("MPI_Bcast failed");
  }

  void join(const Vector &x, const dealii::Vector<double> &y, Vec whole) const
  {
    PetscScalar *data = nullptr;
    check_petsc(VecGetArray(whole, &data), "VecGetArray");
    const LocalEntries entries(x);
    for (std::size_t i = 0; i < owned; ++i)
      data[i] = entries.local(i);
    if (holds_border())
      std::copy(y.begin(), y.end(), data + owned);
    check_petsc(VecRestoreArray(whole, &data), "VecRestoreArray");
  }

  /// y += sign B^T x, B^T x summed over the ranks.
  void add_transpose_product(const Vector &x, const double sign, dealii::Vector<double> &y) const
  {
    std::vector<double> sums(m(), 0.0);
    const LocalEntries entries(x);
    for (std::size_t j = 0; j < m(); ++j)
      for (std::size_t k = 0; k < columns[j].positions.size(); ++k)
        sums[j] += columns[j].values[k] * entries.local(columns[j].positions[k]);
    dealii::Utilities::MPI::sum(sums, comm, sums);
    for (std::size_t j = 0; j < m(); ++j)
      y(j) += sign * sums[j];
  }

  /// x += B y.
  void add_columns(const dealii::Vector<double> &y, Vector &x) const
  {
    PetscScalar *data = nullptr;
    Vec vec = static_cast<const Vec &>(x); // a handle: written through it
    check_petsc(VecGetArray(vec, &data), "VecGetArray");
    for (std::size_t j = 0; j < m(); ++j)
      for (std::size_t k = 0; k < columns[j].positions.size(); ++k)
        data[columns[j].positions[k]] += columns[j].values[k] * y(j);
    check_petsc(VecRestoreArray(vec, &data), "VecRestoreArray");
  }
};

/// Splits `in` into the shared x_in and y_in, runs `body` (which fills x_out and y_out) and joins those into
/// `out`. A C++ exception becomes a PETSc error: it must not cross PETSc's C.
template <typename Body> PetscErrorCode on_split(Bordered *bordered, Vec in, Vec out, const Body &body)
{
  if (!bordered)
    return PETSC_ERR_LIB;
  return petsc_callback(
      [&]()
      {
        bordered->split(in, bordered->x_in, bordered->y_in);
        body(*bordered);
        bordered->join(bordered->x_out, bordered->y_out, out);
      });
}

/// The Bordered that a shell matrix or shell preconditioner carries, or nullptr.
Bordered *context_of(Mat A)
{
  Bordered *bordered = nullptr;
  return MatShellGetContext(A, &bordered) == 0 ? bordered : nullptr;
}
Bordered *context_of(PC pc)
{
  Bordered *bordered = nullptr;
  return PCShellGetContext(pc, &bordered) == 0 ? bordered : nullptr;
}

/// [K B; B^T D] [x; y].
PetscErrorCode multiply(Mat A, Vec in, Vec out)
{
  return on_split(context_of(A), in, out,
                  [](Bordered &s)
                  {
                    check_petsc(
                        MatMult(s.system.K, static_cast<const Vec &>(s.x_in), static_cast<const Vec &>(s.x_out)),
                        "MatMult");
                    s.add_columns(s.y_in, s.x_out);
                    s.system.corner.vmult(s.y_out, s.y_in);
                    s.add_transpose_product(s.x_in, 1.0, s.y_out);
                  });
}

/// z = M^-1 r_x, y = S^-1 (r_y - B^T z), x = z - W y (the exact inverse of [M B; B^T D] if W = M^-1 B).
PetscErrorCode precondition(PC pc, Vec in, Vec out)
{
  return on_split(context_of(pc), in, out,
                  [](Bordered &s)
                  {
                    check_petsc(
                        PCApply(s.preconditioner, static_cast<const Vec &>(s.x_in), static_cast<const Vec &>(s.x_out)),
                        "PCApply");
                    s.add_transpose_product(s.x_out, -1.0, s.y_in);
                    s.schur_inverse.vmult(s.y_out, s.y_in);
                    std::vector<PetscScalar> minus_y(s.m());
                    for (std::size_t j = 0; j < s.m(); ++j)
                      minus_y[j] = -s.y_out(j);
                    check_petsc(VecMAXPY(static_cast<const Vec &>(s.x_out), static_cast<PetscInt>(s.m()),
                                         minus_y.data(), s.preconditioned_columns.data()),
                                "VecMAXPY");
                  });
}

/// S^-1, S = D - B^T W; false if S is singular.
bool invert_schur_complement(Bordered &s)
{
  const std::size_t m = s.m(), n = s.n();
  std::vector<double> products(m * m, 0.0);
  for (std::size_t k = 0; k < m; ++k)
  {
    const LocalEntries w(s.system.preconditioned_columns[k]);
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t i = 0; i < s.columns[j].positions.size(); ++i)
        products[j * m + k] += s.columns[j].values[i] * w.local(s.columns[j].positions[i]);
  }
  dealii::Utilities::MPI::sum(products, s.comm, products);
  dealii::FullMatrix<double> schur(s.system.corner);
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < m; ++k)
      schur(j, k) -= products[j * m + k];
  s.schur_inverse.reinit(n, n);
  s.schur_inverse.invert(schur);
  // Gauss-Jordan's pivot check is a debug-only assertion in deal.II: test S S^-1 = I here.
  dealii::FullMatrix<double> identity(n, n);
  schur.mmult(identity, s.schur_inverse);
  for (std::size_t i = 0; i < n; ++i)
    identity(i, i) -= 1;
  const double error = identity.frobenius_norm();
  return std::isfinite(error) && error < 1e-6;
}
} // namespace

bool solve_bordered(const BorderedSystem &system, PC preconditioner, Vector &x, dealii::Vector<double> &y,
                    const Vector &b, const dealii::Vector<double> &c, const double relative_tolerance,
                    const unsigned int max_iterations, LinearSolver::Result &result)
{
  dealii::Timer timer;
  Bordered s(system, preconditioner, b);
  if (!invert_schur_complement(s))
  {
    result.failure = "the rigid bodies' system (6 DoFs per body) is singular: is a rigid body held by nothing?";
    return false;
  }

  const auto local_size = static_cast<PetscInt>(s.owned + (s.holds_border() ? s.n() : 0));
  Mat A = nullptr;
  check_petsc(MatCreateShell(s.comm, local_size, local_size, PETSC_DETERMINE, PETSC_DETERMINE, &s, &A),
              "MatCreateShell");
  check_petsc(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(multiply)), "MatShellSetOperation");
  KSP ksp = nullptr;
  check_petsc(KSPCreate(s.comm, &ksp), "KSPCreate");
  check_petsc(KSPSetOperators(ksp, A, A), "KSPSetOperators");
  check_petsc(KSPSetType(ksp, KSPGMRES), "KSPSetType");
  check_petsc(KSPGMRESSetRestart(ksp, static_cast<PetscInt>(bordered_gmres_restart)), "KSPGMRESSetRestart");
  check_petsc(KSPSetPCSide(ksp, PC_RIGHT), "KSPSetPCSide");
  PC pc = nullptr;
  check_petsc(KSPGetPC(ksp, &pc), "KSPGetPC");
  check_petsc(PCSetType(pc, PCSHELL), "PCSetType");
  check_petsc(PCShellSetContext(pc, &s), "PCShellSetContext");
  check_petsc(PCShellSetApply(pc, precondition), "PCShellSetApply");
  check_petsc(KSPSetTolerances(ksp, relative_tolerance, 0.0, PETSC_DEFAULT, static_cast<PetscInt>(max_iterations)),
              "KSPSetTolerances");
  check_petsc(KSPSetOptionsPrefix(ksp, "bordered_"), "KSPSetOptionsPrefix");
  check_petsc(KSPSetFromOptions(ksp), "KSPSetFromOptions");
  Vec whole_solution = nullptr, whole_rhs = nullptr;
  check_petsc(MatCreateVecs(A, &whole_solution, &whole_rhs), "MatCreateVecs");
  s.join(b, c, whole_rhs);
  result.setup_seconds += timer.wall_time();

  const bool converged = counted_solve(ksp, whole_rhs, whole_solution, result);
  if (converged)
  {
    y.reinit(s.n());
    s.split(whole_solution, x, y);
  }
  VecDestroy(&whole_solution);
  VecDestroy(&whole_rhs);
  KSPDestroy(&ksp);
  MatDestroy(&A);
  return converged;
}
} // namespace cspine
