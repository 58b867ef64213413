#include "anatomy_table.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cspine::meshing
{
AnatomyTable::AnatomyTable(const std::string &csv_file) : file(csv_file)
{
  std::ifstream in(csv_file);
  if (!in)
    throw std::runtime_error(csv_file + ": cannot open the anatomy table");
  std::string line;
  unsigned int number = 0;
  bool header_seen = false;
  while (std::getline(in, line))
  {
    ++number;
    if (line.empty() || line[0] == '#')
      continue;
    if (!header_seen)
    {
      header_seen = true; // level,quantity,value,unit,source
      continue;
    }
    std::stringstream row(line);
    std::string level, quantity, value;
    std::getline(row, level, ',');
    std::getline(row, quantity, ',');
    std::getline(row, value, ',');
    try
    {
      values[{level, quantity}] = std::stod(value);
    }
    catch (const std::exception &)
    {
      throw std::runtime_error(file + ":" + std::to_string(number) + ": value '" + value + "' is not a number");
    }
  }
}

double AnatomyTable::get(const std::string &level, const std::string &quantity) const
{
  for (const std::string &key : {level, std::string("all")})
  {
    const auto found = values.find({key, quantity});
    if (found != values.end())
      return found->second;
  }
  throw std::runtime_error(file + ": no row for level " + level + " and quantity " + quantity);
}
} // namespace cspine::meshing
