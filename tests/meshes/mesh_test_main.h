// The common frame of the mesh test programs: a fixture that opens the mesh given on the command line
// in gmsh once per suite and reads the anatomy table, and the main() that takes both file names.
// Usage of such a program: PROGRAM MESH.msh TABLE.csv
#pragma once

#include "anatomy_table.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <iostream>
#include <string>

namespace cspine::meshing::testing
{
inline std::string mesh_file, table_file;

class GeneratedMesh : public ::testing::Test
{
protected:
  static void SetUpTestSuite()
  {
    gmsh::initialize();
    gmsh::option::setNumber("General.Terminal", 0);
    gmsh::open(mesh_file);
  }
  static void TearDownTestSuite() { gmsh::finalize(); }

  AnatomyTable table{table_file};
  /// The model's global scale (table row "all, scale"): every length of the model is multiplied by it.
  double scale = table.get("all", "scale");

  /// [mm] A length from the table, as the model has it (times the scale).
  double length(const std::string &level, const std::string &quantity) const
  {
    return scale * table.get(level, quantity);
  }
};

inline int run_mesh_tests(int argc, char **argv)
{
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 3)
  {
    std::cerr << "usage: " << argv[0] << " MESH.msh TABLE.csv" << std::endl;
    return 1;
  }
  mesh_file = argv[1];
  table_file = argv[2];
  return RUN_ALL_TESTS();
}
} // namespace cspine::meshing::testing
