// The run's output folder, made ready before anything is written. Existing results are never replaced
// silently, and every rank learns of a failure (a folder rank 0 cannot create or write must not leave
// the others waiting at the next collective call).
#pragma once

#include <mpi.h>

#include <string>

namespace cspine
{
/// Creates `directory` on rank 0 and checks that it can write there. A folder that already holds files is
/// refused (InputError) unless `overwrite`, which empties it first. Collective: every rank throws the
/// same InputError.
void prepare_output_directory(const std::string &directory, bool overwrite, MPI_Comm comm);
} // namespace cspine
