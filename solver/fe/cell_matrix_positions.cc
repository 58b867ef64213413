#include "fe/cell_matrix_positions.h"
#include "fe/petsc_check.h"

#include <mpi.h>

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

/// Tags of the other ranks' rows at close(): every message is received before close() returns.
constexpr int values_tag = 31838, indices_tag = 31839;
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
    outgoing.clear();
    incoming.clear();
  }
  for (auto &[rank, rows] : outgoing)
  {
    rows.values.clear();
    rows.order.clear();
    rows.indices.clear();
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
  MPI_Comm comm = MPI_COMM_SELF;
  check_petsc(PetscObjectGetComm(reinterpret_cast<PetscObject>(K), &comm), "PetscObjectGetComm");
  int n_ranks = 1;
  MPI_Comm_size(comm, &n_ranks);
  const PetscInt *ranges = nullptr;
  check_petsc(MatGetOwnershipRanges(K, &ranges), "MatGetOwnershipRanges");
  row_starts.assign(ranges, ranges + n_ranks + 1);
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

PetscInt CellMatrixPositions::position(const PetscInt row, const PetscInt column, std::uint32_t &flag)
{
  if (off_block && off_column_of.empty())
    for (PetscInt c = 0; c < n_off_columns; ++c)
      off_column_of.emplace(off_global_columns[c], c);
  const PetscInt r = row - first_row;
  flag = 0;
  PetscInt at = -1;
  if (column >= first_column && column < end_column)
    at = position_in_row(diagonal_columns, diagonal_rows[r], diagonal_rows[r + 1], column - first_column);
  else if (off_block)
  {
    const auto local = off_column_of.find(column);
    if (local != off_column_of.end())
      at = position_in_row(off_columns, off_rows[r], off_rows[r + 1], local->second);
    flag = off_diagonal;
  }
  // A position past 2^31 - 2 would collide with the flag or the mark: such an entry goes through PETSc.
  return static_cast<std::uint64_t>(at) < off_diagonal - 1 ? at : -1;
}

bool CellMatrixPositions::find(const std::vector<dealii::types::global_dof_index> &dofs)
{
  for (const dealii::types::global_dof_index row_dof : dofs)
  {
    const auto row = static_cast<PetscInt>(row_dof);
    if (row < first_row || row >= end_row)
    {
      positions.insert(positions.end(), dofs.size(), other_rank);
      continue;
    }
    for (const dealii::types::global_dof_index column_dof : dofs)
    {
      std::uint32_t flag = 0;
      const PetscInt at = position(row, static_cast<PetscInt>(column_dof), flag);
      if (at < 0)
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
      const auto row = static_cast<PetscInt>(dofs[i]);
      const auto owner =
          static_cast<int>(std::upper_bound(row_starts.begin(), row_starts.end(), row) - row_starts.begin()) - 1;
      Outgoing &rows = outgoing[owner];
      rows.values.insert(rows.values.end(), entry, entry + n);
      rows.order.push_back((static_cast<std::uint64_t>(cell) << 24) | i);
      rows.indices.push_back(row);
      rows.indices.push_back(static_cast<PetscInt>(n));
      rows.indices.insert(rows.indices.end(), dofs.begin(), dofs.end());
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

void CellMatrixPositions::exchange(std::vector<PetscInt> &late_rows, std::vector<PetscInt> &late_columns,
                                   std::vector<double> &late_values)
{
  sent_values = 0;
  sent_indices = 0;
  MPI_Comm comm = MPI_COMM_SELF;
  check_petsc(PetscObjectGetComm(reinterpret_cast<PetscObject>(matrix), &comm), "PetscObjectGetComm");
  const int n_ranks = static_cast<int>(row_starts.size()) - 1;
  if (n_ranks == 1)
    return;
  // Per rank: how many values, and how many indices (none while the order is the last close()'s).
  std::vector<long long> send_counts(2 * n_ranks, 0), receive_counts(2 * n_ranks, 0);
  for (auto &[rank, rows] : outgoing)
  {
    send_counts[2 * rank] = static_cast<long long>(rows.values.size());
    if (rows.order != rows.sent_order)
    {
      send_counts[2 * rank + 1] = static_cast<long long>(rows.indices.size());
      rows.sent_order.swap(rows.order);
    }
  }
  MPI_Alltoall(send_counts.data(), 2, MPI_LONG_LONG, receive_counts.data(), 2, MPI_LONG_LONG, comm);

  std::vector<MPI_Request> requests;
  std::map<int, std::vector<double>> values_from;
  std::map<int, std::vector<PetscInt>> indices_from;
  for (int rank = 0; rank < n_ranks; ++rank)
  {
    if (receive_counts[2 * rank] > 0)
    {
      std::vector<double> &values = values_from[rank];
      values.resize(receive_counts[2 * rank]);
      requests.emplace_back();
      MPI_Irecv(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, rank, values_tag, comm, &requests.back());
    }
    if (receive_counts[2 * rank + 1] > 0)
    {
      std::vector<PetscInt> &indices = indices_from[rank];
      indices.resize(receive_counts[2 * rank + 1]);
      requests.emplace_back();
      MPI_Irecv(indices.data(), static_cast<int>(indices.size()), MPIU_INT, rank, indices_tag, comm, &requests.back());
    }
  }
  for (auto &[rank, rows] : outgoing)
  {
    if (!rows.values.empty())
    {
      requests.emplace_back();
      MPI_Isend(rows.values.data(), static_cast<int>(rows.values.size()), MPI_DOUBLE, rank, values_tag, comm,
                &requests.back());
      sent_values += rows.values.size();
    }
    if (send_counts[2 * rank + 1] > 0)
    {
      requests.emplace_back();
      MPI_Isend(rows.indices.data(), static_cast<int>(rows.indices.size()), MPIU_INT, rank, indices_tag, comm,
                &requests.back());
      sent_indices += rows.indices.size();
    }
  }
  MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE);

  for (int rank = 0; rank < n_ranks; ++rank)
  {
    if (receive_counts[2 * rank] == 0)
    {
      incoming.erase(rank);
      continue;
    }
    Incoming &from = incoming[rank];
    if (receive_counts[2 * rank + 1] > 0)
    {
      // A new order: find where each entry goes.
      from = Incoming();
      const std::vector<PetscInt> &indices = indices_from[rank];
      for (std::size_t at = 0; at + 1 < indices.size();)
      {
        const PetscInt row = indices[at], n = indices[at + 1];
        if (row < first_row || row >= end_row)
          throw std::logic_error("CellMatrixPositions: rank " + std::to_string(rank) + " sent row " +
                                 std::to_string(row) + ", which this rank does not own");
        for (PetscInt j = 0; j < n; ++j)
        {
          std::uint32_t flag = 0;
          const PetscInt column = indices[at + 2 + j], found = position(row, column, flag);
          if (found < 0)
          {
            from.outside.push_back(from.positions.size());
            from.outside_rows.push_back(row);
            from.outside_columns.push_back(column);
          }
          from.positions.push_back(found < 0 ? other_rank : static_cast<std::uint32_t>(found) | flag);
        }
        at += 2 + static_cast<std::size_t>(n);
      }
    }
    const std::vector<double> &values = values_from[rank];
    if (from.positions.size() != values.size())
      throw std::logic_error("CellMatrixPositions: rank " + std::to_string(rank) + " sent " +
                             std::to_string(values.size()) + " values where " + std::to_string(from.positions.size()) +
                             " positions are kept");
    for (std::size_t k = 0; k < values.size(); ++k)
    {
      const std::uint32_t at = from.positions[k];
      if (at == other_rank)
        continue;
      if (at & off_diagonal)
        off_values[at & ~off_diagonal] += values[k];
      else
        diagonal_values[at] += values[k];
    }
    for (std::size_t i = 0; i < from.outside.size(); ++i)
    {
      late_rows.push_back(from.outside_rows[i]);
      late_columns.push_back(from.outside_columns[i]);
      late_values.push_back(values[from.outside[i]]);
    }
  }
}

bool CellMatrixPositions::close()
{
  if (!matrix)
    return true;
  std::vector<PetscInt> late_rows, late_columns;
  std::vector<double> late_values;
  exchange(late_rows, late_columns, late_values);
  const Mat K = matrix;
  const bool replaced = restore_arrays();
  for (std::size_t k = 0; k < late_values.size(); ++k)
    check_petsc(MatSetValues(K, 1, &late_rows[k], 1, &late_columns[k], &late_values[k], ADD_VALUES), "MatSetValues");
  return !replaced;
}

void CellMatrixPositions::abandon()
{
  if (matrix)
    restore_arrays();
}

bool CellMatrixPositions::restore_arrays()
{
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
  return replaced;
}
} // namespace cspine
