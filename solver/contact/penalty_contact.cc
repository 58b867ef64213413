#include "contact/penalty_contact.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <limits>
#include <map>

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
        for (const Node &node : triangle)
        {
          const auto [it, inserted] = index.emplace(node.dofs[0], surface.nodes.size());
          if (inserted)
          {
            surface.nodes.push_back(node);
            surface.areas.push_back(0);
          }
          surface.areas[it->second] += area / 3;
        }
      }
    }
    surfaces.push_back(pair);
  }
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

void PenaltyContact::add_sparsity(dealii::DynamicSparsityPattern &pattern) const
{
  // Any node may touch any node of the other surface (C1 turns tens of degrees on C2).
  for (const auto &pair : surfaces)
    for (unsigned int side = 0; side < 2; ++side)
    {
      DofList master = node_dofs(pair[1 - side].nodes);
      std::sort(master.begin(), master.end());
      for (const Node &node : pair[side].nodes)
        if (owned(node))
          for (const auto row : node.dofs)
          {
            pattern.add_entries(row, master.begin(), master.end(), true);
            for (const auto m : master)
              pattern.add_entries(m, node.dofs.begin(), node.dofs.end());
          }
    }
}

std::vector<std::array<dealii::Point<dim>, 3>> PenaltyContact::current_triangles(const Surface &surface,
                                                                                 const Vector &u)
{
  std::vector<std::array<dealii::Point<dim>, 3>> triangles(surface.triangles.size());
  for (std::size_t t = 0; t < triangles.size(); ++t)
    for (unsigned int v = 0; v < 3; ++v)
      triangles[t][v] = current_position(surface.triangles[t][v], u);
  return triangles;
}

PenaltyContact::Projection PenaltyContact::project(const dealii::Point<dim> &x,
                                                   const std::vector<std::array<dealii::Point<dim>, 3>> &master)
{
  // Inside a triangle: the one with the smallest |gap|. Outside all of them: the triangle whose
  // projection is least outside, if within the taper band (see `taper`).
  Projection best;
  double best_outside = -taper_band;
  for (std::size_t t = 0; t < master.size(); ++t)
  {
    const auto &[p0, p1, p2] = master[t];
    const Vector3 e1 = p1 - p0, e2 = p2 - p0;
    Vector3 n = dealii::cross_product_3d(e1, e2);
    const double twice_area = n.norm();
    if (twice_area == 0)
      continue;
    n /= twice_area;
    const double gap = (x - p0) * n;
    if (std::abs(gap) > search_distance)
      continue;
    // Barycentric coordinates of the projection q = b1 e1 + b2 e2.
    const Vector3 q = (x - p0) - gap * n;
    const double b1 = dealii::cross_product_3d(q, e2) * n / twice_area;
    const double b2 = dealii::cross_product_3d(e1, q) * n / twice_area;
    const double b0 = 1 - b1 - b2;
    const double smallest = std::min({b0, b1, b2});
    const bool inside = smallest >= 0;
    const bool better = inside ? (!best.found || best.taper < 1 || std::abs(gap) < std::abs(best.gap))
                               : (!best.found || best.taper < 1) && smallest > best_outside;
    if (!better)
      continue;
    if (!inside)
      best_outside = smallest;
    best.found = true;
    best.gap = gap;
    best.triangle = t;
    best.weights = {{b0, b1, b2}};
    best.normal = n;
    best.taper = taper(smallest);
  }
  return best;
}

void PenaltyContact::assemble(const Vector &u, double, LocalSink &sink) const
{
  DofList dofs(4 * dim);
  dealii::Vector<double> f(4 * dim);
  dealii::FullMatrix<double> K(4 * dim, 4 * dim);
  for (const auto &pair : surfaces)
    for (unsigned int side = 0; side < 2; ++side)
    {
      const Surface &slave = pair[side], &master = pair[1 - side];
      const auto triangles = current_triangles(master, u);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const Projection projection = project(current_position(slave.nodes[s], u), triangles);
        if (!projection.found || projection.gap >= 0)
          continue;
        // dg/dx: +n on the slave node, -weight_i n on the triangle's nodes.
        const std::array<double, 4> factor{{1, -projection.weights[0], -projection.weights[1], -projection.weights[2]}};
        for (unsigned int k = 0; k < 4; ++k)
          for (unsigned int d = 0; d < dim; ++d)
            dofs[dim * k + d] = k == 0 ? slave.nodes[s].dofs[d] : master.triangles[projection.triangle][k - 1].dofs[d];
        const double stiffness = projection.taper * settings.penalty * slave.areas[s] / 2;
        for (unsigned int i = 0; i < 4 * dim; ++i)
        {
          const double dg_i = factor[i / dim] * projection.normal[i % dim];
          f(i) = stiffness * projection.gap * dg_i;
          for (unsigned int j = 0; j < 4 * dim; ++j)
            K(i, j) = stiffness * dg_i * factor[j / dim] * projection.normal[j % dim];
        }
        sink.add_internal(dofs, f, K);
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
      const auto triangles = current_triangles(surfaces[p][1 - side], u);
      for (std::size_t s = 0; s < slave.nodes.size(); ++s)
      {
        if (!owned(slave.nodes[s]))
          continue;
        const dealii::Point<dim> x = current_position(slave.nodes[s], u);
        const Projection projection = project(x, triangles);
        const double gap = projection.found ? projection.gap : std::numeric_limits<double>::quiet_NaN();
        packed.insert(packed.end(), {x[0], x[1], x[2], gap,
                                     projection.found && gap < 0 ? -projection.taper * settings.penalty * gap : 0.0,
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

} // namespace cspine
