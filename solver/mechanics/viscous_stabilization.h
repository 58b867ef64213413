// A small viscous stabilisation of quasi-static steps in which a body is held only by lax tissue (C1 in
// the upper cervical spine's neutral zone, where nothing fixes its position): nodal forces
// f_a = eta V_a (u_a - u_a^start), V_a the node's share of its cells' volume and u^start the step's
// start (the last converged state), with their tangent eta V_a I. Like Abaqus' *STABILIZE it damps motion
// instead of resisting a position. Its forces are reported (history.csv: their moment about the head
// axis, on the head and on the rest). With Newton/Undamped solve the simulation switches it off
// (set_active) once a state has converged and solves again from there, so that the answer is an
// undamped equilibrium; where that fails the damped state stands.
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
  void start_step(const Vector &u) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// Off, it adds nothing (forces and tangent zero): a damped equilibrium is then solved again without it.
  void set_active(bool on) { active = on; }
  bool is_active() const { return active; }

  /// [N] Its force on each owned DoF at u (an owned vector, as an internal force: it resists motion).
  void forces(const Vector &u, Vector &result) const;
  /// [N mm] The moment about `axis` through `centre` of those forces on every node of the mesh. Collective.
  double moment(const Vector &u, const Vector &forces, const dealii::Point<dim> &centre, const Vector3 &axis) const;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  /// eta V of each owned DoF, its component, its node's reference position and its node's three DoFs.
  std::vector<double> coefficients;
  std::vector<unsigned int> components;
  std::vector<dealii::Point<dim>> positions;
  std::vector<std::array<dealii::types::global_dof_index, dim>> node_dofs;
  Vector start;
  bool active = true;
};
} // namespace cspine
