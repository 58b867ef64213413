// Helpers for tests that run the solver in-process on a config given as text.
#pragma once

#include "app/simulation.h"
#include "mechanics/config.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

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

/// A `Regions` section: one region, `solid`, of coupled neo-Hookean material (E [MPa], nu).
inline std::string neo_hookean_solid(const double youngs_modulus, const double poissons_ratio)
{
  return "subsection Regions\n  subsection solid\n    set Material = neo_hookean_coupled\n"
         "    subsection neo_hookean_coupled\n      set Young's modulus = " +
         std::to_string(youngs_modulus) + "\n      set Poisson's ratio = " + std::to_string(poissons_ratio) +
         "\n    end\n  end\nend\n";
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
/// Runs the config `text` (its messages name it `name`) into the scratch folder `name`.
/// Expects two runs' displacements to agree to `relative` of the largest (owned entries), and the largest
/// to be over 1 mm (a real deformation was compared).
inline void expect_same_displacements(const Simulation &a, const Simulation &b, const double relative)
{
  double largest = 0, largest_difference = 0;
  for (const auto dof : a.displacement().locally_owned_elements())
  {
    largest = std::max(largest, std::abs(a.displacement()(dof)));
    largest_difference = std::max(largest_difference, std::abs(a.displacement()(dof) - b.displacement()(dof)));
  }
  EXPECT_GT(largest, 1.0);
  EXPECT_LT(largest_difference, relative * largest);
}

inline std::unique_ptr<Simulation> run_text(const std::string &text, const std::string &name)
{
  Config config = config_from_text(text, name);
  return run(config, name);
}

/// Every step converged in at most `most_updates` updates, and once |R| is below 1e-2 of the step's first,
/// the next |R| is of the order of its square (relative to the first), down to round-off `floor` [N].
inline void expect_quadratic_convergence(const Simulation &simulation, const std::size_t most_updates,
                                         const double floor)
{
  for (const StepRecord &step : simulation.steps())
  {
    const std::vector<double> &r = step.newton.residual_norms;
    ASSERT_GE(r.size(), 2u);
    EXPECT_LE(r.size(), most_updates) << "at t = " << step.time;
    for (std::size_t k = 1; k + 1 < r.size(); ++k)
      if (r[k] < 1e-2 * r[0])
      {
        EXPECT_LT(r[k + 1], 10 * r[k] * r[k] / r[0] + floor) << "update " << k + 1 << " at t = " << step.time;
      }
  }
}

/// Newton/Check tangent's errors of the updates that started from |R| >= 1e-4 of the |R| after the
/// step's first update: below that the central difference's round-off (about 1e-10 N / h) dominates.
/// Error k belongs to update k + 2, which started from residual_norms[k]; that holds where one solve made
/// the step and every update but its first was checked (no modified updates), which it expects.
inline std::vector<double> judged_tangent_errors(const NewtonResult &newton)
{
  EXPECT_EQ(newton.tangent_errors.size() + 1, newton.residual_norms.size())
      << "the tangent errors do not line up with the updates";
  if (newton.tangent_errors.size() + 1 != newton.residual_norms.size())
    return {};
  std::vector<double> judged;
  for (std::size_t k = 0; k < newton.tangent_errors.size(); ++k)
    if (newton.residual_norms[k] >= 1e-4 * newton.residual_norms[0])
      judged.push_back(newton.tangent_errors[k]);
  return judged;
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

/// Runs `text` on all ranks and, on every rank, alone; their history.csv rows must agree. Returns the run
/// on all ranks; the lone run's step records go to `serial_steps` when given.
inline std::unique_ptr<Simulation> expect_one_and_two_ranks_agree(const std::string &text, const std::string &name,
                                                                  std::vector<StepRecord> *serial_steps = nullptr)
{
  EXPECT_GE(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD), 2u) << "run this suite with mpirun -np 2";
  Config parallel = config_from_text(text, name);
  auto on_all = run(parallel, name + "_all");

  // Every rank solves the whole problem alone; rank 0's run is compared.
  Config serial = config_from_text(text, name);
  const std::string folder = scratch_directory(name + "_self") + "_" +
                             std::to_string(dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD));
  serial.output.directory = folder;
  serial.output.overwrite = true; // a folder per rank that scratch_directory does not clear
  Simulation alone(serial, MPI_COMM_SELF);
  alone.run(nullptr);
  if (serial_steps)
    *serial_steps = alone.steps();

  const auto &a = on_all->history().rows(), &b = alone.history().rows();
  EXPECT_EQ(a.size(), b.size());
  double scale = 0;
  for (const auto &row : b)
    for (const double value : row)
      scale = std::max(scale, std::abs(value));
  for (unsigned int r = 0; r < std::min(a.size(), b.size()); ++r)
    for (unsigned int c = 0; c < a[r].size(); ++c)
      // Both runs stop at |R| <= 1e-10 x the force scale with 1e-12 Krylov solves: agreement to 1e-7
      // of the largest value is solver tolerance with margin, far below any partitioning bug.
      EXPECT_NEAR(a[r][c], b[r][c], 1e-7 * scale) << on_all->history().columns()[c] << " at row " << r;
  return on_all;
}
} // namespace cspine::testing
