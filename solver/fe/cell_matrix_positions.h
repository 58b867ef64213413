// Where each cell's matrix entries sit in PETSc's local value arrays, so that a cell's block is added in
// one indexed sweep. MatSetValues searches every row for every column: on benchmark B (quadratic
// hexahedra, 81 x 81 blocks) that search was half of the assembly time. The positions are found once per
// cell and kept while the matrix and its nonzero pattern stay the same (PETSc's object id and nonzero
// state); after either changes they are found again as the cells come.
//
// A cell's rows that another rank owns are sent to it at close() as bare values, in the order they were
// added; the owner keeps where they go, so the indices travel only when that order changes. Through
// PETSc's stash (sorted, sent with their indices, searched again on arrival) they cost 14 ms per
// assembly on benchmark B 8^3 on 2 ranks: 0.3 s of the run's 0.8 s of assembly, which did not scale.
#pragma once

#include <deal.II/base/types.h>
#include <deal.II/lac/full_matrix.h>

#include <petscmat.h>

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace cspine
{
class CellMatrixPositions
{
public:
  /// Opens K's local value arrays for direct adds (K assembled, AIJ, after MatZeroEntries); every
  /// open() needs its close() before K is used again. For another matrix type every add() declines.
  void open(Mat K);

  /// Adds the block of cell `cell` (its active-cell index) with rows and columns `dofs`: the rows this
  /// rank owns straight into the arrays, the others kept to be sent at close(). Returns false, having
  /// added nothing, when an entry of an owned row is outside K's pattern: the caller then adds the block
  /// through PETSc, which reports it.
  bool add(unsigned int cell, const std::vector<dealii::types::global_dof_index> &dofs,
           const dealii::FullMatrix<double> &block);

  /// Sends the other ranks' rows and adds those received (collective over K's communicator whenever
  /// open() took K), then returns the arrays to PETSc. A received entry outside this rank's pattern goes
  /// through MatSetValues, as PETSc's own assembly would add it. Returns false if K's local blocks were
  /// replaced meanwhile (a new nonzero from some MatSetValues): the adds since open() may then have gone
  /// to the old arrays.
  bool close();

  /// Returns the arrays to PETSc without the exchange (not collective): for a cell loop that ends in an
  /// exception. The other ranks' rows added since open() are dropped.
  void abandon();

  /// How many cells' positions are held, how many of them have rows on other ranks, and how many cells
  /// were searched in all (kept or declined).
  std::size_t n_cells() const { return kept_cells; }
  std::size_t n_shared() const { return shared_cells; }
  std::size_t n_searched() const { return searched_cells; }

  /// How many values the last close() sent to other ranks, and with how many indices (zero while the
  /// order of the rows sent stays that of the close() before).
  std::size_t n_sent_values() const { return sent_values; }
  std::size_t n_sent_indices() const { return sent_indices; }

private:
  static constexpr std::uint32_t off_diagonal = 1u << 31; ///< Flags a position in the off-process block.
  static constexpr std::uint32_t other_rank = ~0u;        ///< Marks a row another rank owns.
  static constexpr std::size_t unset = ~std::size_t(0);   ///< A cell not met since the pattern changed.
  static constexpr std::size_t declined = unset - 1;      ///< A cell that goes through PETSc.

  /// Rows for another rank, in the order added: their values, and per row (cell, row in the cell) to
  /// tell whether the order is the last close()'s, and [row, n, n columns] for the owner to find them.
  struct Outgoing
  {
    std::vector<double> values;
    std::vector<std::uint64_t> order, sent_order;
    std::vector<PetscInt> indices;
  };
  /// Where the values from one rank go, in the order it sends them; entries outside the pattern are
  /// marked other_rank and listed in `outside` with their row and column.
  struct Incoming
  {
    std::vector<std::uint32_t> positions;
    std::vector<std::size_t> outside;
    std::vector<PetscInt> outside_rows, outside_columns;
  };

  /// Finds a cell's positions and appends them; returns false if they do not all exist locally.
  bool find(const std::vector<dealii::types::global_dof_index> &dofs);
  /// The position of (row, column), row owned here, or -1; `flag` is set to off_diagonal where it is there.
  PetscInt position(PetscInt row, PetscInt column, std::uint32_t &flag);
  /// Sends and receives the other ranks' rows and adds what arrives; entries outside the pattern are
  /// left in `late` as (row, column, value) for MatSetValues after the arrays are returned.
  void exchange(std::vector<PetscInt> &late_rows, std::vector<PetscInt> &late_columns,
                std::vector<double> &late_values);
  /// Returns the arrays to PETSc; whether K's local blocks were replaced since open().
  bool restore_arrays();

  Mat matrix = nullptr;
  Mat diagonal_block = nullptr, off_block = nullptr; ///< PETSc's local blocks (SeqAIJ).
  PetscScalar *diagonal_values = nullptr, *off_values = nullptr;
  const PetscInt *diagonal_rows = nullptr, *diagonal_columns = nullptr;
  const PetscInt *off_rows = nullptr, *off_columns = nullptr;
  PetscInt first_row = 0, end_row = 0, first_column = 0, end_column = 0;
  const PetscInt *off_global_columns = nullptr; ///< The off-process block's columns as global indices.
  PetscInt n_off_columns = 0;
  std::unordered_map<PetscInt, PetscInt> off_column_of; ///< Global column -> off-process block column.

  PetscObjectId matrix_id = 0; ///< PETSc numbers objects from 1.
  PetscObjectState pattern = 0;
  std::size_t kept_cells = 0, shared_cells = 0, searched_cells = 0;
  std::vector<PetscInt> row_starts; ///< K's ownership ranges: rank r owns [row_starts[r], row_starts[r + 1]).
  std::map<int, Outgoing> outgoing; ///< By the rank that owns the rows.
  std::map<int, Incoming> incoming; ///< By the rank that sends them.
  std::size_t sent_values = 0, sent_indices = 0;
  std::vector<std::size_t> first;       ///< Per active cell: its first position, or declined / unset.
  std::vector<std::uint32_t> positions; ///< Every kept cell's n x n positions, row by row.
};
} // namespace cspine
