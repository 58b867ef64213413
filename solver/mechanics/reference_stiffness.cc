#include "mechanics/reference_stiffness.h"

namespace cspine
{
ReferenceStiffness::ReferenceStiffness(const dealii::DoFHandler<dim> &dofs, const Discretization &disc,
                                       const std::map<unsigned int, RegionSettings> &region_settings)
    : dof_handler(dofs), discretization(disc), regions(region_settings),
      fe_values(*disc.mapping, dofs.get_fe(), disc.cell_quadrature,
                dealii::update_gradients | dealii::update_JxW_values | dealii::update_quadrature_points)
{
}

void ReferenceStiffness::cell_matrix(const dealii::DoFHandler<dim>::active_cell_iterator &cell,
                                     dealii::FullMatrix<double> &matrix) const
{
  const dealii::FiniteElement<dim> &fe = dof_handler.get_fe();
  const unsigned int n = fe.n_dofs_per_cell();
  fe_values.reinit(cell);
  const dealii::FEValuesExtractors::Vector displacement(0);
  const RegionSettings &region = regions.at(cell->material_id());
  const std::vector<double> fresh_state = region.material->create_state();
  std::vector<double> trial_state(fresh_state.size());
  MaterialInput input;
  input.F = dealii::unit_symmetric_tensor<dim>();
  input.state = fresh_state.empty() ? nullptr : fresh_state.data();
  MaterialOutput output;
  output.state = trial_state.empty() ? nullptr : trial_state.data();
  std::vector<SymTensor2> strain(n);
  matrix.reinit(n, n);
  for (unsigned int q = 0; q < fe_values.n_quadrature_points; ++q)
  {
    input.fibres = region.fibres.directions(fe_values.quadrature_point(q));
    region.material->evaluate(input, output);
    for (unsigned int i = 0; i < n; ++i)
      strain[i] = dealii::symmetrize(fe_values[displacement].gradient(i, q));
    for (unsigned int i = 0; i < n; ++i)
    {
      const SymTensor2 stress = output.tangent * strain[i];
      for (unsigned int j = 0; j < n; ++j)
        matrix(i, j) += stress * strain[j] * fe_values.JxW(q);
    }
  }
}
} // namespace cspine
