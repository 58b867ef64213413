// Hyperelastic models written as W(I1, I2, I3, I4_a). The stress and tangent follow once from the
// derivatives of W (Holzapfel 2000, Nonlinear Solid Mechanics, eqs. 6.32 and 6.193):
//   S  = 2 sum_a psi_a G_a,  G_1 = 1, G_2 = I1 1 - C, G_3 = I3 C^-1, G_4a = a (x) a
//   CC = 4 [ sum_ab psi_ab G_a (x) G_b + psi_2 (1 (x) 1 - II) + psi_3 I3 (C^-1 (x) C^-1 - II_C^-1) ]
#pragma once

#include "materials/material.h"

#include <array>

namespace cspine
{
/// At most two fibre families (e.g. +/- an angle) per point.
constexpr unsigned int max_fibre_families = 2;
constexpr unsigned int max_invariants = 3 + max_fibre_families;

struct Invariants
{
  double I1 = 3, I2 = 3, I3 = 1;
  std::array<double, max_fibre_families> I4{{1, 1}};
  unsigned int n_fibres = 0;
  /// Whether add_volumetric_energy adds U(J) (MaterialInput::volumetric).
  bool volumetric = true;
};

/// W and its first and second derivatives with respect to (I1, I2, I3, I4_0, I4_1).
struct EnergyDerivatives
{
  double W = 0;
  std::array<double, max_invariants> first{};
  std::array<std::array<double, max_invariants>, max_invariants> second{};
};

class InvariantMaterial : public Material
{
public:
  void evaluate(const MaterialInput &input, MaterialOutput &output) const override;

protected:
  virtual void energy_derivatives(const Invariants &invariants, EnergyDerivatives &derivatives) const = 0;
};

/// Volumetric energy U(J) = kappa/4 (J^2 - 1 - 2 ln J) = kappa/4 (I3 - 1 - ln I3) of the uncoupled
/// models (Simo & Taylor 1991; deal.II step-44), added to W with its I3 derivatives (unless the
/// invariants say it is averaged at the nodes instead).
void add_volumetric_energy(double kappa, const Invariants &invariants, EnergyDerivatives &derivatives);

/// Isochoric neo-Hookean term mu/2 (I1 I3^-1/3 - 3), shared by the uncoupled and fibre models.
void add_isochoric_neo_hookean(double mu, const Invariants &invariants, EnergyDerivatives &derivatives);
} // namespace cspine
