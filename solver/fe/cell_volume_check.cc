#include "fe/cell_volume_check.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <limits>
#include <sstream>

namespace cspine
{
namespace
{
/// Whether the cell and its neighbour across `face` lie on opposite sides of the face's plane.
bool on_opposite_sides(const dealii::DoFHandler<dim>::active_cell_iterator &cell, const unsigned int face)
{
  const auto face_iterator = cell->face(face);
  const dealii::Point<dim> x0 = face_iterator->vertex(0);
  const Vector3 normal = dealii::cross_product_3d(face_iterator->vertex(1) - x0, face_iterator->vertex(2) - x0);
  const double own = (cell->center() - x0) * normal;
  const double other = (cell->neighbor(face)->center() - x0) * normal;
  return own * other < 0;
}
} // namespace

void check_cell_volumes(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                        const std::string &mesh_file)
{
  const MPI_Comm comm = dof_handler.get_communicator();
  dealii::FEValues<dim> fe_values(*discretization.mapping, *discretization.fe, discretization.cell_quadrature,
                                  dealii::update_jacobians);
  // The first bad cell's region (lowest id over the ranks), a point near it and what is wrong.
  unsigned int bad_region = std::numeric_limits<unsigned int>::max();
  dealii::Point<dim> bad_point;
  std::string what;
  const auto report = [&](const dealii::DoFHandler<dim>::active_cell_iterator &cell, const std::string &problem)
  {
    if (cell->material_id() < bad_region)
    {
      bad_region = cell->material_id();
      bad_point = cell->center();
      what = problem;
    }
  };
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    for (unsigned int q = 0; q < fe_values.n_quadrature_points; ++q)
      if (!(dealii::determinant(dealii::Tensor<2, dim>(fe_values.jacobian(q))) > 0))
        report(cell, "is inverted (det J <= 0)");
    for (const unsigned int face : cell->face_indices())
      if (!cell->at_boundary(face) && !on_opposite_sides(cell, face))
        report(cell, "overlaps the cell across one of its faces (both lie on the same side of it)");
  }
  const unsigned int first_bad = dealii::Utilities::MPI::min(bad_region, comm);
  if (first_bad == std::numeric_limits<unsigned int>::max())
    return;
  // The rank that found it tells the others where and what.
  const unsigned int finder = dealii::Utilities::MPI::min(
      bad_region == first_bad ? dealii::Utilities::MPI::this_mpi_process(comm) : dealii::numbers::invalid_unsigned_int,
      comm);
  bad_point = dealii::Utilities::MPI::broadcast(comm, bad_point, finder);
  what = dealii::Utilities::MPI::broadcast(comm, what, finder);
  std::ostringstream message;
  message << mesh_file << ": a cell of physical volume " << first_bad << " near (" << bad_point << ") mm " << what
          << ". Remesh, or check that element's nodes";
  throw InputError(message.str());
}
} // namespace cspine
