#include "materials/invariant_material.h"

#include <deal.II/base/exceptions.h>

#include <cmath>

namespace cspine
{
namespace
{
/// II_A with components 1/2 (A_ik A_jl + A_il A_jk): the derivative of A^-1 with respect to A is -II_A^-1.
SymTensor4 symmetric_product(const SymTensor2 &A)
{
  SymTensor4 result;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = i; j < dim; ++j)
      for (unsigned int k = 0; k < dim; ++k)
        for (unsigned int l = k; l < dim; ++l)
          result[i][j][k][l] = 0.5 * (A[i][k] * A[j][l] + A[i][l] * A[j][k]);
  return result;
}
} // namespace

void InvariantMaterial::evaluate(const MaterialInput &input, MaterialOutput &output) const
{
  const Tensor2 &F = input.F;
  const double J = dealii::determinant(F);
  AssertThrow(J > 0, dealii::ExcMessage("InvariantMaterial: det F <= 0"));

  const SymTensor2 C = dealii::symmetrize(dealii::transpose(F) * F);
  const SymTensor2 identity = dealii::unit_symmetric_tensor<dim>();
  const SymTensor2 C_inv = dealii::invert(C);

  Invariants invariants;
  invariants.I1 = dealii::trace(C);
  invariants.I2 = 0.5 * (invariants.I1 * invariants.I1 - C * C);
  invariants.I3 = J * J;
  invariants.volumetric = input.volumetric;
  invariants.n_fibres = static_cast<unsigned int>(input.fibres.size());
  AssertThrow(invariants.n_fibres <= max_fibre_families, dealii::ExcMessage("at most two fibre families per point"));

  std::array<SymTensor2, max_invariants> G;
  G[0] = identity;
  G[1] = invariants.I1 * identity - C;
  G[2] = invariants.I3 * C_inv;
  for (unsigned int f = 0; f < invariants.n_fibres; ++f)
  {
    const Vector3 &a = input.fibres[f];
    invariants.I4[f] = a * (C * a);
    G[3 + f] = dealii::symmetrize(dealii::outer_product(a, a));
  }
  const unsigned int n = 3 + invariants.n_fibres;

  EnergyDerivatives d;
  energy_derivatives(invariants, d);

  output.energy = d.W;
  output.S = 0;
  for (unsigned int a = 0; a < n; ++a)
    output.S += (2 * d.first[a]) * G[a];
  if (!input.tangent)
    return;

  SymTensor4 CC;
  for (unsigned int a = 0; a < n; ++a)
    for (unsigned int b = 0; b < n; ++b)
      if (d.second[a][b] != 0)
        CC += d.second[a][b] * dealii::outer_product(G[a], G[b]);
  if (d.first[1] != 0)
    CC += d.first[1] * (dealii::outer_product(identity, identity) - dealii::identity_tensor<dim>());
  if (d.first[2] != 0)
    CC += (d.first[2] * invariants.I3) * (dealii::outer_product(C_inv, C_inv) - symmetric_product(C_inv));
  output.tangent = 4 * CC;
}

void add_volumetric_energy(const double kappa, const Invariants &inv, EnergyDerivatives &d)
{
  if (!inv.volumetric)
    return;
  d.W += 0.25 * kappa * (inv.I3 - 1 - std::log(inv.I3));
  d.first[2] += 0.25 * kappa * (1 - 1 / inv.I3);
  d.second[2][2] += 0.25 * kappa / (inv.I3 * inv.I3);
}

void add_isochoric_neo_hookean(const double mu, const Invariants &inv, EnergyDerivatives &d)
{
  const double I3_m13 = std::pow(inv.I3, -1.0 / 3);
  d.W += 0.5 * mu * (inv.I1 * I3_m13 - 3);
  d.first[0] += 0.5 * mu * I3_m13;
  d.first[2] += -mu / 6 * inv.I1 * I3_m13 / inv.I3;
  const double cross = -mu / 6 * I3_m13 / inv.I3;
  d.second[0][2] += cross;
  d.second[2][0] += cross;
  d.second[2][2] += 2 * mu / 9 * inv.I1 * I3_m13 / (inv.I3 * inv.I3);
}
} // namespace cspine
