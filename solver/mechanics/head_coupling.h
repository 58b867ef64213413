// The head and occiput as one rigid body. Under angle control every DoF of the coupled regions is
// prescribed: x = R(angle about the head axis) (X - c) + c, so the coupled regions move rigidly and
// the reaction moment is the moment of their reaction forces. Under moment control (and for the
// weight) the coupled regions are free and carry nodal forces that are statically equivalent to the
// applied wrench: a couple M spread as f_i = w x r_i with w = J^-1 M (J the nodes' second moment
// about their centroid, r_i from the centroid), plus the weight spread evenly with the couple of its
// offset from the centroid. Bone is 10^2-10^3 times stiffer than the soft tissues, so how the wrench
// is spread over the head barely matters (Saint-Venant); the rigid fit of the head's nodes reports
// how well the head stays rigid. The forces follow the current configuration (recomputed at every
// Newton iteration; their variation is not linearised), with the moment's axis fixed in space.
#pragma once

#include "loads/load_case.h"
#include "mechanics/assembly_term.h"
#include "mechanics/node_set.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <map>

namespace cspine
{
class HeadCoupling : public AssemblyTerm
{
public:
  HeadCoupling(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
               const HeadSettings &settings, const Protocol &protocol);

  /// Whether the head's pose is prescribed during the step ending at `time`.
  bool prescribes(double time) const;
  /// Prescribed displacement of the coupled DoFs of the locally owned and ghost cells at `time`.
  void prescribed_values(double time, std::map<dealii::types::global_dof_index, double> &values) const;

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  /// The applied moment and weight (nothing under angle control: the pose is prescribed).
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// [N mm] Moment about the head axis through its centre of the forces `residual` at the coupled
  /// DoFs (the reaction when the pose is prescribed). Collective.
  double axial_moment(const Vector &u, const Vector &residual) const;
  /// Rigid fit of the coupled nodes. Collective.
  RigidFit fit(const Vector &u) const;
  /// [deg] Rotation about the head axis from the rigid fit. Collective.
  double rotation_about_axis(const Vector &u) const;
  const HeadSettings &settings() const { return head; }

private:
  const dealii::DoFHandler<dim> &dof_handler;
  HeadSettings head;
  const Protocol &protocol;
  /// Nodes this rank owns (forces, fits) and all nodes of its owned and ghost cells (constraints).
  std::vector<Node> nodes, relevant_nodes;
};
} // namespace cspine
