// Contributions to the global system that are not cell integrals of the solid: 1-D ligaments, joint
// contact, forces on the head and on a thrust patch. A term hands small dense blocks on arbitrary
// DoFs (possibly owned by other ranks) to a sink, which condenses them with the constraints of the
// Newton update and adds them to the tangent and the right-hand side.
#pragma once

#include "core/types.h"

#include <deal.II/base/index_set.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/vector.h>

#include <string>
#include <vector>

namespace cspine
{
using Vector = dealii::PETScWrappers::MPI::Vector;
using Matrix = dealii::PETScWrappers::MPI::SparseMatrix;
using DofList = std::vector<dealii::types::global_dof_index>;
class CellMatrixPositions;
class FixedDiagonal;

class LocalSink
{
public:
  /// Residual assembly (no matrix): f_int and f_ext are summed separately, unconstrained.
  LocalSink(Vector &internal, Vector &external);
  /// System assembly: right-hand side -(f_int - f_ext) and tangent, condensed with `constraints`; with
  /// `internal` and `external`, also f_int and f_ext as the residual assembly sums them.
  /// With `fixed`, a block whose DoFs are all fixed goes there (see fe/fixed_diagonal.h), and so do the
  /// diagonals of add_internal_diagonal. With `cells` (open on K), add_cell_internal adds a cell's block
  /// at its kept positions.
  LocalSink(const dealii::AffineConstraints<double> &constraints, Matrix &K, Vector &rhs, Vector *internal = nullptr,
            Vector *external = nullptr, FixedDiagonal *fixed = nullptr, CellMatrixPositions *cells = nullptr);

  bool wants_tangent() const { return K != nullptr; }
  /// Forces the body exerts on itself (springs, contact), with their derivative d f_int / d u.
  void add_internal(const DofList &dofs, const dealii::Vector<double> &force,
                    const dealii::FullMatrix<double> &tangent);
  /// add_internal for a block on the DoFs of the active cell `cell` (in the cell's order, as
  /// get_dof_indices gives them), such as its mass: where no constraint touches the cell the block goes
  /// straight to the positions the solid's block of that cell found, not through a search per entry.
  void add_cell_internal(unsigned int cell, const DofList &dofs, const dealii::Vector<double> &force,
                         const dealii::FullMatrix<double> &tangent);
  /// add_internal of a 1 x 1 block per DoF (force[k], d force[k] / d u[k] = stiffness[k]), in one pass:
  /// a nodal damper's thousands of DoFs, each otherwise a block of its own.
  void add_internal_diagonal(const DofList &dofs, const std::vector<double> &force,
                             const std::vector<double> &stiffness);
  /// Applied (external) forces; their change with u is not linearised.
  void add_external(const DofList &dofs, const dealii::Vector<double> &force);

private:
  const dealii::AffineConstraints<double> *constraints = nullptr;
  Matrix *K = nullptr;
  Vector *internal = nullptr, *external = nullptr, *rhs = nullptr;
  FixedDiagonal *fixed = nullptr;
  CellMatrixPositions *cells = nullptr;
  /// A block's rows in PETSc's index type (kept to spare an allocation per block).
  std::vector<PetscInt> indices;
  /// -force of the block being added (kept to spare an allocation per block).
  dealii::Vector<double> negated;
  /// add_internal's part on K and the right-hand side.
  void add_to_system(const DofList &dofs, const dealii::Vector<double> &force,
                     const dealii::FullMatrix<double> &tangent);
};

class AssemblyTerm
{
public:
  virtual ~AssemblyTerm() = default;
  /// DoFs whose values the term reads, beyond the locally relevant ones (ghosted in u).
  virtual void add_needed_dofs(dealii::IndexSet &dofs) const = 0;
  /// Matrix entries the term may add near displacement u (ghosted, including the needed DoFs), on
  /// the rows this rank will add to. Called again whenever the matrix is rebuilt (see
  /// `pattern_moves`).
  virtual void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &u) = 0;
  /// Whether the term's couplings depend on the deformation, so that the matrix is rebuilt at the
  /// start of every load step.
  virtual bool pattern_moves() const { return false; }
  /// A load step starts from the converged displacement u (ghosted, including the needed DoFs).
  virtual void start_step(const Vector &) {}
  /// Adds the term at displacement u (ghosted, including the needed DoFs) and time.
  virtual void assemble(const Vector &u, double time, LocalSink &sink) const = 0;

  /// The term's own history.csv columns, "name [unit]", in the order add_history_values appends them.
  virtual std::vector<std::string> history_columns() const { return {}; }
  /// Appends the values of history_columns() at the accepted displacement u and time. Collective.
  virtual void add_history_values(const Vector & /*u*/, double /*time*/, std::vector<double> & /*row*/) const {}
  /// One line for the run's description, "label: what" (empty: none).
  virtual std::string description() const { return {}; }
};
} // namespace cspine
