// A small viscous stabilisation of quasi-static steps in which a body is held only by lax tissue (C1 in
// the upper cervical spine's neutral zone, where nothing fixes its position): nodal forces
// f_a = eta V_a (u_a - u_a^start), V_a the node's share of its cells' volume and u^start the step's
// start (the last converged state), with their tangent eta V_a I. Like Abaqus' *STABILIZE it damps motion
// instead of resisting a position. Its forces are reported (history.csv: their moment about the head
// axis, on the head and on the rest). With Newton/Undamped solve the simulation relaxes it once a state
// has converged: it moves the reference to that state, weakens the damping tenfold and solves again,
// until the damping's forces are within Newton's residual tolerance (pseudo-transient continuation,
// Kelley & Keyes 1998, SIAM J Numer Anal 35:508-523), so that the answer is an undamped equilibrium;
// where that fails the last converged, partly relaxed state stands and its damping is reported.
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"

#include <deal.II/base/point.h>
#include <deal.II/dofs/dof_handler.h>

#include <array>
#include <vector>

namespace cspine
{
class ViscousStabilization : public AssemblyTerm
{
public:
  /// `eta` [N/mm per mm^3 of nodal volume].
  ViscousStabilization(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization, double eta);

  void add_needed_dofs(dealii::IndexSet &) const override {}
  /// Diagonal entries only, which every pattern has.
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  /// Measures motion from `u` (owned entries; under moment control possibly the last state with the head
  /// turned rigidly by the drive's change, so that only a deviation from that turn is damped).
  void start_step(const Vector &u) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// No damping on these owned DoFs (a rigid head: the moment on it is the protocol's, and damping on its
  /// large volume would carry most of it).
  void leave_out(const std::vector<dealii::types::global_dof_index> &owned_dofs);
  /// Scales eta (1: as configured); the relaxation weakens it step by step.
  void set_strength(double fraction) { strength = fraction; }
  double current_strength() const { return strength; }
  /// The state the damping measures motion from (set by start_step).
  const Vector &reference() const { return start; }

  /// [N] Its force on each owned DoF at u (an owned vector, as an internal force: it resists motion).
  void forces(const Vector &u, Vector &result) const;
  /// [N mm] The moment about `axis` through `centre` of those forces on every node of the mesh. Collective.
  double moment(const Vector &u, const Vector &forces, const dealii::Point<dim> &centre, const Vector3 &axis) const;

private:
  /// This rank's DoFs in order: index k is coefficients[k]'s.
  DofList owned_dofs() const;
  /// u - start at `dofs` (owned), read in bulk.
  std::vector<double> motion_since_start(const Vector &u, const DofList &dofs) const;

  const dealii::DoFHandler<dim> &dof_handler;
  /// eta V of each owned DoF, its component, its node's reference position and its node's three DoFs.
  std::vector<double> coefficients;
  std::vector<unsigned int> components;
  std::vector<dealii::Point<dim>> positions;
  std::vector<std::array<dealii::types::global_dof_index, dim>> node_dofs;
  Vector start;
  double strength = 1;
};
} // namespace cspine
