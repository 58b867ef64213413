// Helpers for tests that run the solver in-process on a config given as text.
#pragma once

#include "mechanics/config.h"
#include "mechanics/simulation.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <memory>
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

/// Runs a config (its output goes to a scratch folder named after `name`) and returns the simulation.
inline std::unique_ptr<Simulation> run(Config &config, const std::string &name, MPI_Comm comm = MPI_COMM_WORLD)
{
  config.output.directory = scratch_directory(name);
  auto simulation = std::make_unique<Simulation>(config, comm);
  simulation->run(nullptr);
  return simulation;
}
} // namespace cspine::testing
