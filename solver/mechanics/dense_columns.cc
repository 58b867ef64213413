#include "mechanics/dense_columns.h"
#include "fe/petsc_check.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace cspine
{
Mat dense_from_columns(const std::vector<Vec> &columns)
{
  PetscInt rows = 0;
  check_petsc(VecGetLocalSize(columns.front(), &rows), "VecGetLocalSize");
  MPI_Comm comm;
  check_petsc(PetscObjectGetComm(reinterpret_cast<PetscObject>(columns.front()), &comm), "PetscObjectGetComm");
  Mat dense;
  check_petsc(
      MatCreateDense(comm, rows, PETSC_DECIDE, PETSC_DETERMINE, static_cast<PetscInt>(columns.size()), nullptr, &dense),
      "MatCreateDense");
  PetscScalar *block = nullptr;
  PetscInt lda = 0;
  check_petsc(MatDenseGetLDA(dense, &lda), "MatDenseGetLDA");
  check_petsc(MatDenseGetArrayWrite(dense, &block), "MatDenseGetArrayWrite");
  for (std::size_t j = 0; j < columns.size(); ++j)
  {
    const PetscScalar *entries = nullptr;
    check_petsc(VecGetArrayRead(columns[j], &entries), "VecGetArrayRead");
    std::copy(entries, entries + rows, block + j * lda);
    check_petsc(VecRestoreArrayRead(columns[j], &entries), "VecRestoreArrayRead");
  }
  check_petsc(MatDenseRestoreArrayWrite(dense, &block), "MatDenseRestoreArrayWrite");
  check_petsc(MatAssemblyBegin(dense, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check_petsc(MatAssemblyEnd(dense, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  return dense;
}

void copy_dense_columns(Mat dense, const std::vector<Vec> &columns)
{
  PetscInt rows = 0, lda = 0;
  check_petsc(MatGetLocalSize(dense, &rows, nullptr), "MatGetLocalSize");
  check_petsc(MatDenseGetLDA(dense, &lda), "MatDenseGetLDA");
  const PetscScalar *block = nullptr;
  check_petsc(MatDenseGetArrayRead(dense, &block), "MatDenseGetArrayRead");
  for (std::size_t j = 0; j < columns.size(); ++j)
  {
    PetscScalar *entries = nullptr;
    check_petsc(VecGetArray(columns[j], &entries), "VecGetArray");
    std::copy(block + j * lda, block + j * lda + rows, entries);
    check_petsc(VecRestoreArray(columns[j], &entries), "VecRestoreArray");
  }
  check_petsc(MatDenseRestoreArrayRead(dense, &block), "MatDenseRestoreArrayRead");
}
} // namespace cspine
