// The run's one State and the histories it carries: commit and revert, checkpoints that load bit for bit
// on another DoF numbering, checkpoints that are refused, and result files a full disk cannot corrupt.
#include "core/input_error.h"
#include "fe/node_set.h"
#include "io/file_output.h"
#include "io/history.h"
#include "io/vtk_files.h"
#include "mechanics/state.h"
#include "test_helpers.h"

#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace cspine
{
namespace
{
std::string read_file(const std::string &path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A history holding one number, counting what the state asked of it.
class CountingHistory : public StepHistory
{
public:
  std::string history_name() const override { return "counting"; }
  void commit() override
  {
    committed = value;
    ++commits;
  }
  void revert() override
  {
    value = committed;
    ++reverts;
  }
  void save(ArchiveWriter &archive) const override { archive.put(committed); }
  void load(ArchiveReader &archive) override { value = committed = archive.get_double(); }
  double value = 0, committed = 0;
  unsigned int commits = 0, reverts = 0;
};

/// A unit cube of 2 x 2 x 2 trilinear cells with three displacement components.
struct SmallModel
{
  explicit SmallModel(const bool renumber = false) : fe(dealii::FE_Q<dim>(1), dim), mapping(1)
  {
    dealii::GridGenerator::hyper_cube(mesh, 0, 1);
    mesh.refine_global(1);
    dofs.reinit(mesh);
    dofs.distribute_dofs(fe);
    if (renumber)
      dealii::DoFRenumbering::Cuthill_McKee(dofs);
  }
  dealii::Triangulation<dim> mesh;
  dealii::FESystem<dim> fe;
  dealii::MappingQ<dim> mapping;
  dealii::DoFHandler<dim> dofs;
};

/// checkpoint.cspine in an emptied scratch folder.
std::string scratch_checkpoint(const std::string &name)
{
  const std::string folder = testing::scratch_directory(name);
  std::filesystem::create_directories(folder);
  return folder + "/checkpoint.cspine";
}

/// Each node's values by its reference position.
std::map<std::array<double, dim>, Vector3> by_position(const SmallModel &model, const Vector &u)
{
  std::map<std::array<double, dim>, Vector3> values;
  for (const Node &node : owned_region_nodes(model.dofs, model.mapping, [](unsigned int) { return true; }))
    for (unsigned int d = 0; d < dim; ++d)
      values[{{node.X[0], node.X[1], node.X[2]}}][d] = u(node.dofs[d]);
  return values;
}
} // namespace

TEST(State, RevertReturnsToTheLastCommit)
{
  SmallModel model;
  State state(model.dofs, model.mapping, model.dofs.locally_owned_dofs());
  CountingHistory history;
  state.add(history);
  state.u = 1.5;
  state.control.time = 1;
  history.value = 3;
  state.commit();
  // A trial: a failed solve or a line search moves everything.
  state.u = 7;
  state.control.time = 2;
  state.control.reduction = 0.25;
  history.value = 4;
  state.revert();
  for (const auto dof : model.dofs.locally_owned_dofs())
    ASSERT_EQ(state.u(dof), 1.5);
  EXPECT_EQ(state.control.time, 1);
  EXPECT_EQ(state.control.reduction, 1);
  EXPECT_EQ(history.value, 3);
  EXPECT_EQ(history.commits, 1u);
  EXPECT_EQ(history.reverts, 1u);
}

TEST(State, CheckpointLoadsBitForBitOnAnotherNumbering)
{
  const std::string file = scratch_checkpoint("state_checkpoint");

  SmallModel saved_model;
  State saved(saved_model.dofs, saved_model.mapping, saved_model.dofs.locally_owned_dofs());
  CountingHistory saved_history;
  saved.add(saved_history);
  for (const auto dof : saved_model.dofs.locally_owned_dofs())
    saved.u(dof) = std::sin(1.0 + dof) / 3; // no value survives a round trip through text
  saved.u.compress(dealii::VectorOperation::insert);
  saved.control = {0.375, 7, 2, 0.5, 1, 12.25, -3.125};
  saved_history.value = M_PI;
  saved.commit();
  saved.save(file, 42);

  // Another DoF numbering, as another partition or rank count gives.
  SmallModel loaded_model(true);
  State loaded(loaded_model.dofs, loaded_model.mapping, loaded_model.dofs.locally_owned_dofs());
  CountingHistory loaded_history;
  loaded.add(loaded_history);
  loaded.load(file, 42);

  EXPECT_EQ(by_position(loaded_model, loaded.u), by_position(saved_model, saved.u));
  bool numbering_differs = false;
  for (const auto dof : saved_model.dofs.locally_owned_dofs())
    numbering_differs |= loaded.u(dof) != saved.u(dof);
  EXPECT_TRUE(numbering_differs) << "the renumbered model must store its values elsewhere";
  EXPECT_EQ(loaded.control.time, 0.375);
  EXPECT_EQ(loaded.control.step, 7u);
  EXPECT_EQ(loaded.control.target, 2u);
  EXPECT_EQ(loaded.control.reduction, 0.5);
  EXPECT_EQ(loaded.control.successes, 1u);
  EXPECT_EQ(loaded.control.largest_force_scale, 12.25);
  EXPECT_EQ(loaded.control.last_head_moment, -3.125);
  EXPECT_EQ(loaded_history.value, M_PI);
  // Loading commits: a cut right after a resume returns to the checkpoint.
  loaded.u = 0;
  loaded.revert();
  EXPECT_EQ(by_position(loaded_model, loaded.u), by_position(saved_model, saved.u));
}

TEST(State, RefusesACheckpointItCannotTrust)
{
  const std::string file = scratch_checkpoint("state_refused");
  SmallModel model;
  State state(model.dofs, model.mapping, model.dofs.locally_owned_dofs());
  state.u = 0.25;
  state.commit();
  state.save(file, 42);

  const auto message_of = [&](const std::uint64_t fingerprint)
  {
    try
    {
      State other(model.dofs, model.mapping, model.dofs.locally_owned_dofs());
      other.load(file, fingerprint);
    }
    catch (const InputError &error)
    {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message_of(43).find("another config"), std::string::npos) << message_of(43);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  EXPECT_NE(message_of(42).find("ends early"), std::string::npos) << message_of(42);
  std::filesystem::remove(file);
  EXPECT_NE(message_of(42).find("no checkpoint"), std::string::npos) << message_of(42);

  // Another mesh: one refinement more.
  state.save(file, 42);
  SmallModel finer;
  finer.mesh.refine_global(1);
  finer.dofs.distribute_dofs(finer.fe);
  State other(finer.dofs, finer.mapping, finer.dofs.locally_owned_dofs());
  EXPECT_THROW(other.load(file, 42), InputError);
}

TEST(FileOutput, AFullDiskKeepsThePreviousIndex)
{
  ASSERT_TRUE(std::filesystem::exists("/dev/full"));
  const std::string folder = testing::scratch_directory("full_disk");
  std::filesystem::create_directories(folder);
  const std::string index = folder + "/solution.pvd";
  write_file_atomically(index, "the previous index");
  // The temporary file lands on a device that is always full.
  std::filesystem::create_symlink("/dev/full", index + ".tmp");
  try
  {
    write_file_atomically(index, "a new index");
    FAIL() << "a write to a full disk was not noticed";
  }
  catch (const OutputError &error)
  {
    EXPECT_NE(std::string(error.what()).find("No space left on device"), std::string::npos) << error.what();
  }
  EXPECT_EQ(read_file(index), "the previous index");
}

// The last converged state is written again when a run stops: the index lists its time once, with the
// newer frame.
TEST(FileOutput, AnIndexListsATimeOnce)
{
  const std::string folder = testing::scratch_directory("pvd_times");
  std::filesystem::create_directories(folder);
  write_pvd(folder + "/solution.pvd", {{0, "a.pvtu"}, {0.5, "b.pvtu"}, {0.5, "c.pvtu"}});
  const std::string index = read_file(folder + "/solution.pvd");
  EXPECT_EQ(index.find("b.pvtu"), std::string::npos) << index;
  EXPECT_NE(index.find("timestep=\"0.5\" group=\"\" part=\"0\" file=\"c.pvtu\""), std::string::npos) << index;
  EXPECT_NE(index.find("a.pvtu"), std::string::npos) << index;
}

TEST(FileOutput, AFullDiskStopsTheHistory)
{
  History history({"time [s]", "u_x_tip [mm]"});
  try
  {
    history.open("/dev/full");
    history.add_row({0, 0});
    FAIL() << "rows written to a full disk were not noticed";
  }
  catch (const OutputError &error)
  {
    EXPECT_NE(std::string(error.what()).find("No space left on device"), std::string::npos) << error.what();
  }
}

} // namespace cspine
