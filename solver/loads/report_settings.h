// Load case/Report: which solid regions the strain report covers and the strain thresholds it counts
// (the report plugins of output/).
#pragma once

#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>

#include <vector>

namespace cspine
{
struct ReportSettings
{
  /// Region ids whose strain is reported.
  std::vector<unsigned int> regions;
  /// [-] Maximum principal Green-Lagrange strain thresholds.
  std::vector<double> thresholds;

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Subsection Report (inside Load case).
  void parse_parameters(dealii::ParameterHandler &prm, const MeshNames &names);
};
} // namespace cspine
