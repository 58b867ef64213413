// What a run will need in memory, estimated before its first step, against what the node has: so that
// a config asking for more than the machine holds is refused at once (and by --validate) instead of
// failing hours later, or taking the node down with it.
#pragma once

#include <mpi.h>

#include <string>

namespace cspine
{
struct MemoryEstimate
{
  /// [MB] In use now (mesh, DoFs, the matrix, the terms), on the largest rank.
  double resident = 0;
  /// [MB] What the linear solver adds (LinearSolver::memory_megabytes), on the largest rank.
  double linear_solver = 0;
  /// [MB] What the run keeps per step (history rows, step records), over all its steps.
  double steps = 0;
  /// Ranks that share this node's memory (the most on any node).
  unsigned int ranks_per_node = 1;
  /// [MB] The memory the node can still give (MemAvailable, the least on any node; 0 if unknown).
  double available = 0;

  double per_rank() const { return resident + linear_solver + steps; }
  double per_node() const { return ranks_per_node * per_rank(); }
  /// One line for the run's header: "about X MB per rank (...); Y MB available ...".
  std::string describe() const;
};

/// Fills ranks_per_node and available for `comm`. Collective.
void measure_node(MPI_Comm comm, MemoryEstimate &estimate);

/// Throws InputError naming `file` when the node would need more than it has available.
void check_memory_fits(const MemoryEstimate &estimate, const std::string &file);
} // namespace cspine
