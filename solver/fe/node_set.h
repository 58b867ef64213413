// Mesh nodes as (reference position, the three displacement DoFs), collected from locally owned cells,
// and what several features need from them: current positions, a rigid-body fit, gathering a small set
// to every rank. A node is "owned" by the rank that owns its x DoF.
#pragma once

#include "core/types.h"
#include "fe/assembly_term.h"

#include <deal.II/base/point.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <array>
#include <functional>
#include <vector>

namespace cspine
{
struct Node
{
  dealii::Point<dim> X;
  std::array<dealii::types::global_dof_index, dim> dofs;
};

/// Support-point nodes of the cells whose region passes `in_region`, each once. By default the nodes
/// whose x DoF this rank owns, so that the sets of all ranks partition the region's nodes; with
/// `all_relevant`, every node of the region's locally owned and ghost cells.
std::vector<Node> owned_region_nodes(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                                     const std::function<bool(unsigned int region)> &in_region,
                                     bool all_relevant = false);

/// The boundary faces of locally owned tetrahedra with `boundary_id` as flat triangles of three nodes
/// (outward normal by the right-hand rule): a linear element's face as itself, a quadratic one's as four
/// triangles on its corner and edge nodes. Every rank's triangles gathered to all ranks.
std::vector<std::array<Node, 3>> gathered_boundary_triangles(const dealii::DoFHandler<dim> &dof_handler,
                                                             unsigned int boundary_id);

/// Where to look for a patch of surface nodes: on `region`'s surface, within `radius` of `centre`, at
/// least the `minimum` nearest ones.
struct PatchRequest
{
  unsigned int region;
  dealii::Point<dim> centre;
  double radius;
  unsigned int minimum;
};

/// For each request, the vertex nodes on the surface of its region (mesh boundary or interface with
/// another region) within its radius of its centre, gathered to all ranks; if fewer than its minimum, the
/// minimum nearest ones. One pass over the cells and one gather for all requests. Collective.
std::vector<std::vector<Node>> gathered_surface_patches(const dealii::DoFHandler<dim> &dof_handler,
                                                        const std::vector<PatchRequest> &requests);

/// Current position X + u; `u` must hold (ghost) the node's DoFs.
dealii::Point<dim> current_position(const Node &node, const Vector &u);

/// Rotation R and translation such that x = R (X - X_mean) + x_mean fits the nodes best (least squares;
/// polar decomposition of the cross-covariance). Collective: every rank passes its own nodes.
struct RigidFit
{
  Tensor2 R;
  dealii::Point<dim> X_mean, x_mean;
  unsigned int n_nodes = 0;
  /// Rotation vector (axis times angle in rad) of R.
  Vector3 rotation_vector() const;
};
RigidFit fit_rigid_motion(const std::vector<Node> &nodes, const Vector &u, MPI_Comm comm);

/// Rotation vector of a rotation matrix.
Vector3 rotation_vector(const Tensor2 &R);
/// The matrix [v]x with [v]x w = v x w.
Tensor2 skew(const Vector3 &v);
/// Rotation matrix of `angle` [rad] about the unit vector `axis` (Rodrigues).
Tensor2 rotation_matrix(const Vector3 &axis, double angle);

/// Every rank's nodes, on every rank, in rank order. Collective.
std::vector<Node> all_gather_nodes(const std::vector<Node> &nodes, MPI_Comm comm);

/// Concatenation of every rank's values, in rank order.
std::vector<double> all_gather(const std::vector<double> &values, MPI_Comm comm);
} // namespace cspine
