// Node sets on a partitioned mesh: every node of a region must be collected by exactly one rank, also
// where the partition boundary meets a region boundary (the rigid fits of the segmental kinematics and
// of the head rely on it). Run with mpirun -np 2 (suite name Mpi*).
#include "fe/node_set.h"

#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria_description.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace cspine
{
namespace
{
// A row of four hexahedra: regions 0 1 1 0 on ranks 0 1 0 1. Each rank change is also a region change
// in one direction or the other, so whichever rank owns the DoFs of a shared face, one of the two faces
// has its DoFs owned by a rank without a region-0 cell there.
constexpr unsigned int regions[4] = {0, 1, 1, 0};
constexpr unsigned int ranks[4] = {0, 1, 0, 1};

std::set<dealii::types::global_dof_index> gathered_x_dofs(const std::vector<Node> &nodes, MPI_Comm comm)
{
  std::vector<double> mine;
  for (const Node &node : nodes)
    mine.push_back(static_cast<double>(node.dofs[0]));
  std::set<dealii::types::global_dof_index> all;
  for (const double dof : all_gather(mine, comm))
    all.insert(static_cast<dealii::types::global_dof_index>(dof));
  return all;
}

TEST(MpiNodeSet, RegionNodesArePartitionedAcrossRanks)
{
  const MPI_Comm comm = MPI_COMM_WORLD;
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(comm), 2u) << "run this suite with mpirun -np 2";

  dealii::Triangulation<dim> serial;
  dealii::GridGenerator::subdivided_hyper_rectangle(serial, {4, 1, 1}, dealii::Point<dim>(0, 0, 0),
                                                    dealii::Point<dim>(4, 1, 1));
  for (const auto &cell : serial.active_cell_iterators())
  {
    const auto i = static_cast<unsigned int>(cell->center()[0]);
    cell->set_material_id(regions[i]);
    cell->set_subdomain_id(ranks[i]);
  }
  dealii::parallel::fullydistributed::Triangulation<dim> mesh(comm);
  mesh.create_triangulation(
      dealii::TriangulationDescription::Utilities::create_description_from_triangulation(serial, comm));
  dealii::DoFHandler<dim> dofs(mesh);
  dofs.distribute_dofs(dealii::FESystem<dim>(dealii::FE_Q<dim>(1), dim));
  const dealii::MappingQ<dim> mapping(1);

  const auto in_region_0 = [](unsigned int region)
  {
    return region == 0;
  };
  const std::vector<Node> owned = owned_region_nodes(dofs, mapping, in_region_0);
  const std::vector<Node> relevant = owned_region_nodes(dofs, mapping, in_region_0, true);

  // Region 0 is the two end cells: 16 distinct nodes, each collected once.
  const unsigned int n_owned = dealii::Utilities::MPI::sum(static_cast<unsigned int>(owned.size()), comm);
  EXPECT_EQ(gathered_x_dofs(relevant, comm).size(), 16u);
  EXPECT_EQ(gathered_x_dofs(owned, comm).size(), 16u);
  EXPECT_EQ(n_owned, 16u);

  // The rigid fit of a rigid motion is that motion, whatever the partition.
  const Tensor2 R = rotation_matrix(Vector3({0.0, 0.0, 1.0}), 0.3);
  Vector u(dofs.locally_owned_dofs(), dealii::DoFTools::extract_locally_relevant_dofs(dofs), comm);
  Vector u_owned(dofs.locally_owned_dofs(), comm);
  for (const Node &node : owned_region_nodes(dofs, mapping, [](unsigned int) { return true; }))
  {
    const dealii::Point<dim> x = dealii::Point<dim>(R * node.X) + Vector3({1.0, 2.0, 3.0});
    for (unsigned int d = 0; d < dim; ++d)
      u_owned[node.dofs[d]] = x[d] - node.X[d];
  }
  u_owned.compress(dealii::VectorOperation::insert);
  u = u_owned;
  const RigidFit fit = fit_rigid_motion(owned, u, comm);
  EXPECT_EQ(fit.n_nodes, 16u);
  EXPECT_NEAR((fit.R - R).norm(), 0.0, 1e-12);
  EXPECT_NEAR(fit.X_mean[0], 2.0, 1e-12); // both end cells: the mean of x is the row's middle
}
} // namespace
} // namespace cspine
