// Vectors as the columns of a dense PETSc matrix and back: for the products and solves that take many
// vectors in one pass (K G for rigid bodies, MUMPS' multi-right-hand-side solve).
#pragma once

#include <petscmat.h>

#include <vector>

namespace cspine
{
/// A dense matrix (same row layout) whose columns are copies of `columns`; the caller destroys it.
Mat dense_from_columns(const std::vector<Vec> &columns);

/// Copies the columns of the dense matrix `dense` into `columns` (same row layout, already created).
void copy_dense_columns(Mat dense, const std::vector<Vec> &columns);
} // namespace cspine
