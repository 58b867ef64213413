// Material interface: given F and the fibre directions, return the strain energy, the second
// Piola-Kirchhoff stress S and the material tangent CC = 2 dS/dC. Push-forward, spatial tangents and
// assembly belong to mechanics/, never to a material.
#pragma once

#include "core/types.h"

#include <vector>

namespace cspine
{
/// [MPa] The smallest modulus (Young's, shear, bulk) an input may give: 1 Pa. A zero modulus ran and
/// gave a singular tangent or a body that carries nothing; no tissue here is softer than 1 Pa.
constexpr double minimum_modulus = 1e-6;

struct MaterialInput
{
  Tensor2 F;
  /// Unit fibre directions in the reference configuration (empty for isotropic regions).
  std::vector<Vector3> fibres;
  /// [s] Time increment, for rate-dependent models.
  double time_step = 0;
  /// Whether to include the volumetric energy U(J) (off where it is averaged at the nodes instead).
  bool volumetric = true;
};

struct MaterialOutput
{
  /// [MPa] (= mJ/mm^3) strain energy per reference volume.
  double energy = 0;
  /// [MPa] Second Piola-Kirchhoff stress.
  SymTensor2 S;
  /// [MPa] CC = 2 dS/dC = dS/dE.
  SymTensor4 tangent;
};

class Material
{
public:
  virtual ~Material() = default;

  virtual void evaluate(const MaterialInput &input, MaterialOutput &output) const = 0;

  /// True if the model needs fibre directions (the region must then set a fibre rule).
  virtual bool uses_fibres() const = 0;

  /// [MPa] kappa of a separate volumetric energy kappa/4 (J^2 - 1 - 2 ln J) (the uncoupled models), which
  /// then may be averaged at the nodes; 0 for a model without one.
  virtual double bulk_modulus() const { return 0; }
};
} // namespace cspine
