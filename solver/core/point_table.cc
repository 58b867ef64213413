#include "core/point_table.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
std::vector<std::pair<double, double>> parse_point_table(const std::string &text, const std::string &file,
                                                         const std::string &entry, const std::string &allowed)
{
  std::vector<std::pair<double, double>> points;
  for (const std::string &pair : dealii::Utilities::split_string_list(text, ','))
  {
    const auto colon = pair.find(':');
    if (colon == std::string::npos)
      throw InputError(file, entry, text, allowed);
    try
    {
      points.emplace_back(dealii::Utilities::string_to_double(dealii::Utilities::trim(pair.substr(0, colon))),
                          dealii::Utilities::string_to_double(dealii::Utilities::trim(pair.substr(colon + 1))));
    }
    catch (const std::exception &)
    {
      throw InputError(file, entry, text, allowed);
    }
  }
  return points;
}
} // namespace cspine
