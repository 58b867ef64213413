#include "fe/reference_gradients.h"

#include <deal.II/fe/fe_values.h>

#include <limits>

namespace cspine
{
ReferenceGradients::ReferenceGradients(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization)
{
  const dealii::FESystem<dim> &fe = *discretization.fe;
  n_q = discretization.cell_quadrature.size();
  n_scalar = fe.n_dofs_per_cell() / dim;
  components.resize(fe.n_dofs_per_cell());
  scalars.resize(fe.n_dofs_per_cell());
  // One system DoF per scalar shape function reads its gradient.
  std::vector<unsigned int> representative(n_scalar);
  for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
  {
    components[i] = fe.system_to_component_index(i).first;
    scalars[i] = fe.system_to_component_index(i).second;
    representative[scalars[i]] = i;
  }

  dealii::FEValues<dim> fe_values(*discretization.mapping, fe, discretization.cell_quadrature,
                                  dealii::update_gradients | dealii::update_JxW_values |
                                      dealii::update_quadrature_points);
  first_point.assign(dof_handler.get_triangulation().n_active_cells(), std::numeric_limits<unsigned int>::max());
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    first_point[cell->active_cell_index()] = static_cast<unsigned int>(JxW_values.size());
    for (unsigned int q = 0; q < n_q; ++q)
    {
      JxW_values.push_back(fe_values.JxW(q));
      points.push_back(fe_values.quadrature_point(q));
      for (unsigned int s = 0; s < n_scalar; ++s)
      {
        const unsigned int i = representative[s];
        gradients.push_back(fe_values.shape_grad_component(i, q, components[i]));
      }
    }
  }
}

ReferenceGradients::CellView ReferenceGradients::cell(const dealii::CellAccessor<dim> &cell) const
{
  const unsigned int first = first_point[cell.active_cell_index()];
  return {&gradients[std::size_t(first) * n_scalar], &JxW_values[first], &points[first], n_scalar};
}

double ReferenceGradients::megabytes() const
{
  return (gradients.size() * sizeof(Vector3) + JxW_values.size() * sizeof(double) +
          points.size() * sizeof(dealii::Point<dim>) + first_point.size() * sizeof(unsigned int)) /
         1e6;
}
} // namespace cspine
