#include "core/vector_text.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
std::optional<Vector3> three_numbers(const std::string &text)
{
  const auto parts = dealii::Utilities::split_string_list(text);
  if (parts.size() != dim)
    return std::nullopt;
  Vector3 v;
  try
  {
    for (unsigned int d = 0; d < dim; ++d)
      v[d] = dealii::Utilities::string_to_double(parts[d]);
  }
  catch (const std::exception &)
  {
    return std::nullopt;
  }
  return v;
}

Vector3 parse_unit_vector(const std::string &text, const std::string &file, const std::string &entry)
{
  const auto v = three_numbers(text);
  if (!v)
    throw InputError(file, entry, text, "three numbers 'x, y, z'");
  if (v->norm() == 0)
    throw InputError(file, entry, text, "a non-zero vector");
  return *v / v->norm();
}
} // namespace cspine
