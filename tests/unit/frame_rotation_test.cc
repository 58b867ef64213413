// FrameRotation, the head's rotation measure that a pure moment works on: a rigid rotation about the axis
// (with any translation) gives its angle back, a further rigid rotation dphi about the axis changes it by
// dphi (the moment's virtual work is M dphi), and its gradient and Hessian match finite differences.
#include "fe/frame_rotation.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <random>

namespace cspine
{
namespace
{
/// Eight nodes at the corners of a skewed box, DoFs 3k..3k+2, on one rank (the test runs serially).
std::vector<Node> box_nodes()
{
  std::vector<Node> nodes;
  dealii::types::global_dof_index dof = 0;
  for (const double x : {-30.0, 40.0})
    for (const double y : {-20.0, 25.0})
      for (const double z : {5.0, 60.0})
      {
        Node node;
        node.X = dealii::Point<dim>(x + 0.2 * z, y, z + 0.1 * x);
        node.dofs = {{dof, dof + 1, dof + 2}};
        dof += 3;
        nodes.push_back(node);
      }
  return nodes;
}

Vector displacement_of(const std::vector<Node> &nodes,
                       const std::function<dealii::Point<dim>(const dealii::Point<dim> &)> &map)
{
  Vector u(dealii::complete_index_set(dim * nodes.size()), MPI_COMM_SELF);
  for (const Node &node : nodes)
  {
    const dealii::Point<dim> x = map(node.X);
    for (unsigned int d = 0; d < dim; ++d)
      u(node.dofs[d]) = x[d] - node.X[d];
  }
  u.compress(dealii::VectorOperation::insert);
  return u;
}

const Vector3 axis = Vector3({0.1, -0.2, 1}) / Vector3({0.1, -0.2, 1}).norm();
const dealii::Point<dim> centre(3, -4, 10);

dealii::Point<dim> rotated(const dealii::Point<dim> &X, const Vector3 &about, const double angle)
{
  return centre + rotation_matrix(about, angle) * (X - centre);
}

TEST(FrameRotation, GivesARigidRotationsAngleBack)
{
  const std::vector<Node> nodes = box_nodes();
  const FrameRotation rotation(nodes, axis);
  for (const double degrees : {-70.0, -20.0, 0.0, 5.0, 38.9, 80.0})
  {
    const double angle = degrees * M_PI / 180;
    const Vector u = displacement_of(nodes,
                                     [&](const dealii::Point<dim> &X) {
                                       return rotated(X, axis, angle) + Vector3({7, -3, 11});
                                     });
    EXPECT_NEAR(rotation.angle(u), angle, 1e-12) << degrees;
  }
}

TEST(FrameRotation, RigidRotationAboutTheAxisDoesUnitWork)
{
  // At a state turned 30 deg about the axis and 10 deg about another, the gradient dotted with the
  // velocity of a rigid rotation about the axis (a x (x - c)) is 1: the moment's virtual work is M dphi.
  const std::vector<Node> nodes = box_nodes();
  const FrameRotation rotation(nodes, axis);
  const Vector3 other({1, 0, 0});
  const Vector u = displacement_of(nodes, [&](const dealii::Point<dim> &X)
                                   { return rotated(rotated(X, axis, 30 * M_PI / 180), other, 10 * M_PI / 180); });
  dealii::Vector<double> gradient(dim * nodes.size());
  rotation.angle(u, &gradient);
  double work = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
  {
    const Vector3 velocity = dealii::cross_product_3d(axis, current_position(nodes[i], u) - centre);
    for (unsigned int d = 0; d < dim; ++d)
      work += gradient(dim * i + d) * velocity[d];
  }
  // Exactly 1 for a pure rotation about the axis; the 10 deg tilt changes it to second order in the tilt.
  EXPECT_NEAR(work, 1, 0.02);
  const Vector pure =
      displacement_of(nodes, [&](const dealii::Point<dim> &X) { return rotated(X, axis, 30 * M_PI / 180); });
  rotation.angle(pure, &gradient);
  work = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
  {
    const Vector3 velocity = dealii::cross_product_3d(axis, current_position(nodes[i], pure) - centre);
    for (unsigned int d = 0; d < dim; ++d)
      work += gradient(dim * i + d) * velocity[d];
  }
  EXPECT_NEAR(work, 1, 1e-12);
}

TEST(FrameRotation, GradientAndHessianMatchFiniteDifferences)
{
  const std::vector<Node> nodes = box_nodes();
  const FrameRotation rotation(nodes, axis);
  std::mt19937 generator(7);
  std::uniform_real_distribution<double> noise(-2, 2);
  // A general state: rotated 35 deg about the axis, 12 deg about another, and distorted by up to 2 mm.
  Vector u = displacement_of(nodes,
                             [&](const dealii::Point<dim> &X) {
                               return rotated(rotated(X, axis, 35 * M_PI / 180), Vector3({0, 1, 0}), 0.2);
                             });
  for (const auto i : u.locally_owned_elements())
    u(i) += noise(generator);
  u.compress(dealii::VectorOperation::add);
  const std::size_t n = dim * nodes.size();
  dealii::Vector<double> gradient(n), plus_gradient(n), minus_gradient(n);
  dealii::FullMatrix<double> hessian(n, n);
  rotation.angle(u, &gradient, &hessian);
  // Central differences with h = 1e-5 mm on a frame of some 50 mm: truncation ~h^2 theta''' ~ 1e-13
  // and round-off ~1e-16 / h ~ 1e-11 per mm; the tolerance 1e-8 (relative to the largest entry) is
  // far below a wrong term.
  const double h = 1e-5;
  for (std::size_t j = 0; j < n; ++j)
  {
    Vector plus = u, minus = u;
    plus(j) += h;
    minus(j) -= h;
    plus.compress(dealii::VectorOperation::add);
    minus.compress(dealii::VectorOperation::add);
    const double fd = (rotation.angle(plus, &plus_gradient) - rotation.angle(minus, &minus_gradient)) / (2 * h);
    EXPECT_NEAR(gradient(j), fd, 1e-8 * gradient.linfty_norm()) << "dtheta/du_" << j;
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_NEAR(hessian(i, j), (plus_gradient(i) - minus_gradient(i)) / (2 * h), 1e-7 * hessian.linfty_norm())
          << "d2theta/du_" << i << "du_" << j;
  }
}
} // namespace
} // namespace cspine
