#include "output/capsule_bundles.h"

#include <algorithm>
#include <cmath>

namespace cspine
{
CapsuleBundles::CapsuleBundles(const LigamentSprings &springs) : member(springs.size(), false)
{
  for (std::size_t i = 0; i < springs.size(); ++i)
  {
    const std::string &bundle = springs.geometry(i).bundle;
    if (bundle.empty())
      continue;
    member[i] = true;
    if (bundles.empty() || bundles.back().first != bundle)
      bundles.push_back({bundle, {}});
    bundles.back().second.push_back(i);
  }
}

std::vector<std::string> CapsuleBundles::names() const
{
  std::vector<std::string> result;
  for (const auto &bundle : bundles)
    result.push_back(bundle.first);
  return result;
}

std::vector<BundleStrain> CapsuleBundles::statistics(const std::vector<LigamentState> &states,
                                                     const std::vector<double> &thresholds) const
{
  std::vector<BundleStrain> result;
  for (const auto &[name, fibres] : bundles)
  {
    BundleStrain row;
    row.name = name;
    row.n_fibres = fibres.size();
    row.fraction_above.assign(thresholds.size(), 0);
    std::vector<double> strains;
    for (const std::size_t i : fibres)
    {
      const LigamentState &state = states[i];
      strains.push_back(state.strain);
      row.mean += state.strain / fibres.size();
      row.force += state.force;
      row.past_failure |= state.past_failure;
      row.largest_laxity = std::max(row.largest_laxity, state.laxity);
      row.mean_laxity += state.laxity / fibres.size();
      row.ruptured += state.ruptured ? 1 : 0;
      for (std::size_t t = 0; t < thresholds.size(); ++t)
        if (state.strain > thresholds[t])
          row.fraction_above[t] += 1.0 / fibres.size();
    }
    std::sort(strains.begin(), strains.end());
    row.largest = strains.back();
    // The same rule as the regions' volume percentile, with equal weights: the first fibre at or past
    // 95 % of the count.
    const auto rank = static_cast<std::size_t>(std::ceil(0.95 * strains.size() - 1e-12));
    row.percentile_95 = strains[std::max<std::size_t>(rank, 1) - 1];
    result.push_back(row);
  }
  return result;
}

void CapsuleBundles::picture(const std::vector<LigamentState> &states, std::vector<dealii::Point<dim>> &points,
                             std::vector<VtkCell> &cells, std::vector<ScalarField> &point_data,
                             std::vector<ScalarField> &cell_data) const
{
  ScalarField strain{"fibre_strain [-]", {}}, force{"fibre_force [N]", {}}, laxity{"fibre_laxity [mm]", {}},
      capsule{"capsule", {}}, kind{"cell_kind (0 fibre, 1 surface)", {}};
  for (std::size_t b = 0; b < bundles.size(); ++b)
  {
    const std::vector<std::size_t> &fibres = bundles[b].second;
    const auto first = static_cast<unsigned int>(points.size());
    for (const std::size_t i : fibres)
      for (const dealii::Point<dim> &end : {states[i].end_a, states[i].end_b})
      {
        points.push_back(end);
        strain.values.push_back(states[i].strain);
        force.values.push_back(states[i].force);
        laxity.values.push_back(states[i].laxity);
      }
    const auto n = static_cast<unsigned int>(fibres.size());
    for (unsigned int k = 0; k < n; ++k)
    {
      cells.push_back({VtkCell::line, {first + 2 * k, first + 2 * k + 1}});
      kind.values.push_back(0);
      capsule.values.push_back(b);
    }
    // The band: fibre k and fibre k + 1 (the ring closes) span a quadrilateral a_k, a_k+1, b_k+1, b_k.
    for (unsigned int k = 0; k < n && n > 2; ++k)
    {
      const unsigned int next = (k + 1) % n;
      cells.push_back({VtkCell::quad, {first + 2 * k, first + 2 * next, first + 2 * next + 1, first + 2 * k + 1}});
      kind.values.push_back(1);
      capsule.values.push_back(b);
    }
  }
  point_data = {strain, force, laxity};
  cell_data = {capsule, kind};
}
} // namespace cspine
