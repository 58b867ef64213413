#include "loads/region_lookup.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <regex>

namespace cspine
{
using dealii::Utilities::split_string_list;

unsigned int region_id(const std::string &name, const MeshNames &names, const std::string &file,
                       const std::string &entry)
{
  std::string list;
  for (const auto &[id, region] : names.regions)
  {
    if (region == name)
      return id;
    list += (list.empty() ? "" : ", ") + region;
  }
  throw InputError(file, entry, name, "a region of the mesh: " + list);
}

std::vector<unsigned int> matching_regions(const std::string &patterns, const MeshNames &names)
{
  std::vector<unsigned int> ids;
  for (const std::string &pattern : split_string_list(patterns))
  {
    const std::regex glob(
        std::regex_replace(std::regex_replace(pattern, std::regex("\\*"), ".*"), std::regex("\\?"), "."));
    for (const auto &[id, name] : names.regions)
      if (std::regex_match(name, glob) && std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
  }
  return ids;
}
} // namespace cspine
