// cspine command line: cspine CONFIG.prm [--output DIR] [--overwrite] [--validate] [--wall-time S]
// [--resume DIR] | --print-parameters.
// Exit codes: 0 success, 1 bad input, 2 the solver stopped early (last converged state written), 3 internal
// error or a PETSc call failed (often a PETSc option value PETSc refuses), 4 a result file could not be
// written (full disk), 5 the wall-time limit was reached (checkpoint written; continue with --resume).
// With more than one rank, an error that only one rank can see (4, 3) aborts all ranks, so that none
// waits for the one that stopped.
#include "app/petsc_command_line.h"
#include "app/simulation.h"
#include "core/input_error.h"
#include "fe/petsc_check.h"
#include "io/file_output.h"
#include "mechanics/config.h"

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/lac/exceptions.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

namespace
{
const char *usage = "usage: cspine CONFIG.prm [--output DIR] [--overwrite] [--validate] [--wall-time S]\n"
                    "       cspine CONFIG.prm --resume DIR [--wall-time S]\n"
                    "       cspine --print-parameters\n"
                    "  --output DIR        write results to DIR instead of the config's Output/Directory\n"
                    "  --overwrite         replace the contents of an output folder that already holds files\n"
                    "  --resume DIR        continue the run in DIR from its checkpoint.cspine (same config)\n"
                    "  --wall-time S       [s] stop with a checkpoint (exit code 5) before S seconds are used\n"
                    "  --validate          check the config and the mesh, print what was checked, write nothing\n"
                    "  --print-parameters  list every entry with its default, unit and meaning\n"
                    "  -petsc_option [value]  passed to PETSc (e.g. -ksp_monitor, -pc_gamg_threshold 0.02)\n";

struct Arguments
{
  std::string config;
  std::string output;
  bool validate = false;
  bool overwrite = false;
  bool print_parameters = false;
  std::string resume;
  double wall_time = 0;
};

double parse_seconds(const std::string &text)
{
  try
  {
    std::size_t used = 0;
    const double seconds = std::stod(text, &used);
    if (used == text.size() && std::isfinite(seconds) && seconds > 0)
      return seconds;
  }
  catch (const std::exception &)
  {
  }
  throw cspine::InputError("--wall-time '" + text + "': a positive number of seconds\n" + usage);
}

// PETSc takes these for options of its own as well (PETSc reads the whole command line).
const std::vector<std::string> cspine_flags = {"--output",   "--overwrite",        "--resume", "--wall-time",
                                               "--validate", "--print-parameters", "--help"};

// A misspelt PETSc option, or one for a solver the config does not use, is otherwise ignored in silence.
// Called in a catch block too, so it throws nothing.
void warn_of_unread_petsc_options(std::ostream &out) noexcept
{
  try
  {
    for (const std::string &option : cspine::petsc_options_never_read())
      out << "cspine: warning: PETSc never read the option '" << option
          << "': misspelt, or for a solver or preconditioner this config does not use (see Linear solver/Method)"
          << std::endl;
  }
  catch (const std::exception &error)
  {
    out << "cspine: warning: could not list the PETSc options never read: " << error.what() << std::endl;
  }
}

// PETSc has printed its reason above; options from the command line are the usual cause.
std::string petsc_failure_message(const std::string &what)
{
  std::string given;
  try
  {
    given = cspine::petsc_options_given();
  }
  catch (const std::exception &)
  {
    // Called in a catch block: without the list, the message is the plain one.
  }
  if (given.empty())
    return "cspine: internal error: " + what;
  return "cspine: PETSc stopped the run (" + what + "); PETSc's message above gives the reason. PETSc was given " +
         "the option(s) '" + given +
         "' (command line or PETSC_OPTIONS): an option or value PETSc refuses stops a run this way; correct or "
         "remove it (-help lists what PETSc accepts)";
}

// For an error that only this rank may see: prints it and stops every rank, so that none waits for this one.
int stop_every_rank(const MPI_Comm comm, const std::string &message, const int exit_code)
{
  std::cerr << message << std::endl;
  if (dealii::Utilities::MPI::n_mpi_processes(comm) > 1)
    MPI_Abort(comm, exit_code);
  return exit_code;
}

Arguments parse_arguments(const std::vector<std::string> &args)
{
  Arguments parsed;
  for (unsigned int i = 0; i < args.size(); ++i)
  {
    if (args[i] == "--validate")
      parsed.validate = true;
    else if (args[i] == "--overwrite")
      parsed.overwrite = true;
    else if (args[i] == "--print-parameters")
      parsed.print_parameters = true;
    else if (args[i] == "--output" && i + 1 < args.size())
      parsed.output = args[++i];
    else if (args[i] == "--resume" && i + 1 < args.size())
      parsed.resume = args[++i];
    else if (args[i] == "--wall-time" && i + 1 < args.size())
      parsed.wall_time = parse_seconds(args[++i]);
    else if (args[i] == "--help" || args[i] == "-h")
      throw cspine::InputError(usage);
    else if (args[i] == "-validate" || args[i] == "-output" || args[i] == "-overwrite" ||
             args[i] == "-print-parameters" || args[i] == "-resume" || args[i] == "-wall-time")
      // PETSc would take it as one of its options, and the whole job would run.
      throw cspine::InputError("unknown argument '" + args[i] + "': did you mean '-" + args[i] + "'?\n" + usage);
    else if (args[i].size() > 1 && args[i][0] == '-' && args[i][1] != '-')
    {
      // A PETSc option (-ksp_type cg, -log_view): PETSc has read it already; skip it and its value.
      const bool has_value =
          i + 1 < args.size() && args[i + 1][0] != '-' && args[i + 1].find(".prm") == std::string::npos;
      i += has_value ? 1 : 0;
    }
    else if (!args[i].empty() && args[i][0] != '-' && parsed.config.empty())
      parsed.config = args[i];
    else
      throw cspine::InputError(std::string("unknown or incomplete argument '") + args[i] + "'\n" + usage);
  }
  if (parsed.config.empty() && !parsed.print_parameters)
    throw cspine::InputError(std::string("no config file given\n") + usage);
  if (!parsed.resume.empty() && (!parsed.output.empty() || parsed.overwrite))
    throw cspine::InputError(std::string("--resume DIR continues in DIR: it takes neither --output nor --overwrite\n") +
                             usage);
  return parsed;
}
} // namespace

int main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm comm = MPI_COMM_WORLD;
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  dealii::ConditionalOStream out(std::cout, root);
  try
  {
    cspine::forget_in_petsc_options(cspine_flags);
    const Arguments args = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
    if (args.print_parameters)
    {
      if (root)
        cspine::print_parameters(std::cout);
      return 0;
    }
    cspine::Config config = cspine::read_config(args.config);
    if (!args.output.empty())
      config.output.directory = args.output;
    if (!args.resume.empty())
      config.output.directory = args.resume;
    config.output.overwrite = args.overwrite;
    config.output.resume = !args.resume.empty();
    config.output.wall_time_limit = args.wall_time;
    for (int i = 0; i < argc; ++i)
    {
      const std::string word = argv[i];
      config.output.command_line +=
          (i > 0 ? " " : "") + (word.find(' ') == std::string::npos ? word : "'" + word + "'");
    }

    dealii::Timer total;
    cspine::Simulation simulation(config, comm);
    simulation.describe(root ? &std::cout : nullptr);
    const cspine::MemoryEstimate memory = simulation.estimate_memory();
    out << "memory:      " << memory.describe() << std::endl;
    cspine::check_memory_fits(memory, config.file);
    if (args.validate)
    {
      out << "valid: config, mesh, regions, boundaries, monitor points and memory checked; nothing written"
          << std::endl;
      return 0;
    }
    out << "output:      " << config.output.directory << "\n";
    try
    {
      simulation.run(root ? &std::cout : nullptr);
    }
    // Every rank stops together on these, so the provenance's last line can still be written.
    catch (const cspine::SolverError &error)
    {
      simulation.record_end(std::string("solver stopped (exit code 2): ") + error.what());
      throw;
    }
    catch (const cspine::WallTimeReached &error)
    {
      simulation.record_end(std::string("wall-time limit reached, checkpoint written (exit code 5): ") + error.what());
      throw;
    }
    simulation.record_end("finished");
    if (root)
      warn_of_unread_petsc_options(std::cout);

    double assembly = 0, setup = 0, solve = 0, output = 0;
    unsigned int newton_iterations = 0, linear_iterations = 0, factorizations = 0, right_hand_sides = 0;
    std::uint64_t built_rows = 0;
    for (const cspine::StepRecord &step : simulation.steps())
    {
      assembly += step.newton.assembly_seconds;
      setup += step.newton.preconditioner_seconds;
      solve += step.newton.solve_seconds;
      output += step.output_seconds;
      newton_iterations += step.newton.iterations;
      linear_iterations += step.newton.linear_iterations;
      factorizations += step.newton.factorizations;
      built_rows = std::max(built_rows, step.newton.built_rows);
      right_hand_sides += step.newton.right_hand_sides;
    }
    dealii::Utilities::System::MemoryStats stats;
    dealii::Utilities::System::get_memory_stats(stats);
    const double peak_mb = dealii::Utilities::MPI::max(static_cast<double>(stats.VmHWM) / 1024, comm);
    out << std::fixed << std::setprecision(2) << "\ntiming [s]: assembly " << assembly << ", preconditioner setup "
        << setup << ", linear solve " << solve << ", output " << output << ", total wall " << total.wall_time() << "\n"
        << "iterations: " << simulation.steps().size() << " steps, " << newton_iterations << " Newton, "
        << linear_iterations << " linear"
        << (factorizations > 0
                ? ", " + std::to_string(factorizations) +
                      (config.linear_solver.method == cspine::LinearSolverSettings::Method::direct
                           ? " factorisations"
                           : " preconditioner builds") +
                      // With rigid bodies only their soft block is factorised or preconditioned.
                      (built_rows < simulation.n_dofs() ? " on " + std::to_string(built_rows) + " of " +
                                                              std::to_string(simulation.n_dofs()) + " DoFs"
                                                        : std::string())
                : std::string())
        << (right_hand_sides > newton_iterations ? ", " + std::to_string(right_hand_sides) + " right-hand sides"
                                                 : std::string())
        << "\n"
        << "peak memory per rank: " << peak_mb << " MB (largest rank)\n"
        << "results:     " << config.output.directory << "/solution.pvd (open in ParaView), " << config.output.directory
        << "/history.csv\n";
    return 0;
  }
  catch (const cspine::InputError &error)
  {
    out << "cspine: error: " << error.what() << std::endl;
    return 1;
  }
  catch (const cspine::SolverError &error)
  {
    if (root)
      warn_of_unread_petsc_options(std::cout);
    out << "cspine: solver stopped: " << error.what() << std::endl;
    return 2;
  }
  catch (const cspine::WallTimeReached &error)
  {
    out << "cspine: stopped for the wall-time limit: " << error.what() << std::endl;
    return 5;
  }
  catch (const cspine::OutputError &error)
  {
    // Thrown on every rank where it can be (write_on_root); a rank-local one must not leave the others
    // waiting.
    return stop_every_rank(comm, std::string("cspine: output failed: ") + error.what(), 4);
  }
  catch (const cspine::PetscCallFailed &error)
  {
    return stop_every_rank(comm, petsc_failure_message(error.what()), 3);
  }
  catch (const dealii::LACExceptions::ExcPETScError &error)
  {
    return stop_every_rank(comm, petsc_failure_message(error.what()), 3);
  }
  catch (const std::exception &error)
  {
    return stop_every_rank(comm, std::string("cspine: internal error: ") + error.what(), 3);
  }
}
