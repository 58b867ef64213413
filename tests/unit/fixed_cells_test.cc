// The system assembled with fixed DoFs (constrained to values, as boundary conditions and the prescribed
// head are) against the unconstrained one at the same state: fixed rows and columns hold only the
// diagonal, which is the free system's (the sum of the blocks' |K_ii|, deal.II's rule), the free rows keep
// their entries, and the right-hand side is -R less the fixed values' pull K_ij g_j. Here the lower layer
// of a stretched block is fixed, so its cells have every DoF fixed (the assembler's shortcut for them) and
// the upper layer's cells are partly fixed (the constraints' own distribution). Two springs, a term's
// blocks, join two fixed DoFs (the sink's shortcut) and a fixed DoF to a free one.
#include "fe/discretization.h"
#include "mechanics/solid_assembler.h"
#include "test_helpers.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

namespace cspine
{
namespace
{
/// A 10 mm cube of 2 x 2 x 2 linear hexahedra, clamped at z_min, z_max pulled 2 mm and sheared 0.5 mm.
std::string stretched_block()
{
  return "subsection Mesh\n  set Element degree = 1\n  set Subdivisions = 2, 2, 2\nend\n" +
         testing::neo_hookean_solid(1, 0.3) +
         "subsection Boundary conditions\n"
         "  set Fixed displacement = z_min: x = 0, y = 0, z = 0; z_max: x = 0.5 * t, y = 0, z = 2 * t\n"
         "end\nsubsection Time\n  set Number of steps = 2\nend\n";
}

/// Springs of stiffness k [N/mm] between pairs of DoFs: block k [1 -1; -1 1], force k (u_a - u_b) on a.
class DofSprings : public AssemblyTerm
{
public:
  DofSprings(const double stiffness, std::vector<DofList> dof_pairs) : k(stiffness), pairs(std::move(dof_pairs)) {}
  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  void assemble(const Vector &u, double, LocalSink &sink) const override
  {
    for (const DofList &pair : pairs)
    {
      const double pull = k * (u(pair[0]) - u(pair[1]));
      dealii::Vector<double> force(2);
      force(0) = pull;
      force(1) = -pull;
      dealii::FullMatrix<double> block(2, 2);
      block(0, 0) = block(1, 1) = k;
      block(0, 1) = block(1, 0) = -k;
      sink.add_internal(pair, force, block);
    }
  }

private:
  const double k;
  const std::vector<DofList> pairs;
};
} // namespace

TEST(FixedCells, SystemEqualsTheUnconstrainedOneCondensed)
{
  Config config = testing::config_from_text(stretched_block(), "fixed_cells");
  const auto simulation = testing::run(config, "fixed_cells");
  const Vector &u = simulation->displacement();
  const dealii::DoFHandler<dim> &dofs = simulation->dofs();
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(dofs.get_communicator()), 1u) << "a serial check";

  // The lower layer's DoFs, fixed to values of a few hundredths of a millimetre.
  std::set<dealii::types::global_dof_index> fixed;
  std::vector<dealii::types::global_dof_index> cell_dofs(dofs.get_fe().n_dofs_per_cell());
  for (const auto &cell : dofs.active_cell_iterators())
    if (cell->center()[2] < 5)
    {
      cell->get_dof_indices(cell_dofs);
      fixed.insert(cell_dofs.begin(), cell_dofs.end());
    }
  dealii::AffineConstraints<double> constraints, none;
  for (const auto dof : fixed)
  {
    constraints.add_line(dof);
    constraints.set_inhomogeneity(dof, 0.01 * static_cast<double>(dof % 7));
  }
  constraints.close();
  none.close();
  ASSERT_GT(fixed.size(), 0u);
  ASSERT_LT(fixed.size(), dofs.n_dofs());

  const Discretization discretization(false, 1);
  QuadratureHistory history(dofs, discretization.cell_quadrature.size(),
                            [&](const unsigned int region)
                            { return config.regions.at(region).material->create_state(); });
  SolidAssembler assembler(dofs, discretization, config.regions, config.boundary_conditions.tractions, history);
  // A spring between two fixed DoFs, and one from a fixed DoF to a free one (the last DoF).
  const DofSprings springs(0.1, {{*fixed.begin(), *fixed.rbegin()}, {*fixed.rbegin(), dofs.n_dofs() - 1}});
  ASSERT_EQ(fixed.count(dofs.n_dofs() - 1), 0u);
  assembler.add_term(springs);

  const MPI_Comm comm = dofs.get_communicator();
  const dealii::IndexSet &owned = dofs.locally_owned_dofs();
  const auto n = dofs.n_dofs();
  dealii::DynamicSparsityPattern pattern(n, n);
  for (dealii::types::global_dof_index i = 0; i < n; ++i)
    for (dealii::types::global_dof_index j = 0; j < n; ++j)
      pattern.add(i, j);
  Matrix K_free, K_fixed;
  K_free.reinit(owned, owned, pattern, comm);
  K_fixed.reinit(owned, owned, pattern, comm);
  Vector rhs_free(owned, comm), rhs_fixed(owned, comm), pull(owned, comm), values(owned, comm);
  const double time = 1;
  ASSERT_TRUE(assembler.system(u, time, none, K_free, rhs_free));
  ASSERT_TRUE(assembler.system(u, time, constraints, K_fixed, rhs_fixed));
  for (const auto dof : fixed)
    values(dof) = constraints.get_inhomogeneity(dof);
  values.compress(dealii::VectorOperation::insert);
  K_free.vmult(pull, values);

  const double scale = K_free.linfty_norm();
  ASSERT_GT(scale, 0);
  for (dealii::types::global_dof_index i = 0; i < n; ++i)
  {
    const bool i_fixed = fixed.count(i) > 0;
    if (i_fixed)
    {
      EXPECT_GT(K_free.el(i, i), 0) << "row " << i;
      EXPECT_NEAR(K_fixed.el(i, i), K_free.el(i, i), 1e-13 * scale) << "row " << i;
      EXPECT_EQ(rhs_fixed(i), 0.0) << "row " << i;
    }
    else
    {
      EXPECT_NEAR(rhs_fixed(i), rhs_free(i) - pull(i), 1e-12 * scale) << "row " << i;
    }
    for (dealii::types::global_dof_index j = 0; j < n; ++j)
    {
      if (!i_fixed && fixed.count(j) == 0)
      {
        EXPECT_NEAR(K_fixed.el(i, j), K_free.el(i, j), 1e-13 * scale) << "entry " << i << ", " << j;
      }
      else if (j != i)
      {
        EXPECT_EQ(K_fixed.el(i, j), 0.0) << "entry " << i << ", " << j;
      }
    }
  }
}
} // namespace cspine
