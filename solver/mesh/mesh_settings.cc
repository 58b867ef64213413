#include "mesh/mesh_settings.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <filesystem>

namespace cspine
{
void MeshSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Mesh");
  prm.declare_entry("Source", "generated", dealii::Patterns::Selection("generated|gmsh"),
                    "Where the mesh comes from: a generated verification mesh, or a gmsh .msh file.");
  prm.declare_entry("File", "", dealii::Patterns::Anything(),
                    "gmsh .msh file (ASCII, linear tetrahedra; physical volumes become regions, physical "
                    "surfaces boundaries). A relative path is taken from the config file's folder.");
  prm.declare_entry("Shape", "block", dealii::Patterns::Selection("block|cook membrane"),
                    "Generated shape: an axis-aligned block [0,X]x[0,Y]x[0,Z], or Cook's membrane (the "
                    "48 x 44/16 mm tapered panel of Cook 1974, extruded by Z).");
  prm.declare_entry("Cell type", "hexahedra", dealii::Patterns::Selection("hexahedra|tetrahedra"),
                    "Generated cells: quadratic hexahedra, or quadratic tetrahedra (each hexahedron split).");
  prm.declare_entry("Element degree", "2", dealii::Patterns::Integer(1, 2),
                    "[-] Polynomial degree of the displacement: 2 (quadratic, accurate for nearly "
                    "incompressible tissue) or 1 (linear: about 8x fewer DoFs on tetrahedra, stiffer, for "
                    "whole-spine load-case studies).");
  prm.declare_entry("Dimensions", "10, 10, 10", dealii::Patterns::List(dealii::Patterns::Double(1e-9), 3, 3),
                    "[mm] Block edge lengths X, Y, Z (Cook's membrane uses Z as its thickness).");
  prm.declare_entry("Subdivisions", "1, 1, 1", dealii::Patterns::List(dealii::Patterns::Integer(1, 1000), 3, 3),
                    "[-] Cells along x, y, z.");
  prm.declare_entry("Vertex perturbation", "0", dealii::Patterns::Double(0, 0.3),
                    "[-] Random shift of interior vertices as a fraction of the smallest cell edge (fixed "
                    "seed), to make distorted meshes for patch tests.");
  prm.leave_subsection();
}

void MeshSettings::parse_parameters(dealii::ParameterHandler &prm, const std::string &config_file)
{
  prm.enter_subsection("Mesh");
  source = prm.get("Source") == "gmsh" ? Source::gmsh : Source::generated;
  shape = prm.get("Shape") == "block" ? Shape::block : Shape::cook_membrane;
  tetrahedra = prm.get("Cell type") == "tetrahedra";
  element_degree = static_cast<unsigned int>(prm.get_integer("Element degree"));
  const auto lengths = dealii::Utilities::string_to_double(dealii::Utilities::split_string_list(prm.get("Dimensions")));
  const auto counts = dealii::Utilities::string_to_int(dealii::Utilities::split_string_list(prm.get("Subdivisions")));
  for (unsigned int d = 0; d < 3; ++d)
  {
    dimensions[d] = lengths[d];
    subdivisions[d] = static_cast<unsigned int>(counts[d]);
  }
  vertex_perturbation = prm.get_double("Vertex perturbation");

  const std::string file_entry = prm.get("File");
  prm.leave_subsection();

  if (source == Source::gmsh)
  {
    if (file_entry.empty())
      throw InputError(config_file, "Mesh/File", file_entry, "a .msh file is required when Mesh/Source = gmsh");
    std::filesystem::path path(file_entry);
    if (path.is_relative())
      path = std::filesystem::absolute(config_file).parent_path() / path;
    if (!std::filesystem::is_regular_file(path))
      throw InputError(config_file, "Mesh/File", file_entry,
                       "no such file (looked for " + path.string() + "); give an existing gmsh .msh file");
    file = path.lexically_normal().string();
  }
}
} // namespace cspine
