// Read access to a PETSc vector's locally owned entries without a PETSc call per entry.
#pragma once

#include "fe/petsc_check.h"

#include "fe/assembly_term.h"

#include <petscvec.h>

#include <stdexcept>
#include <string>

namespace cspine
{
/// A vector's locally owned entries, by global index or by local position, held for the object's life.
class LocalEntries
{
public:
  explicit LocalEntries(const Vector &v) : vec(static_cast<const Vec &>(v)), range(v.local_range())
  {
    check_petsc(VecGetArrayRead(vec, &data), "VecGetArrayRead");
  }
  ~LocalEntries() { VecRestoreArrayRead(vec, &data); }
  LocalEntries(const LocalEntries &) = delete;
  LocalEntries &operator=(const LocalEntries &) = delete;

  double operator[](const dealii::types::global_dof_index dof) const
  {
    if (dof < range.first || dof >= range.second)
      throw std::logic_error("DoF " + std::to_string(dof) + " is not owned by this rank");
    return data[dof - range.first];
  }
  std::size_t size() const { return range.second - range.first; }
  double local(const std::size_t i) const { return data[i]; }

private:
  Vec vec;
  std::pair<dealii::types::global_dof_index, dealii::types::global_dof_index> range;
  const PetscScalar *data = nullptr;
};
} // namespace cspine
