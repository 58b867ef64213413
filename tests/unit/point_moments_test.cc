// PointMoments against a hand calculation: four unit weights at the corners of a 2 x 2 square centred at
// c in the plane z = c_z have the centroid c and the polar tensor diag(4, 4, 8) (sum r (x) r = diag(4, 4, 0),
// J = tr I - that); a doubled weight doubles J, and the forces w (omega x r) it is built for have the
// moment J omega.
#include "core/point_moments.h"

#include <gtest/gtest.h>

#include <mpi.h>

namespace cspine
{
namespace
{
PointMoments square(const dealii::Point<dim> &centre, const double weight)
{
  PointMoments moments;
  for (const double x : {-1.0, 1.0})
    for (const double y : {-1.0, 1.0})
      moments.add(centre + dealii::Point<dim>(x, y, 0), weight);
  moments.finish(MPI_COMM_SELF);
  return moments;
}
} // namespace

TEST(PointMoments, SquareAgainstHandCalculation)
{
  const dealii::Point<dim> centre(3, -2, 5);
  const PointMoments moments = square(centre, 1);
  EXPECT_DOUBLE_EQ(moments.total_weight(), 4);
  EXPECT_NEAR((moments.centroid() - centre).norm(), 0, 1e-14);
  const double expected[dim] = {4, 4, 8};
  for (unsigned int a = 0; a < dim; ++a)
    for (unsigned int b = 0; b < dim; ++b)
      EXPECT_NEAR(moments.polar()[a][b], a == b ? expected[a] : 0, 1e-12) << a << b;
  EXPECT_NEAR(square(centre, 2).polar()[2][2], 16, 1e-12);
}

TEST(PointMoments, PolarTensorGivesTheMomentOfRotationalForces)
{
  PointMoments moments;
  const dealii::Point<dim> points[] = {{0, 0, 0}, {2, 1, 0}, {1, 3, 1}, {-1, 2, 4}, {3, -1, 2}};
  const double weights[] = {1, 0.5, 2, 1.5, 0.7};
  for (unsigned int i = 0; i < 5; ++i)
    moments.add(points[i], weights[i]);
  moments.finish(MPI_COMM_SELF);
  Vector3 omega;
  omega[0] = 0.3, omega[1] = -1.1, omega[2] = 0.4;
  Vector3 moment, force;
  for (unsigned int i = 0; i < 5; ++i)
  {
    const Vector3 r = points[i] - moments.centroid();
    const Vector3 f = weights[i] * dealii::cross_product_3d(omega, r);
    force += f;
    moment += dealii::cross_product_3d(r, f);
  }
  EXPECT_NEAR(force.norm(), 0, 1e-12);
  EXPECT_NEAR((moment - moments.polar() * omega).norm(), 0, 1e-12);
}
} // namespace cspine
