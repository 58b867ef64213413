// The one way a PETSc error code becomes an exception here (it names the call that failed), and the one way
// an exception becomes an error code again where PETSc calls back into C++ (shell operators and
// preconditioners): a C++ exception must not cross PETSc's C.
#pragma once

#include <petscsys.h>

#include <exception>
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

/// Runs `body` inside a PETSc callback: 0, or PETSC_ERR_LIB if it threw.
template <typename Body> PetscErrorCode petsc_callback(const Body &body) noexcept
{
  try
  {
    body();
  }
  catch (const std::exception &)
  {
    return PETSC_ERR_LIB;
  }
  return 0;
}
} // namespace cspine
