// PETSc reads its options (-ksp_monitor, -pc_gamg_threshold 0.02) from cspine's whole command line, so
// its options database also holds cspine's own --output DIR and the like. A PETSc option is read only when
// the object it configures is set up, so a misspelt one (-ksp_monitr) or one for a solver the config does
// not use would pass without a word; these helpers let main() say so.
#pragma once

#include <string>
#include <vector>

namespace cspine
{
/// Removes cspine's own arguments (e.g. "--output") from PETSc's options database, where PETSc put them
/// too, so that they are never reported as PETSc options.
void forget_in_petsc_options(const std::vector<std::string> &cspine_arguments);

/// The options in PETSc's database as one line ("-a 1 -b"); empty when there are none.
std::string petsc_options_given();

/// The options in PETSc's database that no PETSc object has read so far, each as "-name" or "-name value";
/// not -options_left and -options_view, which PetscFinalize reads.
std::vector<std::string> petsc_options_never_read();
} // namespace cspine
