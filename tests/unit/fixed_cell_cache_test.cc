// The assembler keeps the evaluation of each cell whose DoFs are all fixed (mechanics/fixed_cell_cache.h)
// and uses it again while the cell's displacement, the time and the committed state are unchanged. Here
// the lower layer of a stretched viscoelastic block is fixed (4 of its 8 cells): a kept evaluation gives
// the same bits as the first, any change of input is evaluated afresh, and a revert of the history (which
// rewrites the materials' trial variables) is never answered from the kept evaluation, else the next
// commit would take the reverted variables.
#include "fe/discretization.h"
#include "mechanics/solid_assembler.h"
#include "test_helpers.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>

#include <gtest/gtest.h>

#include <set>

namespace cspine
{
namespace
{
/// A 10 mm cube of 2 x 2 x 2 linear hexahedra of viscoelastic neo-Hookean material (its internal
/// variables change with every evaluation), clamped at z_min, z_max pulled 2 mm and sheared 0.5 mm.
std::string stretched_viscoelastic_block()
{
  return R"(
subsection Mesh
  set Element degree = 1
  set Subdivisions   = 2, 2, 2
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
    subsection neo_hookean_coupled
      set Young's modulus = 1
      set Poisson's ratio = 0.3
    end
    subsection Viscoelasticity
      set Prony series = 0.5:1
    end
  end
end
subsection Boundary conditions
  set Fixed displacement = z_min: x = 0, y = 0, z = 0; z_max: x = 0.5 * t, y = 0, z = 2 * t
end
subsection Time
  set Number of steps = 2
end
)";
}

struct FixedLayer
{
  Config config;
  std::unique_ptr<Simulation> simulation;
  Discretization discretization{false, 1};
  /// Every DoF of the cells below z = 5 mm, fixed to its value in u.
  std::set<dealii::types::global_dof_index> fixed;
  dealii::AffineConstraints<double> constraints;
  std::vector<dealii::DoFHandler<dim>::active_cell_iterator> fixed_cells;

  FixedLayer()
      : config(testing::config_from_text(stretched_viscoelastic_block(), "fixed_cell_cache")),
        simulation(testing::run(config, "fixed_cell_cache"))
  {
    const dealii::DoFHandler<dim> &dofs = simulation->dofs();
    std::vector<dealii::types::global_dof_index> cell_dofs(dofs.get_fe().n_dofs_per_cell());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->center()[2] < 5)
      {
        cell->get_dof_indices(cell_dofs);
        fixed.insert(cell_dofs.begin(), cell_dofs.end());
        fixed_cells.push_back(cell);
      }
    for (const auto dof : fixed)
      constraints.add_line(dof);
    constraints.close();
  }

  QuadratureHistory history() const
  {
    return QuadratureHistory(simulation->dofs(), discretization.cell_quadrature.size(),
                             [&](const unsigned int region)
                             { return config.regions.at(region).material->create_state(); });
  }
  std::unique_ptr<SolidAssembler> assembler(QuadratureHistory &history) const
  {
    return std::make_unique<SolidAssembler>(simulation->dofs(), discretization, config.regions,
                                            config.boundary_conditions.tractions, history);
  }
  Vector vector() const
  {
    return Vector(simulation->dofs().locally_owned_dofs(), simulation->dofs().get_communicator());
  }
  /// K with every entry in its pattern.
  void reinit_full(Matrix &K) const
  {
    const auto n = simulation->dofs().n_dofs();
    dealii::DynamicSparsityPattern pattern(n, n);
    for (dealii::types::global_dof_index i = 0; i < n; ++i)
      for (dealii::types::global_dof_index j = 0; j < n; ++j)
        pattern.add(i, j);
    K.reinit(simulation->dofs().locally_owned_dofs(), simulation->dofs().locally_owned_dofs(), pattern,
             simulation->dofs().get_communicator());
  }
};

void expect_same_bits(const Vector &a, const Vector &b, const std::string &what)
{
  ASSERT_EQ(a.size(), b.size());
  for (dealii::types::global_dof_index i = 0; i < a.size(); ++i)
    EXPECT_EQ(a(i), b(i)) << what << ", row " << i;
}
} // namespace

TEST(FixedCellCache, AKeptEvaluationGivesTheSameBitsAndAChangedInputIsEvaluatedAfresh)
{
  const FixedLayer block;
  ASSERT_EQ(block.fixed_cells.size(), 4u);
  ASSERT_LT(block.fixed.size(), block.simulation->dofs().n_dofs());
  QuadratureHistory history = block.history();
  const auto assembler = block.assembler(history);
  const Vector &u = block.simulation->displacement();
  const double time = 0.5;

  Matrix K_first, K_kept;
  block.reinit_full(K_first);
  block.reinit_full(K_kept);
  Vector rhs_first = block.vector(), rhs_kept = block.vector(), R_first = block.vector(), R_kept = block.vector(),
         R_residual = block.vector();
  double scale_first = 0, scale_kept = 0, scale_residual = 0;
  ASSERT_TRUE(assembler->system(u, time, block.constraints, K_first, rhs_first, &R_first, &scale_first));
  EXPECT_EQ(assembler->reused_cell_evaluations(), 0u);
  ASSERT_TRUE(assembler->system(u, time, block.constraints, K_kept, rhs_kept, &R_kept, &scale_kept));
  EXPECT_EQ(assembler->reused_cell_evaluations(), 4u) << "the second system uses the 4 fixed cells' kept evaluations";
  ASSERT_TRUE(assembler->residual(u, time, R_residual, scale_residual));
  EXPECT_EQ(assembler->reused_cell_evaluations(), 8u) << "so does a residual";

  expect_same_bits(R_kept, R_first, "residual of the second system");
  expect_same_bits(R_residual, R_first, "residual alone");
  expect_same_bits(rhs_kept, rhs_first, "right-hand side");
  EXPECT_EQ(scale_kept, scale_first);
  EXPECT_EQ(scale_residual, scale_first);
  const auto n = block.simulation->dofs().n_dofs();
  for (dealii::types::global_dof_index i = 0; i < n; ++i)
    for (dealii::types::global_dof_index j = 0; j < n; ++j)
      EXPECT_EQ(K_kept.el(i, j), K_first.el(i, j)) << "entry " << i << ", " << j;

  // Moved fixed DoFs, and another time: evaluated afresh, as an assembler that kept nothing does.
  Vector moved = block.vector();
  moved = u;
  for (const auto dof : block.fixed)
    moved(dof) += 0.01;
  moved.compress(dealii::VectorOperation::add);
  for (const auto &[at, when] : {std::pair<const Vector *, double>{&moved, time}, {&u, 0.75}})
  {
    // Kept at (u, time) again first: the last evaluation is the one kept.
    ASSERT_TRUE(assembler->system(u, time, block.constraints, K_kept, rhs_kept));
    const std::uint64_t reused_before = assembler->reused_cell_evaluations();
    Vector R = block.vector(), R_fresh = block.vector();
    double scale = 0, scale_fresh = 0;
    ASSERT_TRUE(assembler->residual(*at, when, R, scale));
    EXPECT_EQ(assembler->reused_cell_evaluations(), reused_before) << "at t = " << when;
    QuadratureHistory fresh_history = block.history();
    ASSERT_TRUE(block.assembler(fresh_history)->residual(*at, when, R_fresh, scale_fresh));
    expect_same_bits(R, R_fresh, "changed input");
    Vector difference = R;
    difference -= R_first;
    EXPECT_GT(difference.linfty_norm(), 1e-6) << "the change of input changes the forces (t = " << when << ")";
  }
}

TEST(FixedCellCache, ARevertedHistoryIsEvaluatedAgainSoThatTheCommitTakesTheRightState)
{
  const FixedLayer block;
  const Vector &u = block.simulation->displacement();
  const double time = 0.5;
  Vector R = block.vector();
  double scale = 0;

  // Evaluated (the fixed cells' evaluations kept), reverted (the trial variables become the committed ones), evaluated
  // again, committed ...
  QuadratureHistory history = block.history();
  const auto assembler = block.assembler(history);
  Matrix K;
  block.reinit_full(K);
  Vector rhs = block.vector();
  ASSERT_TRUE(assembler->system(u, time, block.constraints, K, rhs));
  history.revert();
  ASSERT_TRUE(assembler->residual(u, time, R, scale));
  EXPECT_EQ(assembler->reused_cell_evaluations(), 0u) << "a revert drops the kept evaluations";
  history.commit();
  // ... commits what one evaluation and a commit do.
  QuadratureHistory reference = block.history();
  ASSERT_TRUE(block.assembler(reference)->residual(u, time, R, scale));
  reference.commit();

  QuadratureHistory initial = block.history();
  double moved = 0;
  for (const auto &cell : block.fixed_cells)
    for (unsigned int q = 0; q < history.points_per_cell(); ++q)
    {
      ASSERT_GT(history.n_values(*cell), 0u) << "the material has internal variables";
      for (unsigned int k = 0; k < history.n_values(*cell); ++k)
      {
        EXPECT_EQ(history.committed(*cell, q)[k], reference.committed(*cell, q)[k]);
        moved = std::max(moved, std::abs(reference.committed(*cell, q)[k] - initial.committed(*cell, q)[k]));
      }
    }
  EXPECT_GT(moved, 1e-6) << "the evaluation changes the fixed cells' internal variables (else nothing is checked)";
}
} // namespace cspine
