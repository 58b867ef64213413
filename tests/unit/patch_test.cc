// Patch test on distorted quadratic tetrahedra: a homogeneous finite deformation prescribed on the
// whole boundary must be reproduced exactly at every node and give uniform stress.
#include "test_helpers.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_simplex_p.h>
#include <deal.II/fe/mapping_fe.h>

#include <gtest/gtest.h>

namespace cspine
{
namespace
{
const std::string patch_config = R"(
subsection Mesh
  set Cell type           = tetrahedra
  set Dimensions          = 2, 2, 2
  set Subdivisions        = 3, 3, 3
  set Vertex perturbation = 0.25
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
  end
end
subsection Boundary conditions
  # u = (F - I) X with F = [[1.2, 0.1, 0], [0.05, 0.9, 0.1], [0, 0.08, 1.1]]
  set Fixed displacement = x_min: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t; \
                           x_max: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t; \
                           y_min: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t; \
                           y_max: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t; \
                           z_min: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t; \
                           z_max: x = (0.2*x + 0.1*y)*t, y = (0.05*x - 0.1*y + 0.1*z)*t, z = (0.08*y + 0.1*z)*t
end
subsection Time
  set Number of steps = 2
end
subsection Newton
  set Residual tolerance = 1e-12
end
subsection Linear solver
  set Method = direct
end
)";

TEST(PatchTest, DistortedTetrahedraReproduceHomogeneousDeformation)
{
  Config config = testing::config_from_text(patch_config, "patch_test");
  const auto simulation = testing::run(config, "patch_test");
  const double values[3][3] = {{0.2, 0.1, 0}, {0.05, -0.1, 0.1}, {0, 0.08, 0.1}}; // F - I
  Tensor2 G;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      G[i][j] = values[i][j];

  std::map<dealii::types::global_dof_index, dealii::Point<dim>> points;
  dealii::DoFTools::map_dofs_to_support_points(dealii::MappingFE<dim>(dealii::FE_SimplexP<dim>(1)), simulation->dofs(),
                                               points);
  std::vector<unsigned int> component(simulation->dofs().n_dofs(), 0);
  std::vector<dealii::types::global_dof_index> cell_dofs(simulation->dofs().get_fe().n_dofs_per_cell());
  for (const auto &cell : simulation->dofs().active_cell_iterators())
    if (cell->is_locally_owned())
    {
      cell->get_dof_indices(cell_dofs);
      for (unsigned int i = 0; i < cell_dofs.size(); ++i)
        component[cell_dofs[i]] = simulation->dofs().get_fe().system_to_component_index(i).first;
    }

  double worst = 0;
  unsigned int n_interior = 0;
  for (const auto dof : simulation->dofs().locally_owned_dofs())
  {
    const dealii::Point<dim> &X = points.at(dof);
    const double exact = (G * Vector3(X))[component[dof]];
    worst = std::max(worst, std::abs(simulation->displacement()(dof) - exact));
    const bool interior =
        X[0] > 1e-9 && X[0] < 2 - 1e-9 && X[1] > 1e-9 && X[1] < 2 - 1e-9 && X[2] > 1e-9 && X[2] < 2 - 1e-9;
    n_interior += interior;
  }
  EXPECT_GT(n_interior, 100u); // the interior nodes are what the test is about
  EXPECT_LT(worst, 1e-10);     // [mm]; the direct solve and tight Newton tolerance leave round-off only
}
} // namespace
} // namespace cspine
