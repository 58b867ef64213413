// Where and how often results are written, and named points whose displacement goes into history.csv.
#pragma once

#include "core/types.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cspine
{
struct MonitorPoint
{
  std::string name;
  dealii::Point<dim> position;
};

struct OutputSettings
{
  std::string directory = "output";
  /// Empty a directory that already holds files instead of refusing it (the command line's --overwrite).
  bool overwrite = false;
  unsigned int interval = 1;
  /// [steps] 0: no periodic checkpoint.
  unsigned int checkpoint_interval = 0;
  /// [s] Wall-clock budget of the run (the command line's --wall-time); 0: none. Before it runs out the run
  /// writes a checkpoint and stops.
  double wall_time_limit = 0;
  /// The command line that started the run, for provenance.txt.
  std::string command_line;
  /// Continue from the checkpoint in `directory` (the command line's --resume).
  bool resume = false;
  std::vector<MonitorPoint> monitor_points;

  static void declare_parameters(dealii::ParameterHandler &prm);
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file);
};
} // namespace cspine
