#include "mechanics/mode_product.h"
#include "fe/petsc_check.h"

#include "mechanics/local_entries.h"

#include <petscmat.h>

#include <memory>
#include <stdexcept>

namespace cspine
{
namespace
{
/// A sequential AIJ block's rows (CSR) and values, read-only, for the object's life.
class CsrBlock
{
public:
  explicit CsrBlock(Mat block) : matrix(block)
  {
    PetscBool done = PETSC_FALSE;
    check_petsc(MatGetRowIJ(matrix, 0, PETSC_FALSE, PETSC_FALSE, &n_rows, &rows, &columns, &done), "MatGetRowIJ");
    if (!done)
      throw std::logic_error("multiply_by_modes: PETSc gave no CSR form of K's local block");
    check_petsc(MatSeqAIJGetArrayRead(matrix, &values), "MatSeqAIJGetArrayRead");
  }
  ~CsrBlock()
  {
    MatSeqAIJRestoreArrayRead(matrix, &values);
    PetscBool done = PETSC_FALSE;
    MatRestoreRowIJ(matrix, 0, PETSC_FALSE, PETSC_FALSE, &n_rows, &rows, &columns, &done);
  }
  CsrBlock(const CsrBlock &) = delete;
  CsrBlock &operator=(const CsrBlock &) = delete;

  Mat matrix;
  PetscInt n_rows = 0;
  const PetscInt *rows = nullptr, *columns = nullptr;
  const PetscScalar *values = nullptr;
};
} // namespace

void multiply_by_modes(const Matrix &K, const std::vector<Vector> &modes, const std::vector<const DofList *> &body_dofs,
                       std::vector<Vector> &products)
{
  Mat matrix = const_cast<Matrix &>(K).petsc_matrix(); // read only
  PetscBool mpi = PETSC_FALSE;
  check_petsc(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(matrix), MATMPIAIJ, &mpi), "PetscObjectTypeCompare");
  Mat diagonal = matrix, off = nullptr;
  const PetscInt *off_global_columns = nullptr;
  if (mpi)
    check_petsc(MatMPIAIJGetSeqAIJ(matrix, &diagonal, &off, &off_global_columns), "MatMPIAIJGetSeqAIJ");
  PetscInt first_row = 0, end_row = 0;
  check_petsc(MatGetOwnershipRange(matrix, &first_row, &end_row), "MatGetOwnershipRange");

  const CsrBlock own(diagonal);
  const std::unique_ptr<CsrBlock> other = off ? std::make_unique<CsrBlock>(off) : nullptr;
  products.resize(modes.size());
  std::vector<PetscInt> off_indices;
  std::vector<PetscScalar> off_values;
  for (std::size_t i = 0; i < modes.size(); ++i)
  {
    products[i].reinit(modes[i]);
    const LocalEntries mode(modes[i]);
    Vec product = static_cast<const Vec &>(products[i]); // a handle: written through it
    PetscScalar *local = nullptr;
    check_petsc(VecGetArray(product, &local), "VecGetArray");
    off_indices.clear();
    off_values.clear();
    for (const auto dof : *body_dofs[i])
    {
      const double g = mode[dof];
      if (g == 0)
        continue;
      // Row dof of K is column dof: its entries K_dof,r add g K_dof,r to entry r of the product.
      const PetscInt row = static_cast<PetscInt>(dof) - first_row;
      for (PetscInt k = own.rows[row]; k < own.rows[row + 1]; ++k)
        local[own.columns[k]] += g * own.values[k];
      if (other)
        for (PetscInt k = other->rows[row]; k < other->rows[row + 1]; ++k)
        {
          off_indices.push_back(off_global_columns[other->columns[k]]);
          off_values.push_back(g * other->values[k]);
        }
    }
    check_petsc(VecRestoreArray(product, &local), "VecRestoreArray");
    check_petsc(VecSetValues(product, static_cast<PetscInt>(off_indices.size()), off_indices.data(), off_values.data(),
                             ADD_VALUES),
                "VecSetValues");
  }
  // Every rank takes part in each vector's assembly (its stash may be empty).
  for (Vector &product : products)
  {
    Vec handle = static_cast<const Vec &>(product);
    check_petsc(VecAssemblyBegin(handle), "VecAssemblyBegin");
    check_petsc(VecAssemblyEnd(handle), "VecAssemblyEnd");
  }
}
} // namespace cspine
