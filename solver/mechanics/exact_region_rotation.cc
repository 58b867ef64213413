#include "mechanics/exact_region_rotation.h"

#include "fe/petsc_check.h"
#include "mechanics/local_entries.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
/// R(w) - I - [w]x: what the exact rotation by w adds to its linearisation.
Tensor2 rotation_beyond_linear(const Vector3 &w)
{
  const double theta = w.norm();
  const Tensor2 W = skew(w); // [w]x
  if (theta < 1e-8)          // the series: W^2 / 2 + O(theta^3), where R - I - W would cancel to round-off
    return 0.5 * (W * W);
  return rotation_matrix(w / theta, theta) - Tensor2(dealii::unit_symmetric_tensor<dim>()) - W;
}
} // namespace

ExactRegionRotation::ExactRegionRotation(const dealii::DoFHandler<dim> &dof_handler,
                                         const dealii::Mapping<dim> &mapping,
                                         const std::vector<unsigned int> &region_ids,
                                         const dealii::AffineConstraints<double> &prescribed)
    : comm(dof_handler.get_communicator())
{
  for (const unsigned int id : region_ids)
  {
    std::vector<Node> nodes =
        owned_region_nodes(dof_handler, mapping, [id](const unsigned int region) { return region == id; });
    nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                               [&](const Node &node)
                               {
                                 return std::any_of(node.dofs.begin(), node.dofs.end(),
                                                    [&](const auto dof) { return prescribed.is_constrained(dof); });
                               }),
                nodes.end());
    regions.push_back(std::move(nodes));
  }
}

void ExactRegionRotation::apply(const Vector &u, const Vector &du, const double alpha, Vector &trial) const
{
  // Read and written through the local arrays: a PETSc call per entry cost more than the fit.
  std::vector<std::pair<dealii::types::global_dof_index, double>> corrections;
  {
    const LocalEntries u_entries(u), du_entries(du);
    add_corrections(u_entries, du_entries, alpha, corrections);
  }
  const auto range = trial.local_range();
  Vec vec = static_cast<const Vec &>(trial); // a handle: the entries are written through it
  PetscScalar *data = nullptr;
  check_petsc(VecGetArray(vec, &data), "VecGetArray");
  for (const auto &[dof, value] : corrections)
    data[dof - range.first] += value;
  VecRestoreArray(vec, &data);
}

void ExactRegionRotation::add_corrections(
    const LocalEntries &u, const LocalEntries &du, const double alpha,
    std::vector<std::pair<dealii::types::global_dof_index, double>> &corrections) const
{
  for (const std::vector<Node> &nodes : regions)
  {
    // The region's centroid and mean motion, then its least-squares rotation w: the motion v of each
    // node relative to the mean is best fitted by w x r (r relative to the centroid) where
    // (sum |r|^2 I - r r^T) w = sum r x v.
    const auto position = [&](const Node &node)
    {
      Vector3 x;
      for (unsigned int d = 0; d < dim; ++d)
        x[d] = node.X[d] + u[node.dofs[d]];
      return x;
    };
    const auto motion = [&](const Node &node)
    {
      Vector3 v;
      for (unsigned int d = 0; d < dim; ++d)
        v[d] = alpha * du[node.dofs[d]];
      return v;
    };
    std::vector<double> means(2 * dim + 1, 0.0);
    for (const Node &node : nodes)
    {
      const Vector3 x = position(node), v = motion(node);
      for (unsigned int d = 0; d < dim; ++d)
      {
        means[d] += x[d];
        means[dim + d] += v[d];
      }
    }
    means[2 * dim] = nodes.size();
    dealii::Utilities::MPI::sum(means, comm, means);
    if (means[2 * dim] < 3) // fewer than three free nodes do not define a rotation
      continue;
    Vector3 centroid, mean_motion;
    for (unsigned int d = 0; d < dim; ++d)
    {
      centroid[d] = means[d] / means[2 * dim];
      mean_motion[d] = means[dim + d] / means[2 * dim];
    }
    std::vector<double> sums(dim * dim + dim, 0.0);
    for (const Node &node : nodes)
    {
      const Vector3 r = position(node) - centroid, v = motion(node) - mean_motion;
      const Vector3 moment = dealii::cross_product_3d(r, v);
      for (unsigned int i = 0; i < dim; ++i)
      {
        sums[dim * dim + i] += moment[i];
        for (unsigned int j = 0; j < dim; ++j)
          sums[dim * i + j] += (i == j ? r * r : 0.0) - r[i] * r[j];
      }
    }
    dealii::Utilities::MPI::sum(sums, comm, sums);
    Tensor2 inertia;
    Vector3 moment;
    for (unsigned int i = 0; i < dim; ++i)
    {
      moment[i] = sums[dim * dim + i];
      for (unsigned int j = 0; j < dim; ++j)
        inertia[i][j] = sums[dim * i + j];
    }
    if (std::abs(dealii::determinant(inertia)) <= 1e-12 * std::pow(dealii::trace(inertia), 3))
      continue; // collinear nodes: the rotation about their line is not defined
    const Tensor2 beyond = rotation_beyond_linear(dealii::invert(inertia) * moment);
    for (const Node &node : nodes)
    {
      const Vector3 correction = beyond * (position(node) - centroid);
      for (unsigned int d = 0; d < dim; ++d)
        corrections.emplace_back(node.dofs[d], correction[d]);
    }
  }
}
} // namespace cspine
