// A box meshed as hexahedra and cut along x into equal slabs, one per rank, as a fully distributed mesh:
// a partition the tests choose, not one a partitioner might change.
#pragma once

#include "core/types.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria_description.h>

#include <algorithm>
#include <vector>

namespace cspine::testing
{
/// `cells` per direction from the origin to `far_corner`; the slabs split [0, far_corner x].
inline void box_in_slabs(dealii::parallel::fullydistributed::Triangulation<dim> &mesh,
                         const std::vector<unsigned int> &cells, const dealii::Point<dim> &far_corner)
{
  const MPI_Comm comm = mesh.get_communicator();
  const unsigned int ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  dealii::Triangulation<dim> serial;
  dealii::GridGenerator::subdivided_hyper_rectangle(serial, cells, dealii::Point<dim>(), far_corner);
  for (const auto &cell : serial.active_cell_iterators())
    cell->set_subdomain_id(std::min(ranks - 1, static_cast<unsigned int>(cell->center()[0] / far_corner[0] * ranks)));
  mesh.create_triangulation(
      dealii::TriangulationDescription::Utilities::create_description_from_triangulation(serial, comm));
}
} // namespace cspine::testing
