// Writing result files so that a crash, a kill or a full disk cannot leave a half-written index: whole
// files go to a temporary name and are renamed over the old one; appended rows are checked.
#pragma once

#include <mpi.h>

#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

namespace cspine
{
/// A result file could not be written (full disk, removed folder); the message names the file and the
/// system's reason.
class OutputError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// Replaces `path` by `content` atomically: written to "<path>.tmp", flushed to disk, then renamed.
/// Throws OutputError (and leaves the old file as it was) if any of it fails.
void write_file_atomically(const std::string &path, const std::string &content);

/// Throws OutputError naming `path` if `stream` has failed (call after a flush).
void check_written(const std::ofstream &stream, const std::string &path);

/// Runs `write`, a writer of another library that throws when its stream fails (deal.II's VTU output),
/// and turns that failure into an OutputError naming `what` and the system's reason (a full disk).
void write_checked(const std::string &what, const std::function<void()> &write);

/// Cuts `path` back to `size` bytes (the rows a checkpoint knew of); throws OutputError on failure.
void truncate_file(const std::string &path, unsigned long long size);

/// Runs `write` on rank 0 only; if it throws OutputError there, every rank throws it, so that no rank
/// waits in a collective call for one that has stopped. Collective.
void write_on_root(MPI_Comm comm, const std::function<void()> &write);

/// Size of `path` in bytes; 0 if it does not exist.
unsigned long long file_size(const std::string &path);
} // namespace cspine
