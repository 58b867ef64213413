#include "fe/mass_properties.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/fe/fe_values.h>

#include <vector>

namespace cspine
{
std::array<double, dim> MassProperties::principal_moments() const
{
  dealii::SymmetricTensor<2, dim> symmetric;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = i; j < dim; ++j)
      symmetric[i][j] = 0.5 * (inertia[i][j] + inertia[j][i]);
  return dealii::eigenvalues(symmetric);
}

MassProperties mass_properties(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                               const dealii::Quadrature<dim> &quadrature,
                               const std::function<double(unsigned int region)> &density)
{
  // Sums of rho, rho x and rho x x^T over the cells; the moments about the centre follow from them.
  std::vector<double> sums(1 + dim + dim * dim, 0.0);
  dealii::FEValues<dim> fe_values(mapping, dof_handler.get_fe(), quadrature,
                                  dealii::update_quadrature_points | dealii::update_JxW_values);
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    const double rho = density(cell->material_id());
    if (rho <= 0)
      continue;
    fe_values.reinit(cell);
    for (unsigned int q = 0; q < quadrature.size(); ++q)
    {
      const dealii::Point<dim> &x = fe_values.quadrature_point(q);
      const double dm = rho * fe_values.JxW(q);
      sums[0] += dm;
      for (unsigned int i = 0; i < dim; ++i)
      {
        sums[1 + i] += dm * x[i];
        for (unsigned int j = 0; j < dim; ++j)
          sums[1 + dim + dim * i + j] += dm * x[i] * x[j];
      }
    }
  }
  dealii::Utilities::MPI::sum(sums, dof_handler.get_communicator(), sums);
  MassProperties result;
  result.mass = sums[0];
  if (result.mass <= 0)
    return result;
  for (unsigned int i = 0; i < dim; ++i)
    result.centre[i] = sums[1 + i] / result.mass;
  // Second moments about the centre, S = sum dm r r^T; inertia = tr(S) I - S.
  Tensor2 S;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      S[i][j] = sums[1 + dim + dim * i + j] - result.mass * result.centre[i] * result.centre[j];
  const double trace = dealii::trace(S);
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      result.inertia[i][j] = (i == j ? trace : 0) - S[i][j];
  return result;
}
} // namespace cspine
