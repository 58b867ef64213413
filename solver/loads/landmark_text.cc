#include "loads/landmark_text.h"

#include "core/input_error.h"
#include "core/vector_text.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
dealii::Point<dim> parse_point(const std::string &text, const Landmarks &landmarks, const std::string &file,
                               const std::string &entry)
{
  const auto found = landmarks.find(dealii::Utilities::trim(text));
  if (found != landmarks.end())
    return found->second;
  const auto coordinates = three_numbers(text);
  if (!coordinates)
  {
    std::string names;
    for (const auto &[name, point] : landmarks)
      names += (names.empty() ? "" : ", ") + name;
    throw InputError(file, entry, text,
                     "'x, y, z' [mm] or a landmark of the mesh" +
                         (names.empty() ? std::string(" (it has none)") : ": " + names));
  }
  return dealii::Point<dim>(*coordinates);
}

Vector3 parse_direction(const std::string &text, const Landmarks &landmarks, const std::string &file,
                        const std::string &entry)
{
  const auto arrow = text.find("->");
  if (arrow == std::string::npos)
    return parse_unit_vector(text, file, entry);
  const Vector3 along = parse_point(text.substr(arrow + 2), landmarks, file, entry) -
                        parse_point(text.substr(0, arrow), landmarks, file, entry);
  if (along.norm() == 0)
    throw InputError(file, entry, text, "two different points");
  return along / along.norm();
}
} // namespace cspine
