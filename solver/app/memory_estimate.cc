#include "app/memory_estimate.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace cspine
{
namespace
{
/// [MB] MemAvailable from /proc/meminfo (Linux); 0 where it cannot be read.
double available_on_this_node()
{
  std::ifstream meminfo("/proc/meminfo");
  std::string name;
  double kilobytes = 0;
  std::string unit;
  while (meminfo >> name >> kilobytes >> unit)
    if (name == "MemAvailable:")
      return kilobytes / 1024;
  return 0;
}
} // namespace

std::string MemoryEstimate::describe() const
{
  char line[256];
  std::snprintf(line, sizeof line,
                "about %.0f MB per rank (%.0f in use, %.0f for the linear solver, %.0f for the steps' records), "
                "%u rank(s) per node",
                per_rank(), resident, linear_solver, steps, ranks_per_node);
  std::string text = line;
  if (available > 0)
  {
    std::snprintf(line, sizeof line, "; %.0f MB available on the node", available);
    text += line;
  }
  return text;
}

void measure_node(const MPI_Comm comm, MemoryEstimate &estimate)
{
  MPI_Comm node;
  MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int ranks = 1;
  MPI_Comm_size(node, &ranks);
  MPI_Comm_free(&node);
  estimate.ranks_per_node = dealii::Utilities::MPI::max(static_cast<unsigned int>(ranks), comm);
  estimate.available = dealii::Utilities::MPI::min(available_on_this_node(), comm);
}

void check_memory_fits(const MemoryEstimate &estimate, const std::string &file)
{
  if (estimate.available <= 0 || estimate.per_node() <= estimate.available)
    return;
  std::ostringstream message;
  message << file << ": this run would need " << estimate.describe()
          << ". Reduce the number of steps, use an iterative solver (Linear solver/Method = cg), or spread the "
             "ranks over more nodes";
  throw InputError(message.str());
}
} // namespace cspine
