// Total-Lagrangian assembly of the internal forces f_int = int S : sym(F^T grad N) dV, the dead-traction
// forces f_ext = int t . N dA and the consistent tangent
//   K_ij = int sym(F^T grad N_i) : CC : sym(F^T grad N_j) + grad N_i : (grad N_j S) dV
// (Bonet & Wood 2008, ch. 8; Holzapfel 2000, sec. 8.4). Cells with det F <= 1e-3 (collapsed or
// inverted) make the state invalid.
#pragma once

#include "fe/assembly_term.h"
#include "fe/cell_matrix_positions.h"
#include "fe/discretization.h"
#include "fe/quadrature_history.h"
#include "fe/reference_gradients.h"
#include "loads/boundary_conditions.h"
#include "mechanics/config.h"
#include "mechanics/fixed_cell_cache.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <map>

namespace cspine
{
class SolidAssembler
{
public:
  SolidAssembler(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                 const std::map<unsigned int, RegionSettings> &regions, const std::vector<TractionCondition> &tractions,
                 QuadratureHistory &history);

  /// Adds a term (ligaments, contact, loads) to every assembly; it must outlive the assembler.
  void add_term(const AssemblyTerm &term) { terms.push_back(&term); }

  /// Every assembly evaluates the materials from the committed internal variables over the time since
  /// them, and writes the trial variables at u into the quadrature history: the last assembly before a
  /// commit must therefore be at the accepted u and time.
  ///
  /// Unconstrained residual R = f_int - f_ext (owned vector) at displacement u (ghosted).
  /// Returns false on any rank if some quadrature point has det F <= 1e-3 (collapsed or inverted).
  bool residual(const Vector &u, double time, Vector &residual, double &force_scale) const;

  /// Tangent K and right-hand side -R, condensed with `constraints`. Returns false if det F <= 1e-3 anywhere.
  /// With `residual` (and `force_scale`): also what `residual` gives at u, bit for bit, from the same pass.
  bool system(const Vector &u, double time, const dealii::AffineConstraints<double> &constraints, Matrix &K,
              Vector &rhs, Vector *residual = nullptr, double *force_scale = nullptr) const;

  /// How many cell evaluations the assemblies have taken from the last one's, unchanged (fixed cells).
  std::uint64_t reused_cell_evaluations() const { return fixed_cells.reused(); }

private:
  bool assemble(const Vector &u, double time, const dealii::AffineConstraints<double> *constraints, Matrix *K,
                Vector *rhs, Vector *internal, Vector *external) const;
  /// `assemble` with R = f_int - f_ext into `result` and the force scale max(|f_int|, |f_ext|).
  bool assemble_with_residual(const Vector &u, double time, const dealii::AffineConstraints<double> *constraints,
                              Matrix *K, Vector *rhs, Vector &result, double &force_scale) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const ReferenceGradients reference;
  const std::map<unsigned int, RegionSettings> &regions;
  std::map<unsigned int, const TractionCondition *> traction_by_boundary;
  std::vector<const AssemblyTerm *> terms;
  /// Not const although the assembly is: it writes only the trial variables, never the committed ones.
  QuadratureHistory &history;
  /// A cache, not state: where the cells' entries sit in the matrix, found again whenever it changes.
  mutable CellMatrixPositions matrix_positions;
  /// A cache, not state: the last evaluation of each cell whose DoFs are all fixed.
  mutable FixedCellCache fixed_cells;
};
} // namespace cspine
