#include "output/point_probe.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_tools.h>

namespace cspine
{
PointProbe::PointProbe(const dealii::DoFHandler<dim> &dofs, const dealii::Mapping<dim> &map,
                       const std::vector<MonitorPoint> &points, const std::string &file)
    : dof_handler(dofs), mapping(map), n_points(static_cast<unsigned int>(points.size())), n_holders(points.size(), 0)
{
  for (unsigned int p = 0; p < points.size(); ++p)
  {
    try
    {
      const auto found = dealii::GridTools::find_active_cell_around_point(mapping, dof_handler, points[p].position);
      if (found.first.state() == dealii::IteratorState::valid && found.first->is_locally_owned())
      {
        hits.push_back({p, found.first, found.second});
        n_holders[p] = 1;
      }
    }
    catch (const std::exception &)
    {
      // Not in this rank's part of the mesh.
    }
  }
  MPI_Allreduce(MPI_IN_PLACE, n_holders.data(), static_cast<int>(n_holders.size()), MPI_DOUBLE, MPI_SUM,
                dof_handler.get_communicator());
  for (unsigned int p = 0; p < points.size(); ++p)
    if (n_holders[p] == 0)
      throw InputError(file, "Output/Monitor points", points[p].name, "the point lies outside the mesh");
}

std::vector<Vector3> PointProbe::displacements(const dealii::PETScWrappers::MPI::Vector &u) const
{
  std::vector<double> sums(n_points * dim, 0.0);
  const dealii::FEValuesExtractors::Vector displacement(0);
  for (const Hit &hit : hits)
  {
    const dealii::Quadrature<dim> quadrature(hit.unit_point);
    dealii::FEValues<dim> fe_values(mapping, dof_handler.get_fe(), quadrature, dealii::update_values);
    fe_values.reinit(hit.cell);
    std::vector<Vector3> values(1);
    fe_values[displacement].get_function_values(u, values);
    for (unsigned int d = 0; d < dim; ++d)
      sums[hit.point * dim + d] += values[0][d];
  }
  MPI_Allreduce(MPI_IN_PLACE, sums.data(), static_cast<int>(sums.size()), MPI_DOUBLE, MPI_SUM,
                dof_handler.get_communicator());
  std::vector<Vector3> result(n_points);
  for (unsigned int p = 0; p < n_points; ++p)
    for (unsigned int d = 0; d < dim; ++d)
      result[p][d] = sums[p * dim + d] / n_holders[p];
  return result;
}
} // namespace cspine
