#include "fe/rigid_body.h"

#include <deal.II/base/mpi.h>

#include <cmath>

namespace cspine
{
RigidBody::RigidBody(std::vector<Node> owned_nodes, const MPI_Comm communicator)
    : body_nodes(std::move(owned_nodes)), comm(communicator)
{
  for (const Node &node : body_nodes)
    owned_dofs.insert(owned_dofs.end(), node.dofs.begin(), node.dofs.end());
}

RigidFit RigidBody::pose(const Vector &u) const
{
  return fit_rigid_motion(body_nodes, u, comm);
}

std::array<Vector, 6> RigidBody::modes(const Vector &u, const RigidFit &at, const Vector &like) const
{
  std::array<Vector, 6> g;
  for (Vector &mode : g)
  {
    mode.reinit(like.locally_owned_elements(), like.get_mpi_communicator());
    mode = 0;
  }
  for (const Node &node : body_nodes)
  {
    const Vector3 r = current_position(node, u) - at.x_mean;
    for (unsigned int k = 0; k < dim; ++k)
    {
      Vector3 e;
      e[k] = 1;
      const Vector3 turn = dealii::cross_product_3d(e, r);
      for (unsigned int d = 0; d < dim; ++d)
      {
        g[k](node.dofs[d]) = d == k ? 1 : 0;
        g[dim + k](node.dofs[d]) = turn[d];
      }
    }
  }
  for (Vector &mode : g)
    mode.compress(dealii::VectorOperation::insert);
  return g;
}

Tensor2 rotation_tangent_of(const Vector3 &f, const Vector3 &r)
{
  // d/dphi [(phi x r) x f] = d/dphi [-f x (phi x r)] = [f]x[r]x = r f^T - (f . r) I.
  Tensor2 H;
  const double fr = f * r;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      H[i][j] = r[i] * f[j] - (i == j ? fr : 0);
  return H;
}

Tensor2 RigidBody::rotation_tangent(const Vector &u, const RigidFit &at, const Vector &forces) const
{
  Tensor2 H;
  for (const Node &node : body_nodes)
  {
    Vector3 f;
    for (unsigned int d = 0; d < dim; ++d)
      f[d] = forces(node.dofs[d]);
    H += rotation_tangent_of(f, current_position(node, u) - at.x_mean);
  }
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      H[i][j] = dealii::Utilities::MPI::sum(H[i][j], comm);
  return H;
}

void RigidBody::project_residual(const Vector &u, const RigidFit &at, const RigidMotion *row, Vector &residual) const
{
  // G^T r and G^T G = diag(n I, J), J = sum |r|^2 I - r r^T about the centroid (sum r = 0).
  std::vector<double> sums(6 + dim * dim + 1, 0.0);
  std::vector<Vector3> arms(body_nodes.size());
  for (std::size_t i = 0; i < body_nodes.size(); ++i)
  {
    const Node &node = body_nodes[i];
    arms[i] = current_position(node, u) - at.x_mean;
    Vector3 f;
    for (unsigned int d = 0; d < dim; ++d)
      f[d] = residual(node.dofs[d]);
    const Vector3 moment = dealii::cross_product_3d(arms[i], f);
    for (unsigned int d = 0; d < dim; ++d)
    {
      sums[d] += f[d];
      sums[dim + d] += moment[d];
      for (unsigned int e = 0; e < dim; ++e)
        sums[6 + dim * d + e] += (d == e ? arms[i] * arms[i] : 0) - arms[i][d] * arms[i][e];
    }
    sums[6 + dim * dim] += 1;
  }
  dealii::Utilities::MPI::sum(sums, comm, sums);
  const double n = sums[6 + dim * dim];
  Tensor2 J;
  for (unsigned int d = 0; d < dim; ++d)
    for (unsigned int e = 0; e < dim; ++e)
      J[d][e] = sums[6 + dim * d + e];
  const Tensor2 J_inverse = dealii::invert(J);
  // W = (G^T G)^-1 applied to a generalized vector.
  auto weighted = [&](const RigidMotion &q)
  {
    RigidMotion w{};
    for (unsigned int d = 0; d < dim; ++d)
    {
      w[d] = q[d] / n;
      for (unsigned int e = 0; e < dim; ++e)
        w[dim + d] += J_inverse[d][e] * q[dim + e];
    }
    return w;
  };
  RigidMotion Q;
  std::copy(sums.begin(), sums.begin() + 6, Q.begin());
  if (row)
  {
    // Remove the reaction: Q' = Q - row (row^T W Q) / (row^T W row).
    const RigidMotion w_row = weighted(*row);
    double along = 0, norm = 0;
    for (unsigned int k = 0; k < 6; ++k)
    {
      along += w_row[k] * Q[k];
      norm += w_row[k] * (*row)[k];
    }
    for (unsigned int k = 0; k < 6; ++k)
      Q[k] -= (*row)[k] * along / norm;
  }
  const RigidMotion w = weighted(Q);
  const Vector3 shift{{w[0], w[1], w[2]}}, turn{{w[3], w[4], w[5]}};
  for (std::size_t i = 0; i < body_nodes.size(); ++i)
  {
    const Vector3 f = shift + dealii::cross_product_3d(turn, arms[i]);
    for (unsigned int d = 0; d < dim; ++d)
      residual(body_nodes[i].dofs[d]) = f[d];
  }
  residual.compress(dealii::VectorOperation::insert);
}

void RigidBody::place(const Vector &u, const RigidFit &at, const double alpha, const RigidMotion &motion,
                      Vector &trial) const
{
  const Vector3 phi{{alpha * motion[3], alpha * motion[4], alpha * motion[5]}};
  const Vector3 shift{{alpha * motion[0], alpha * motion[1], alpha * motion[2]}};
  const double angle = phi.norm();
  const Tensor2 turn = angle > 0 ? rotation_matrix(phi / angle, angle) : Tensor2(dealii::unit_symmetric_tensor<dim>());
  for (const Node &node : body_nodes)
  {
    const Vector3 moved = at.x_mean + shift + turn * (current_position(node, u) - at.x_mean) - node.X;
    for (unsigned int d = 0; d < dim; ++d)
      trial(node.dofs[d]) = moved[d];
  }
  trial.compress(dealii::VectorOperation::insert);
}

double axial_rotation(const Tensor2 &R, const Vector3 &axis)
{
  return rotation_vector(R) * axis;
}

Vector3 axial_rotation_gradient(const Tensor2 &R, const Vector3 &axis)
{
  // log(exp([phi]) R) = psi + J_l^-1(psi) phi + O(phi^2), with
  // J_l^-1(psi) = I - [psi]/2 + (1/t^2 - (1 + cos t) / (2 t sin t)) [psi]^2, t = |psi|.
  const Vector3 psi = rotation_vector(R);
  const double t = psi.norm();
  const double c = t < 1e-4 ? 1.0 / 12 + t * t / 720 : 1 / (t * t) - (1 + std::cos(t)) / (2 * t * std::sin(t));
  const Tensor2 S = skew(psi);
  const Tensor2 inverse_jacobian = Tensor2(dealii::unit_symmetric_tensor<dim>()) - 0.5 * S + c * S * S;
  return dealii::transpose(inverse_jacobian) * axis;
}
} // namespace cspine
