// Fibre directions of a region, evaluated at quadrature points: none, a constant direction, the
// circumferential direction about an axis, or two helical families at +/- an angle from it.
#pragma once

#include "core/types.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cspine
{
class FibreRule
{
public:
  enum class Kind
  {
    none,
    constant,
    circumferential,
    helical
  };

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Reads the current subsection; throws InputError naming `file` and `section` on bad values.
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const std::string &section);

  Kind kind() const { return rule; }
  unsigned int n_families() const;

  /// Unit fibre directions at a reference position.
  std::vector<Vector3> directions(const dealii::Point<dim> &position) const;

private:
  Kind rule = Kind::none;
  Vector3 direction;
  Vector3 axis;
  dealii::Point<dim> centre;
  double angle = 0;
};

/// The largest stretch sqrt(a . C a) over the fibre families a (0 without fibres): the family that
/// carries load in a tension-only material.
double largest_fibre_stretch(const SymTensor2 &C, const std::vector<Vector3> &fibres);
} // namespace cspine
