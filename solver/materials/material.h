// Material interface: given F, the fibre directions, the time step and the point's internal variables
// at the last committed state, return the strain energy, the second Piola-Kirchhoff stress S, the
// material tangent CC = 2 dS/dC and the trial internal variables. The caller keeps the variables (one
// array per quadrature point, fe/quadrature_history.h), commits the trial when a step is accepted and
// drops it when the step is cut. Push-forward, spatial tangents and assembly belong to mechanics/, never
// to a material.
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
  /// [s] Time since the committed state, for rate-dependent models. 0 evaluates the instantaneous
  /// response: from the state committed at this F it returns that state's stress.
  double time_step = 0;
  /// The point's internal variables at the committed state (n_internal_variables() values, as
  /// create_state() first made them); nullptr for a model without any.
  const double *state = nullptr;
  /// Whether to include the volumetric energy U(J) (off where it is averaged at the nodes instead).
  bool volumetric = true;
  /// Whether CC is wanted. Without it a model may leave MaterialOutput::tangent unset: residual-only
  /// assemblies and the output fields need the stress alone.
  bool tangent = true;
};

struct MaterialOutput
{
  /// [MPa] (= mJ/mm^3) strain energy per reference volume.
  double energy = 0;
  /// [MPa] Second Piola-Kirchhoff stress.
  SymTensor2 S;
  /// [MPa] CC = 2 dS/dC = dS/dE, consistent with the update of the internal variables.
  SymTensor4 tangent;
  /// Where the trial internal variables go (n_internal_variables() values); nullptr for a model
  /// without any.
  double *state = nullptr;
};

class Material
{
public:
  virtual ~Material() = default;

  virtual void evaluate(const MaterialInput &input, MaterialOutput &output) const = 0;

  /// The internal variables of a point that has never been loaded (empty for a hyperelastic model).
  virtual std::vector<double> create_state() const { return {}; }

  /// True if the model needs fibre directions (the region must then set a fibre rule).
  virtual bool uses_fibres() const = 0;

  /// [MPa] kappa of a separate volumetric energy kappa/4 (J^2 - 1 - 2 ln J) (the uncoupled models), which
  /// then may be averaged at the nodes; 0 for a model without one.
  virtual double bulk_modulus() const { return 0; }
};
} // namespace cspine
