#include "mesh/gmsh_names.h"

#include "core/input_error.h"

#include <fstream>
#include <sstream>

namespace cspine
{
PhysicalNames read_physical_names(const std::string &msh_file)
{
  std::ifstream in(msh_file);
  if (!in)
    throw InputError(msh_file + ": cannot open the file for reading");

  PhysicalNames names;
  std::string line;
  while (std::getline(in, line))
  {
    if (line.rfind("$PhysicalNames", 0) != 0)
      continue;
    unsigned int count = 0;
    in >> count;
    for (unsigned int i = 0; i < count; ++i)
    {
      unsigned int group_dim = 0, tag = 0;
      in >> group_dim >> tag;
      std::getline(in, line);
      const auto first = line.find('"'), last = line.rfind('"');
      const std::string name = (first != std::string::npos && last > first)
                                   ? line.substr(first + 1, last - first - 1)
                                   : std::to_string(group_dim) + "d_" + std::to_string(tag);
      if (group_dim == 3)
        names.volumes[tag] = name;
      else if (group_dim == 2)
        names.surfaces[tag] = name;
    }
    if (!in)
      throw InputError(msh_file + ": the $PhysicalNames section is malformed");
    break;
  }
  return names;
}
} // namespace cspine
