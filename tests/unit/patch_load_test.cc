// A couple on a patch (PatchLoad, Load = moment): on an irregular patch of a randomly distorted block the
// nodal forces sum to zero and their moment about any point is the couple set, about an axis that is
// not the patch's normal; a force keeps summing to the force set.
#include "loads/patch_load.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

namespace cspine
{
namespace
{
struct PatchTotals
{
  Vector3 force, moment_about_origin, moment_about_corner;
};

/// The patch z_max (boundary id 5) of a 3 x 2 x 2 block of tetrahedra, distorted so that the patch is
/// neither flat nor symmetric; the load's nodal forces, their sum and moments.
PatchTotals patch_totals(const ThrustLoad load, const Vector3 &direction, const double magnitude)
{
  dealii::Triangulation<dim> mesh;
  dealii::GridGenerator::subdivided_hyper_rectangle_with_simplices(mesh, {3, 2, 2}, dealii::Point<dim>(0, 0, 0),
                                                                   dealii::Point<dim>(6, 3, 4));
  for (const auto &face : mesh.active_face_iterators())
    if (face->at_boundary() && face->center()[2] > 4 - 1e-9)
      face->set_boundary_id(5);
  dealii::GridTools::distort_random(0.25, mesh, false, 11);
  const Discretization discretization(true, 1);
  dealii::DoFHandler<dim> dof_handler(mesh);
  dof_handler.distribute_dofs(*discretization.fe);
  ThrustSettings thrust;
  thrust.boundary_id = 5;
  thrust.patch = "z_max";
  thrust.load = load;
  thrust.direction = direction / direction.norm();
  const TimeCurve curve({{0, magnitude}, {1, magnitude}});
  const PatchLoad patch(dof_handler, discretization, thrust, curve);

  const dealii::IndexSet owned = dof_handler.locally_owned_dofs();
  Vector internal(owned, MPI_COMM_SELF), external(owned, MPI_COMM_SELF);
  LocalSink sink(internal, external);
  patch.assemble(internal, 0.5, sink);
  external.compress(dealii::VectorOperation::add);

  std::map<dealii::types::global_dof_index, dealii::Point<dim>> support;
  dealii::DoFTools::map_dofs_to_support_points(*discretization.mapping, dof_handler, support);
  // Each DoF's node and component; the forces' sum and moments add up component by component.
  std::map<dealii::types::global_dof_index, unsigned int> component;
  std::vector<dealii::types::global_dof_index> dofs(dof_handler.get_fe().n_dofs_per_cell());
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    cell->get_dof_indices(dofs);
    for (unsigned int i = 0; i < dofs.size(); ++i)
      component[dofs[i]] = dof_handler.get_fe().system_to_component_index(i).first;
  }
  PatchTotals totals;
  const dealii::Point<dim> corner(6, 3, 4);
  for (const auto &[dof, d] : component)
  {
    Vector3 f;
    f[d] = external(dof);
    totals.force += f;
    totals.moment_about_origin += dealii::cross_product_3d(support.at(dof), f);
    totals.moment_about_corner += dealii::cross_product_3d(support.at(dof) - corner, f);
  }
  return totals;
}
} // namespace

TEST(PatchLoad, ACoupleHasZeroSumAndItsMomentAboutAnyPoint)
{
  const Vector3 axis({1, -2, 3});
  const double moment = 2600;
  const PatchTotals totals = patch_totals(ThrustLoad::moment, axis, moment);
  const Vector3 expected = moment / axis.norm() * axis;
  // Exact in exact arithmetic (the face quadrature integrates the linear traction times the linear shape
  // functions exactly); 1e-10 of the couple leaves room for round-off only.
  EXPECT_LT(totals.force.norm(), 1e-10 * moment);
  EXPECT_LT((totals.moment_about_origin - expected).norm(), 1e-10 * moment);
  EXPECT_LT((totals.moment_about_corner - expected).norm(), 1e-10 * moment);
}

TEST(PatchLoad, AForceSumsToTheForceSet)
{
  const Vector3 direction({0, 1, 1});
  const PatchTotals totals = patch_totals(ThrustLoad::force, direction, 12);
  EXPECT_LT((totals.force - 12 / direction.norm() * direction).norm(), 1e-12 * 12);
}
} // namespace cspine
