// Small VTK XML files written by rank 0: the .pvd time series and unstructured grids of vertices (contact
// nodes), lines (1-D ligaments, capsule fibres) and quadrilaterals (capsule surfaces) with named scalar
// data, which ParaView opens as they are.
#pragma once

#include "core/types.h"
#include "io/archive.h"

#include <deal.II/base/point.h>

#include <string>
#include <utility>
#include <vector>

namespace cspine
{
/// Writes the index of a time series, (time, file) per frame, atomically (io/file_output.h).
void write_pvd(const std::string &file, const std::vector<std::pair<double, std::string>> &entries);
/// A series' frames into a checkpoint and back.
void save_series(ArchiveWriter &archive, const std::vector<std::pair<double, std::string>> &entries);
std::vector<std::pair<double, std::string>> load_series(ArchiveReader &archive);

struct ScalarField
{
  std::string name;
  std::vector<double> values;
};

struct VtkCell
{
  enum Type : unsigned char
  {
    vertex = 1,
    line = 3,
    quad = 9
  };
  Type type;
  std::vector<unsigned int> points;
};

/// One vertex cell per point.
std::vector<VtkCell> vertex_cells(std::size_t n_points);

void write_vtu(const std::string &file, const std::string &comment, const std::vector<dealii::Point<dim>> &points,
               const std::vector<VtkCell> &cells, const std::vector<ScalarField> &point_data,
               const std::vector<ScalarField> &cell_data);
} // namespace cspine
