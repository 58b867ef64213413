// The head and occiput as one rigid body. Under angle control every DoF of the coupled regions is
// prescribed: x = R(angle about the head axis) (X - c) + c, so the coupled regions move rigidly and
// the reaction moment is the moment of their reaction forces. Under rotation and moment control the
// coupled regions are free and a torsional spring of stiffness k drives the head's rotation theta about
// the axis (measured on a frame of 24 of its nodes spread over it: FrameRotation) to a target angle,
// potential k/2 (theta - target)^2; its moment is the one applied. Under rotation control the target is
// the protocol's angle; under moment control MomentSearch sets it, per load step, so that the moment is
// the protocol's. The drive acts on the frame nodes only, with an exact, symmetric tangent: Newton
// converges quadratically and the matrix gains one small dense block. Bone is 10^2-10^3 times stiffer
// than the soft tissues, so how the moment is spread over the head barely matters (Saint-Venant); the
// rigid fit of all the head's nodes reports how well it stays rigid. The weight is spread evenly over the
// coupled nodes with the couple of its offset from their centroid, following the current configuration
// (not linearised). With `Rigid body`, the coupled regions are one rigid body with six DoFs instead
// (fe/rigid_body.h): Newton solves for them, an angle or rotation phase prescribes only the rotation about
// the axis (exactly, as a constraint of the body's update), and a moment phase applies the moment to the
// body as nodal forces (a pure couple on the body, whatever its pose, so its tangent is known: one Newton
// solve per step, no drive and no search). An angle or rotation phase that follows a moment or free phase starts from
// where the head is (follow_head), not from the angle the protocol last prescribed.
#pragma once

#include "fe/assembly_term.h"
#include "fe/frame_rotation.h"
#include "fe/node_set.h"
#include "fe/rigid_body.h"
#include "io/step_history.h"
#include "loads/load_case.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <map>
#include <memory>

namespace cspine
{
class HeadCoupling : public AssemblyTerm, public StepHistory, public RigidBodyTerm
{
public:
  HeadCoupling(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
               const HeadSettings &settings, const Protocol &protocol);

  /// Whether the head's pose is prescribed during the step ending at `time`.
  bool prescribes(double time) const;
  /// Prescribed displacement of the coupled DoFs of the locally owned and ghost cells at `time`.
  void prescribed_values(double time, std::map<dealii::types::global_dof_index, double> &values) const;

  /// The frame nodes' DoFs.
  void add_needed_dofs(dealii::IndexSet &dofs) const override;
  /// The frame nodes couple with each other (on the rank that assembles the moment).
  void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &u) override;
  /// The applied moment and weight (nothing under angle control: the pose is prescribed).
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// [N mm] The moment about the head axis at `time`: the reaction (the moment of the forces `residual` at
  /// the coupled DoFs) under angle control, the drive's under rotation and moment control, else 0.
  /// Collective.
  double axial_moment(const Vector &u, const Vector &residual, double time) const;
  /// [deg] Under moment control, the angle the drive turns the head to (MomentSearch sets it).
  void set_moment_drive(double angle);
  /// Overwrites the coupled nodes' entries of `displacement` (an owned vector) with where they go if
  /// the head, as it is at `u`, turns rigidly by `angle` [deg] about the head axis.
  void turn_rigidly(const Vector &u, double angle, Vector &displacement) const;
  /// At the start of the step from `step_start` to the load step's end `step_end`: if it is the first step
  /// of an angle or rotation phase after a moment or free phase, the prescribed angle starts from the
  /// head's rotation (frame_angle) instead of the angle the protocol last prescribed, the difference
  /// fading linearly to 0 at the phase's end. Without this the first step would jump the head back to
  /// that angle (tens of degrees after a moment probe), which Newton cannot follow.
  void follow_head(const Vector &u, double step_start, double step_end);
  /// [deg] The angle prescribed (angle control) or driven to (rotation control) at `time`.
  double prescribed_angle(double time) const;
  /// [deg] The head's rotation about the axis on the drive's frame of nodes (every rank holds them); a
  /// rigid body's from its pose (collective).
  double frame_angle(const Vector &u) const;
  /// [N mm] The moment about the head axis through its centre of `forces` at the coupled nodes. Collective.
  double moment_of(const Vector &u, const Vector &forces) const;
  /// [N] The sum of `forces` at the coupled nodes. Collective.
  Vector3 force_of(const Vector &forces) const;
  /// Rigid fit of the coupled nodes. Collective.
  RigidFit fit(const Vector &u) const;
  /// [deg] Rotation about the head axis from the rigid fit. Collective.
  double rotation_about_axis(const Vector &u) const;
  const HeadSettings &settings() const { return head; }

  /// Whether this step's moment (if under moment control) is found by the drive's search (the meshed
  /// head always; the rigid body's drive is its prescribed rotation) or, for a rigid body, applied directly.
  void set_moment_by_search(bool search) { moment_by_search = search; }
  /// The head as a rigid body (null unless `Rigid body`).
  const RigidBody *rigid_body() const override { return body.get(); }
  /// The head's own loads' part of the body's stiffness and, under angle or rotation control, the
  /// prescribed rotation about the axis.
  RigidBodyTerms rigid_body_terms(const Vector &u, const RigidFit &at, const Vector &rhs, double time) const override;
  /// Under angle and rotation control: the rotation about the axis, prescribed.
  RigidBodyTerms prescription(const RigidFit &at, double time) const override;

  /// The angle offset of follow_head is part of the run's state.
  std::string history_name() const override { return "head angle offset"; }
  void commit() override { committed_offset = offset; }
  void revert() override { offset = committed_offset; }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  HeadSettings head;
  const Protocol &protocol;
  /// Nodes this rank owns (forces, fits) and all nodes of its owned and ghost cells (constraints).
  std::vector<Node> nodes, relevant_nodes;
  /// [rad] What the drive turns the head to during the step ending at `time`.
  double drive_target(double time) const;
  double moment_drive_angle = 0;
  /// [deg] follow_head's offset at `start`, fading to 0 at `end` [s].
  struct AngleOffset
  {
    double value = 0, start = 0, end = 0;
  } offset, committed_offset;
  /// The rotation that the moment and the drive work on (assembled by rank 0).
  std::unique_ptr<FrameRotation> frame;
  std::unique_ptr<RigidBody> body;
  bool moment_by_search = true;
  /// The forces of the head's own loads on each of `nodes` at u (its weight, spread evenly with the couple
  /// of its offset from the nodes' centroid; under moment control of the rigid body, the moment too), the
  /// weight, and its centre of gravity's offset from the centroid. Collective.
  struct OwnLoads
  {
    std::vector<Vector3> forces;
    Vector3 weight, lever;
  };
  OwnLoads own_loads(const Vector &u, double time) const;
  bool assembles_moment;
};
} // namespace cspine
