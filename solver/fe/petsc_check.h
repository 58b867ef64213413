// The one way a PETSc error code becomes an exception here: it names the call that failed.
#pragma once

#include <petscsys.h>

#include <stdexcept>
#include <string>

namespace cspine
{
/// Throws std::runtime_error naming `call` when a PETSc call returned an error code.
inline void check_petsc(const PetscErrorCode code, const char *call)
{
  if (code != 0)
    throw std::runtime_error(std::string("PETSc call failed: ") + call);
}
} // namespace cspine
