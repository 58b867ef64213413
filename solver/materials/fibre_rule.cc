#include "materials/fibre_rule.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>

namespace cspine
{
namespace
{
// The entry's pattern (a list of exactly three doubles) was checked by the ParameterHandler.
Vector3 parse_vector(const std::string &text)
{
  const std::vector<double> values = dealii::Utilities::string_to_double(dealii::Utilities::split_string_list(text));
  Vector3 result;
  for (unsigned int d = 0; d < dim; ++d)
    result[d] = values[d];
  return result;
}

Vector3 unit(const Vector3 &v, const std::string &file, const std::string &entry, const std::string &text)
{
  const double length = v.norm();
  if (length < 1e-12)
    throw InputError(file, entry, text, "a non-zero vector of three numbers");
  return v / length;
}
} // namespace

void FibreRule::declare_parameters(dealii::ParameterHandler &prm)
{
  const auto vector3 = dealii::Patterns::List(dealii::Patterns::Double(), 3, 3);
  prm.enter_subsection("Fibres");
  prm.declare_entry("Rule", "none", dealii::Patterns::Selection("none|constant|circumferential|helical"),
                    "How fibre directions are set: none; constant (Direction); circumferential about Axis "
                    "through Centre; helical (two families at +/- Angle from circumferential towards Axis).");
  prm.declare_entry("Direction", "0, 0, 1", vector3, "[-] Fibre direction for the constant rule.");
  prm.declare_entry("Axis", "0, 0, 1", vector3, "[-] Axis of the circumferential and helical rules.");
  prm.declare_entry("Centre", "0, 0, 0", vector3, "[mm] A point on that axis.");
  prm.declare_entry("Angle", "0", dealii::Patterns::Double(0, 90),
                    "[deg] Helical angle from the circumferential direction towards the axis.");
  prm.leave_subsection();
}

void FibreRule::parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const std::string &section)
{
  prm.enter_subsection("Fibres");
  const std::string kind_text = prm.get("Rule");
  rule = kind_text == "constant"          ? Kind::constant
         : kind_text == "circumferential" ? Kind::circumferential
         : kind_text == "helical"         ? Kind::helical
                                          : Kind::none;
  const std::string prefix = section + "/Fibres/";
  direction = unit(parse_vector(prm.get("Direction")), file, prefix + "Direction", prm.get("Direction"));
  axis = unit(parse_vector(prm.get("Axis")), file, prefix + "Axis", prm.get("Axis"));
  centre = dealii::Point<dim>(parse_vector(prm.get("Centre")));
  angle = prm.get_double("Angle") * M_PI / 180;
  prm.leave_subsection();
}

unsigned int FibreRule::n_families() const
{
  return rule == Kind::none ? 0 : rule == Kind::helical ? 2 : 1;
}

std::vector<Vector3> FibreRule::directions(const dealii::Point<dim> &position) const
{
  if (rule == Kind::none)
    return {};
  if (rule == Kind::constant)
    return {direction};

  // Circumferential direction: axis x radial vector; undefined on the axis itself, where the
  // axis-normal direction is taken arbitrarily but deterministically.
  Vector3 radial = position - centre;
  radial -= (radial * axis) * axis;
  Vector3 tangent = dealii::cross_product_3d(axis, radial);
  if (tangent.norm() < 1e-12)
    tangent = dealii::cross_product_3d(axis, std::abs(axis[0]) < 0.9 ? Vector3({1, 0, 0}) : Vector3({0, 1, 0}));
  tangent /= tangent.norm();
  if (rule == Kind::circumferential)
    return {tangent};
  return {std::cos(angle) * tangent + std::sin(angle) * axis, std::cos(angle) * tangent - std::sin(angle) * axis};
}

double largest_fibre_stretch(const SymTensor2 &C, const std::vector<Vector3> &fibres)
{
  double stretch = 0;
  for (const Vector3 &fibre : fibres)
    stretch = std::max(stretch, std::sqrt(fibre * (C * fibre)));
  return stretch;
}
} // namespace cspine
