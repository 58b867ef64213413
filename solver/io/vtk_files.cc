#include "io/vtk_files.h"

#include "io/file_output.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace cspine
{
namespace
{
void write_fields(std::ofstream &out, const char *section, const std::vector<ScalarField> &fields)
{
  out << "      <" << section << ">\n";
  for (const ScalarField &field : fields)
  {
    out << "        <DataArray type=\"Float64\" Name=\"" << field.name << "\" format=\"ascii\">";
    // NaN marks "not defined" (e.g. a contact node that projects onto no triangle).
    for (const double value : field.values)
      out << " " << (std::isfinite(value) ? value : std::nan(""));
    out << " </DataArray>\n";
  }
  out << "      </" << section << ">\n";
}
} // namespace

void write_pvd(const std::string &file, const std::vector<std::pair<double, std::string>> &entries)
{
  std::ostringstream out;
  out << "<?xml version=\"1.0\"?>\n"
      << "<!-- cspine time series. Units: length mm, force N, stress MPa, time s; strains and J "
         "dimensionless. -->\n"
      << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  <Collection>\n";
  out.precision(12);
  // A time is listed once: a frame written again at the same time (the last converged state, written
  // when a run stops) replaces the earlier one.
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i + 1 == entries.size() || entries[i + 1].first != entries[i].first)
      out << "    <DataSet timestep=\"" << entries[i].first << "\" group=\"\" part=\"0\" file=\"" << entries[i].second
          << "\"/>\n";
  out << "  </Collection>\n</VTKFile>\n";
  // Atomically: a kill or a full disk leaves the previous index whole.
  write_file_atomically(file, out.str());
}

void save_series(ArchiveWriter &archive, const std::vector<std::pair<double, std::string>> &entries)
{
  archive.put(static_cast<std::uint64_t>(entries.size()));
  for (const auto &[time, name] : entries)
  {
    archive.put(time);
    archive.put(name);
  }
}

std::vector<std::pair<double, std::string>> load_series(ArchiveReader &archive)
{
  std::vector<std::pair<double, std::string>> entries(archive.get_uint());
  for (auto &[time, name] : entries)
  {
    time = archive.get_double();
    name = archive.get_string();
  }
  return entries;
}

std::vector<VtkCell> vertex_cells(const std::size_t n_points)
{
  std::vector<VtkCell> cells;
  for (unsigned int p = 0; p < n_points; ++p)
    cells.push_back({VtkCell::vertex, {p}});
  return cells;
}

void write_vtu(const std::string &file, const std::string &comment, const std::vector<dealii::Point<dim>> &points,
               const std::vector<VtkCell> &cells, const std::vector<ScalarField> &point_data,
               const std::vector<ScalarField> &cell_data)
{
  std::ofstream out(file);
  out.precision(10);
  out << "<?xml version=\"1.0\"?>\n<!-- " << comment << " -->\n"
      << "<VTKFile type=\"UnstructuredGrid\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
      << "  <UnstructuredGrid>\n    <Piece NumberOfPoints=\"" << points.size() << "\" NumberOfCells=\"" << cells.size()
      << "\">\n      <Points>\n        <DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">";
  for (const auto &p : points)
    out << " " << p[0] << " " << p[1] << " " << p[2];
  out << " </DataArray>\n      </Points>\n      <Cells>\n"
      << "        <DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">";
  for (const VtkCell &cell : cells)
    for (const unsigned int p : cell.points)
      out << " " << p;
  out << " </DataArray>\n        <DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">";
  std::size_t offset = 0;
  for (const VtkCell &cell : cells)
    out << " " << (offset += cell.points.size());
  out << " </DataArray>\n        <DataArray type=\"UInt8\" Name=\"types\" format=\"ascii\">";
  for (const VtkCell &cell : cells)
    out << " " << static_cast<unsigned int>(cell.type);
  out << " </DataArray>\n      </Cells>\n";
  write_fields(out, "PointData", point_data);
  write_fields(out, "CellData", cell_data);
  out << "    </Piece>\n  </UnstructuredGrid>\n</VTKFile>\n";
}
} // namespace cspine
