#include "loads/head_coupling.h"

#include "core/input_error.h"
#include "core/point_moments.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace cspine
{
namespace
{
constexpr double degree = M_PI / 180;
// [m/s^2] kg * m/s^2 = N.
constexpr double gravity = 9.81;
} // namespace

HeadCoupling::HeadCoupling(const dealii::DoFHandler<dim> &dofs, const dealii::Mapping<dim> &mapping,
                           const HeadSettings &settings, const Protocol &load_protocol)
    : dof_handler(dofs), head(settings), protocol(load_protocol),
      nodes(owned_region_nodes(dofs, mapping, [&](unsigned int region) { return settings.regions.count(region) > 0; })),
      relevant_nodes(owned_region_nodes(
          dofs, mapping, [&](unsigned int region) { return settings.regions.count(region) > 0; }, true)),
      assembles_moment(dealii::Utilities::MPI::this_mpi_process(dofs.get_communicator()) == 0)
{
  frame = std::make_unique<FrameRotation>(spread_frame_nodes(all_gather_nodes(nodes, dofs.get_communicator()), 24),
                                          settings.axis);
  if (settings.rigid_body)
    body = std::make_unique<RigidBody>(nodes, dofs.get_communicator());
}

void HeadCoupling::add_needed_dofs(dealii::IndexSet &dofs) const
{
  const DofList list = frame->dofs();
  dofs.add_indices(list.begin(), list.end());
}

void HeadCoupling::add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &)
{
  if (!assembles_moment)
    return;
  DofList list = frame->dofs();
  std::sort(list.begin(), list.end());
  for (const auto row : list)
    pattern.add_entries(row, list.begin(), list.end(), true);
}

bool HeadCoupling::prescribes(const double time) const
{
  return !body && protocol.head_control(time) == HeadControl::angle;
}

void HeadCoupling::prescribed_values(const double time, std::map<dealii::types::global_dof_index, double> &values) const
{
  const Tensor2 R = rotation_matrix(head.axis, prescribed_angle(time) * degree);
  for (const Node &node : relevant_nodes)
  {
    const Vector3 u = R * (node.X - head.centre) - (node.X - head.centre);
    for (unsigned int d = 0; d < dim; ++d)
      values[node.dofs[d]] = u[d];
  }
}

void HeadCoupling::assemble(const Vector &u, const double time, LocalSink &sink) const
{
  const HeadControl control = protocol.head_control(time);
  if (control == HeadControl::angle && !body)
    return;
  if ((control == HeadControl::rotation || control == HeadControl::moment) && assembles_moment && !body)
  {
    // Potential k/2 (theta - target)^2: f_int = k lag dtheta/dx, tangent k (dtheta (x) dtheta + lag d2theta).
    const std::size_t n = dim * frame->nodes().size();
    dealii::Vector<double> gradient(n);
    dealii::FullMatrix<double> hessian(n, n);
    const double theta = frame->angle(u, &gradient, sink.wants_tangent() ? &hessian : nullptr);
    const double lag = theta - drive_target(time), k = head.drive_stiffness;
    hessian *= k * lag;
    for (std::size_t i = 0; i < n && sink.wants_tangent(); ++i)
      for (std::size_t j = 0; j < n; ++j)
        hessian(i, j) += k * gradient(i) * gradient(j);
    gradient *= k * lag;
    sink.add_internal(frame->dofs(), gradient, hessian);
  }
  const OwnLoads loads = own_loads(u, time);
  DofList dofs(dim);
  dealii::Vector<double> force(dim);
  for (std::size_t i = 0; i < loads.forces.size(); ++i)
  {
    for (unsigned int d = 0; d < dim; ++d)
    {
      dofs[d] = nodes[i].dofs[d];
      force[d] = loads.forces[i][d];
    }
    sink.add_external(dofs, force);
  }
}

HeadCoupling::OwnLoads HeadCoupling::own_loads(const Vector &u, const double time) const
{
  OwnLoads loads;
  const double weight_fraction = protocol.head_weight.value(time);
  const bool moment = body && !moment_by_search && protocol.head_control(time) == HeadControl::moment;
  if (weight_fraction == 0 && !moment)
    return loads;

  // Centroid and polar second moment of the current node positions, over all ranks.
  std::vector<dealii::Point<dim>> x(nodes.size());
  PointMoments moments;
  for (std::size_t i = 0; i < nodes.size(); ++i)
  {
    x[i] = current_position(nodes[i], u);
    moments.add(x[i], 1);
  }
  moments.finish(dof_handler.get_communicator());
  const double n = moments.total_weight();
  const dealii::Point<dim> &centroid = moments.centroid();
  const Tensor2 &J = moments.polar();

  // The weight about the centroid: spread evenly, with the couple of its offset from the centroid (its
  // centre of gravity moves with the head's rigid fit). The moment is a couple like that one.
  loads.weight = weight_fraction * head.mass * gravity * head.gravity_direction;
  const RigidFit pose = fit(u);
  loads.lever = pose.x_mean + pose.R * (head.centre_of_gravity - pose.X_mean) - centroid;
  Vector3 couple = dealii::cross_product_3d(loads.lever, loads.weight);
  if (moment)
    couple += protocol.head_moment.value(time) * head.axis;
  const Vector3 w = dealii::invert(J) * couple;
  loads.forces.resize(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i)
    loads.forces[i] = loads.weight / n + dealii::cross_product_3d(w, x[i] - centroid);
  return loads;
}

RigidBodyTerms HeadCoupling::rigid_body_terms(const Vector &u, const RigidFit &at, const Vector &rhs,
                                              const double time) const
{
  // How the body's generalized residual (G^T residual, residual = -rhs) changes as it turns, beyond
  // G^T K G: the moment of the nodal forces turning with the body, less that of the head's own loads
  // (applied without a tangent), whose change is the weight's moment about the centroid turning with the
  // body; a couple about a fixed axis does not change. Not symmetric: a couple about a fixed axis is not
  // conservative.
  Tensor2 H = -body->rotation_tangent(u, at, rhs); // linear in the forces: no negated copy of rhs
  const OwnLoads loads = own_loads(u, time);
  Tensor2 own;
  for (std::size_t i = 0; i < loads.forces.size(); ++i)
    own += rotation_tangent_of(loads.forces[i], current_position(nodes[i], u) - at.x_mean);
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      H[i][j] += dealii::Utilities::MPI::sum(own[i][j], dof_handler.get_communicator());
  H += rotation_tangent_of(-loads.weight, loads.lever);

  RigidBodyTerms terms = prescription(at, time);
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      terms.stiffness(dim + i, dim + j) = H[i][j];
  return terms;
}

RigidBodyTerms HeadCoupling::prescription(const RigidFit &at, const double time) const
{
  RigidBodyTerms terms;
  const HeadControl control = protocol.head_control(time);
  if (control == HeadControl::angle || control == HeadControl::rotation ||
      (control == HeadControl::moment && moment_by_search))
  {
    terms.constrained = true;
    const Vector3 gradient = axial_rotation_gradient(at.R, head.axis);
    for (unsigned int d = 0; d < dim; ++d)
      terms.row[dim + d] = gradient[d];
    terms.value = drive_target(time) - axial_rotation(at.R, head.axis);
  }
  return terms;
}

double HeadCoupling::drive_target(const double time) const
{
  return protocol.head_control(time) == HeadControl::moment ? moment_drive_angle : prescribed_angle(time) * degree;
}

double HeadCoupling::prescribed_angle(const double time) const
{
  double angle = protocol.head_angle.value(time);
  if (time > offset.start && time <= offset.end)
    angle += offset.value * (offset.end - time) / (offset.end - offset.start);
  return angle;
}

void HeadCoupling::follow_head(const Vector &u, const double step_start, const double step_end)
{
  const PhaseSpan &phase = protocol.span(step_end);
  const HeadControl control = protocol.head_control(step_end), before = protocol.head_control(step_start);
  const bool phase_starts = step_start > 0 && std::abs(step_start - phase.start) <= 1e-12 * phase.end;
  if (!phase_starts || (control != HeadControl::angle && control != HeadControl::rotation) ||
      (before != HeadControl::moment && before != HeadControl::free))
    return;
  offset = {frame_angle(u) - protocol.head_angle.value(step_start), phase.start, phase.end};
}

void HeadCoupling::save(ArchiveWriter &archive) const
{
  archive.put(std::vector<double>{committed_offset.value, committed_offset.start, committed_offset.end});
}

void HeadCoupling::load(ArchiveReader &archive)
{
  const std::vector<double> saved = archive.get_doubles();
  if (saved.size() != 3)
    throw InputError("the checkpoint's head angle offset holds " + std::to_string(saved.size()) +
                     " values, not 3 (a checkpoint of another config or version)");
  offset = committed_offset = {saved[0], saved[1], saved[2]};
}

double HeadCoupling::frame_angle(const Vector &u) const
{
  return body ? rotation_about_axis(u) : frame->angle(u) / degree;
}

void HeadCoupling::set_moment_drive(const double angle)
{
  moment_drive_angle = angle * degree;
}

void HeadCoupling::turn_rigidly(const Vector &u, const double angle, Vector &displacement) const
{
  const Tensor2 R = rotation_matrix(head.axis, angle * degree);
  for (const Node &node : nodes)
  {
    const dealii::Point<dim> x = current_position(node, u);
    const Vector3 moved = R * (x - head.centre) + (head.centre - node.X);
    for (unsigned int d = 0; d < dim; ++d)
      displacement(node.dofs[d]) = moved[d];
  }
  displacement.compress(dealii::VectorOperation::insert);
}

double HeadCoupling::axial_moment(const Vector &u, const Vector &residual, const double time) const
{
  const HeadControl control = protocol.head_control(time);
  if (body && control == HeadControl::moment && !moment_by_search)
    return protocol.head_moment.value(time);
  if (body && control != HeadControl::free)
    return moment_of(u, residual); // the prescribed rotation's reaction
  switch (control)
  {
  case HeadControl::rotation:
  case HeadControl::moment:
    return -head.drive_stiffness * (frame->angle(u) - drive_target(time));
  case HeadControl::free:
    return 0;
  case HeadControl::angle:
    break;
  }
  return moment_of(u, residual);
}

double HeadCoupling::moment_of(const Vector &u, const Vector &forces) const
{
  Vector3 moment;
  for (const Node &node : nodes)
  {
    Vector3 f;
    for (unsigned int d = 0; d < dim; ++d)
      f[d] = forces(node.dofs[d]);
    moment += dealii::cross_product_3d(current_position(node, u) - head.centre, f);
  }
  return dealii::Utilities::MPI::sum(moment * head.axis, dof_handler.get_communicator());
}

Vector3 HeadCoupling::force_of(const Vector &forces) const
{
  Vector3 sum;
  for (const Node &node : nodes)
    for (unsigned int d = 0; d < dim; ++d)
      sum[d] += forces(node.dofs[d]);
  for (unsigned int d = 0; d < dim; ++d)
    sum[d] = dealii::Utilities::MPI::sum(sum[d], dof_handler.get_communicator());
  return sum;
}

RigidFit HeadCoupling::fit(const Vector &u) const
{
  return fit_rigid_motion(nodes, u, dof_handler.get_communicator());
}

double HeadCoupling::rotation_about_axis(const Vector &u) const
{
  return fit(u).rotation_vector() * head.axis / degree;
}
} // namespace cspine
