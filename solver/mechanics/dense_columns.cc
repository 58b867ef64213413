#include "mechanics/dense_columns.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace cspine
{
namespace
{
void check(const PetscErrorCode code, const char *call)
{
  if (code != 0)
    throw std::runtime_error(std::string("PETSc call failed: ") + call);
}
} // namespace

Mat dense_from_columns(const std::vector<Vec> &columns)
{
  PetscInt rows = 0;
  check(VecGetLocalSize(columns.front(), &rows), "VecGetLocalSize");
  MPI_Comm comm;
  check(PetscObjectGetComm(reinterpret_cast<PetscObject>(columns.front()), &comm), "PetscObjectGetComm");
  Mat dense;
  check(
      MatCreateDense(comm, rows, PETSC_DECIDE, PETSC_DETERMINE, static_cast<PetscInt>(columns.size()), nullptr, &dense),
      "MatCreateDense");
  PetscScalar *block = nullptr;
  PetscInt lda = 0;
  check(MatDenseGetLDA(dense, &lda), "MatDenseGetLDA");
  check(MatDenseGetArrayWrite(dense, &block), "MatDenseGetArrayWrite");
  for (std::size_t j = 0; j < columns.size(); ++j)
  {
    const PetscScalar *entries = nullptr;
    check(VecGetArrayRead(columns[j], &entries), "VecGetArrayRead");
    std::copy(entries, entries + rows, block + j * lda);
    check(VecRestoreArrayRead(columns[j], &entries), "VecRestoreArrayRead");
  }
  check(MatDenseRestoreArrayWrite(dense, &block), "MatDenseRestoreArrayWrite");
  check(MatAssemblyBegin(dense, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(dense, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  return dense;
}

void copy_dense_columns(Mat dense, const std::vector<Vec> &columns)
{
  PetscInt rows = 0, lda = 0;
  check(MatGetLocalSize(dense, &rows, nullptr), "MatGetLocalSize");
  check(MatDenseGetLDA(dense, &lda), "MatDenseGetLDA");
  const PetscScalar *block = nullptr;
  check(MatDenseGetArrayRead(dense, &block), "MatDenseGetArrayRead");
  for (std::size_t j = 0; j < columns.size(); ++j)
  {
    PetscScalar *entries = nullptr;
    check(VecGetArray(columns[j], &entries), "VecGetArray");
    std::copy(block + j * lda, block + j * lda + rows, entries);
    check(VecRestoreArray(columns[j], &entries), "VecRestoreArray");
  }
  check(MatDenseRestoreArrayRead(dense, &block), "MatDenseRestoreArrayRead");
}
} // namespace cspine
