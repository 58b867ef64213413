#include "mechanics/nodal_volumetric.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
using Tet = std::array<dealii::Point<dim>, 4>;

/// 6 v and its gradient with respect to each vertex: d(6v)/dp1 = (p2 - p0) x (p3 - p0), the others by
/// the cyclic identities, d(6v)/dp0 = -(the sum of the others).
double six_volume(const Tet &p, std::array<Vector3, 4> *gradient = nullptr)
{
  const Vector3 a = p[1] - p[0], b = p[2] - p[0], c = p[3] - p[0];
  if (gradient)
  {
    (*gradient)[1] = dealii::cross_product_3d(b, c);
    (*gradient)[2] = dealii::cross_product_3d(c, a);
    (*gradient)[3] = dealii::cross_product_3d(a, b);
    (*gradient)[0] = -((*gradient)[1] + (*gradient)[2] + (*gradient)[3]);
  }
  return a * dealii::cross_product_3d(b, c);
}

/// d2(6v)/dp_a dp_b: the gradient is quadratic in the vertices, so a central difference of it is exact
/// for any step (h: the tetrahedron's size, to keep round-off at its own level).
std::array<std::array<Tensor2, 4>, 4> six_volume_hessian(const Tet &p)
{
  const double h = p[0].distance(p[1]);
  std::array<std::array<Tensor2, 4>, 4> hessian;
  for (unsigned int b = 0; b < 4; ++b)
    for (unsigned int j = 0; j < dim; ++j)
    {
      Tet plus = p, minus = p;
      plus[b][j] += h;
      minus[b][j] -= h;
      std::array<Vector3, 4> g_plus, g_minus;
      six_volume(plus, &g_plus);
      six_volume(minus, &g_minus);
      for (unsigned int a = 0; a < 4; ++a)
        for (unsigned int i = 0; i < dim; ++i)
          hessian[a][b][i][j] = (g_plus[a][i] - g_minus[a][i]) / (2 * h);
    }
  return hessian;
}
} // namespace

NodalVolumetric::NodalVolumetric(const dealii::DoFHandler<dim> &dof_handler,
                                 const std::map<unsigned int, double> &bulk_moduli)
{
  const auto &fe = dof_handler.get_fe();
  AssertThrow(fe.degree == 1 && dof_handler.get_triangulation().all_reference_cells_are_simplex(),
              dealii::ExcMessage("nodal volumetric averaging needs linear tetrahedra"));
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  // Every (owned node, region) pair gathers the region's tetrahedra around it from owned and ghost cells.
  std::map<std::pair<dealii::types::global_dof_index, unsigned int>, std::size_t> index;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!(cell->is_locally_owned() || cell->is_ghost()))
      continue;
    const auto kappa = bulk_moduli.find(cell->material_id());
    if (kappa == bulk_moduli.end())
      continue;
    std::array<std::array<dealii::types::global_dof_index, dim>, 4> tet_dofs;
    Tet vertices;
    for (unsigned int v = 0; v < 4; ++v)
    {
      vertices[v] = cell->vertex(v);
      for (unsigned int d = 0; d < dim; ++d)
        tet_dofs[v][d] = cell->vertex_dof_index(v, d);
    }
    for (unsigned int v = 0; v < 4; ++v)
    {
      if (!owned.is_element(tet_dofs[v][0]))
        continue;
      const auto key = std::make_pair(tet_dofs[v][0], cell->material_id());
      const auto [it, inserted] = index.emplace(key, patches.size());
      if (inserted)
        patches.push_back({kappa->second, {}, {}, {}, {}, {}});
      patches[it->second].tetrahedra.push_back(tet_dofs);
      patches[it->second].reference.push_back(vertices);
      patches[it->second].orientation.push_back(six_volume(vertices) > 0 ? 1.0 : -1.0);
    }
  }
  for (NodePatch &patch : patches)
  {
    for (const auto &tet : patch.tetrahedra)
      for (const auto &vertex : tet)
        patch.dofs.insert(patch.dofs.end(), vertex.begin(), vertex.end());
    std::sort(patch.dofs.begin(), patch.dofs.end());
    patch.dofs.erase(std::unique(patch.dofs.begin(), patch.dofs.end()), patch.dofs.end());
    for (const auto &tet : patch.tetrahedra)
    {
      std::array<std::array<unsigned int, dim>, 4> local{};
      for (unsigned int v = 0; v < 4; ++v)
        for (unsigned int d = 0; d < dim; ++d)
          local[v][d] = static_cast<unsigned int>(std::lower_bound(patch.dofs.begin(), patch.dofs.end(), tet[v][d]) -
                                                  patch.dofs.begin());
      patch.local.push_back(local);
    }
  }
}

void NodalVolumetric::add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &)
{
  for (const NodePatch &patch : patches)
    for (const auto row : patch.dofs)
      pattern.add_entries(row, patch.dofs.begin(), patch.dofs.end(), true);
}

void NodalVolumetric::assemble(const Vector &u, double, LocalSink &sink) const
{
  for (const NodePatch &patch : patches)
  {
    // A node's share of each tetrahedron around it is a quarter: V_a = sum V_e / 4 = sum 6 V_e / 24.
    const std::size_t n = patch.dofs.size();
    double V = 0, v = 0;
    dealii::Vector<double> gradient(n);
    // The patch's displacements in one read (deal.II's element access asks PETSc for the array each time).
    std::vector<double> displacement(n);
    u.extract_subvector_to(patch.dofs.begin(), patch.dofs.end(), displacement.begin());
    std::vector<Tet> current(patch.tetrahedra.size());
    for (std::size_t e = 0; e < patch.tetrahedra.size(); ++e)
    {
      const double sign = patch.orientation[e];
      for (unsigned int k = 0; k < 4; ++k)
      {
        current[e][k] = patch.reference[e][k];
        for (unsigned int d = 0; d < dim; ++d)
          current[e][k][d] += displacement[patch.local[e][k][d]];
      }
      V += sign * six_volume(patch.reference[e]) / 24;
      std::array<Vector3, 4> g;
      v += sign * six_volume(current[e], &g) / 24;
      for (unsigned int k = 0; k < 4; ++k)
        for (unsigned int d = 0; d < dim; ++d)
          gradient(patch.local[e][k][d]) += sign * g[k][d] / 24;
    }
    // U(J) = kappa/4 (J^2 - 1 - 2 ln J): U' = kappa/2 (J - 1/J), U'' = kappa/2 (1 + 1/J^2).
    const double J = v / V, kappa = patch.kappa;
    const double U1 = 0.5 * kappa * (J - 1 / J), U2 = 0.5 * kappa * (1 + 1 / (J * J));
    dealii::Vector<double> force(gradient);
    force *= U1;
    dealii::FullMatrix<double> tangent(n, n);
    if (sink.wants_tangent())
    {
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
          tangent(i, j) = U2 / V * gradient(i) * gradient(j);
      for (std::size_t e = 0; e < current.size(); ++e)
      {
        const auto hessian = six_volume_hessian(current[e]);
        const double weight = patch.orientation[e] * U1 / 24;
        for (unsigned int a = 0; a < 4; ++a)
          for (unsigned int b = 0; b < 4; ++b)
            for (unsigned int i = 0; i < dim; ++i)
              for (unsigned int j = 0; j < dim; ++j)
                tangent(patch.local[e][a][i], patch.local[e][b][j]) += weight * hessian[a][b][i][j];
      }
    }
    sink.add_internal(patch.dofs, force, tangent);
  }
}
} // namespace cspine
