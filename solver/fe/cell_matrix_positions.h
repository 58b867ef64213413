// Where each cell's matrix entries sit in PETSc's local value arrays, so that a cell's block is added in
// one indexed sweep. MatSetValues searches every row for every column: on benchmark B (quadratic
// hexahedra, 81 x 81 blocks) that search was half of the assembly time. The positions are found once per
// cell and kept while the matrix and its nonzero pattern stay the same (PETSc's object id and nonzero
// state); after either changes they are found again as the cells come.
#pragma once

#include <deal.II/base/types.h>
#include <deal.II/lac/full_matrix.h>

#include <petscmat.h>

#include <cstdint>
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
  /// rank owns straight into the arrays, the others through MatSetValues (PETSc sends them at assembly).
  /// Returns false, having added nothing, when an entry is outside K's pattern: the caller then adds the
  /// block through PETSc, which reports it.
  bool add(unsigned int cell, const std::vector<dealii::types::global_dof_index> &dofs,
           const dealii::FullMatrix<double> &block);

  /// Returns the arrays to PETSc. Returns false if K's local blocks were replaced meanwhile (a new
  /// nonzero from some MatSetValues): the adds since open() may then have gone to the old arrays.
  bool close();

  /// How many cells' positions are held, how many of them have rows on other ranks, how many cells were
  /// searched in all (kept or declined), and the positions' memory [bytes].
  std::size_t n_cells() const { return kept_cells; }
  std::size_t n_shared() const { return shared_cells; }
  std::size_t n_searched() const { return searched_cells; }
  std::size_t memory() const { return positions.size() * sizeof(std::uint32_t); }

private:
  static constexpr std::uint32_t off_diagonal = 1u << 31; ///< Flags a position in the off-process block.
  static constexpr std::uint32_t other_rank = ~0u;        ///< Marks a row another rank owns.
  static constexpr std::size_t unset = ~std::size_t(0);   ///< A cell not met since the pattern changed.
  static constexpr std::size_t declined = unset - 1;      ///< A cell that goes through PETSc.

  /// Finds a cell's positions and appends them; returns false if they do not all exist locally.
  bool find(const std::vector<dealii::types::global_dof_index> &dofs);

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
  std::vector<PetscInt> columns;        ///< A shared cell's DoFs, for MatSetValues.
  std::vector<std::size_t> first;       ///< Per active cell: its first position, or declined / unset.
  std::vector<std::uint32_t> positions; ///< Every kept cell's n x n positions, row by row.
};
} // namespace cspine
