#include "fe/frame_rotation.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace cspine
{
FrameRotation::FrameRotation(std::vector<Node> frame_nodes, const Vector3 &axis) : frame(std::move(frame_nodes))
{
  AssertThrow(frame.size() >= 4, dealii::ExcMessage("a frame rotation needs at least four nodes"));
  // e1: the axis crossed with the coordinate direction least aligned with it.
  unsigned int least = 0;
  for (unsigned int d = 1; d < dim; ++d)
    if (std::abs(axis[d]) < std::abs(axis[least]))
      least = d;
  Vector3 reference;
  reference[least] = 1;
  e1 = dealii::cross_product_3d(axis, reference);
  e1 /= e1.norm();
  e2 = dealii::cross_product_3d(axis, e1);

  dealii::Point<dim> mean;
  for (const Node &node : frame)
    mean += node.X / static_cast<double>(frame.size());
  Tensor2 G;
  for (const Node &node : frame)
    G += dealii::outer_product(node.X - mean, node.X - mean);
  AssertThrow(std::abs(dealii::determinant(G)) > 1e-12 * std::pow(dealii::trace(G), 3),
              dealii::ExcMessage("the frame nodes of a rotation measure must not be coplanar"));
  const Tensor2 G_inverse = dealii::invert(G);
  for (const Node &node : frame)
    g.push_back(G_inverse * (node.X - mean));
}

DofList FrameRotation::dofs() const
{
  DofList result;
  for (const Node &node : frame)
    result.insert(result.end(), node.dofs.begin(), node.dofs.end());
  return result;
}

double FrameRotation::angle(const Vector &u, dealii::Vector<double> *gradient,
                            dealii::FullMatrix<double> *hessian) const
{
  // c and s are linear in A = sum_i x_i (x) g_i: c = sum_i x_i . (C g_i), s = sum_i x_i . (S g_i) with
  // C = e1 (x) e1 + e2 (x) e2 and S = e2 (x) e1 - e1 (x) e2.
  const Tensor2 C = dealii::outer_product(e1, e1) + dealii::outer_product(e2, e2);
  const Tensor2 S = dealii::outer_product(e2, e1) - dealii::outer_product(e1, e2);
  std::vector<Vector3> cg(frame.size()), sg(frame.size());
  double c = 0, s = 0;
  for (std::size_t i = 0; i < frame.size(); ++i)
  {
    cg[i] = C * g[i];
    sg[i] = S * g[i];
    const dealii::Point<dim> x = current_position(frame[i], u);
    c += x * cg[i];
    s += x * sg[i];
  }
  const double rho2 = c * c + s * s;
  if (gradient)
  {
    // d theta = (c ds - s dc) / rho^2.
    const double theta_c = -s / rho2, theta_s = c / rho2;
    for (std::size_t i = 0; i < frame.size(); ++i)
      for (unsigned int r = 0; r < dim; ++r)
        (*gradient)(dim * i + r) = theta_c * cg[i][r] + theta_s * sg[i][r];
  }
  if (hessian)
  {
    const double theta_cc = 2 * c * s / (rho2 * rho2), theta_ss = -theta_cc, theta_cs = (s * s - c * c) / (rho2 * rho2);
    for (std::size_t i = 0; i < frame.size(); ++i)
      for (std::size_t j = 0; j < frame.size(); ++j)
        for (unsigned int r = 0; r < dim; ++r)
          for (unsigned int t = 0; t < dim; ++t)
            (*hessian)(dim * i + r, dim * j + t) = theta_cc * cg[i][r] * cg[j][t] + theta_ss * sg[i][r] * sg[j][t] +
                                                   theta_cs * (cg[i][r] * sg[j][t] + sg[i][r] * cg[j][t]);
  }
  return std::atan2(s, c);
}

std::vector<Node> spread_frame_nodes(const std::vector<Node> &nodes, const unsigned int count)
{
  dealii::Point<dim> low, high;
  for (unsigned int d = 0; d < dim; ++d)
  {
    low[d] = std::numeric_limits<double>::max();
    high[d] = -std::numeric_limits<double>::max();
  }
  for (const Node &node : nodes)
    for (unsigned int d = 0; d < dim; ++d)
    {
      low[d] = std::min(low[d], node.X[d]);
      high[d] = std::max(high[d], node.X[d]);
    }
  const dealii::Point<dim> centre = 0.5 * (low + high);
  std::vector<Node> chosen;
  std::set<dealii::types::global_dof_index> taken;
  const double golden = M_PI * (3 - std::sqrt(5.0));
  for (unsigned int k = 0; k < count && chosen.size() < nodes.size(); ++k)
  {
    // Fibonacci lattice on the unit sphere, stretched to the bounding box's half-extents.
    const double z = 1 - (2 * k + 1.0) / count, r = std::sqrt(1 - z * z), phi = golden * k;
    const Vector3 unit({r * std::cos(phi), r * std::sin(phi), z});
    dealii::Point<dim> target = centre;
    for (unsigned int d = 0; d < dim; ++d)
      target[d] += 0.5 * (high[d] - low[d]) * unit[d];
    const Node *best = nullptr;
    for (const Node &node : nodes)
    {
      if (taken.count(node.dofs[0]))
        continue;
      if (!best || node.X.distance(target) < best->X.distance(target) ||
          (node.X.distance(target) == best->X.distance(target) && node.dofs[0] < best->dofs[0]))
        best = &node;
    }
    taken.insert(best->dofs[0]);
    chosen.push_back(*best);
  }
  return chosen;
}
} // namespace cspine
