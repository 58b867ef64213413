// The capsules in the reports, each a bundle of 1-D fibres: per capsule and state, the fibres' strains
// (engineering strain from their in-situ length): the largest, the 95th percentile over the fibres, the
// mean, the fraction of fibres above each threshold, and the summed tension; and its picture for
// ParaView: every fibre as a line and the capsule as a band of quadrilaterals between neighbouring
// fibres, whose points carry their fibre's strain and force, so the band shows a strain field.
#pragma once

#include "io/vtk_files.h"
#include "loads/ligament_springs.h"

#include <string>
#include <vector>

namespace cspine
{
struct BundleStrain
{
  std::string name;
  std::size_t n_fibres = 0;
  /// [-] Fibre strain: largest, 95th percentile over the fibres, mean.
  double largest = 0, percentile_95 = 0, mean = 0;
  /// [-] Fraction of the fibres above each threshold.
  std::vector<double> fraction_above;
  /// [N] Sum of the fibres' tensions.
  double force = 0;
  /// Some fibre is past its curve's failure point.
  bool past_failure = false;
  /// [mm] Permanent set of the fibres from sub-failure damage: largest and mean; fibres ruptured.
  double largest_laxity = 0, mean_laxity = 0;
  std::size_t ruptured = 0;
};

class CapsuleBundles
{
public:
  /// Groups the fibres of `springs` by their capsule (1-D ligaments, without one, are left out).
  explicit CapsuleBundles(const LigamentSprings &springs);

  bool empty() const { return bundles.empty(); }
  /// The capsules' names, in the order of the fibre files.
  std::vector<std::string> names() const;
  /// Whether fibre or ligament i belongs to a capsule.
  bool in_bundle(std::size_t i) const { return member[i]; }
  std::vector<BundleStrain> statistics(const std::vector<LigamentState> &states,
                                       const std::vector<double> &thresholds) const;
  /// Points, cells (each capsule's fibres as lines, then its band as quadrilaterals) and point fields of
  /// the capsules at `states`.
  void picture(const std::vector<LigamentState> &states, std::vector<dealii::Point<dim>> &points,
               std::vector<VtkCell> &cells, std::vector<ScalarField> &point_data,
               std::vector<ScalarField> &cell_data) const;

private:
  /// (capsule name, its fibres' indices in ring order).
  std::vector<std::pair<std::string, std::vector<std::size_t>>> bundles;
  std::vector<bool> member;
};
} // namespace cspine
