// Registry-driven checks of every material (FEBio's diagnostic idea): stress against finite differences
// of the energy, tangent against finite differences of the stress, zero stress at F = I, objectivity,
// and no fibre stress in compression.
#include "materials/registry.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/physics/transformations.h>

#include <gtest/gtest.h>

#include <random>

namespace cspine
{
namespace
{
std::unique_ptr<Material> make_default(const std::string &name)
{
  dealii::ParameterHandler prm;
  material_registry().get(name).declare_parameters(prm);
  return material_registry().get(name).create(prm);
}

/// A well-conditioned random deformation gradient: I + a random matrix of size `amplitude`.
Tensor2 random_F(std::mt19937 &generator, const double amplitude)
{
  std::uniform_real_distribution<double> value(-amplitude, amplitude);
  Tensor2 F;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      F[i][j] = (i == j ? 1.0 : 0.0) + value(generator);
  return F;
}

MaterialInput input_for(const Material &material, const Tensor2 &F)
{
  MaterialInput input;
  input.F = F;
  if (material.uses_fibres())
  {
    Vector3 a({1, 1, 0}), b({0, 1, 2});
    input.fibres = {a / a.norm(), b / b.norm()};
  }
  return input;
}

class EveryMaterial : public ::testing::TestWithParam<std::string>
{
protected:
  std::unique_ptr<Material> material = make_default(GetParam());
  std::mt19937 generator{42};
};

// Central differences with h = 1e-6 have truncation error ~h^2 |W'''| ~ 1e-12 and round-off
// ~1e-16 |W| / h ~ 1e-10 relative; 1e-6 relative leaves a wide margin above both and far below any
// real error (a wrong factor or a missing term is O(1)).
constexpr double h = 1e-6;
constexpr double fd_tolerance = 1e-6;

TEST_P(EveryMaterial, StressMatchesFiniteDifferenceOfEnergy)
{
  for (unsigned int sample = 0; sample < 5; ++sample)
  {
    const Tensor2 F = random_F(generator, 0.3);
    MaterialOutput output, plus, minus;
    material->evaluate(input_for(*material, F), output);
    const Tensor2 P = F * Tensor2(output.S); // first Piola-Kirchhoff stress = dW/dF
    for (unsigned int i = 0; i < dim; ++i)
      for (unsigned int j = 0; j < dim; ++j)
      {
        Tensor2 F_plus = F, F_minus = F;
        F_plus[i][j] += h;
        F_minus[i][j] -= h;
        material->evaluate(input_for(*material, F_plus), plus);
        material->evaluate(input_for(*material, F_minus), minus);
        const double fd = (plus.energy - minus.energy) / (2 * h);
        EXPECT_NEAR(P[i][j], fd, fd_tolerance * std::max(1.0, P.norm())) << "P[" << i << "][" << j << "]";
      }
  }
}

TEST_P(EveryMaterial, TangentMatchesFiniteDifferenceOfStress)
{
  for (unsigned int sample = 0; sample < 5; ++sample)
  {
    const Tensor2 F = random_F(generator, 0.3);
    const Tensor2 dF = random_F(generator, 1.0) - dealii::unit_symmetric_tensor<dim>();
    MaterialOutput output, plus, minus;
    material->evaluate(input_for(*material, F), output);
    material->evaluate(input_for(*material, F + h * dF), plus);
    material->evaluate(input_for(*material, F - h * dF), minus);
    // dS = CC : dE with dE = sym(F^T dF).
    const SymTensor2 predicted = output.tangent * dealii::symmetrize(dealii::transpose(F) * dF);
    const SymTensor2 fd = (plus.S - minus.S) / (2 * h);
    EXPECT_LE((predicted - fd).norm(), fd_tolerance * std::max(1.0, fd.norm()))
        << "predicted " << predicted << "\nfinite difference " << fd;
  }
}

// Residual-only assemblies and the output ask for the stress without the tangent: it must be the same.
TEST_P(EveryMaterial, StressWithoutTangentIsTheSame)
{
  for (unsigned int sample = 0; sample < 5; ++sample)
  {
    MaterialInput input = input_for(*material, random_F(generator, 0.3));
    MaterialOutput with, without;
    material->evaluate(input, with);
    input.tangent = false;
    material->evaluate(input, without);
    EXPECT_EQ(without.energy, with.energy);
    for (unsigned int i = 0; i < dim; ++i)
      for (unsigned int j = i; j < dim; ++j)
        EXPECT_EQ(without.S[i][j], with.S[i][j]) << "S[" << i << "][" << j << "]";
  }
}

TEST_P(EveryMaterial, ZeroStressInReferenceState)
{
  MaterialOutput output;
  material->evaluate(input_for(*material, dealii::unit_symmetric_tensor<dim>()), output);
  EXPECT_LE(output.S.norm(), 1e-12);
  EXPECT_LE(std::abs(output.energy), 1e-12);
}

TEST_P(EveryMaterial, ObjectiveUnderRotation)
{
  const Tensor2 F = random_F(generator, 0.3);
  const Tensor2 Q =
      dealii::Physics::Transformations::Rotations::rotation_matrix_3d(Vector3({1, 2, 3}) / std::sqrt(14.0), 0.7);
  MaterialOutput original, rotated;
  material->evaluate(input_for(*material, F), original);
  material->evaluate(input_for(*material, Q * F), rotated);
  EXPECT_NEAR(original.energy, rotated.energy, 1e-12 * std::max(1.0, std::abs(original.energy)));
  EXPECT_LE((original.S - rotated.S).norm(), 1e-12 * std::max(1.0, original.S.norm()));
  EXPECT_LE((original.tangent - rotated.tangent).norm(), 1e-11 * std::max(1.0, original.tangent.norm()));
}

TEST_P(EveryMaterial, FibresCarryNoCompression)
{
  // Shorten along the fibre (stretch 0.9) with the transverse directions held: I4 < 1.
  const Vector3 a = Vector3({1, 1, 0}) / std::sqrt(2.0);
  const Tensor2 F = dealii::unit_symmetric_tensor<dim>() - 0.1 * dealii::outer_product(a, a);
  MaterialInput with_fibres;
  with_fibres.F = F;
  with_fibres.fibres = {a};
  MaterialInput without_fibres = with_fibres;
  without_fibres.fibres.clear();
  MaterialOutput loaded, matrix_only;
  material->evaluate(with_fibres, loaded);
  material->evaluate(without_fibres, matrix_only);
  EXPECT_LE((loaded.S - matrix_only.S).norm(), 1e-14);

  // The same check in tension must see the fibres, or the test above could never fail.
  if (material->uses_fibres())
  {
    with_fibres.F = without_fibres.F = dealii::unit_symmetric_tensor<dim>() + 0.1 * dealii::outer_product(a, a);
    material->evaluate(with_fibres, loaded);
    material->evaluate(without_fibres, matrix_only);
    EXPECT_GT((loaded.S - matrix_only.S).norm(), 1e-3);
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, EveryMaterial, ::testing::ValuesIn(material_registry().names()),
                         [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

TEST(NeoHookeanCoupled, MatchesLinearElasticityAtSmallStrain)
{
  // E = 100, nu = 0.3 (the defaults): uniaxial strain eps along x gives S_xx = (lambda + 2 mu) eps.
  const auto material = make_default("neo_hookean_coupled");
  const double eps = 1e-7, mu = 100 / 2.6, lambda = 100 * 0.3 / (1.3 * 0.4);
  Tensor2 F = dealii::unit_symmetric_tensor<dim>();
  F[0][0] += eps;
  MaterialOutput output;
  material->evaluate(input_for(*material, F), output);
  EXPECT_NEAR(output.S[0][0] / eps, lambda + 2 * mu, 1e-4 * (lambda + 2 * mu));
  EXPECT_NEAR(output.S[1][1] / eps, lambda, 1e-4 * lambda);
}
} // namespace
} // namespace cspine
