#include "output/field_writer.h"

#include "io/file_output.h"
#include "io/vtk_files.h"

#include <deal.II/base/mpi.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <cmath>
#include <fstream>

namespace cspine
{
namespace
{
/// Strain and stress from the displacement gradient at each output point, with the cell's material.
class StrainStressPostprocessor : public dealii::DataPostprocessor<dim>
{
public:
  StrainStressPostprocessor(const std::map<unsigned int, RegionSettings> &region_settings,
                            const QuadratureHistory &material_history)
      : regions(region_settings), history(material_history)
  {
  }

  std::vector<std::string> get_names() const override
  {
    std::vector<std::string> names(9, "green_lagrange_strain");
    names.push_back("max_principal_strain");
    names.push_back("fibre_stretch");
    for (unsigned int i = 0; i < 9; ++i)
      names.push_back("cauchy_stress");
    names.push_back("von_mises_stress");
    names.push_back("J");
    return names;
  }

  std::vector<dealii::DataComponentInterpretation::DataComponentInterpretation>
  get_data_component_interpretation() const override
  {
    using namespace dealii::DataComponentInterpretation;
    std::vector<DataComponentInterpretation> kinds(9, component_is_part_of_tensor);
    kinds.push_back(component_is_scalar);
    kinds.push_back(component_is_scalar);
    kinds.insert(kinds.end(), 9, component_is_part_of_tensor);
    kinds.push_back(component_is_scalar);
    kinds.push_back(component_is_scalar);
    return kinds;
  }

  dealii::UpdateFlags get_needed_update_flags() const override
  {
    return dealii::update_gradients | dealii::update_quadrature_points;
  }

  void evaluate_vector_field(const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
                             std::vector<dealii::Vector<double>> &computed) const override
  {
    const auto cell = inputs.template get_cell<dim>();
    const RegionSettings &region = regions.at(cell->material_id());
    MaterialInput input;
    input.tangent = false;
    MaterialOutput output;
    // The output points are not quadrature points: a material with internal variables is evaluated
    // with the cell's mean, over no time (exact for linear tetrahedra, where F is constant in a cell).
    std::vector<double> mean_state(history.n_values(*cell), 0.0), unused_state(mean_state.size());
    for (unsigned int q = 0; q < history.points_per_cell() && !mean_state.empty(); ++q)
      for (std::size_t k = 0; k < mean_state.size(); ++k)
        mean_state[k] += history.trial(*cell, q)[k] / history.points_per_cell();
    input.state = mean_state.empty() ? nullptr : mean_state.data();
    output.state = unused_state.empty() ? nullptr : unused_state.data();
    for (unsigned int p = 0; p < inputs.solution_gradients.size(); ++p)
    {
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          input.F[i][j] = (i == j ? 1.0 : 0.0) + inputs.solution_gradients[p][i][j];
      const double J = dealii::determinant(input.F);
      const SymTensor2 C = dealii::symmetrize(dealii::transpose(input.F) * input.F);
      const SymTensor2 E = 0.5 * (C - dealii::unit_symmetric_tensor<dim>());
      input.fibres = region.fibres.directions(inputs.evaluation_points[p]);

      Tensor2 sigma;
      if (J > 0)
      {
        region.material->evaluate(input, output);
        sigma = input.F * Tensor2(output.S) * dealii::transpose(input.F) / J;
      }
      const SymTensor2 sigma_sym = dealii::symmetrize(sigma);
      const SymTensor2 sigma_dev = dealii::deviator(sigma_sym);

      dealii::Vector<double> &out = computed[p];
      unsigned int k = 0;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          out[k++] = E[i][j];
      out[k++] = dealii::eigenvalues(E)[0];
      out[k++] = largest_fibre_stretch(C, input.fibres); // 0 marks regions without fibres
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          out[k++] = sigma[i][j];
      out[k++] = std::sqrt(1.5 * sigma_dev * sigma_dev);
      out[k++] = J;
    }
  }

private:
  const std::map<unsigned int, RegionSettings> &regions;
  const QuadratureHistory &history;
};

} // namespace

FieldWriter::FieldWriter(const dealii::DoFHandler<dim> &dofs, const Discretization &disc,
                         const std::map<unsigned int, RegionSettings> &region_settings,
                         const QuadratureHistory &quadrature_history, const std::string &folder)
    : dof_handler(dofs), discretization(disc), regions(region_settings), material_history(quadrature_history),
      directory(folder)
{
}

void FieldWriter::write(const dealii::PETScWrappers::MPI::Vector &u, const double time, const unsigned int step,
                        const dealii::PETScWrappers::MPI::Vector *velocity)
{
  const MPI_Comm comm = dof_handler.get_communicator();
  const StrainStressPostprocessor postprocessor(regions, material_history);
  dealii::DataOut<dim> data_out;
  data_out.attach_dof_handler(dof_handler);
  data_out.add_data_vector(u, std::vector<std::string>(dim, "displacement"), dealii::DataOut<dim>::type_dof_data,
                           std::vector<dealii::DataComponentInterpretation::DataComponentInterpretation>(
                               dim, dealii::DataComponentInterpretation::component_is_part_of_vector));
  data_out.add_data_vector(u, postprocessor);
  if (velocity)
    data_out.add_data_vector(*velocity, std::vector<std::string>(dim, "velocity"), dealii::DataOut<dim>::type_dof_data,
                             std::vector<dealii::DataComponentInterpretation::DataComponentInterpretation>(
                                 dim, dealii::DataComponentInterpretation::component_is_part_of_vector));

  const auto &tria = dof_handler.get_triangulation();
  dealii::Vector<float> region(tria.n_active_cells()), rank(tria.n_active_cells());
  const float my_rank = static_cast<float>(dealii::Utilities::MPI::this_mpi_process(comm));
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned())
    {
      region[cell->active_cell_index()] = static_cast<float>(cell->material_id());
      rank[cell->active_cell_index()] = my_rank;
    }
  data_out.add_data_vector(region, "region", dealii::DataOut<dim>::type_cell_data);
  data_out.add_data_vector(rank, "mpi_rank", dealii::DataOut<dim>::type_cell_data);

  // Quadratic hexahedra are split into 2x2x2 linear patches so that ParaView shows the curvature.
  data_out.build_patches(*discretization.mapping, discretization.tetrahedra ? 1 : 2);
  // zlib's fastest level: deal.II's default, best_compression, took 7 % of the rigid rotary thrust's run
  // time (perf) and half its output time, for files only 5 % smaller (174 against 184 MB).
  dealii::DataOutBase::VtkFlags flags(time, step, true, dealii::DataOutBase::VtkFlags::best_speed);
  data_out.set_flags(flags);
  // A piece that cannot be written (a full disk) stops the run on this rank with the system's reason;
  // main() then stops every rank. solution.pvd still lists only the frames written whole.
  std::string pvtu;
  write_checked("the fields of step " + std::to_string(step) + " in " + directory,
                [&]() { pvtu = data_out.write_vtu_with_pvtu_record(directory + "/", "solution", step, comm, 4); });
  written.emplace_back(time, pvtu);
  write_on_root(comm, [&]() { write_pvd(directory + "/solution.pvd", written); });
}

void FieldWriter::save(ArchiveWriter &archive) const
{
  save_series(archive, written);
}

void FieldWriter::load(ArchiveReader &archive)
{
  written = load_series(archive);
  write_on_root(dof_handler.get_communicator(), [&]() { write_pvd(directory + "/solution.pvd", written); });
}
} // namespace cspine
