#include "mechanics/rigid_body_solve.h"
#include "fe/petsc_check.h"

#include "mechanics/bordered_krylov.h"
#include "mechanics/local_entries.h"
#include "mechanics/mode_product.h"
#include "mechanics/rigid_body_groups.h"

#include <deal.II/base/mpi.h>

#include <petscmat.h>
#include <petscvec.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace cspine
{
namespace
{
/// Zeroes v at `dofs` (locally owned) through its local array: one PETSc call, not one per entry (it runs
/// on 6 n + 1 vectors in every update).
void zero_entries(Vector &v, const DofList &dofs)
{
  const auto range = v.local_range();
  Vec vec = static_cast<const Vec &>(v); // a handle: the entries are written through it
  PetscScalar *data = nullptr;
  check_petsc(VecGetArray(vec, &data), "VecGetArray");
  for (const auto dof : dofs)
  {
    if (dof < range.first || dof >= range.second)
      throw std::logic_error("a rigid body's DoF " + std::to_string(dof) + " is not owned by this rank");
    data[dof - range.first] = 0;
  }
  VecRestoreArray(vec, &data);
}

/// K's rows and columns of the bodies replaced by the mean of their diagonal entries (scaled like K, so
/// that an iterative solver sees no outlier; the right-hand sides are zero there).
void replace_body_rows(Matrix &K, const DofList &body_dofs, const MPI_Comm comm)
{
  double diagonal = 0;
  for (const auto dof : body_dofs)
    diagonal += std::abs(K.diag_element(dof));
  const double count = dealii::Utilities::MPI::sum(static_cast<double>(body_dofs.size()), comm);
  diagonal = count > 0 ? dealii::Utilities::MPI::sum(diagonal, comm) / count : 1;
  std::vector<PetscInt> rows(body_dofs.begin(), body_dofs.end());
  check_petsc(MatZeroRowsColumns(K.petsc_matrix(), static_cast<PetscInt>(rows.size()), rows.data(),
                                 diagonal > 0 ? diagonal : 1, nullptr, nullptr),
              "MatZeroRowsColumns");
}

/// The relative tolerance of the iterative solves for W ~ K'^-1 B, the bordered preconditioner's columns
/// (mechanics/bordered_krylov). Measured on the first step of the rotary thrust with C1-C7 rigid (2 ranks,
/// 6 Newton updates of 12 columns each, from zero): one application of GAMG instead of a solve, 323 GMRES
/// iterations per update; 1e-1: 24 CG iterations for the columns and 291 GMRES; 1e-2: 47 and 115; 1e-3: 95 and
/// 45; 1e-8: 21 GMRES iterations. The answer does not depend on it, only the iterations do.
constexpr double coupling_tolerance = 1e-3;

/// Solves K' x = b by the iterative method's KSP to `coupling_tolerance` (from x if `from_x`), its
/// iterations and time added to `result`; whether it converged.
bool solve_column(KSP ksp, const Vector &b, Vector &x, const bool from_x, LinearSolver::Result &result)
{
  PetscReal tolerance = 0;
  PetscInt max_iterations = 0;
  check_petsc(KSPGetTolerances(ksp, &tolerance, nullptr, nullptr, &max_iterations), "KSPGetTolerances");
  check_petsc(KSPSetTolerances(ksp, coupling_tolerance, 0.0, PETSC_DEFAULT, max_iterations), "KSPSetTolerances");
  check_petsc(KSPSetInitialGuessNonzero(ksp, from_x ? PETSC_TRUE : PETSC_FALSE), "KSPSetInitialGuessNonzero");
  const bool converged = counted_solve(ksp, static_cast<const Vec &>(b), static_cast<const Vec &>(x), result);
  check_petsc(KSPSetInitialGuessNonzero(ksp, PETSC_FALSE), "KSPSetInitialGuessNonzero");
  check_petsc(KSPSetTolerances(ksp, tolerance, 0.0, PETSC_DEFAULT, max_iterations), "KSPSetTolerances");
  return converged;
}

/// The bordered system's corner D = G^T K_bb G + H, bordered by each prescribed combination (a Lagrange
/// multiplier's row and column), and its right-hand side c = [G^T r_b, the prescribed values]; `sums` =
/// [G^T K G (row-major), G^T rhs] over the m = 6 n_bodies modes.
dealii::FullMatrix<double> bordered_corner(const std::vector<double> &sums, const std::vector<RigidBodyUpdate> &bodies,
                                           dealii::Vector<double> &right)
{
  const std::size_t m = 6 * bodies.size();
  std::size_t n = m;
  for (const RigidBodyUpdate &update : bodies)
    n += update.terms.constrained ? 1 : 0;
  dealii::FullMatrix<double> corner(n, n);
  right.reinit(n);
  for (std::size_t j = 0; j < m; ++j)
  {
    right(j) = sums[m * m + j];
    for (std::size_t k = 0; k < m; ++k)
      corner(j, k) = sums[j * m + k];
  }
  std::size_t border = m;
  for (std::size_t b = 0; b < bodies.size(); ++b)
  {
    const RigidBodyTerms &terms = bodies[b].terms;
    for (unsigned int j = 0; j < 6; ++j)
      for (unsigned int k = 0; k < 6; ++k)
        corner(6 * b + j, 6 * b + k) += terms.stiffness(j, k);
    if (!terms.constrained)
      continue;
    for (unsigned int j = 0; j < 6; ++j)
      corner(6 * b + j, border) = corner(border, 6 * b + j) = terms.row[j];
    right(border) = terms.value;
    ++border;
  }
  return corner;
}

/// The update from the bordered system's solution dq: du = K'^-1 r_f - K'^-1 B dq + G dq, and each body's dq.
/// Without `columns` (the iterative solve, whose soft part already holds - K'^-1 B dq): du = free_update + G dq.
void assemble_update(const dealii::Vector<double> &solution, const Vector &free_update,
                     const std::vector<Vector> &columns, const std::vector<Vector> &modes, Vector &du,
                     std::vector<RigidBodyUpdate> &bodies)
{
  du = free_update;
  for (std::size_t i = 0; i < modes.size(); ++i)
  {
    bodies[i / 6].dq[i % 6] = solution(i);
    if (!columns.empty())
      du.add(-solution(i), columns[i]);
    du.add(solution(i), modes[i]);
  }
}
} // namespace

LinearSolver::Result solve_with_rigid_bodies(LinearSolver &linear_solver, Matrix &K, const Vector &rhs, Vector &du,
                                             const Vector &u_ghosted, std::vector<RigidBodyUpdate> &bodies,
                                             RigidCondensation *kept)
{
  const MPI_Comm comm = rhs.get_mpi_communicator();
  const std::size_t m = 6 * bodies.size();
  DofList all_body_dofs;
  std::vector<Vector> modes, coupling(m), columns(m);
  for (const RigidBodyUpdate &update : bodies)
  {
    const DofList &dofs = update.body->dofs();
    all_body_dofs.insert(all_body_dofs.end(), dofs.begin(), dofs.end());
    for (Vector &mode : update.body->modes(u_ghosted, update.at, rhs))
      modes.push_back(std::move(mode));
  }
  // K G from the bodies' rows of K (mechanics/mode_product), before those rows are replaced.
  std::vector<const DofList *> mode_dofs;
  for (std::size_t i = 0; i < m; ++i)
  {
    columns[i].reinit(rhs);
    mode_dofs.push_back(&bodies[i / 6].body->dofs());
  }
  multiply_by_modes(K, modes, mode_dofs, coupling);

  // G^T K G and G^T rhs: each mode is zero off its body's nodes, so only those entries are summed here
  // (one reduction for all). sums = [G^T K G (row-major), G^T rhs].
  std::vector<double> sums(m * m + m, 0.0);
  {
    std::vector<std::unique_ptr<LocalEntries>> mode_entries, product_entries;
    for (std::size_t i = 0; i < m; ++i)
    {
      mode_entries.push_back(std::make_unique<LocalEntries>(modes[i]));
      product_entries.push_back(std::make_unique<LocalEntries>(coupling[i]));
    }
    const LocalEntries rhs_entries(rhs);
    // A body's six modes at once, so that each entry of K G is read once, not six times; most of them,
    // away from the body, are zero and skipped (which leaves every sum as it was, bit for bit).
    for (std::size_t body = 0; body < bodies.size(); ++body)
      for (const auto dof : bodies[body].body->dofs())
      {
        std::array<double, 6> g;
        for (std::size_t r = 0; r < 6; ++r)
          g[r] = (*mode_entries[6 * body + r])[dof];
        for (std::size_t i = 0; i < m; ++i)
        {
          const double product = (*product_entries[i])[dof];
          if (product != 0)
            for (std::size_t r = 0; r < 6; ++r)
              sums[(6 * body + r) * m + i] += g[r] * product;
        }
        const double right = rhs_entries[dof];
        for (std::size_t r = 0; r < 6; ++r)
          sums[m * m + 6 * body + r] += g[r] * right;
      }
  }
  dealii::Utilities::MPI::sum(sums, comm, sums);
  for (Vector &column : coupling)
    zero_entries(column, all_body_dofs);
  replace_body_rows(K, all_body_dofs, comm);

  // One right-hand side per mode and group of bodies whose soft neighbourhoods do not touch (a body alone
  // in its group is solved straight into its columns); a group's solution is split by component below.
  RigidBodyGroups groups;
  std::vector<std::uint64_t> components;
  if (linear_solver.group_rigid_bodies() && bodies.size() > 1)
  {
    components = connected_components(K);
    groups = group_rigid_bodies(coupling, components);
  }
  else
  {
    groups.n_groups = static_cast<unsigned int>(bodies.size());
    groups.group.resize(bodies.size());
    std::iota(groups.group.begin(), groups.group.end(), 0u);
  }
  std::vector<std::vector<std::size_t>> members(groups.n_groups);
  for (std::size_t b = 0; b < bodies.size(); ++b)
    members[groups.group[b]].push_back(b);

  Vector free_rhs(rhs), free_update(rhs);
  zero_entries(free_rhs, all_body_dofs);
  std::vector<Vector *> solutions{&free_update};
  std::vector<const Vector *> right_hand_sides{&free_rhs};
  std::vector<Vector> summed_rhs, summed_solution;
  summed_rhs.reserve(m);
  summed_solution.reserve(m);
  // The group and the mode of each solution past the first (the free right-hand side's).
  std::vector<std::size_t> solved_group{0}, solved_mode{0};
  for (std::size_t g = 0; g < members.size(); ++g)
    for (std::size_t mode = 0; mode < 6; ++mode)
    {
      const auto &group = members[g];
      solved_group.push_back(g);
      solved_mode.push_back(mode);
      if (group.size() == 1)
      {
        solutions.push_back(&columns[6 * group.front() + mode]);
        right_hand_sides.push_back(&coupling[6 * group.front() + mode]);
        continue;
      }
      summed_rhs.emplace_back(coupling[6 * group.front() + mode]);
      for (std::size_t k = 1; k < group.size(); ++k)
        summed_rhs.back() += coupling[6 * group[k] + mode];
      summed_solution.emplace_back(rhs);
      right_hand_sides.push_back(&summed_rhs.back());
      solutions.push_back(&summed_solution.back());
    }
  // Each group's summed solution split back into its bodies' columns.
  const auto split_groups = [&]()
  {
    std::size_t summed = 0;
    for (const auto &group : members)
      for (std::size_t mode = 0; mode < 6 && group.size() > 1; ++mode, ++summed)
        for (const std::size_t b : group)
          keep_components(summed_solution[summed], components, groups.touched[b], columns[6 * b + mode]);
  };
  dealii::Vector<double> right;
  const dealii::FullMatrix<double> corner = bordered_corner(sums, bodies, right);
  const std::size_t n = corner.m();
  dealii::Vector<double> solution(n);
  // The soft rows (owned, ascending): the bodies' rows of K' hold only their diagonal.
  std::vector<dealii::types::global_dof_index> soft;
  {
    const auto range = rhs.local_range();
    DofList body_dofs(all_body_dofs);
    std::sort(body_dofs.begin(), body_dofs.end());
    for (auto dof = range.first; dof < range.second; ++dof)
      if (!std::binary_search(body_dofs.begin(), body_dofs.end(), dof))
        soft.push_back(dof);
  }
  LinearSolver::Result result;
  if (linear_solver.iterative())
  {
    // One GMRES on the whole bordered system (mechanics/bordered_krylov), preconditioned with the
    // preconditioner of K's soft block and the rigid bodies' coupled modes, from loose solves for W ~ K'^-1 B.
    result = linear_solver.solve_block_with_preconditioner(
        K, soft, u_ghosted, linear_solver.relative_tolerance(), static_cast<unsigned int>(solutions.size()),
        [&](KSP ksp, LinearSolver::Result &solved)
        {
          PC pc = nullptr;
          Mat soft_operator = nullptr; // K' through its soft block
          check_petsc(KSPGetPC(ksp, &pc), "KSPGetPC");
          check_petsc(KSPGetOperators(ksp, &soft_operator, nullptr), "KSPGetOperators");
          // W ~ K'^-1 B, each group's summed column by the Krylov method to `coupling_tolerance`, from the
          // last update's W when there is one.
          const bool warm = kept && kept->columns.size() == m;
          for (std::size_t i = 1; i < solutions.size(); ++i)
          {
            Vector &column = *solutions[i];
            column = 0;
            if (warm)
              for (const std::size_t body : members[solved_group[i]])
                column += kept->columns[6 * body + solved_mode[i]];
            if (!solve_column(ksp, *right_hand_sides[i], column, warm, solved))
              return false;
          }
          split_groups();
          PetscReal tolerance = 0;
          PetscInt max_iterations = 0;
          check_petsc(KSPGetTolerances(ksp, &tolerance, nullptr, nullptr, &max_iterations), "KSPGetTolerances");
          return solve_bordered({soft_operator, coupling, columns, corner}, pc, free_update, solution, free_rhs, right,
                                tolerance, static_cast<unsigned int>(max_iterations), solved);
        });
    result.right_hand_sides = static_cast<unsigned int>(solutions.size());
    if (!result.converged)
      return result;
    if (kept)
      kept->columns = columns;
    // The bodies' rows of the soft part are zero but for the preconditioner's round-off; they move by G dq.
    zero_entries(free_update, all_body_dofs);
    assemble_update(solution, free_update, {}, modes, du, bodies);
    return result;
  }

  // The direct method factorises the soft rows only: the bodies' rows, though replaced, would still bring
  // their stored (zero) entries and the fill through them into MUMPS' analysis.
  result = linear_solver.solve_block(K, soft, solutions, right_hand_sides);
  if (!result.converged)
    return result;
  split_groups();

  // B^T K'^-1 B and B^T K'^-1 r_f, B = K_fb G: coupling column j is zero away from its body's neighbours,
  // so the sums run over its nonzero entries only. cross = [B^T K'^-1 B (row-major), B^T K'^-1 r_f].
  std::vector<double> cross(m * m + m, 0.0);
  {
    std::vector<std::unique_ptr<LocalEntries>> column_entries;
    for (std::size_t k = 0; k < m; ++k)
      column_entries.push_back(std::make_unique<LocalEntries>(columns[k]));
    const LocalEntries update_entries(free_update);
    // A body's six coupling columns at once, so that each entry of K'^-1 B is read once per body, not
    // once per mode; a zero coupling entry adds nothing (every sum stays as it was, bit for bit).
    for (std::size_t body = 0; body < bodies.size(); ++body)
    {
      std::vector<std::unique_ptr<LocalEntries>> b;
      for (std::size_t r = 0; r < 6; ++r)
        b.push_back(std::make_unique<LocalEntries>(coupling[6 * body + r]));
      for (std::size_t i = 0; i < b[0]->size(); ++i)
      {
        std::array<double, 6> value;
        bool any = false;
        for (std::size_t r = 0; r < 6; ++r)
        {
          value[r] = b[r]->local(i);
          any = any || value[r] != 0;
        }
        if (!any)
          continue;
        for (std::size_t k = 0; k < m; ++k)
        {
          const double column = column_entries[k]->local(i);
          for (std::size_t r = 0; r < 6; ++r)
            if (value[r] != 0)
              cross[(6 * body + r) * m + k] += value[r] * column;
        }
        const double update = update_entries.local(i);
        for (std::size_t r = 0; r < 6; ++r)
          if (value[r] != 0)
            cross[m * m + 6 * body + r] += value[r] * update;
      }
    }
  }
  dealii::Utilities::MPI::sum(cross, comm, cross);

  // The Schur complement S = D - B^T K'^-1 B and its right-hand side c - B^T K'^-1 r_f.
  dealii::FullMatrix<double> system(corner);
  for (std::size_t j = 0; j < m; ++j)
  {
    right(j) -= cross[m * m + j];
    for (std::size_t k = 0; k < m; ++k)
      system(j, k) -= 0.5 * (cross[j * m + k] + cross[k * m + j]);
  }
  dealii::FullMatrix<double> inverse(n, n);
  inverse.invert(system);
  inverse.vmult(solution, right);
  dealii::Vector<double> check(n);
  system.vmult(check, solution);
  check -= right;
  if (!std::isfinite(solution.l2_norm()) || check.l2_norm() > 1e-8 * right.l2_norm() + 1e-300)
  {
    result.converged = false;
    result.failure = "the rigid bodies' system (6 DoFs per body) is singular: is a rigid body held by nothing?";
    return result;
  }
  assemble_update(solution, free_update, columns, modes, du, bodies);
  if (kept)
  {
    kept->modes = std::move(modes);
    kept->coupling = std::move(coupling);
    kept->columns = std::move(columns);
    kept->body_dofs = std::move(all_body_dofs);
    kept->inverse = std::move(inverse);
    kept->constrained.clear();
    for (const RigidBodyUpdate &update : bodies)
      kept->constrained.push_back(update.terms.constrained);
  }
  return result;
}

unsigned int iterative_rigid_body_vectors(const std::size_t bodies)
{
  return bodies == 0 ? 0 : static_cast<unsigned int>(6 * 6 * bodies) + bordered_gmres_restart + 3;
}

LinearSolver::Result solve_with_kept_condensation(LinearSolver &linear_solver, const RigidCondensation &kept,
                                                  const Vector &rhs, Vector &du, std::vector<RigidBodyUpdate> &bodies)
{
  const std::size_t m = kept.modes.size();
  LinearSolver::Result result;
  std::vector<bool> constrained;
  for (const RigidBodyUpdate &update : bodies)
    constrained.push_back(update.terms.constrained);
  if (m != 6 * bodies.size() || constrained != kept.constrained)
  {
    result.failure = "the rigid bodies' constraints changed since the factorisation";
    return result;
  }
  Vector free_rhs(rhs), free_update(rhs);
  zero_entries(free_rhs, kept.body_dofs);
  result = linear_solver.solve_with_kept_factorization({&free_update}, {&free_rhs});
  if (!result.converged)
    return result;

  // The Schur complement's right-hand side G^T r_b - B^T K'^-1 r_f, as in solve_with_rigid_bodies.
  std::vector<double> right_sums(m, 0.0);
  {
    const LocalEntries rhs_entries(rhs), update_entries(free_update);
    for (std::size_t j = 0; j < m; ++j)
    {
      const LocalEntries mode(kept.modes[j]), b(kept.coupling[j]);
      for (const auto dof : bodies[j / 6].body->dofs())
        right_sums[j] += mode[dof] * rhs_entries[dof];
      for (std::size_t i = 0; i < b.size(); ++i)
        if (b.local(i) != 0)
          right_sums[j] -= b.local(i) * update_entries.local(i);
    }
  }
  dealii::Utilities::MPI::sum(right_sums, rhs.get_mpi_communicator(), right_sums);
  dealii::Vector<double> right(kept.inverse.m()), solution(kept.inverse.m());
  for (std::size_t j = 0; j < m; ++j)
    right(j) = right_sums[j];
  std::size_t border = m;
  for (const RigidBodyUpdate &update : bodies)
    if (update.terms.constrained)
      right(border++) = update.terms.value;
  kept.inverse.vmult(solution, right);
  assemble_update(solution, free_update, kept.columns, kept.modes, du, bodies);
  return result;
}
} // namespace cspine
