#include "mesh/model_files.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <filesystem>
#include <fstream>
#include <regex>

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

double number_at(const std::vector<std::string> &columns, const std::size_t column, const std::string &file,
                 const std::string &what)
{
  try
  {
    return dealii::Utilities::string_to_double(columns[column]);
  }
  catch (const std::exception &)
  {
    throw InputError(file + ": row '" + columns[0] + "': " + what + " must be a number");
  }
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
    ligament.type = std::regex_replace(ligament.name, std::regex("(_c[0-7])?_(c[0-7]|t1|left|right)$"), "");
    ligament.a = {columns[1], point_at(columns, 2, file)};
    ligament.b = {columns[5], point_at(columns, 6, file)};
    ligament.radius = number_at(columns, 9, file, "the radius [mm]");
    ligaments.push_back(ligament);
  }
  return ligaments;
}

std::vector<LigamentGeometry> read_capsules(const std::string &file)
{
  std::vector<LigamentGeometry> fibres;
  for (const auto &columns :
       read_rows(file, 13, "rows 'capsule,type,fibre,bone_a,x_a,y_a,z_a,bone_b,x_b,y_b,z_b,area,radius'"))
  {
    LigamentGeometry fibre;
    fibre.bundle = columns[0];
    fibre.type = columns[1];
    fibre.name = columns[0] + "/" + columns[2];
    fibre.a = {columns[3], point_at(columns, 4, file)};
    fibre.b = {columns[7], point_at(columns, 8, file)};
    fibre.area = number_at(columns, 11, file, "the fibre's cross-section [mm^2]");
    fibre.radius = number_at(columns, 12, file, "the patch radius [mm]");
    if (fibre.area <= 0 || fibre.radius <= 0)
      throw InputError(file + ": row '" + fibre.name + "': the area and the radius must be positive");
    fibres.push_back(fibre);
  }
  return fibres;
}
} // namespace cspine
