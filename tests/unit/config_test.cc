// Input errors, parsed in-process: each message names the file, the entry and what is allowed.
#include "core/input_error.h"
#include "materials/registry.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace cspine
{
namespace
{
const std::string valid = R"(
subsection Regions
  subsection solid
    set Material = neo_hookean_uncoupled
  end
end
subsection Boundary conditions
  set Fixed displacement = z_min: z = 0
end
)";

/// The message of the InputError that parsing `text` throws ("" if it does not throw).
std::string error_of(const std::string &text)
{
  try
  {
    testing::config_from_text(text, "bad");
  }
  catch (const InputError &error)
  {
    return error.what();
  }
  return "";
}

std::string with(const std::string &extra)
{
  return valid + extra;
}

TEST(Config, ValidConfigParses)
{
  const Config config = testing::config_from_text(valid, "good");
  ASSERT_EQ(config.regions.size(), 1u);
  EXPECT_EQ(config.regions.at(0).material_name, "neo_hookean_uncoupled");
  EXPECT_NE(config.used_parameters.find("Units: length mm"), std::string::npos);
}

// A file that includes itself through another: a clear error, not a stack overflow.
TEST(Config, IncludeCycleIsRejected)
{
  const std::string folder = testing::scratch_directory("include_cycle");
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
  {
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/a.prm") << valid << "include " << folder << "/b.prm\n";
    std::ofstream(folder + "/b.prm") << "# comment\n  include " << folder << "/a.prm  \n";
  }
  MPI_Barrier(MPI_COMM_WORLD);
  try
  {
    read_config(folder + "/a.prm");
    ADD_FAILURE() << "a cycle of includes was accepted";
  }
  catch (const InputError &error)
  {
    const std::string message = error.what();
    EXPECT_NE(message.find("a.prm: the includes form a cycle"), std::string::npos) << message;
    EXPECT_NE(message.find("b.prm -> " + folder + "/a.prm"), std::string::npos) << message;
  }
}

// Entries read as text (monitor points, expressions, curves) have no numeric pattern, so NaN and an
// overflow to infinity (1e999) would pass into the run: both are rejected by entry.
TEST(Config, NonFiniteValuesAreRejected)
{
  for (const std::string value : {"nan", "-NaN", "1e999", "inf"})
  {
    const std::string message =
        error_of(with("subsection Output\n  set Monitor points = tip: 0, 0, " + value + "\nend\n"));
    EXPECT_NE(message.find("Output/Monitor points"), std::string::npos) << value << ": " << message;
    EXPECT_NE(message.find("finite numbers only"), std::string::npos) << value << ": " << message;
  }
  const std::string in_expression =
      error_of("subsection Boundary conditions\n  set Fixed displacement = z_min: z = 0.1 * nan\nend\n" +
               valid.substr(valid.find("subsection Regions"),
                            valid.find("subsection Boundary") - valid.find("subsection Regions")));
  EXPECT_NE(in_expression.find("Boundary conditions/Fixed displacement"), std::string::npos) << in_expression;
  // Words that are not numbers pass: a path with "inf" in it is not infinity.
  EXPECT_EQ(error_of(with("subsection Output\n  set Directory = /tmp/inf/nan-runs\nend\n")), "");
}

// deal.II would keep the last of two settings silently; an included file's value may be overridden.
TEST(Config, EntrySetTwiceInOneFileIsRejected)
{
  const std::string message =
      error_of(valid + "subsection Boundary conditions\n  set Fixed displacement = z_min: z = 1\nend\n");
  EXPECT_NE(message.find("Boundary conditions/Fixed displacement = z_min: z = '1'"), std::string::npos) << message;
  EXPECT_NE(message.find("already set on line 8"), std::string::npos) << message;

  const std::string folder = testing::scratch_directory("include_override");
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
  {
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/base.prm") << valid;
    std::ofstream(folder + "/case.prm") << "include " << folder
                                        << "/base.prm\nsubsection Boundary conditions\n  set Fixed displacement = "
                                           "z_min: z = 1\nend\n";
  }
  MPI_Barrier(MPI_COMM_WORLD);
  EXPECT_EQ(read_config(folder + "/case.prm").boundary_conditions.dirichlet.size(), 1u);
}

TEST(Config, UnknownEntryNamesFileAndEntry)
{
  const std::string message = error_of(with("subsection Time\n  set Numbr of steps = 3\nend\n"));
  EXPECT_NE(message.find("bad.prm"), std::string::npos) << message;
  EXPECT_NE(message.find("Numbr of steps"), std::string::npos) << message;
}

TEST(Config, OutOfRangeValueNamesEntryAndRange)
{
  const std::string message = error_of(with("subsection Time\n  set Number of steps = 0\nend\n"));
  EXPECT_NE(message.find("bad.prm"), std::string::npos) << message;
  EXPECT_NE(message.find("Number of steps"), std::string::npos) << message;
  EXPECT_NE(message.find("range"), std::string::npos) << message;
}

TEST(Config, MissingMeshFileNamesEntry)
{
  const std::string message = error_of(with("subsection Mesh\n  set Source = gmsh\n  set File = nowhere.msh\nend\n"));
  EXPECT_NE(message.find("bad.prm: Mesh/File = 'nowhere.msh'"), std::string::npos) << message;
}

TEST(Config, UnknownRegionListsTheMeshRegions)
{
  const std::string message =
      error_of(with("subsection Regions\n  subsection bone\n    set Material = mooney_rivlin\n  end\nend\n"));
  EXPECT_NE(message.find("bad.prm"), std::string::npos) << message;
  EXPECT_NE(message.find("bone"), std::string::npos) << message;
  EXPECT_NE(message.find("Regions of the mesh (subsections of 'Regions'): solid"), std::string::npos) << message;
}

TEST(Config, MisspelledMaterialListsValidNames)
{
  std::string text = valid;
  text.replace(text.find("neo_hookean_uncoupled"), 21, "neo_hooken");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("bad.prm"), std::string::npos) << message;
  EXPECT_NE(message.find("neo_hooken"), std::string::npos) << message;
  EXPECT_NE(message.find("fibre_exponential"), std::string::npos) << message;
}

TEST(Config, UnknownBoundaryListsTheMeshBoundaries)
{
  std::string text = valid;
  text.replace(text.find("z_min: z"), 5, "top:");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("bad.prm: Boundary conditions/Fixed displacement = 'top'"), std::string::npos) << message;
  EXPECT_NE(message.find("x_min, x_max"), std::string::npos) << message;
}

TEST(Config, FibreMaterialWithoutFibresIsRejected)
{
  std::string text = valid;
  text.replace(text.find("neo_hookean_uncoupled"), 21,
               "fibre_exponential\n    subsection fibre_exponential\n      set Shear modulus = 1\n      set Bulk "
               "modulus = 10\n      set k1 = 1\n      set k2 = 1\n    end");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("Regions/solid/Fibres/Rule = 'none'"), std::string::npos) << message;
}

TEST(Config, EntryWithoutDefaultMustBeSet)
{
  std::string text = valid;
  text.replace(text.find("neo_hookean_uncoupled"), 21, "fibre_exponential");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("fibre_exponential/"), std::string::npos) << message;
  EXPECT_NE(message.find("must be set"), std::string::npos) << message;
}

TEST(Config, BadExpressionNamesEntry)
{
  std::string text = valid;
  text.replace(text.find("z = 0"), 5, "z = 5*tt");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("Boundary conditions/Fixed displacement = '5*tt'"), std::string::npos) << message;
}

TEST(Config, PrintParametersListsEveryMaterial)
{
  std::ostringstream out;
  print_parameters(out);
  ASSERT_GE(material_registry().names().size(), 4u);
  for (const std::string &name : material_registry().names())
    EXPECT_NE(out.str().find("subsection " + name), std::string::npos) << name;
  EXPECT_NE(out.str().find("[MPa]"), std::string::npos);
}
} // namespace
} // namespace cspine

namespace cspine
{
// A node that cannot hold the run refuses it, naming the config and what it needs; one that can runs.
TEST(MemoryEstimate, ARunThatDoesNotFitTheNodeIsRefused)
{
  MemoryEstimate estimate;
  estimate.resident = 300;
  estimate.linear_solver = 1200;
  estimate.steps = 100;
  estimate.ranks_per_node = 4;
  estimate.available = 6000; // 4 x 1600 MB = 6400 MB needed
  try
  {
    check_memory_fits(estimate, "study.prm");
    FAIL() << "6400 MB on a node with 6000 MB available was accepted";
  }
  catch (const InputError &error)
  {
    const std::string message = error.what();
    EXPECT_NE(message.find("study.prm: this run would need about 1600 MB per rank"), std::string::npos) << message;
    EXPECT_NE(message.find("4 rank(s) per node; 6000 MB available"), std::string::npos) << message;
  }
  estimate.available = 6400;
  EXPECT_NO_THROW(check_memory_fits(estimate, "study.prm"));
  estimate.available = 0; // unknown: not refused
  EXPECT_NO_THROW(check_memory_fits(estimate, "study.prm"));
}
} // namespace cspine
