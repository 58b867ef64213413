// The rotation of a body about a fixed axis, measured on a small frame of its nodes, with its exact first
// and second derivatives, so that a pure moment M about the axis is the conservative load of potential
// -M theta(x) and its tangent is exact (and symmetric). The frame nodes' positions x_i give the affine
// least-squares map A = sum_i x_i (x) g_i, g_i = G^-1 (X_i - Xbar), G = sum_i (X_i - Xbar)(X_i - Xbar)^T,
// and theta = atan2(s, c), c = e1.A e1 + e2.A e2, s = e2.A e1 - e1.A e2, with (e1, e2, axis) right-handed:
// for A a rotation by theta about the axis, c = 2 cos theta and s = 2 sin theta. A rigid rotation dphi
// about the axis changes theta by dphi, so the virtual work of the moment is M dphi.
#pragma once

#include "core/types.h"
#include "fe/node_set.h"

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace cspine
{
class FrameRotation
{
public:
  /// The frame's nodes (at least four, not coplanar) and the unit axis.
  FrameRotation(std::vector<Node> frame_nodes, const Vector3 &axis);

  const std::vector<Node> &nodes() const { return frame; }
  /// The frame's DoFs, three per node in node order.
  DofList dofs() const;

  /// [rad] theta at u (u must hold the frame's DoFs); with `gradient` and `hessian` (sized 3n and 3n x
  /// 3n) its derivatives with respect to the frame DoFs.
  double angle(const Vector &u, dealii::Vector<double> *gradient = nullptr,
               dealii::FullMatrix<double> *hessian = nullptr) const;

private:
  std::vector<Node> frame;
  Vector3 e1, e2;
  /// g_i of each node.
  std::vector<Vector3> g;
};

/// Up to `count` nodes of `nodes` (gathered: every rank passes the same list) spread over the body: the
/// nearest node to each of `count` points on the ellipsoid that bounds the nodes (Fibonacci lattice), each
/// node once, ties broken by DoF index, so the choice does not depend on the partition.
std::vector<Node> spread_frame_nodes(const std::vector<Node> &nodes, unsigned int count);
} // namespace cspine
