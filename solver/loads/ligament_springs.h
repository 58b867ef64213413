// Tension-only nonlinear 1-D ligaments and capsule fibres between two attachment patches. Each end is
// the mean position of its patch's surface nodes, so the force is spread evenly over the patch (no node
// carries it alone): f = F(l) n at end a, -F(l) n at end b, shared equally by the patch nodes, with n the
// unit vector from a to b and l the current length. F is the curve of the elongation l - L0 (or the
// strain (l - L0) / L0; or that strain's stress times the fibre's cross-section), zero while slack, with
// the rest length L0 = in-situ length (1 + slack). Beyond the curve's last point (the failure point) the
// last slope is kept and the fibre is flagged. The tangent k = F' n n^T + F / l (I - n n^T) is exact.
// Each one is assembled by one rank (index modulo ranks), whatever the partition.
#pragma once

#include "fe/assembly_term.h"
#include "fe/node_set.h"
#include "loads/load_case.h"

#include <deal.II/dofs/dof_handler.h>

#include <string>
#include <vector>

namespace cspine
{
struct LigamentState
{
  /// [N] Tension.
  double force = 0;
  /// [mm] and [-] Length change from the in-situ length, and that over the in-situ length.
  double elongation = 0, strain = 0;
  /// Past the curve's last point.
  bool past_failure = false;
  dealii::Point<dim> end_a, end_b;
};

class LigamentSprings : public AssemblyTerm
{
public:
  LigamentSprings(const dealii::DoFHandler<dim> &dof_handler, const LigamentSet &ligaments);

  void add_needed_dofs(dealii::IndexSet &dofs) const override;
  void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// State of every ligament and fibre at u (every rank computes all; u must hold the patch DoFs).
  std::vector<LigamentState> states(const Vector &u) const;
  std::size_t size() const { return ligaments.geometry.size(); }
  const LigamentGeometry &geometry(std::size_t i) const { return ligaments.geometry[i]; }
  const std::string &name(std::size_t i) const { return ligaments.geometry[i].name; }
  /// Number of nodes of each patch [ligament][end].
  std::size_t patch_size(std::size_t i, unsigned int end) const { return patches[i][end].size(); }
  /// [mm] Length in the reference configuration, and the length at which it starts to carry load.
  double in_situ_length(std::size_t i) const { return in_situ_lengths[i]; }
  double rest_length(std::size_t i) const { return in_situ_lengths[i] * (1 + ligaments.slack[i]); }

  /// [N] and [N/mm] Force and its derivative with respect to the length for ligament i at length l.
  std::pair<double, double> force(std::size_t i, double length) const;

private:
  bool assembled_here(std::size_t i) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const LigamentSet &ligaments;
  std::vector<std::array<std::vector<Node>, 2>> patches;
  std::vector<double> in_situ_lengths;
};
} // namespace cspine
