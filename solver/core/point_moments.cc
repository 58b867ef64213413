#include "core/point_moments.h"

#include <deal.II/base/mpi.h>

namespace cspine
{
PointMoments::PointMoments() : sums(1 + dim + dim * dim, 0.0) {}

void PointMoments::add(const dealii::Point<dim> &x, const double weight)
{
  sums[0] += weight;
  for (unsigned int a = 0; a < dim; ++a)
  {
    sums[1 + a] += weight * x[a];
    for (unsigned int b = 0; b < dim; ++b)
      sums[1 + dim + dim * a + b] += weight * x[a] * x[b];
  }
}

void PointMoments::finish(const MPI_Comm comm)
{
  dealii::Utilities::MPI::sum(sums, comm, sums);
  if (sums[0] == 0)
    return;
  for (unsigned int a = 0; a < dim; ++a)
    centre[a] = sums[1 + a] / sums[0];
  // About the centroid: sum w r (x) r = sum w x (x) x - W c (x) c; J = tr(.) I - (.).
  Tensor2 second_moment;
  for (unsigned int a = 0; a < dim; ++a)
    for (unsigned int b = 0; b < dim; ++b)
      second_moment[a][b] = sums[1 + dim + dim * a + b] - sums[0] * centre[a] * centre[b];
  polar_tensor = -second_moment;
  for (unsigned int a = 0; a < dim; ++a)
    polar_tensor[a][a] += dealii::trace(second_moment);
}
} // namespace cspine
