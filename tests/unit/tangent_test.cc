// The assembled tangent against central differences of the assembled residual, on two blocks in contact
// after a 1 mm slide with a taut 1-D ligament across them. The solid and the solid with the ligament must
// match to 1e-6 along a random direction. The contact tangent leaves out the variation of the normal and
// of the projection point (contact/penalty_contact.h): with contact the mismatch is measured and printed,
// not asserted (measured: 1.0e-3 along a rigid normal translation of the upper block, 3.0e-3 along a
// random direction; the blocks' deformed faces tilt, so even the translation moves projection points).
#include "contact/penalty_contact.h"
#include "fe/discretization.h"
#include "loads/ligament_springs.h"
#include "mechanics/solid_assembler.h"
#include "sliding_blocks.h"
#include "test_helpers.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace cspine
{
namespace
{
/// |K d - (R(u + h d) - R(u - h d)) / 2h|_inf / |K d|_inf for the assembler's terms at u (ghosted).
double tangent_mismatch(const SolidAssembler &assembler, const dealii::DoFHandler<dim> &dofs, const Vector &u,
                        const Vector &direction, const double time)
{
  const MPI_Comm comm = dofs.get_communicator();
  const dealii::IndexSet &owned = dofs.locally_owned_dofs();
  // Every DoF coupled with every other: small, and no term's couplings can be missing.
  dealii::DynamicSparsityPattern pattern(dofs.n_dofs(), dofs.n_dofs());
  for (dealii::types::global_dof_index i = 0; i < dofs.n_dofs(); ++i)
    for (dealii::types::global_dof_index j = 0; j < dofs.n_dofs(); ++j)
      pattern.add(i, j);
  Matrix K;
  K.reinit(owned, owned, pattern, comm);
  dealii::AffineConstraints<double> none;
  none.close();
  Vector rhs(owned, comm), K_d(owned, comm);
  // The residual the system's pass gives alongside is the residual assembly's, bit for bit, terms included
  // (Newton's first update of a solve takes it from there).
  Vector from_system(owned, comm), alone(owned, comm);
  double scale_from_system = 0, scale_alone = 0;
  EXPECT_TRUE(assembler.system(u, time, none, K, rhs, &from_system, &scale_from_system));
  EXPECT_TRUE(assembler.residual(u, time, alone, scale_alone));
  EXPECT_EQ(scale_from_system, scale_alone);
  alone -= from_system;
  EXPECT_EQ(alone.linfty_norm(), 0.0);
  K.vmult(K_d, direction);

  const double h = 1e-6;
  const auto residual_at = [&](const double step)
  {
    Vector moved(owned, comm), ghosted(u), residual(owned, comm);
    for (const auto dof : owned)
      moved(dof) = u(dof) + step * direction(dof);
    moved.compress(dealii::VectorOperation::insert);
    ghosted = moved;
    double force_scale = 0;
    EXPECT_TRUE(assembler.residual(ghosted, time, residual, force_scale));
    return residual;
  };
  Vector difference = residual_at(h);
  difference -= residual_at(-h);
  difference /= 2 * h;
  difference -= K_d;
  return difference.linfty_norm() / K_d.linfty_norm();
}
} // namespace

TEST(AssembledTangent, SolidAndLigamentsMatchFiniteDifferences)
{
  const std::string folder = testing::scratch_directory("tangent_files");
  std::filesystem::create_directories(folder);
  // From the lower block's -x side to the upper block's +x side: the slide stretches it (about 14 %).
  std::ofstream(folder + "/blocks.ligaments") << "name,bone_a,x_a,y_a,z_a,bone_b,x_b,y_b,z_b,radius\n"
                                                 "all_c3_c4,lower,0,2,1,upper,4,2,3.5,0.8\n";
  Config config =
      testing::config_from_text(testing::sliding_contact_blocks("", "  subsection Ligaments\n    set File = " + folder +
                                                                        "/blocks.ligaments\n  end\n"),
                                "tangent");
  const auto simulation = testing::run(config, "tangent");
  const Vector &u = simulation->displacement();
  const dealii::DoFHandler<dim> &dofs = simulation->dofs();
  ASSERT_GT(simulation->ligaments()->states(u, 0)[0].force, 1) << "the ligament must be taut for the check";

  const Discretization discretization(true, 1);
  PenaltyContact contact(dofs, config.load_case.contact);
  contact.start_step(u);
  dealii::DynamicSparsityPattern unused(dofs.n_dofs(), dofs.n_dofs());
  contact.add_sparsity(unused, u); // finds which nodes it couples, as a run does at each step
  ASSERT_GT(contact.states(u).size(), 0u);
  double pressing = 0;
  for (const ContactNodeState &node : contact.states(u))
    pressing += node.pressure * node.area;
  ASSERT_GT(pressing, 1) << "the blocks must press for the check";

  QuadratureHistory history(dofs, discretization.cell_quadrature.size(),
                            [&](const unsigned int region)
                            { return config.regions.at(region).material->create_state(); });
  SolidAssembler solid_only(dofs, discretization, config.regions, config.boundary_conditions.tractions, history);
  SolidAssembler all_terms(dofs, discretization, config.regions, config.boundary_conditions.tractions, history);
  all_terms.add_term(*simulation->ligaments());
  all_terms.add_term(contact);
  SolidAssembler ligament_only(dofs, discretization, config.regions, config.boundary_conditions.tractions, history);
  ligament_only.add_term(*simulation->ligaments());

  const MPI_Comm comm = dofs.get_communicator();
  Vector random(dofs.locally_owned_dofs(), comm), translation(dofs.locally_owned_dofs(), comm);
  std::mt19937 generator(7);
  std::uniform_real_distribution<double> uniform(-1, 1);
  for (const auto dof : dofs.locally_owned_dofs())
    random(dof) = uniform(generator);
  random.compress(dealii::VectorOperation::insert);
  // The upper block moved rigidly along the contact normal (z).
  for (const Node &node :
       owned_region_nodes(dofs, *discretization.mapping, [](unsigned int region) { return region == 2; }))
    translation(node.dofs[2]) = -1;
  translation.compress(dealii::VectorOperation::insert);

  const double time = 2;
  EXPECT_LT(tangent_mismatch(solid_only, dofs, u, random, time), 1e-6);
  EXPECT_LT(tangent_mismatch(ligament_only, dofs, u, random, time), 1e-6);
  std::cout << "with contact (its normal and projection variation left out), relative mismatch: "
            << tangent_mismatch(all_terms, dofs, u, translation, time) << " along a normal translation, "
            << tangent_mismatch(all_terms, dofs, u, random, time) << " along a random direction" << std::endl;
}
} // namespace cspine
