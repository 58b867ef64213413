// Tension-only nonlinear 1-D ligaments and capsule fibres between two attachment patches. Each end is
// the mean position of its patch's surface nodes, so the force is spread evenly over the patch (no node
// carries it alone): f = F(l) n at end a, -F(l) n at end b, shared equally by the patch nodes, with n the
// unit vector from a to b and l the current length. F is the curve of the elongation l - L0 (or the
// strain (l - L0) / L0; or that strain's stress times the fibre's cross-section), zero while slack, with
// the rest length L0 = in-situ length (1 + slack). Beyond the curve's last point (the failure point) the
// last slope is kept and the fibre is flagged. The tangent k = F' n n^T + F / l (I - n n^T) is exact.
// Each one is assembled by one rank (index modulo ranks), whatever the partition. A type with a Prony
// series relaxes (quasi-linear viscoelasticity, Fung): T = F(l) + sum q_i, the q_i following
// materials/prony_series.h on F from the last accepted state, tension only (T >= 0); every rank evaluates
// every relaxing fibre, so that their history is the same on all ranks. With sub-failure damage
// (materials/fibre_damage.h) the curve is the loading envelope and every fibre keeps its peak length, so
// every rank evaluates every fibre. A type with a rate effect (materials/fibre_rate.h) scales its tension by
// the fibre's strain rate over the step, from the lengths of the last accepted state.
#pragma once

#include "fe/assembly_term.h"
#include "fe/node_set.h"
#include "loads/ligament_history.h"
#include "loads/load_case.h"
#include "materials/fibre_damage.h"

#include <deal.II/dofs/dof_handler.h>

#include <memory>
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
  /// [1/s] Strain rate over the step (length change over the in-situ length and the step's duration), and
  /// [-] the factor the rate effect scales the tension by (materials/fibre_rate.h).
  double strain_rate = 0, rate_factor = 1;
  /// [mm] Permanent set (slack gained) and [-] stiffness loss from sub-failure damage; ruptured.
  double laxity = 0, stiffness_loss = 0;
  bool ruptured = false;
  dealii::Point<dim> end_a, end_b;
};

class LigamentSprings : public AssemblyTerm
{
public:
  LigamentSprings(const dealii::DoFHandler<dim> &dof_handler, const LigamentSet &ligaments);
  /// The damage laws refer to this object's curves.
  LigamentSprings(LigamentSprings &&) = delete;

  void add_needed_dofs(dealii::IndexSet &dofs) const override;
  void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;
  std::string description() const override;

  /// State of every ligament and fibre at u and `time` (every rank computes all; u must hold the patch
  /// DoFs).
  std::vector<LigamentState> states(const Vector &u, double time) const;
  std::size_t size() const { return ligaments.geometry.size(); }
  const LigamentGeometry &geometry(std::size_t i) const { return ligaments.geometry[i]; }
  const std::string &name(std::size_t i) const { return ligaments.geometry[i].name; }
  /// Number of nodes of each patch [ligament][end].
  std::size_t patch_size(std::size_t i, unsigned int end) const { return patches[i][end].size(); }
  /// [mm] Length in the reference configuration, and the length at which it starts to carry load.
  double in_situ_length(std::size_t i) const { return in_situ_lengths[i]; }
  double rest_length(std::size_t i) const { return in_situ_lengths[i] * (1 + ligaments.slack[i]); }

  /// [N] and [N/mm] Force of ligament i's curve and its derivative with respect to the length, at
  /// length l (the long-term response).
  std::pair<double, double> force(std::size_t i, double length) const;
  /// [N] and [N/mm] Tension (damaged curve plus viscous forces, times the rate effect's factor) at length l
  /// and `time`, from the committed history, and its derivative; with `write_trial`, writes the trial
  /// history of fibre i.
  std::pair<double, double> tension(std::size_t i, double length, double time, bool write_trial = false) const;
  /// The damage law of fibre i (nullptr: damage is off).
  const DamagedFibre *damage(std::size_t i) const { return damaged.empty() ? nullptr : &damaged[i]; }

  /// The relaxing fibres' viscous forces: part of the run's State.
  LigamentHistory &relaxation_history() { return *history; }

private:
  bool assembled_here(std::size_t i) const;
  /// The curve's force and slope plus the Prony series' viscous forces (writing their trial values).
  std::pair<double, double> relaxed_tension(std::size_t i, std::pair<double, double> elastic, double time,
                                            bool write_trial) const;
  /// [1/s] Fibre i's strain rate over the step to `time` at length l (0 when the step has no duration), and
  /// its derivative with respect to l [1/(mm s)].
  std::pair<double, double> strain_rate(std::size_t i, double length, double time) const;
  /// The rate effect's factor at length l and `time`, and its derivative with respect to l [1/mm].
  std::pair<double, double> rate_factor(std::size_t i, double length, double time) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const LigamentSet &ligaments;
  std::vector<std::array<std::vector<Node>, 2>> patches;
  std::vector<double> in_situ_lengths;
  std::vector<DamagedFibre> damaged;
  /// Written by the (const) assembly: trial values only, never the committed ones.
  std::unique_ptr<LigamentHistory> history;
};
} // namespace cspine
