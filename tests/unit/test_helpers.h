// Helpers for tests that run the solver in-process on a config given as text.
#pragma once

#include "app/simulation.h"
#include "mechanics/config.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace cspine::testing
{
/// A scratch folder under the build tree, emptied first.
inline std::string scratch_directory(const std::string &name)
{
  const std::string path = std::string(CSPINE_TEST_OUTPUT_DIR) + "/" + name;
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    std::filesystem::remove_all(path);
  MPI_Barrier(MPI_COMM_WORLD);
  return path;
}

/// Parses `text` as if it were the file CSPINE_SOURCE_DIR/tests/<name>.prm.
inline Config config_from_text(const std::string &text, const std::string &name)
{
  return parse_config(text, std::string(CSPINE_SOURCE_DIR) + "/tests/" + name + ".prm");
}

/// The index of history.csv's column `name` (with its unit, e.g. "time [s]"); throws if there is none.
inline std::size_t column(const History &history, const std::string &name)
{
  const auto &columns = history.columns();
  const auto found = std::find(columns.begin(), columns.end(), name);
  if (found == columns.end())
    throw std::runtime_error("history.csv has no column '" + name + "'");
  return static_cast<std::size_t>(found - columns.begin());
}

/// Runs a config (its output goes to a scratch folder named after `name`) and returns the simulation.
inline std::unique_ptr<Simulation> run(Config &config, const std::string &name, MPI_Comm comm = MPI_COMM_WORLD)
{
  config.output.directory = scratch_directory(name);
  auto simulation = std::make_unique<Simulation>(config, comm);
  simulation->run(nullptr);
  return simulation;
}
/// Meshes tests/load_case/<name>.geo with gmsh (Delaunay: the same mesh every time) into the scratch folder
/// (rank 0); `options` go to gmsh (e.g. "-clmax 0.5"). Returns the .msh file.
inline std::string mesh_from_geo(const std::string &name, const std::string &options = "",
                                 const std::string &output_name = "")
{
  const std::string folder = std::string(CSPINE_TEST_OUTPUT_DIR) + "/meshes";
  const std::string msh = folder + "/" + (output_name.empty() ? name : output_name) + ".msh";
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
  {
    std::filesystem::create_directories(folder);
    const std::string command = "gmsh -3 -format msh2 -v 0 " + options + " " + std::string(CSPINE_SOURCE_DIR) +
                                "/tests/load_case/" + name + ".geo -o " + msh + " > /dev/null";
    if (std::system(command.c_str()) != 0)
      throw std::runtime_error("failed: " + command);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  return msh;
}
} // namespace cspine::testing
