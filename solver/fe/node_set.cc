#include "fe/node_set.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_system.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace cspine
{
namespace
{
void pack(const Node &node, std::vector<double> &out)
{
  for (unsigned int d = 0; d < dim; ++d)
    out.push_back(node.X[d]);
  for (unsigned int d = 0; d < dim; ++d)
    out.push_back(static_cast<double>(node.dofs[d]));
}

Node unpack(const double *in)
{
  Node node;
  for (unsigned int d = 0; d < dim; ++d)
  {
    node.X[d] = in[d];
    node.dofs[d] = static_cast<dealii::types::global_dof_index>(in[dim + d]);
  }
  return node;
}
constexpr unsigned int packed_size = 2 * dim;

template <typename Vertex> Node vertex_node(const Vertex &object, const unsigned int v)
{
  Node node;
  node.X = object->vertex(v);
  for (unsigned int d = 0; d < dim; ++d)
    node.dofs[d] = object->vertex_dof_index(v, d);
  return node;
}

/// The node in the middle of the face's edge from A to B (quadratic elements; the mapping is linear,
/// so it sits at the edge's midpoint).
template <typename Face> Node edge_node(const Face &face, const dealii::Point<dim> &A, const dealii::Point<dim> &B)
{
  for (unsigned int l = 0; l < face->n_lines(); ++l)
  {
    const auto line = face->line(l);
    const dealii::Point<dim> a = line->vertex(0), b = line->vertex(1);
    if ((a == A && b == B) || (a == B && b == A))
    {
      Node node;
      node.X = dealii::Point<dim>((A + B) / 2);
      for (unsigned int d = 0; d < dim; ++d)
        node.dofs[d] = line->dof_index(d);
      return node;
    }
  }
  throw std::logic_error("edge_node: the face has no edge between the two corners");
}
} // namespace

std::vector<double> all_gather(const std::vector<double> &values, const MPI_Comm comm)
{
  const int n_ranks = static_cast<int>(dealii::Utilities::MPI::n_mpi_processes(comm));
  const int count = static_cast<int>(values.size());
  std::vector<int> counts(n_ranks), offsets(n_ranks, 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  for (int r = 1; r < n_ranks; ++r)
    offsets[r] = offsets[r - 1] + counts[r - 1];
  std::vector<double> all(offsets.back() + counts.back());
  MPI_Allgatherv(values.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, comm);
  return all;
}

std::vector<Node> all_gather_nodes(const std::vector<Node> &nodes, const MPI_Comm comm)
{
  std::vector<double> packed;
  for (const Node &node : nodes)
    pack(node, packed);
  const std::vector<double> all = all_gather(packed, comm);
  std::vector<Node> result;
  for (std::size_t i = 0; i < all.size(); i += packed_size)
    result.push_back(unpack(&all[i]));
  return result;
}

std::vector<Node> owned_region_nodes(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                                     const std::function<bool(unsigned int)> &in_region, const bool all_relevant)
{
  const auto &fe = dof_handler.get_fe();
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  const auto &unit_points = fe.get_unit_support_points();
  std::vector<dealii::types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
  std::set<dealii::types::global_dof_index> seen;
  std::vector<Node> nodes;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    // Ghost cells too: a rank may own the DoFs of a node that only another rank's cells of the
    // region touch (where the partition boundary meets the region boundary).
    if (!(cell->is_locally_owned() || cell->is_ghost()) || !in_region(cell->material_id()))
      continue;
    cell->get_dof_indices(dof_indices);
    for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
    {
      const auto [component, base] = fe.system_to_component_index(i);
      if (component != 0 || (!all_relevant && !owned.is_element(dof_indices[i])) || !seen.insert(dof_indices[i]).second)
        continue;
      Node node;
      node.X = mapping.transform_unit_to_real_cell(cell, unit_points[i]);
      for (unsigned int j = 0; j < fe.n_dofs_per_cell(); ++j)
        if (fe.system_to_component_index(j).second == base)
          node.dofs[fe.system_to_component_index(j).first] = dof_indices[j];
      nodes.push_back(node);
    }
  }
  return nodes;
}

std::vector<std::array<Node, 3>> gathered_boundary_triangles(const dealii::DoFHandler<dim> &dof_handler,
                                                             const unsigned int boundary_id)
{
  // Quadratic tetrahedra carry a node at the middle of each edge (one DoF per component on a line).
  const bool edge_nodes = dof_handler.get_fe().n_dofs_per_line() > 0;
  std::vector<double> packed;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    for (const unsigned int f : cell->face_indices())
    {
      const auto face = cell->face(f);
      if (!face->at_boundary() || face->boundary_id() != boundary_id)
        continue;
      if (face->n_vertices() != 3)
        throw std::logic_error(
            "gathered_boundary_triangles: a face is not a triangle (Simulation checks for tetrahedra)");
      std::array<Node, 3> corners{{vertex_node(face, 0), vertex_node(face, 1), vertex_node(face, 2)}};
      // Outward: the normal points away from the cell's centre.
      const Vector3 normal = dealii::cross_product_3d(corners[1].X - corners[0].X, corners[2].X - corners[0].X);
      if (normal * (face->center() - cell->center()) < 0)
        std::swap(corners[1], corners[2]);
      std::vector<std::array<Node, 3>> triangles{corners};
      if (edge_nodes)
      {
        // The 6-node face as 4 flat triangles on its corner and edge nodes, each turning the same way as
        // the face: the search and the forces then treat every node alike.
        const auto between = [&](const unsigned int a, const unsigned int b)
        {
          return edge_node(face, corners[a].X, corners[b].X);
        };
        const Node m01 = between(0, 1), m12 = between(1, 2), m20 = between(2, 0);
        triangles = {{{corners[0], m01, m20}}, {{m01, corners[1], m12}}, {{m20, m12, corners[2]}}, {{m01, m12, m20}}};
      }
      for (const auto &triangle : triangles)
        for (const Node &node : triangle)
          pack(node, packed);
    }
  }
  const std::vector<double> all = all_gather(packed, dof_handler.get_communicator());
  std::vector<std::array<Node, 3>> triangles(all.size() / (3 * packed_size));
  for (std::size_t t = 0; t < triangles.size(); ++t)
    for (unsigned int v = 0; v < 3; ++v)
      triangles[t][v] = unpack(&all[(3 * t + v) * packed_size]);
  return triangles;
}

std::vector<std::vector<Node>> gathered_surface_patches(const dealii::DoFHandler<dim> &dof_handler,
                                                        const std::vector<PatchRequest> &requests)
{
  // Candidates within a wider ball, so that a patch smaller than the mesh still finds its nearest nodes.
  auto search_radius = [](const PatchRequest &request)
  {
    return request.radius + 5.0;
  };
  std::map<unsigned int, std::vector<std::size_t>> requests_of_region;
  for (std::size_t r = 0; r < requests.size(); ++r)
    requests_of_region[requests[r].region].push_back(r);
  // Rows of (request, packed node) on this rank.
  std::vector<double> packed;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    const auto wanted = requests_of_region.find(cell->material_id());
    if (wanted == requests_of_region.end())
      continue;
    for (const unsigned int f : cell->face_indices())
    {
      const auto face = cell->face(f);
      if (!face->at_boundary() && cell->neighbor(f)->material_id() == cell->material_id())
        continue;
      for (unsigned int v = 0; v < face->n_vertices(); ++v)
        for (const std::size_t r : wanted->second)
          if (face->vertex(v).distance(requests[r].centre) <= search_radius(requests[r]))
          {
            packed.push_back(static_cast<double>(r));
            pack(vertex_node(face, v), packed);
          }
    }
  }
  const std::vector<double> all = all_gather(packed, dof_handler.get_communicator());
  std::vector<std::vector<Node>> candidates(requests.size());
  std::vector<std::set<dealii::types::global_dof_index>> seen(requests.size());
  for (std::size_t i = 0; i < all.size(); i += 1 + packed_size)
  {
    const auto r = static_cast<std::size_t>(all[i]);
    const Node node = unpack(&all[i + 1]);
    if (seen[r].insert(node.dofs[0]).second)
      candidates[r].push_back(node);
  }
  for (std::size_t r = 0; r < requests.size(); ++r)
  {
    const PatchRequest &request = requests[r];
    std::vector<Node> &patch = candidates[r];
    // Sorted by distance, ties by DoF, so every rank and partition picks the same nodes.
    std::sort(patch.begin(), patch.end(),
              [&](const Node &a, const Node &b)
              {
                const double da = a.X.distance(request.centre), db = b.X.distance(request.centre);
                return da != db ? da < db : a.dofs[0] < b.dofs[0];
              });
    std::size_t count = 0;
    while (count < patch.size() && patch[count].X.distance(request.centre) <= request.radius)
      ++count;
    patch.resize(std::min<std::size_t>(std::max<std::size_t>(count, request.minimum), patch.size()));
  }
  return candidates;
}

dealii::Point<dim> current_position(const Node &node, const Vector &u)
{
  // One read of the three DoFs: deal.II's element access asks PETSc for the array once per entry.
  std::array<double, dim> displacement;
  u.extract_subvector_to(node.dofs.begin(), node.dofs.end(), displacement.begin());
  dealii::Point<dim> x = node.X;
  for (unsigned int d = 0; d < dim; ++d)
    x[d] += displacement[d];
  return x;
}

Tensor2 skew(const Vector3 &v)
{
  Tensor2 S;
  S[0][1] = -v[2];
  S[0][2] = v[1];
  S[1][0] = v[2];
  S[1][2] = -v[0];
  S[2][0] = -v[1];
  S[2][1] = v[0];
  return S;
}

Tensor2 rotation_matrix(const Vector3 &axis, const double angle)
{
  const Tensor2 K = skew(axis);
  Tensor2 R = dealii::unit_symmetric_tensor<dim>();
  R += std::sin(angle) * K + (1 - std::cos(angle)) * K * K;
  return R;
}

Vector3 rotation_vector(const Tensor2 &R)
{
  // |axial vector| = 2 sin(angle), trace = 1 + 2 cos(angle): atan2 keeps small angles exact (acos of a
  // cosine near 1 loses half the digits).
  Vector3 axis;
  axis[0] = R[2][1] - R[1][2];
  axis[1] = R[0][2] - R[2][0];
  axis[2] = R[1][0] - R[0][1];
  const double norm = axis.norm();
  if (norm < 1e-300)
    return Vector3();
  const double angle = std::atan2(0.5 * norm, 0.5 * (dealii::trace(R) - 1));
  return axis / norm * angle;
}

Vector3 RigidFit::rotation_vector() const
{
  return cspine::rotation_vector(R);
}

RigidFit fit_rigid_motion(const std::vector<Node> &nodes, const Vector &u, const MPI_Comm comm)
{
  // Sums of X, x and x X^T over all ranks; the centred cross-covariance follows from them.
  std::vector<double> sums(1 + 2 * dim + dim * dim, 0.0);
  for (const Node &node : nodes)
  {
    const dealii::Point<dim> x = current_position(node, u);
    sums[0] += 1;
    for (unsigned int i = 0; i < dim; ++i)
    {
      sums[1 + i] += node.X[i];
      sums[1 + dim + i] += x[i];
      for (unsigned int j = 0; j < dim; ++j)
        sums[1 + 2 * dim + dim * i + j] += x[i] * node.X[j];
    }
  }
  dealii::Utilities::MPI::sum(sums, comm, sums);
  RigidFit fit;
  fit.n_nodes = static_cast<unsigned int>(sums[0]);
  fit.R = dealii::unit_symmetric_tensor<dim>();
  if (fit.n_nodes == 0)
    return fit;
  const double n = sums[0];
  Tensor2 H;
  for (unsigned int i = 0; i < dim; ++i)
  {
    fit.X_mean[i] = sums[1 + i] / n;
    fit.x_mean[i] = sums[1 + dim + i] / n;
  }
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      H[i][j] = sums[1 + 2 * dim + dim * i + j] / n - fit.x_mean[i] * fit.X_mean[j];
  // Polar decomposition H = R U by Higham's iteration R <- (R + R^-T) / 2, scaled for speed.
  Tensor2 R = H / std::cbrt(std::abs(dealii::determinant(H)));
  for (unsigned int iteration = 0; iteration < 100; ++iteration)
  {
    const Tensor2 next = 0.5 * (R + dealii::transpose(dealii::invert(R)));
    const double change = (next - R).norm();
    R = next;
    if (change < 1e-14)
      break;
  }
  fit.R = R;
  return fit;
}
} // namespace cspine
