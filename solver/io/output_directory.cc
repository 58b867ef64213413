#include "io/output_directory.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <fstream>

namespace cspine
{
namespace
{
/// What is wrong with `directory` as an output folder ("" if nothing). Run on rank 0 only.
std::string problem_with(const std::string &directory, const bool overwrite)
{
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_directory(directory, error))
    return "the output folder '" + directory + "' exists and is not a folder; choose another with --output";
  if (fs::is_directory(directory, error) && !fs::is_empty(directory, error))
  {
    if (!overwrite)
      return "the output folder '" + directory +
             "' already holds files (an earlier run's?); choose another with --output, remove it, or pass "
             "--overwrite to replace its contents";
    for (const fs::directory_entry &entry : fs::directory_iterator(directory, error))
      fs::remove_all(entry.path(), error);
    if (error)
      return "cannot empty the output folder '" + directory + "': " + error.message();
  }
  fs::create_directories(directory, error);
  if (error)
    return "cannot create the output folder '" + directory + "': " + error.message();
  const std::string probe = directory + "/.cspine_write_test";
  const bool writable = static_cast<bool>(std::ofstream(probe) << "x");
  fs::remove(probe, error);
  if (!writable)
    return "cannot write in the output folder '" + directory + "'";
  return "";
}
} // namespace

void prepare_output_directory(const std::string &directory, const bool overwrite, const MPI_Comm comm)
{
  std::string problem;
  if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    problem = problem_with(directory, overwrite);
  problem = dealii::Utilities::MPI::broadcast(comm, problem, 0);
  if (!problem.empty())
    throw InputError(problem);
}
} // namespace cspine
