// The controls cspine gives MUMPS for every factorisation and for the memory estimate's analysis
// (mechanics/linear_solver): its workspace margin, its ordering by the matrix's size, and node blocks.
#pragma once

#include <petscmat.h>

namespace cspine
{
/// [%] The workspace MUMPS gets beyond its analysis's estimate (ICNTL(14)). MUMPS sizes its workspace from
/// the analysis, and on several ranks the delayed pivots of an indefinite tangent (a lax joint under
/// moment control) outgrew the default 20-35 % (INFOG(1) = -9).
constexpr PetscInt mumps_workspace_margin = 100;

/// [rows] Below this size MUMPS is asked to order the factorised matrix by approximate minimum fill (AMF,
/// ICNTL(7) = 2) instead of by its own choice, which on the default job's block is PORD (INFOG(7) = 4). That
/// analysis runs on rank 0 alone and is redone whenever contact changes the pattern (every load step); AMF's
/// takes about an eighth of it (0.44-0.55 s against 3.5-4.2 s for 18), at a fill that grows with size. Measured on 2
/// ranks (2026-12-07, the run's analyses and factorisations): the rigid rotary thrust's 31,059 rows (18 analyses, 96
/// factorisations) 4.8-5.8 s against 7.4-8.6 s; the meshed one's 63,426 rows (107 factorisations) 23.4 and 25.1 s
/// against 27.0 and 25.4 s; its quadratic block of 218,292 rows (2 steps) 21.7 s against 21.5 s, with 33 % more
/// factorisation time and 16 % more memory: the larger the matrix, the more the lower fill is worth. On 1
/// rank MUMPS reported PORD whether asked for AMF or not, so this changes nothing there (README, MUMPS'
/// ordering by size).
constexpr PetscInt minimum_fill_ordering_below_rows = 100000;

/// MUMPS' ordering option (ICNTL(7)) for a factorised matrix of `rows` rows: 2 (AMF) below
/// `minimum_fill_ordering_below_rows`, else 7 (MUMPS chooses).
PetscInt mumps_ordering(PetscInt rows);

/// Sets the controls on a MUMPS factor matrix (from MatGetFactor or PCFactorGetMatrix) before its analysis:
/// the workspace margin, the ordering for its size, and with `node_triples` (the DoFs come as x, y, z of
/// one node) an analysis that orders nodes, not single DoFs (ICNTL(15) = -3): on the rotary thrust, whose
/// prescribed head leaves about 15,000 DoFs without couplings, 0.29 s per analysis against 0.63 s, for
/// 3 % more operations per factorisation (README, Prescribed DoFs keep only their diagonal). PETSc's
/// -mat_mumps_icntl_* options, read at the analysis, override them.
void set_mumps_controls(Mat factor, bool node_triples);
} // namespace cspine
