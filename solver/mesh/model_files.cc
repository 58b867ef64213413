#include "mesh/model_files.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <filesystem>
#include <fstream>

namespace cspine
{
namespace
{
/// The data rows of a CSV file with '#' comments and one header line, split at commas.
std::vector<std::vector<std::string>> read_rows(const std::string &file, const std::size_t min_columns,
                                                const std::string &format)
{
  std::ifstream in(file);
  if (!in)
    throw InputError(file + ": cannot open (" + format + ")");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  unsigned int number = 0;
  while (std::getline(in, line))
  {
    ++number;
    if (line.empty() || line[0] == '#')
      continue;
    if (header)
    {
      header = false;
      continue;
    }
    auto columns = dealii::Utilities::split_string_list(line, ',');
    if (columns.size() < min_columns)
      throw InputError(file + ": line " + std::to_string(number) + ": expected " + format);
    rows.push_back(columns);
  }
  return rows;
}

dealii::Point<dim> point_at(const std::vector<std::string> &columns, const std::size_t first, const std::string &file)
{
  dealii::Point<dim> p;
  try
  {
    for (unsigned int d = 0; d < dim; ++d)
      p[d] = dealii::Utilities::string_to_double(columns[first + d]);
  }
  catch (const std::exception &)
  {
    throw InputError(file + ": row '" + columns[0] + "': coordinates must be numbers [mm]");
  }
  return p;
}
} // namespace

std::string companion_file(const std::string &msh_file, const std::string &extension)
{
  return std::filesystem::path(msh_file).replace_extension(extension).string();
}

std::map<std::string, dealii::Point<dim>> read_landmarks(const std::string &file)
{
  std::map<std::string, dealii::Point<dim>> landmarks;
  for (const auto &columns : read_rows(file, 4, "rows 'name,x,y,z' [mm]"))
    landmarks[columns[0]] = point_at(columns, 1, file);
  return landmarks;
}

std::vector<LigamentGeometry> read_ligaments(const std::string &file)
{
  std::vector<LigamentGeometry> ligaments;
  for (const auto &columns : read_rows(file, 10, "rows 'name,bone_a,x_a,y_a,z_a,bone_b,x_b,y_b,z_b,radius'"))
  {
    LigamentGeometry ligament;
    ligament.name = columns[0];
    ligament.a = {columns[1], point_at(columns, 2, file)};
    ligament.b = {columns[5], point_at(columns, 6, file)};
    try
    {
      ligament.radius = dealii::Utilities::string_to_double(columns[9]);
    }
    catch (const std::exception &)
    {
      throw InputError(file + ": row '" + columns[0] + "': the radius must be a number [mm]");
    }
    ligaments.push_back(ligament);
  }
  return ligaments;
}
} // namespace cspine
