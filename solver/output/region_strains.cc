#include "output/region_strains.h"

#include "fe/node_set.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <map>

namespace cspine
{
namespace
{
struct Sample
{
  double weight, strain, fibre_stretch;
};
} // namespace

std::vector<RegionStrain> region_strains(const dealii::DoFHandler<dim> &dof_handler,
                                         const Discretization &discretization, const Config &config, const Vector &u)
{
  const ReportSettings &report = config.load_case.report;
  std::map<unsigned int, std::size_t> index;
  for (std::size_t i = 0; i < report.regions.size(); ++i)
    index[report.regions[i]] = i;

  // Rows of (region index, JxW, strain, fibre stretch) on this rank.
  std::vector<double> packed;
  dealii::FEValues<dim> fe_values(*discretization.mapping, dof_handler.get_fe(), discretization.cell_quadrature,
                                  dealii::update_gradients | dealii::update_JxW_values |
                                      dealii::update_quadrature_points);
  const dealii::FEValuesExtractors::Vector displacement(0);
  std::vector<Tensor2> gradients(discretization.cell_quadrature.size());
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned() || index.count(cell->material_id()) == 0)
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_gradients(u, gradients);
    const RegionSettings &region = config.regions.at(cell->material_id());
    for (unsigned int q = 0; q < gradients.size(); ++q)
    {
      Tensor2 F = gradients[q];
      for (unsigned int d = 0; d < dim; ++d)
        F[d][d] += 1;
      const SymTensor2 C = dealii::symmetrize(dealii::transpose(F) * F);
      const SymTensor2 E = 0.5 * (C - dealii::unit_symmetric_tensor<dim>());
      packed.insert(packed.end(),
                    {static_cast<double>(index[cell->material_id()]), fe_values.JxW(q), dealii::eigenvalues(E)[0],
                     largest_fibre_stretch(C, region.fibres.directions(fe_values.quadrature_point(q)))});
    }
  }
  const std::vector<double> all = all_gather(packed, dof_handler.get_communicator());
  if (dealii::Utilities::MPI::this_mpi_process(dof_handler.get_communicator()) != 0)
    return {};

  std::vector<std::vector<Sample>> samples(report.regions.size());
  for (std::size_t i = 0; i < all.size(); i += 4)
    samples[static_cast<std::size_t>(all[i])].push_back({all[i + 1], all[i + 2], all[i + 3]});
  std::vector<RegionStrain> result;
  for (std::size_t r = 0; r < samples.size(); ++r)
  {
    RegionStrain row;
    row.region = report.regions[r];
    row.fraction_above.assign(report.thresholds.size(), 0);
    auto &values = samples[r];
    // Sorted by strain, ties by the other values: the order does not depend on the partition.
    std::sort(values.begin(), values.end(),
              [](const Sample &a, const Sample &b) {
                return std::tie(a.strain, a.weight, a.fibre_stretch) < std::tie(b.strain, b.weight, b.fibre_stretch);
              });
    for (const Sample &sample : values)
    {
      row.volume += sample.weight;
      row.mean_fibre_stretch += sample.weight * sample.fibre_stretch;
      row.peak_fibre_stretch = std::max(row.peak_fibre_stretch, sample.fibre_stretch);
      for (std::size_t t = 0; t < report.thresholds.size(); ++t)
        if (sample.strain > report.thresholds[t])
          row.fraction_above[t] += sample.weight;
    }
    if (!values.empty())
    {
      row.peak_strain = values.back().strain;
      double below = 0;
      for (const Sample &sample : values)
      {
        below += sample.weight;
        row.percentile_95 = sample.strain;
        if (below >= 0.95 * row.volume)
          break;
      }
      row.mean_fibre_stretch /= row.volume;
      for (double &fraction : row.fraction_above)
        fraction /= row.volume;
    }
    result.push_back(row);
  }
  return result;
}
} // namespace cspine
