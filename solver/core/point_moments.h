// The zeroth, first and second moments of a weighted point cloud (patch quadrature points weighted by area,
// or nodes weighted by 1), summed over all ranks: total weight, centroid and the polar tensor
// J = sum w (|r|^2 I - r (x) r), r = x - centroid. J is what turns a distribution of w x r into its moment:
// forces f_i = w_i (omega x r_i) have the moment J omega about the centroid and sum to zero. Used to
// spread a couple (a thrust couple, the head's weight offset) over a set of points.
#pragma once

#include "core/types.h"

#include <deal.II/base/point.h>

#include <mpi.h>

#include <vector>

namespace cspine
{
class PointMoments
{
public:
  PointMoments();
  void add(const dealii::Point<dim> &x, double weight);
  /// Sums the moments over `comm` (collective) and computes the centroid and J.
  void finish(MPI_Comm comm);

  double total_weight() const { return sums[0]; }
  const dealii::Point<dim> &centroid() const { return centre; }
  const Tensor2 &polar() const { return polar_tensor; }

private:
  /// sums[0] = sum w, sums[1..3] = sum w x, sums[4..12] = sum w x (x) x.
  std::vector<double> sums;
  dealii::Point<dim> centre;
  Tensor2 polar_tensor;
};
} // namespace cspine
