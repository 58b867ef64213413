#include "fe/cell_matrix_positions.h"
#include "fe/petsc_check.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace cspine
{
namespace
{
/// The position of `column` in a CSR row [begin, end) of sorted columns, or -1.
PetscInt position_in_row(const PetscInt *columns, const PetscInt begin, const PetscInt end, const PetscInt column)
{
  const PetscInt *found = std::lower_bound(columns + begin, columns + end, column);
  return found != columns + end && *found == column ? static_cast<PetscInt>(found - columns) : -1;
}
} // namespace

void CellMatrixPositions::open(Mat K)
{
  matrix = nullptr;
  PetscBool assembled = PETSC_FALSE, mpi = PETSC_FALSE, sequential = PETSC_FALSE;
  check_petsc(MatAssembled(K, &assembled), "MatAssembled");
  check_petsc(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(K), MATMPIAIJ, &mpi), "PetscObjectTypeCompare");
  check_petsc(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(K), MATSEQAIJ, &sequential),
              "PetscObjectTypeCompare");
  if (!assembled || !(mpi || sequential))
    return;

  PetscObjectId id = 0;
  PetscObjectState nonzero_state = 0;
  check_petsc(PetscObjectGetId(reinterpret_cast<PetscObject>(K), &id), "PetscObjectGetId");
  check_petsc(MatGetNonzeroState(K, &nonzero_state), "MatGetNonzeroState");
  if (id != matrix_id || nonzero_state != pattern)
  {
    matrix_id = id;
    pattern = nonzero_state;
    first.clear();
    positions.clear();
    kept_cells = 0;
    shared_cells = 0;
    off_column_of.clear();
  }

  matrix = K;
  off_block = nullptr;
  off_global_columns = nullptr;
  n_off_columns = 0;
  if (mpi)
    check_petsc(MatMPIAIJGetSeqAIJ(K, &diagonal_block, &off_block, &off_global_columns), "MatMPIAIJGetSeqAIJ");
  else
    diagonal_block = K;
  check_petsc(MatGetOwnershipRange(K, &first_row, &end_row), "MatGetOwnershipRange");
  check_petsc(MatGetOwnershipRangeColumn(K, &first_column, &end_column), "MatGetOwnershipRangeColumn");

  PetscInt n = 0;
  PetscBool done = PETSC_FALSE;
  check_petsc(MatGetRowIJ(diagonal_block, 0, PETSC_FALSE, PETSC_FALSE, &n, &diagonal_rows, &diagonal_columns, &done),
              "MatGetRowIJ");
  check_petsc(MatSeqAIJGetArray(diagonal_block, &diagonal_values), "MatSeqAIJGetArray");
  if (off_block)
  {
    check_petsc(MatGetRowIJ(off_block, 0, PETSC_FALSE, PETSC_FALSE, &n, &off_rows, &off_columns, &done), "MatGetRowIJ");
    check_petsc(MatGetSize(off_block, nullptr, &n_off_columns), "MatGetSize");
    check_petsc(MatSeqAIJGetArray(off_block, &off_values), "MatSeqAIJGetArray");
  }
}

bool CellMatrixPositions::find(const std::vector<dealii::types::global_dof_index> &dofs)
{
  if (off_block && off_column_of.empty())
    for (PetscInt c = 0; c < n_off_columns; ++c)
      off_column_of.emplace(off_global_columns[c], c);
  for (const dealii::types::global_dof_index row_dof : dofs)
  {
    const auto row = static_cast<PetscInt>(row_dof);
    if (row < first_row || row >= end_row)
    {
      positions.insert(positions.end(), dofs.size(), other_rank);
      continue;
    }
    const PetscInt r = row - first_row;
    for (const dealii::types::global_dof_index column_dof : dofs)
    {
      const auto column = static_cast<PetscInt>(column_dof);
      PetscInt at = -1;
      std::uint32_t flag = 0;
      if (column >= first_column && column < end_column)
        at = position_in_row(diagonal_columns, diagonal_rows[r], diagonal_rows[r + 1], column - first_column);
      else if (off_block)
      {
        const auto local = off_column_of.find(column);
        if (local != off_column_of.end())
          at = position_in_row(off_columns, off_rows[r], off_rows[r + 1], local->second);
        flag = off_diagonal;
      }
      // A position past 2^31 - 2 would collide with the flag or the mark: such a rank goes through PETSc.
      if (at < 0 || static_cast<std::uint64_t>(at) >= off_diagonal - 1)
        return false;
      positions.push_back(static_cast<std::uint32_t>(at) | flag);
    }
  }
  return true;
}

bool CellMatrixPositions::add(const unsigned int cell, const std::vector<dealii::types::global_dof_index> &dofs,
                              const dealii::FullMatrix<double> &block)
{
  if (!matrix)
    return false;
  if (cell >= first.size())
    first.resize(cell + 1, unset);
  if (first[cell] == unset)
  {
    const std::size_t start = positions.size();
    ++searched_cells;
    if (find(dofs))
    {
      first[cell] = start;
      ++kept_cells;
      if (std::find(positions.begin() + start, positions.end(), other_rank) != positions.end())
        ++shared_cells;
    }
    else
    {
      positions.resize(start);
      first[cell] = declined;
    }
  }
  if (first[cell] == declined)
    return false;

  const std::size_t n = dofs.size();
  for (std::size_t i = 0; i < n; ++i)
  {
    const std::uint32_t *at = positions.data() + first[cell] + i * n;
    const double *entry = &block(i, 0);
    if (at[0] == other_rank)
    {
      // PetscInt may be narrower than a DoF index; the copy is small beside MatSetValues' send.
      columns.assign(dofs.begin(), dofs.end());
      const auto row = static_cast<PetscInt>(dofs[i]);
      check_petsc(MatSetValues(matrix, 1, &row, static_cast<PetscInt>(n), columns.data(), entry, ADD_VALUES),
                  "MatSetValues");
      continue;
    }
    for (std::size_t j = 0; j < n; ++j)
      if (at[j] & off_diagonal)
        off_values[at[j] & ~off_diagonal] += entry[j];
      else
        diagonal_values[at[j]] += entry[j];
  }
  return true;
}

bool CellMatrixPositions::close()
{
  if (!matrix)
    return true;
  // MatSetValues with a new nonzero rebuilds the off-process block (MatDisAssemble_MPIAIJ) or moves the
  // value array: the adds since open() may then be lost. K's pattern is built to hold every entry.
  Mat diagonal_now = diagonal_block, off_now = off_block;
  const PetscInt *unused = nullptr;
  PetscBool mpi = PETSC_FALSE;
  check_petsc(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(matrix), MATMPIAIJ, &mpi), "PetscObjectTypeCompare");
  if (mpi)
    check_petsc(MatMPIAIJGetSeqAIJ(matrix, &diagonal_now, &off_now, &unused), "MatMPIAIJGetSeqAIJ");
  bool replaced = diagonal_now != diagonal_block || off_now != off_block;
  if (!replaced)
  {
    const PetscScalar *values_now = nullptr;
    check_petsc(MatSeqAIJGetArrayRead(diagonal_block, &values_now), "MatSeqAIJGetArrayRead");
    replaced = values_now != diagonal_values;
    check_petsc(MatSeqAIJRestoreArrayRead(diagonal_block, &values_now), "MatSeqAIJRestoreArrayRead");
  }

  PetscInt n = 0;
  PetscBool done = PETSC_FALSE;
  check_petsc(MatSeqAIJRestoreArray(diagonal_block, &diagonal_values), "MatSeqAIJRestoreArray");
  check_petsc(
      MatRestoreRowIJ(diagonal_block, 0, PETSC_FALSE, PETSC_FALSE, &n, &diagonal_rows, &diagonal_columns, &done),
      "MatRestoreRowIJ");
  if (off_block && !replaced)
  {
    check_petsc(MatSeqAIJRestoreArray(off_block, &off_values), "MatSeqAIJRestoreArray");
    check_petsc(MatRestoreRowIJ(off_block, 0, PETSC_FALSE, PETSC_FALSE, &n, &off_rows, &off_columns, &done),
                "MatRestoreRowIJ");
  }
  matrix = nullptr;
  return !replaced;
}
} // namespace cspine
