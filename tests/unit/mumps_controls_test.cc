// The controls cspine gives MUMPS (mechanics/mumps_controls): on 2 ranks, the ordering MUMPS reports it used
// (INFOG(7)) after analysing a grid of nodes with three DoFs each is approximate minimum fill below 100,000 rows,
// where MUMPS alone would choose another, and MUMPS' own choice above; PETSc's -mat_mumps_icntl_7 still
// overrides the controls.
#include "core/types.h"
#include "fe/petsc_check.h"
#include "mechanics/mumps_controls.h"

#include <gtest/gtest.h>

#include <petscmat.h>

namespace cspine
{
namespace
{
constexpr PetscInt approximate_minimum_fill = 2, approximate_minimum_degree = 0;

/// A matrix patterned like 3-D elasticity, simplified: an m x m x m grid of nodes with x, y, z DoFs each (3 m^3 rows,
/// numbered as node triples, as cspine's are), every DoF of a node coupled with every DoF of the node and of its six
/// neighbours. Values: the 7-point Laplacian times the identity plus a coupling of a node's own DoFs (symmetric
/// positive definite); only the pattern matters to the analysis.
Mat node_grid_matrix(const PetscInt m)
{
  Mat A;
  const PetscInt n = dim * m * m * m;
  check_petsc(MatCreateAIJ(PETSC_COMM_WORLD, PETSC_DECIDE, PETSC_DECIDE, n, n, 21, nullptr, 18, nullptr, &A),
              "MatCreateAIJ");
  PetscInt first = 0, end = 0;
  check_petsc(MatGetOwnershipRange(A, &first, &end), "MatGetOwnershipRange");
  const PetscInt strides[3] = {1, m, m * m};
  for (PetscInt row = first; row < end; ++row)
  {
    const PetscInt node = row / dim, component = row % dim;
    for (PetscInt c = 0; c < static_cast<PetscInt>(dim); ++c)
      check_petsc(MatSetValue(A, row, dim * node + c, c == component ? 7.0 : 0.5, INSERT_VALUES), "MatSetValue");
    for (const PetscInt stride : strides)
    {
      const PetscInt position = (node / stride) % m;
      if (position > 0)
        check_petsc(MatSetValue(A, row, row - dim * stride, -1.0, INSERT_VALUES), "MatSetValue");
      if (position + 1 < m)
        check_petsc(MatSetValue(A, row, row + dim * stride, -1.0, INSERT_VALUES), "MatSetValue");
    }
  }
  check_petsc(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check_petsc(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  return A;
}

/// The ordering MUMPS used (INFOG(7)) in its analysis of `node_grid_matrix(m)` for an LDL^T factorisation,
/// with cspine's controls (for node triples, as on cspine's meshes) set or not.
PetscInt ordering_used(const PetscInt m, const bool with_controls)
{
  Mat A = node_grid_matrix(m), factor;
  check_petsc(MatGetFactor(A, MATSOLVERMUMPS, MAT_FACTOR_CHOLESKY, &factor), "MatGetFactor");
  if (with_controls)
    set_mumps_controls(factor, true);
  IS rows, columns;
  check_petsc(MatGetOrdering(A, MATORDERINGNATURAL, &rows, &columns), "MatGetOrdering");
  MatFactorInfo info;
  check_petsc(MatFactorInfoInitialize(&info), "MatFactorInfoInitialize");
  check_petsc(MatCholeskyFactorSymbolic(factor, A, rows, &info), "MatCholeskyFactorSymbolic");
  PetscInt used = -1;
  check_petsc(MatMumpsGetInfog(factor, 7, &used), "MatMumpsGetInfog");
  check_petsc(ISDestroy(&rows), "ISDestroy");
  check_petsc(ISDestroy(&columns), "ISDestroy");
  check_petsc(MatDestroy(&factor), "MatDestroy");
  check_petsc(MatDestroy(&A), "MatDestroy");
  return used;
}

TEST(MumpsControls, OrdersBySize)
{
  EXPECT_EQ(mumps_ordering(minimum_fill_ordering_below_rows - 1), approximate_minimum_fill);
  EXPECT_NE(mumps_ordering(minimum_fill_ordering_below_rows), approximate_minimum_fill);
  // What MUMPS then uses is checked on 2 ranks (MpiMumpsControls): on 1 rank it reported PORD (4) here
  // whether asked for AMF or left to choose, as in the default job on 1 rank.
}

TEST(MpiMumpsControls, TwoRanksOrderBySize)
{
  int ranks = 0;
  MPI_Comm_size(PETSC_COMM_WORLD, &ranks);
  ASSERT_GE(ranks, 2) << "run this suite with mpirun -np 2";
  // 27,783 rows: MUMPS alone would not choose AMF, so the controls are what makes it.
  EXPECT_NE(ordering_used(21, false), approximate_minimum_fill);
  EXPECT_EQ(ordering_used(21, true), approximate_minimum_fill);
  // 107,811 rows: MUMPS' own choice.
  const PetscInt large = ordering_used(33, true);
  EXPECT_EQ(large, ordering_used(33, false));
  EXPECT_NE(large, approximate_minimum_fill);
}

TEST(MumpsControls, CommandLineOverridesTheOrdering)
{
  // The option is cleared however the analysis ends, so that no later test sees it.
  struct OptionForThisTest
  {
    OptionForThisTest()
    {
      check_petsc(PetscOptionsSetValue(nullptr, "-mat_mumps_icntl_7", "0"), "PetscOptionsSetValue");
    }
    ~OptionForThisTest() { PetscOptionsClearValue(nullptr, "-mat_mumps_icntl_7"); }
  } option;
  EXPECT_EQ(ordering_used(21, true), approximate_minimum_degree);
}
} // namespace
} // namespace cspine
