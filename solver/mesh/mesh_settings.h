// The Mesh section of a config: a generated verification mesh (block or Cook's membrane, hexahedra or
// tetrahedra) or a gmsh .msh file with linear tetrahedra.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <string>

namespace cspine
{
struct MeshSettings
{
  enum class Source
  {
    generated,
    gmsh
  };
  enum class Shape
  {
    block,
    cook_membrane
  };

  Source source = Source::generated;
  /// Absolute path of the .msh file (relative entries resolve against the config file's folder).
  std::string file;
  Shape shape = Shape::block;
  bool tetrahedra = false;
  /// Polynomial degree of the displacement field: 1 (linear) or 2 (quadratic).
  unsigned int element_degree = 2;
  std::array<double, 3> dimensions{{10, 10, 10}};
  std::array<unsigned int, 3> subdivisions{{1, 1, 1}};
  double vertex_perturbation = 0;

  static void declare_parameters(dealii::ParameterHandler &prm);
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &config_file);
};
} // namespace cspine
