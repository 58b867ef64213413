#include "mechanics/mumps_controls.h"
#include "core/types.h"
#include "fe/petsc_check.h"

namespace cspine
{
PetscInt mumps_ordering(const PetscInt rows)
{
  constexpr PetscInt approximate_minimum_fill = 2, mumps_chooses = 7;
  return rows < minimum_fill_ordering_below_rows ? approximate_minimum_fill : mumps_chooses;
}

void set_mumps_controls(Mat factor, const bool node_triples)
{
  PetscInt rows = 0;
  check_petsc(MatGetSize(factor, &rows, nullptr), "MatGetSize");
  check_petsc(MatMumpsSetIcntl(factor, 14, mumps_workspace_margin), "MatMumpsSetIcntl");
  check_petsc(MatMumpsSetIcntl(factor, 7, mumps_ordering(rows)), "MatMumpsSetIcntl");
  if (node_triples)
    check_petsc(MatMumpsSetIcntl(factor, 15, -static_cast<PetscInt>(dim)), "MatMumpsSetIcntl");
}
} // namespace cspine
