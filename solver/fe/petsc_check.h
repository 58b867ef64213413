// The one way a PETSc error code becomes an exception here: it names the call that failed.
#pragma once

#include <petscsys.h>

#include <stdexcept>
#include <string>

namespace cspine
{
/// A PETSc call returned an error code; PETSc has printed its own reason on stderr already.
class PetscCallFailed : public std::runtime_error
{
public:
  explicit PetscCallFailed(const char *call) : std::runtime_error(std::string("PETSc call failed: ") + call) {}
};

/// Throws PetscCallFailed naming `call` when a PETSc call returned an error code.
inline void check_petsc(const PetscErrorCode code, const char *call)
{
  if (code != 0)
    throw PetscCallFailed(call);
}
} // namespace cspine
