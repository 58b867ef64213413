// Small VTK XML files written by rank 0: the .pvd time series and unstructured grids of lines (1-D
// ligaments) or vertices (contact nodes) with named scalar data, which ParaView opens as they are.
#pragma once

#include "core/types.h"

#include <deal.II/base/point.h>

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
void write_pvd(const std::string &file, const std::vector<std::pair<double, std::string>> &entries);

struct ScalarField
{
  std::string name;
  std::vector<double> values;
};

/// Cells are lines (two point indices each) or, with an empty `lines`, one vertex per point.
void write_vtu(const std::string &file, const std::string &comment, const std::vector<dealii::Point<dim>> &points,
               const std::vector<std::array<unsigned int, 2>> &lines, const std::vector<ScalarField> &point_data,
               const std::vector<ScalarField> &cell_data);
} // namespace cspine
