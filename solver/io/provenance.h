// What produced a run folder: provenance.txt holds one block per session (the run, then each --resume),
// each written by rank 0 when the session starts (status: running) and again when it ends, so that a
// folder always tells which build, inputs (by SHA-256), command line, ranks and host made it, when, and
// how it ended. Lines are "key: value", so that scripts (a study's aggregation) can read them.
#pragma once

#include <mpi.h>

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
struct ProvenanceSession
{
  /// `git describe` of the build (core/version.h).
  std::string version;
  std::string command_line;
  unsigned int ranks = 1;
  std::string host;
  /// What the run read, as (what, path): each is fingerprinted by SHA-256 when the session starts.
  std::vector<std::pair<std::string, std::string>> inputs;
  /// The models in use with their sources, one line each ("region head: neo_hookean_coupled (...)").
  std::vector<std::string> models;
};

class ProvenanceFile
{
public:
  /// Writes `directory`/provenance.txt with this session running: after the earlier sessions' blocks when
  /// `resuming`, else alone. Collective (rank 0 writes; an OutputError reaches every rank).
  ProvenanceFile(const std::string &directory, bool resuming, const ProvenanceSession &session, MPI_Comm comm);

  /// Rewrites the file with this session's end time and `status` ("finished", "solver stopped: ...").
  /// Collective.
  void finish(const std::string &status);

private:
  /// This session's block up to its end (rank 0).
  void compose(bool resuming, const ProvenanceSession &session);

  std::string path;
  MPI_Comm comm;
  /// The blocks of the sessions before this one, and this one's lines up to its status.
  std::string earlier, block;
};

/// The current UTC time, ISO 8601 (2026-12-02T01:24:56Z).
std::string utc_now();
/// This machine's name.
std::string host_name();
} // namespace cspine
