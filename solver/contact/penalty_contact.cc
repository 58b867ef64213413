#include "contact/penalty_contact.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

namespace cspine
{
namespace
{
// [mm] Nodes farther than this from a surface (in front or behind) are not searched: it keeps a node
// from catching the far side of a thin layer. Penalty penetrations are orders of magnitude smaller.
constexpr double search_distance = 2.0;
// [-] Barycentric band outside a surface's edge over which the contact force fades to zero (smoothly),
// so that a node sliding off the edge does not make the force jump and Newton cycle.
constexpr double taper_band = 0.2;
// [mm] How far a contact may slide within one load step and keep its tangent's cross terms (at a
// 20 mm radius, 3 deg of C1 on C2).
constexpr double slide_margin = 1.0;
// [-] Barycentric band beyond an edge shared with a neighbouring triangle within which a node keeps the
// triangle it was pressed against (see `project`).
constexpr double hysteresis = 0.2;

/// 1 inside the triangle (smallest barycentric coordinate b >= 0), smoothstep down to 0 at -band.
double taper(const double b)
{
  if (b >= 0)
    return 1;
  if (b <= -taper_band)
    return 0;
  const double t = (b + taper_band) / taper_band;
  return t * t * (3 - 2 * t);
}

DofList node_dofs(const std::vector<Node> &nodes)
{
  DofList dofs;
  for (const Node &node : nodes)
    dofs.insert(dofs.end(), node.dofs.begin(), node.dofs.end());
  return dofs;
}
} // namespace

PenaltyContact::PenaltyContact(const dealii::DoFHandler<dim> &dofs, const ContactSettings &contact)
    : dof_handler(dofs), settings(contact)
{
  for (const auto &[id_a, id_b] : settings.pairs)
  {
    std::array<Surface, 2> pair;
    for (unsigned int side = 0; side < 2; ++side)
    {
      Surface &surface = pair[side];
      surface.triangles = gathered_boundary_triangles(dof_handler, side == 0 ? id_a : id_b);
      std::map<dealii::types::global_dof_index, std::size_t> index;
      for (const auto &triangle : surface.triangles)
      {
        const double area =
            0.5 * dealii::cross_product_3d(triangle[1].X - triangle[0].X, triangle[2].X - triangle[0].X).norm();
        std::array<std::size_t, 3> vertices{};
        for (unsigned int v = 0; v < 3; ++v)
        {
          const Node &node = triangle[v];
          const auto [it, inserted] = index.emplace(node.dofs[0], surface.nodes.size());
          if (inserted)
          {
            surface.nodes.push_back(node);
            surface.areas.push_back(0);
          }
          surface.areas[it->second] += area / 3;
          vertices[v] = it->second;
          surface.longest_edge = std::max(surface.longest_edge, triangle[v].X.distance(triangle[(v + 1) % 3].X));
        }
        surface.triangle_nodes.push_back(vertices);
      }
      surface.tracked.assign(surface.nodes.size(), no_triangle);
      surface.committed = surface.tracked;
      surface.held.assign(surface.nodes.size(), no_triangle);
      // An edge used by one triangle only is the surface's border.
      std::map<std::pair<std::size_t, std::size_t>, unsigned int> edge_uses;
      const auto edge = [&](const std::array<std::size_t, 3> &t, const unsigned int v)
      {
        return std::minmax(t[(v + 1) % 3], t[(v + 2) % 3]);
      };
      for (const auto &t : surface.triangle_nodes)
        for (unsigned int v = 0; v < 3; ++v)
          ++edge_uses[edge(t, v)];
      for (const auto &t : surface.triangle_nodes)
        surface.border_edge.push_back(
            {{edge_uses[edge(t, 0)] == 1, edge_uses[edge(t, 1)] == 1, edge_uses[edge(t, 2)] == 1}});
    }
    surfaces.push_back(pair);
  }
}

double PenaltyContact::coupling_radius_to(const Surface &master)
{
  // A node in contact projects inside a triangle, or just beyond its edge (taper band), so each of
  // the triangle's vertices lies within (1 + 2 band) edges of it; plus what a step may slide. The
  // reference edge stands for the current one (these strains change it little).
  return (1 + 2 * taper_band) * master.longest_edge + slide_margin;
}

double PenaltyContact::coupling_radius() const
{
  double radius = 0;
  for (const auto &pair : surfaces)
    for (const Surface &surface : pair)
      radius = std::max(radius, coupling_radius_to(surface));
  return radius;
}

bool PenaltyContact::owned(const Node &node) const
{
  return dof_handler.locally_owned_dofs().is_element(node.dofs[0]);
}

void PenaltyContact::add_needed_dofs(dealii::IndexSet &dofs) const
{
  for (const auto &pair : surfaces)
    for (const Surface &surface : pair)
    {
      const DofList list = node_dofs(surface.nodes);
      dofs.add_indices(list.begin(), list.end());
    }
}

void PenaltyContact::add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &u)
{
  for (auto &pair : surfaces)
    for (unsigned int side = 0; side < 2; ++side)
    {
      Surface &slave = pair[side];
      const Surface &master = pair[1 - side];
      std::vector<dealii::Point<dim>> master_positions;
      for (const Node &node : master.nodes)
        master_positions.push_back(current_position(node, u));
      slave.coupled.assign(slave.nodes.size(), {});
      const double reach = coupling_radius_to(master);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const dealii::Point<dim> x = current_position(slave.nodes[s], u);
        DofList columns;
        for (std::size_t m = 0; m < master.nodes.size(); ++m)
          if (x.distance(master_positions[m]) <= reach)
          {
            slave.coupled[s].push_back(m);
            columns.insert(columns.end(), master.nodes[m].dofs.begin(), master.nodes[m].dofs.end());
          }
        std::sort(columns.begin(), columns.end());
        const auto &own = slave.nodes[s].dofs;
        for (const auto row : own)
          pattern.add_entries(row, columns.begin(), columns.end(), true);
        for (const auto column : columns)
          pattern.add_entries(column, own.begin(), own.end());
      }
    }
}

unsigned long long PenaltyContact::take_approximated_contacts() const
{
  const unsigned long long total = dealii::Utilities::MPI::sum(approximated, dof_handler.get_communicator());
  approximated = 0;
  return total;
}

PenaltyContact::CurrentSurface PenaltyContact::current_surface(const Surface &surface, const Vector &u)
{
  CurrentSurface current;
  current.triangles.resize(surface.triangles.size());
  current.vertex_normals.assign(surface.nodes.size(), Vector3());
  // Every vertex's displacement in one read of u (a read per node cost 1 % of the default thrust's run).
  DofList dofs;
  dofs.reserve(9 * surface.triangles.size());
  for (const auto &triangle : surface.triangles)
    for (const Node &vertex : triangle)
      dofs.insert(dofs.end(), vertex.dofs.begin(), vertex.dofs.end());
  std::vector<double> displacements(dofs.size());
  u.extract_subvector_to(dofs.begin(), dofs.end(), displacements.begin());
  current.frames.resize(surface.triangles.size());
  for (std::size_t t = 0; t < current.triangles.size(); ++t)
  {
    for (unsigned int v = 0; v < 3; ++v)
    {
      current.triangles[t][v] = surface.triangles[t][v].X;
      for (unsigned int d = 0; d < dim; ++d)
        current.triangles[t][v][d] += displacements[(3 * t + v) * dim + d];
    }
    const auto &[p0, p1, p2] = current.triangles[t];
    CurrentSurface::Frame &frame = current.frames[t];
    frame.e1 = p1 - p0;
    frame.e2 = p2 - p0;
    // The cross product's length is twice the area: an area-weighted sum.
    const Vector3 weighted = dealii::cross_product_3d(frame.e1, frame.e2);
    for (unsigned int v = 0; v < 3; ++v)
      current.vertex_normals[surface.triangle_nodes[t][v]] += weighted;
    frame.twice_area = weighted.norm();
    if (frame.twice_area > 0)
      frame.normal = weighted / frame.twice_area;
  }
  for (Vector3 &normal : current.vertex_normals)
    if (normal.norm() > 0)
      normal /= normal.norm();
  // The region where all weights are >= -taper_band is the triangle scaled by 1 + 3 taper_band about its
  // centroid; 1e-6 mm more, so that rounding never excludes a node that project_onto would accept.
  current.reach.resize(current.triangles.size());
  for (std::size_t t = 0; t < current.triangles.size(); ++t)
  {
    const auto &corners = current.triangles[t];
    const dealii::Point<dim> centroid((corners[0] + corners[1] + corners[2]) / 3);
    auto &[low, high] = current.reach[t];
    for (unsigned int d = 0; d < dim; ++d)
    {
      low[d] = std::numeric_limits<double>::infinity();
      high[d] = -low[d];
      for (const dealii::Point<dim> &corner : corners)
      {
        const double grown = centroid[d] + (1 + 3 * taper_band) * (corner[d] - centroid[d]);
        low[d] = std::min(low[d], grown - search_distance - 1e-6);
        high[d] = std::max(high[d], grown + search_distance + 1e-6);
      }
    }
  }
  return current;
}

PenaltyContact::PlanePoint PenaltyContact::onto_plane(const dealii::Point<dim> &x, const CurrentSurface &current,
                                                      const std::size_t index)
{
  PlanePoint result;
  const CurrentSurface::Frame &frame = current.frames[index];
  if (frame.twice_area == 0)
    return result;
  const Vector3 &n = frame.normal;
  const Vector3 relative = x - current.triangles[index][0];
  result.gap = relative * n;
  if (std::abs(result.gap) > search_distance)
    return result;
  // Barycentric coordinates of the projection q = b1 e1 + b2 e2.
  const Vector3 q = relative - result.gap * n;
  const double b1 = dealii::cross_product_3d(q, frame.e2) * n / frame.twice_area;
  const double b2 = dealii::cross_product_3d(frame.e1, q) * n / frame.twice_area;
  result.found = true;
  result.weights = {{1 - b1 - b2, b1, b2}};
  return result;
}

PenaltyContact::Projection PenaltyContact::project_onto(const dealii::Point<dim> &x, const Surface &master,
                                                        const CurrentSurface &current, const std::size_t index)
{
  return completed(onto_plane(x, current, index), master, current, index);
}

PenaltyContact::Projection PenaltyContact::completed(const PlanePoint &plane, const Surface &master,
                                                     const CurrentSurface &current, const std::size_t index)
{
  Projection result;
  if (!plane.found)
    return result;
  const Vector3 &n = current.frames[index].normal;
  const double gap = plane.gap;
  result.found = true;
  result.triangle = index;
  result.weights = plane.weights;
  // The smooth normal at the projection point (weights clipped to the triangle, for a point just beyond
  // the border); the gap along it.
  Vector3 smooth;
  for (unsigned int v = 0; v < 3; ++v)
    smooth += std::clamp(result.weights[v], 0.0, 1.0) * current.vertex_normals[master.triangle_nodes[index][v]];
  result.normal = smooth.norm() > 0 ? smooth / smooth.norm() : n;
  result.gap = gap * (n * result.normal);
  // Only beyond the surface's own edge does the force fade; beyond an edge shared with a neighbour the
  // surface goes on.
  double beyond_border = 1;
  for (unsigned int v = 0; v < 3; ++v)
    if (master.border_edge[index][v])
      beyond_border = std::min(beyond_border, result.weights[v]);
  result.taper = taper(beyond_border);
  return result;
}

PenaltyContact::Projection PenaltyContact::project(const dealii::Point<dim> &x, const Surface &master,
                                                   const CurrentSurface &current, const std::size_t preferred)
{
  // The node keeps the triangle it was pressed against while it projects inside it or a little beyond
  // an edge shared with a neighbour (hysteresis). On a faceted curved surface the normal jumps from
  // one triangle to the next; a node next to such an edge, handed to the nearer triangle at every
  // update, was pushed across it and back, and Newton stalled (the spine at 19 deg of axial rotation).
  if (preferred < current.triangles.size())
  {
    const Projection kept = project_onto(x, master, current, preferred);
    bool keep = kept.found;
    for (unsigned int v = 0; v < 3 && keep; ++v)
      keep = kept.weights[v] >= (master.border_edge[preferred][v] ? -taper_band : -hysteresis);
    if (keep)
      return kept;
  }
  // Inside a triangle: the one with the smallest |gap|. Outside all of them: the triangle whose
  // projection is least outside, if within the taper band (see `taper`).
  Projection best;
  bool best_inside = false;
  double best_outside = -taper_band;
  for (std::size_t t = 0; t < current.triangles.size(); ++t)
  {
    const auto &[low, high] = current.reach[t];
    if (x[0] < low[0] || x[0] > high[0] || x[1] < low[1] || x[1] > high[1] || x[2] < low[2] || x[2] > high[2])
      continue;
    // The weights first: most triangles in reach lie too far outside to be chosen, and need no normal.
    const PlanePoint plane = onto_plane(x, current, t);
    if (!plane.found)
      continue;
    const double smallest = std::min({plane.weights[0], plane.weights[1], plane.weights[2]});
    const bool inside = smallest >= 0;
    // Outside: chosen only while no triangle holds x inside and x lies less outside this one than the best.
    if (!inside && (best_inside || smallest <= best_outside))
      continue;
    const Projection candidate = completed(plane, master, current, t);
    if (inside && best_inside && std::abs(candidate.gap) >= std::abs(best.gap))
      continue;
    if (!inside)
      best_outside = smallest;
    best_inside = inside;
    best = candidate;
  }
  return best;
}

template <typename Visit> void PenaltyContact::for_each_owned_node(const Vector &u, const Visit &visit)
{
  for (auto &pair : surfaces)
    for (unsigned int side = 0; side < 2; ++side)
    {
      Surface &slave = pair[side];
      const CurrentSurface triangles = current_surface(pair[1 - side], u);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
        if (owned(slave.nodes[s]))
          visit(slave, s, pair[1 - side], triangles, current_position(slave.nodes[s], u));
    }
}

void PenaltyContact::start_step(const Vector &u)
{
  for_each_owned_node(u,
                      [&](Surface &slave, const std::size_t s, const Surface &master, const CurrentSurface &triangles,
                          const dealii::Point<dim> &x)
                      {
                        const Projection projection = project(x, master, triangles, slave.tracked[s]);
                        slave.tracked[s] = projection.found && projection.gap < 0 ? projection.triangle : no_triangle;
                      });
}

PenaltyContact::Projection PenaltyContact::pairing(const dealii::Point<dim> &x, const Surface &slave,
                                                   const std::size_t s, const Surface &master,
                                                   const CurrentSurface &current) const
{
  if (!holding)
    return project(x, master, current, slave.tracked[s]);
  return slave.held[s] == no_triangle ? Projection() : project_onto(x, master, current, slave.held[s]);
}

void PenaltyContact::hold_pairing(const Vector &u)
{
  // The free choice; nodes near the surface but not yet behind it keep their triangle too: they may
  // press later in the solve.
  for_each_owned_node(u,
                      [&](Surface &slave, const std::size_t s, const Surface &master, const CurrentSurface &triangles,
                          const dealii::Point<dim> &x)
                      {
                        const Projection projection = project(x, master, triangles, slave.tracked[s]);
                        slave.held[s] = projection.found ? projection.triangle : no_triangle;
                      });
  holding = true;
}

bool PenaltyContact::held_pairing_is_free_choice(const Vector &u) const
{
  bool same = true;
  for (const auto &pair : surfaces)
    for (unsigned int side = 0; side < 2 && same; ++side)
    {
      const Surface &slave = pair[side], &master = pair[1 - side];
      const CurrentSurface triangles = current_surface(master, u);
      for (std::size_t s = 0; s < slave.nodes.size() && same; ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const dealii::Point<dim> x = current_position(slave.nodes[s], u);
        // The free choice from the held triangle: it keeps it within the hysteresis band.
        const Projection free = project(x, master, triangles, slave.held[s]);
        const Projection held =
            slave.held[s] == no_triangle ? Projection() : project_onto(x, master, triangles, slave.held[s]);
        same = presses(free) == presses(held) && (!presses(free) || free.triangle == held.triangle);
      }
    }
  return dealii::Utilities::MPI::min(same ? 1 : 0, dof_handler.get_communicator()) == 1;
}

void PenaltyContact::adopt_held_pairing()
{
  for (auto &pair : surfaces)
    for (Surface &slave : pair)
      slave.tracked = slave.held;
}

void PenaltyContact::commit()
{
  for (auto &pair : surfaces)
    for (Surface &surface : pair)
      surface.committed = surface.tracked;
}

void PenaltyContact::revert()
{
  for (auto &pair : surfaces)
    for (Surface &surface : pair)
      surface.tracked = surface.committed;
  holding = false;
}

namespace
{
/// A triangle by its reference vertices in sorted order: the same on any partition.
std::array<double, 9> triangle_key(const std::array<Node, 3> &triangle)
{
  std::array<std::array<double, 3>, 3> vertices;
  for (unsigned int v = 0; v < 3; ++v)
    vertices[v] = {{triangle[v].X[0], triangle[v].X[1], triangle[v].X[2]}};
  std::sort(vertices.begin(), vertices.end());
  std::array<double, 9> key;
  for (unsigned int v = 0; v < 3; ++v)
    for (unsigned int d = 0; d < 3; ++d)
      key[3 * v + d] = vertices[v][d];
  return key;
}

// One committed pairing in a checkpoint: joint, side, the node's reference position, its triangle's key.
constexpr std::size_t record_size = 2 + 3 + 9;
} // namespace

void PenaltyContact::save(ArchiveWriter &archive) const
{
  std::vector<double> local;
  for (std::size_t p = 0; p < surfaces.size(); ++p)
    for (unsigned int side = 0; side < 2; ++side)
    {
      const Surface &slave = surfaces[p][side], &master = surfaces[p][1 - side];
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
        if (owned(slave.nodes[s]) && slave.committed[s] != no_triangle)
        {
          local.insert(local.end(), {static_cast<double>(p), static_cast<double>(side)});
          for (unsigned int d = 0; d < dim; ++d)
            local.push_back(slave.nodes[s].X[d]);
          const auto key = triangle_key(master.triangles[slave.committed[s]]);
          local.insert(local.end(), key.begin(), key.end());
        }
    }
  // In a fixed order, so that the file does not depend on the partition.
  std::vector<std::vector<double>> records;
  for (const auto &part : dealii::Utilities::MPI::gather(dof_handler.get_communicator(), local, 0))
    for (std::size_t i = 0; i + record_size <= part.size(); i += record_size)
      records.emplace_back(part.begin() + i, part.begin() + i + record_size);
  std::sort(records.begin(), records.end());
  std::vector<double> flat;
  for (const auto &record : records)
    flat.insert(flat.end(), record.begin(), record.end());
  archive.put(flat);
}

void PenaltyContact::load(ArchiveReader &archive)
{
  const std::vector<double> flat = archive.get_doubles();
  if (flat.size() % record_size != 0)
    throw InputError("the checkpoint's contact pairing is malformed");
  for (std::size_t p = 0; p < surfaces.size(); ++p)
    for (unsigned int side = 0; side < 2; ++side)
    {
      Surface &slave = surfaces[p][side];
      const Surface &master = surfaces[p][1 - side];
      std::map<std::array<double, 3>, std::size_t> node_at;
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
        node_at[{{slave.nodes[s].X[0], slave.nodes[s].X[1], slave.nodes[s].X[2]}}] = s;
      std::map<std::array<double, 9>, std::size_t> triangle_at;
      for (std::size_t t = 0; t < master.triangles.size(); ++t)
        triangle_at[triangle_key(master.triangles[t])] = t;
      slave.tracked.assign(slave.nodes.size(), no_triangle);
      for (std::size_t i = 0; i < flat.size(); i += record_size)
      {
        if (flat[i] != p || flat[i + 1] != side)
          continue;
        const auto node = node_at.find({{flat[i + 2], flat[i + 3], flat[i + 4]}});
        std::array<double, 9> key;
        std::copy(flat.begin() + i + 5, flat.begin() + i + record_size, key.begin());
        const auto triangle = triangle_at.find(key);
        if (node == node_at.end() || triangle == triangle_at.end())
          throw InputError("the checkpoint's contact pairing names a node or triangle that joint '" +
                           settings.pair_names[p] + "' of this mesh does not have: it was written for another mesh");
        if (owned(slave.nodes[node->second]))
          slave.tracked[node->second] = triangle->second;
      }
      slave.committed = slave.tracked;
    }
  holding = false;
}

void PenaltyContact::assemble(const Vector &u, double, LocalSink &sink) const
{
  for (const auto &pair : surfaces)
    for (unsigned int side = 0; side < 2; ++side)
    {
      const Surface &slave = pair[side], &master = pair[1 - side];
      const CurrentSurface triangles = current_surface(master, u);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const Projection projection = pairing(current_position(slave.nodes[s], u), slave, s, master, triangles);
        if (!presses(projection))
          continue;
        // The four nodes: the slave node, then the triangle's vertices, with dg/dx = factor * n.
        std::array<const Node *, 4> nodes{};
        nodes[0] = &slave.nodes[s];
        const std::array<double, 4> factor{{1, -projection.weights[0], -projection.weights[1], -projection.weights[2]}};
        // Vertices outside the slave node's matrix pattern go in a second block without the cross
        // terms to it (the triangle's own vertices always share a cell, so that block fits).
        std::vector<unsigned int> with_slave{0}, apart;
        for (unsigned int k = 1; k < 4; ++k)
        {
          nodes[k] = &master.triangles[projection.triangle][k - 1];
          const bool coupled = std::binary_search(slave.coupled[s].begin(), slave.coupled[s].end(),
                                                  master.triangle_nodes[projection.triangle][k - 1]);
          (coupled ? with_slave : apart).push_back(k);
        }
        if (!apart.empty() && sink.wants_tangent())
          ++approximated;
        const double stiffness = projection.taper * settings.penalty * slave.areas[s] / 2;
        for (const auto &block : {with_slave, apart})
        {
          if (block.empty())
            continue;
          const unsigned int n = dim * block.size();
          DofList dofs(n);
          dealii::Vector<double> f(n);
          dealii::FullMatrix<double> K(n, n);
          for (unsigned int i = 0; i < n; ++i)
          {
            const unsigned int a = block[i / dim];
            dofs[i] = nodes[a]->dofs[i % dim];
            const double dg_i = factor[a] * projection.normal[i % dim];
            f(i) = stiffness * projection.gap * dg_i;
            for (unsigned int j = 0; j < n; ++j)
              K(i, j) = stiffness * dg_i * factor[block[j / dim]] * projection.normal[j % dim];
          }
          sink.add_internal(dofs, f, K);
        }
      }
    }
}

std::vector<ContactNodeState> PenaltyContact::states(const Vector &u) const
{
  std::vector<double> packed;
  for (unsigned int p = 0; p < surfaces.size(); ++p)
    for (unsigned int side = 0; side < 2; ++side)
    {
      const Surface &slave = surfaces[p][side];
      const CurrentSurface triangles = current_surface(surfaces[p][1 - side], u);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const dealii::Point<dim> x = current_position(slave.nodes[s], u);
        const Projection projection = pairing(x, slave, s, surfaces[p][1 - side], triangles);
        const double gap = projection.found ? projection.gap : std::numeric_limits<double>::quiet_NaN();
        packed.insert(packed.end(),
                      {x[0], x[1], x[2], gap, presses(projection) ? -projection.taper * settings.penalty * gap : 0.0,
                       slave.areas[s] / 2, static_cast<double>(p)});
      }
    }
  const std::vector<double> all = all_gather(packed, dof_handler.get_communicator());
  std::vector<ContactNodeState> result(all.size() / 7);
  for (std::size_t i = 0; i < result.size(); ++i)
  {
    const double *row = &all[7 * i];
    result[i].position = dealii::Point<dim>(row[0], row[1], row[2]);
    result[i].gap = row[3];
    result[i].pressure = row[4];
    result[i].area = row[5];
    result[i].pair = static_cast<unsigned int>(row[6]);
  }
  return result;
}

std::string PenaltyContact::description() const
{
  std::ostringstream text;
  text << "contact:     " << pair_names().size() << " joints, penalty " << settings.penalty
       << " MPa/mm, nodes coupled in the matrix within " << coupling_radius() << " mm";
  return text.str();
}
} // namespace cspine
