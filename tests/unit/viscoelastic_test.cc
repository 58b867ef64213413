// The Prony-series viscoelastic material (materials/viscoelastic.h) and the quadrature-point history that
// carries its internal variables: relaxation under a held stretch against the closed form, second-order
// convergence of a ramp to the convolution integral, the consistent tangent against finite differences,
// and, through a whole run, a block's reaction force relaxing as the series says.
#include "core/input_error.h"
#include "fe/quadrature_history.h"
#include "materials/neo_hookean_coupled.h"
#include "materials/neo_hookean_uncoupled.h"
#include "materials/viscoelastic.h"
#include "test_helpers.h"

#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace cspine
{
namespace
{
const std::vector<PronyTerm> two_terms = {{0.1, 0.5}, {1.0, 0.3}};

std::shared_ptr<const Material> coupled_neo_hookean()
{
  return std::make_shared<NeoHookeanCoupled>(1.0, 0.3);
}

/// Evaluates `material` at F over dt from `state`, which becomes the new state.
MaterialOutput step(const Material &material, const Tensor2 &F, const double dt, std::vector<double> &state,
                    const bool volumetric = true)
{
  std::vector<double> next(state.size());
  MaterialInput input;
  input.F = F;
  input.time_step = dt;
  input.volumetric = volumetric;
  input.state = state.data();
  MaterialOutput output;
  output.state = next.data();
  material.evaluate(input, output);
  state = next;
  return output;
}

Tensor2 stretch(const double lambda_x, const double lambda_y, const double lambda_z)
{
  Tensor2 F;
  F[0][0] = lambda_x;
  F[1][1] = lambda_y;
  F[2][2] = lambda_z;
  return F;
}

double relative_difference(const SymTensor2 &a, const SymTensor2 &b)
{
  return (a - b).norm() / b.norm();
}
} // namespace

TEST(Viscoelastic, RelaxesAsItsPronySeriesUnderAHeldStretch)
{
  const auto elastic = coupled_neo_hookean();
  const Viscoelastic material(elastic, two_terms);
  std::vector<double> state = material.create_state();
  ASSERT_EQ(state.size(), 3u * 6u);
  const Tensor2 F = stretch(0.95, 0.97, 1.2);
  MaterialInput elastic_input;
  elastic_input.F = F;
  MaterialOutput long_term;
  elastic->evaluate(elastic_input, long_term);

  // A sudden stretch (dt = 0): the instantaneous response, (1 + 0.5 + 0.3) times the elastic stress.
  EXPECT_LT(relative_difference(step(material, F, 0, state).S, 1.8 * long_term.S), 1e-14);
  // Held with uneven steps: S(t) = S_e (1 + sum beta_i exp(-t / tau_i)), exactly for the recursion.
  double t = 0;
  for (const double dt : {0.01, 0.04, 0.2, 0.05, 1.0, 3.0})
  {
    t += dt;
    const double factor = 1 + 0.5 * std::exp(-t / 0.1) + 0.3 * std::exp(-t / 1.0);
    EXPECT_LT(relative_difference(step(material, F, dt, state).S, factor * long_term.S), 1e-13) << "t = " << t;
  }
}

TEST(Viscoelastic, RelaxesOnlyTheIsochoricPartOfAnUncoupledModel)
{
  const Viscoelastic material(std::make_shared<NeoHookeanUncoupled>(1.0, 10.0), two_terms);
  std::vector<double> state = material.create_state();
  // Pure dilatation: the isochoric stress is zero, so nothing relaxes.
  const Tensor2 F = stretch(1.05, 1.05, 1.05);
  const SymTensor2 instantaneous = step(material, F, 0, state).S;
  EXPECT_GT(instantaneous.norm(), 0.1);
  EXPECT_LT(relative_difference(step(material, F, 10.0, state).S, instantaneous), 1e-13);
  // Isochoric shear relaxes to the elastic stress.
  Tensor2 shear = stretch(1, 1, 1);
  shear[0][1] = 0.2;
  std::vector<double> sheared = material.create_state();
  const SymTensor2 sudden = step(material, shear, 0, sheared).S;
  const SymTensor2 relaxed = step(material, shear, 100.0, sheared).S;
  EXPECT_NEAR(sudden[0][1] / relaxed[0][1], 1.8, 1e-10);
}

// A ramp F(t) = 1 + t A over [0, 0.2] s with tau = 0.1 s. The recursion takes S_e linear over each
// step, so its error is O(dt^2). Reference: Q(T) = beta int_0^T exp(-(T-s)/tau) dS_e/ds ds by
// composite Simpson with 4000 intervals and central differences of the elastic stress.
TEST(Viscoelastic, ARampConvergesToTheConvolutionAtSecondOrder)
{
  const auto elastic = coupled_neo_hookean();
  const double tau = 0.1, beta = 1.0, T = 0.2;
  const Viscoelastic material(elastic, {{tau, beta}});
  Tensor2 A;
  A[0][0] = 0.5;
  A[2][2] = 1.5;
  A[0][2] = 0.4;
  A[1][0] = -0.3;
  const auto F_at = [&](const double t)
  {
    Tensor2 F = stretch(1, 1, 1);
    return F + t * A;
  };
  const auto S_e = [&](const double t)
  {
    MaterialInput input;
    input.F = F_at(t);
    MaterialOutput output;
    elastic->evaluate(input, output);
    return output.S;
  };
  const unsigned int intervals = 4000;
  const double ds = T / intervals, h = 1e-6;
  SymTensor2 viscous;
  for (unsigned int k = 0; k <= intervals; ++k)
  {
    const double s = k * ds;
    const double weight = (k == 0 || k == intervals) ? 1 : (k % 2 ? 4 : 2);
    const SymTensor2 rate = (S_e(std::min(s + h, T + h)) - S_e(std::max(s - h, -h))) / (2 * h);
    viscous += weight * ds / 3 * beta * std::exp(-(T - s) / tau) * rate;
  }
  const SymTensor2 reference = S_e(T) + viscous;

  std::vector<double> errors;
  for (const unsigned int n_steps : {5u, 10u, 20u, 40u})
  {
    std::vector<double> state = material.create_state();
    SymTensor2 S;
    for (unsigned int k = 1; k <= n_steps; ++k)
      S = step(material, F_at(T * k / n_steps), T / n_steps, state).S;
    errors.push_back((S - reference).norm() / reference.norm());
  }
  for (std::size_t i = 1; i < errors.size(); ++i)
  {
    const double order = std::log2(errors[i - 1] / errors[i]);
    EXPECT_GT(order, 1.9) << "errors " << errors[i - 1] << " -> " << errors[i];
    EXPECT_LT(order, 2.1) << "errors " << errors[i - 1] << " -> " << errors[i];
  }
  EXPECT_LT(errors.back(), 1e-3);
}

// dS = CC : dE with dE = sym(F^T dF), from a loaded state over a finite step (the tangent then carries
// the factor 1 + sum beta_i g_i). Tolerance as in material_test.cc.
TEST(Viscoelastic, TangentMatchesFiniteDifferenceOfStress)
{
  for (const bool uncoupled : {false, true})
  {
    std::shared_ptr<const Material> elastic =
        uncoupled ? std::shared_ptr<const Material>(std::make_shared<NeoHookeanUncoupled>(1.0, 10.0))
                  : coupled_neo_hookean();
    const Viscoelastic material(elastic, two_terms);
    std::vector<double> loaded = material.create_state();
    step(material, stretch(0.9, 1.0, 1.25), 0.05, loaded);

    Tensor2 F = stretch(0.93, 1.02, 1.3), dF;
    F[0][1] = 0.1;
    dF[0][0] = 0.3;
    dF[1][2] = -0.7;
    dF[2][0] = 0.4;
    dF[2][2] = 0.5;
    const double h = 1e-6, dt = 0.03;
    std::vector<double> state = loaded, plus_state = loaded, minus_state = loaded;
    const MaterialOutput at = step(material, F, dt, state);
    const SymTensor2 dS =
        (step(material, F + h * dF, dt, plus_state).S - step(material, F - h * dF, dt, minus_state).S) / (2 * h);
    const SymTensor2 dE = dealii::symmetrize(dealii::transpose(F) * dF);
    EXPECT_LT(relative_difference(at.tangent * dE, dS), 1e-6) << (uncoupled ? "uncoupled" : "coupled");
  }
}

TEST(Viscoelastic, AnEvaluationOverNoTimeKeepsItsOwnState)
{
  const Viscoelastic material(coupled_neo_hookean(), two_terms);
  std::vector<double> state = material.create_state();
  const Tensor2 F = stretch(0.9, 1.0, 1.25);
  const SymTensor2 S = step(material, F, 0.07, state).S;
  const std::vector<double> after_step = state;
  EXPECT_LT(relative_difference(step(material, F, 0, state).S, S), 1e-15);
  EXPECT_EQ(state, after_step);
}

TEST(QuadratureHistory, CommitsRevertsAndLoadsOnAnotherNumbering)
{
  dealii::Triangulation<dim> mesh;
  dealii::GridGenerator::hyper_cube(mesh, 0, 1);
  mesh.refine_global(1);
  const dealii::FESystem<dim> fe(dealii::FE_Q<dim>(1), dim);
  dealii::DoFHandler<dim> dofs(mesh);
  dofs.distribute_dofs(fe);
  // Region 0 has two variables per point, region 1 none.
  unsigned int n = 0;
  for (const auto &cell : dofs.active_cell_iterators())
    cell->set_material_id(n++ % 2);
  const auto initial = [](const unsigned int region)
  {
    return region == 0 ? std::vector<double>{1, 2} : std::vector<double>{};
  };
  QuadratureHistory history(dofs, 3, initial);
  ASSERT_NE(history.committed(*dofs.begin_active(), 2), nullptr) << "region 0 keeps two variables per point";

  const auto value_of = [](const dealii::CellAccessor<dim> &cell, const unsigned int q)
  {
    return cell.center()[0] + 10 * cell.center()[1] + 100 * cell.center()[2] + 1000 * q;
  };
  for (const auto &cell : dofs.active_cell_iterators())
    for (unsigned int q = 0; q < 3; ++q)
      if (double *trial = history.trial(*cell, q))
        trial[1] = value_of(*cell, q);
      else
        EXPECT_EQ(cell->material_id(), 1u);
  history.set_trial_time(0.5);
  history.revert();
  for (const auto &cell : dofs.active_cell_iterators())
  {
    if (cell->material_id() == 0)
    {
      ASSERT_EQ(history.trial(*cell, 2)[1], 2.0) << "a revert drops the trial";
    }
  }
  for (const auto &cell : dofs.active_cell_iterators())
    for (unsigned int q = 0; q < 3; ++q)
      if (double *trial = history.trial(*cell, q))
        trial[1] = value_of(*cell, q);
  history.set_trial_time(0.5);
  history.commit();
  EXPECT_EQ(history.committed_time(), 0.5);

  ArchiveWriter writer;
  history.save(writer);
  // The same cells in another order (as another partition gives them).
  dealii::Triangulation<dim> other_mesh;
  dealii::GridGenerator::hyper_cube(other_mesh, 0, 1);
  other_mesh.refine_global(1);
  dealii::DoFHandler<dim> other_dofs(other_mesh);
  other_dofs.distribute_dofs(fe);
  dealii::DoFRenumbering::Cuthill_McKee(other_dofs);
  n = 0;
  for (const auto &cell : other_dofs.active_cell_iterators())
    cell->set_material_id(n++ % 2);
  QuadratureHistory loaded(other_dofs, 3, initial);
  ArchiveReader reader(writer.bytes(), "test");
  loaded.load(reader);
  EXPECT_EQ(loaded.committed_time(), 0.5);
  for (const auto &cell : other_dofs.active_cell_iterators())
    for (unsigned int q = 0; q < 3; ++q)
      if (const double *committed = loaded.committed(*cell, q))
      {
        EXPECT_EQ(committed[0], 1.0);
        EXPECT_EQ(committed[1], value_of(*cell, q));
      }

  // Another material layout is refused.
  QuadratureHistory other_layout(dofs, 3, [](const unsigned int) { return std::vector<double>{0}; });
  ArchiveReader again(writer.bytes(), "test");
  EXPECT_THROW(other_layout.load(again), InputError);
}

// The whole run: a block of coupled neo-Hookean material with the series above, stretched to 1.2 in one
// step of 0.1 s and held. Its lateral faces are free, and the whole stress relaxes by one factor, so the
// deformation stays that of the elastic block and the reaction is R_e (1 + sum beta_i g_i exp(-(t -
// 0.1)/tau_i)), g_i = (1 - exp(-0.1/tau_i)) / (0.1/tau_i): what the first step built up, decaying.
TEST(Viscoelastic, ABlocksReactionRelaxesAsTheSeriesSays)
{
  Config config = read_config(std::string(CSPINE_SOURCE_DIR) + "/configs/verification/relaxation_viscoelastic.prm");
  const auto simulation = testing::run(config, "relaxation_viscoelastic");
  const History &history = simulation->history();
  unsigned int column = 0;
  for (unsigned int c = 0; c < history.columns().size(); ++c)
    if (history.columns()[c] == "reaction_z_5 [N]")
      column = c;
  ASSERT_GT(column, 0u);
  ASSERT_EQ(history.rows().size(), 32u);

  // The elastic reaction: F = diag(a, a, 1.2) with zero lateral Cauchy stress
  // sigma = mu/J (b - 1) + lambda ln J / J 1 (Bonet & Wood 2008, eq. 5.29), E = 1 MPa, nu = 0.3.
  const double E = 1, nu = 0.3, mu = E / (2 * (1 + nu)), lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  const double stretch_z = 1.2;
  const auto sigma = [&](const double a, const double b)
  {
    return mu / (a * a * stretch_z) * (b - 1) + lambda * std::log(a * a * stretch_z) / (a * a * stretch_z);
  };
  double low = 0.5, high = 1;
  for (unsigned int i = 0; i < 200; ++i)
  {
    const double mid = 0.5 * (low + high);
    (sigma(mid, mid * mid) > 0 ? high : low) = mid;
  }
  const double a = 0.5 * (low + high), side = 10;
  const double elastic_reaction = sigma(a, stretch_z * stretch_z) * (a * side) * (a * side);

  double checked = 0;
  for (const std::vector<double> &row : history.rows())
  {
    const double t = row[0];
    if (t < 0.1 - 1e-12)
      continue;
    double factor = 1;
    for (const PronyTerm &term : two_terms)
    {
      const double ratio = 0.1 / term.time;
      factor += term.weight * (1 - std::exp(-ratio)) / ratio * std::exp(-(t - 0.1) / term.time);
    }
    // Newton stops at |R| <= 1e-8 x the force scale; 1e-6 relative leaves margin for that only.
    EXPECT_NEAR(row[column], factor * elastic_reaction, 1e-6 * elastic_reaction) << "t = " << t;
    ++checked;
  }
  EXPECT_EQ(checked, 31);
  // It does relax: from about 1.6 R_e to about 1.06 R_e at 3 s.
  EXPECT_GT(history.rows()[1][column], 1.5 * elastic_reaction);
  EXPECT_LT(history.rows().back()[column], 1.1 * elastic_reaction);
}

// Creep of a standard linear solid: the same block with one Prony term (tau = 0.5 s, beta = 1: the
// instantaneous modulus twice the long-term E), nu = 0 (uniaxial stress is then one-dimensional), under a
// nominal traction ramped to s0 = 1e-5 MPa over t1 = 0.05 s and held (small strain: the neo-Hookean
// block is linear to 1e-5). Linear viscoelasticity (creep compliance J(t) = (1 - b e^(-t/tc)) / E,
// b = beta / (1 + beta), tc = tau (1 + beta)) gives after the ramp
//   eps(t) = s0 / E [1 - b (tc / t1) (e^(t1/tc) - 1) e^(-t/tc)],
// so the top creeps from about half to all of s0 L / E.
TEST(Viscoelastic, ABlockCreepsAsAStandardLinearSolid)
{
  const double E = 1, s0 = 1e-5, t1 = 0.05, tau = 0.5, beta = 1, L = 10;
  const std::string text = R"(
subsection Mesh
  set Source       = generated
  set Shape        = block
  set Cell type    = hexahedra
  set Dimensions   = 10, 10, 10
  set Subdivisions = 2, 2, 2
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
    subsection neo_hookean_coupled
      set Young's modulus = 1
      set Poisson's ratio = 0
    end
    subsection Viscoelasticity
      set Prony series = 0.5:1
    end
  end
end
subsection Boundary conditions
  set Fixed displacement = x_min: x = 0; y_min: y = 0; z_min: z = 0
  set Traction = z_max: 0, 0, (t < 0.05 ? 2e-4 * t : 1e-5)
end
subsection Time
  set End time        = 3.05
  set Number of steps = 610
end
subsection Newton
  set Residual tolerance = 1e-10
end
subsection Output
  set Monitor points = top: 10, 10, 10
end
)";
  Config config = testing::config_from_text(text, "creep_viscoelastic");
  const auto simulation = testing::run(config, "creep_viscoelastic");
  const History &history = simulation->history();
  const std::size_t top = testing::column(history, "u_z_top [mm]");
  const double b = beta / (1 + beta), tc = tau * (1 + beta), creep_scale = s0 * L / E;
  unsigned int checked = 0;
  double first = 0, last = 0;
  for (const std::vector<double> &row : history.rows())
  {
    const double t = row[0];
    if (t < t1 - 1e-12)
      continue;
    const double expected = creep_scale * (1 - b * (tc / t1) * (std::exp(t1 / tc) - 1) * std::exp(-t / tc));
    // The recursion's error is O(dt^2), (dt / tau)^2 = 1e-4; the block's nonlinearity at 1e-5 strain about
    // 1e-5 of the creep. Measured: 4.9e-6 of s0 L / E at most.
    EXPECT_NEAR(row[top], expected, 1e-4 * creep_scale) << "t = " << t;
    (checked == 0 ? first : last) = row[top];
    ++checked;
  }
  EXPECT_EQ(checked, 601u);
  EXPECT_LT(first, 0.55 * creep_scale); // it does creep: from about half of s0 L / E
  EXPECT_GT(last, 0.97 * creep_scale);
}
} // namespace cspine
