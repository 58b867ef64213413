#include "mechanics/rigid_body_solve.h"

#include <deal.II/base/mpi.h>

#include <petscmat.h>

#include <cmath>
#include <stdexcept>

namespace cspine
{
namespace
{
/// `v` with the body's entries set to zero.
Vector without_body(const Vector &v, const DofList &body_dofs)
{
  Vector result(v);
  for (const auto dof : body_dofs)
    result(dof) = 0;
  result.compress(dealii::VectorOperation::insert);
  return result;
}

/// K's rows and columns of the body replaced by the mean of their diagonal entries (scaled like K, so
/// that an iterative solver sees no outlier; the right-hand sides are zero there).
void replace_body_rows(Matrix &K, const DofList &body_dofs, const MPI_Comm comm)
{
  double diagonal = 0;
  for (const auto dof : body_dofs)
    diagonal += std::abs(K.diag_element(dof));
  const double count = dealii::Utilities::MPI::sum(static_cast<double>(body_dofs.size()), comm);
  diagonal = count > 0 ? dealii::Utilities::MPI::sum(diagonal, comm) / count : 1;
  std::vector<PetscInt> rows(body_dofs.begin(), body_dofs.end());
  if (MatZeroRowsColumns(K.petsc_matrix(), static_cast<PetscInt>(rows.size()), rows.data(), diagonal > 0 ? diagonal : 1,
                         nullptr, nullptr) != 0)
    throw std::runtime_error("PETSc call failed: MatZeroRowsColumns");
}
} // namespace

LinearSolver::Result solve_with_rigid_body(LinearSolver &linear_solver, Matrix &K, const Vector &rhs, Vector &du,
                                           const Vector &u_ghosted, const RigidBody &body, const RigidFit &at,
                                           const RigidBodyTerms &terms, RigidMotion &dq)
{
  const std::array<Vector, 6> modes = body.modes(u_ghosted, at, rhs);
  std::array<Vector, 6> coupling, columns;
  dealii::FullMatrix<double> schur(terms.stiffness);
  RigidMotion force{};
  for (unsigned int k = 0; k < 6; ++k)
  {
    Vector K_g(rhs);
    K.vmult(K_g, modes[k]);
    for (unsigned int j = 0; j < 6; ++j)
      schur(j, k) += modes[j] * K_g;
    coupling[k] = without_body(K_g, body.dofs());
    columns[k].reinit(rhs);
    force[k] = modes[k] * rhs;
  }
  replace_body_rows(K, body.dofs(), rhs.get_mpi_communicator());

  const Vector free_rhs = without_body(rhs, body.dofs());
  Vector free_update(rhs);
  std::vector<Vector *> solutions{&free_update};
  std::vector<const Vector *> right_hand_sides{&free_rhs};
  for (unsigned int k = 0; k < 6; ++k)
  {
    solutions.push_back(&columns[k]);
    right_hand_sides.push_back(&coupling[k]);
  }
  LinearSolver::Result result = linear_solver.solve(K, solutions, right_hand_sides, u_ghosted);
  if (!result.converged)
    return result;

  // Schur complement S = D - B^T K'^-1 B and its right-hand side G^T r_b - B^T K'^-1 r_f, bordered by
  // the prescribed combination when there is one.
  const unsigned int n = terms.constrained ? 7 : 6;
  dealii::FullMatrix<double> system(n, n);
  dealii::Vector<double> right(n), solution(n);
  for (unsigned int j = 0; j < 6; ++j)
  {
    right(j) = force[j] - coupling[j] * free_update;
    for (unsigned int k = 0; k < 6; ++k)
      system(j, k) = schur(j, k) - 0.5 * (coupling[j] * columns[k] + coupling[k] * columns[j]);
    if (terms.constrained)
      system(j, 6) = system(6, j) = terms.row[j];
  }
  if (terms.constrained)
    right(6) = terms.value;
  dealii::FullMatrix<double> inverse(n, n);
  inverse.invert(system);
  inverse.vmult(solution, right);
  dealii::Vector<double> check(n);
  system.vmult(check, solution);
  check -= right;
  if (!std::isfinite(solution.l2_norm()) || check.l2_norm() > 1e-8 * right.l2_norm() + 1e-300)
  {
    result.converged = false;
    result.failure = "the rigid head's 6 x 6 system is singular (is the head held by nothing?)";
    return result;
  }
  du = free_update;
  for (unsigned int k = 0; k < 6; ++k)
  {
    dq[k] = solution(k);
    du.add(-dq[k], columns[k]);
    du.add(dq[k], modes[k]);
  }
  return result;
}
} // namespace cspine
