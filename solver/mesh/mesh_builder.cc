#include "mesh/mesh_builder.h"

#include "core/input_error.h"
#include "mesh/gmsh_names.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria_description.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

namespace cspine
{
namespace
{
// Boundary ids of a colorized generated box: x_min, x_max, y_min, y_max, z_min, z_max.
const std::map<unsigned int, std::string> box_boundaries = {{0, "x_min"}, {1, "x_max"}, {2, "y_min"},
                                                            {3, "y_max"}, {4, "z_min"}, {5, "z_max"}};

// Cook's membrane (Cook 1974): corners (0,0), (48,44), (48,60), (0,44) mm in the x-y plane.
dealii::Point<dim> cook_map(const dealii::Point<dim> &p)
{
  const double x = p[0], s = p[1] / 44.0;
  const double bottom = 44.0 * x / 48.0, top = 44.0 + 16.0 * x / 48.0;
  return dealii::Point<dim>(x, bottom + s * (top - bottom), p[2]);
}

void perturb_interior_vertices(dealii::Triangulation<dim> &mesh, const double fraction)
{
  std::vector<bool> on_boundary(mesh.n_vertices(), false);
  double min_edge = std::numeric_limits<double>::max();
  for (const auto &cell : mesh.active_cell_iterators())
  {
    for (const unsigned int face : cell->face_indices())
      if (cell->face(face)->at_boundary())
        for (const unsigned int v : cell->face(face)->vertex_indices())
          on_boundary[cell->face(face)->vertex_index(v)] = true;
    for (const unsigned int line : cell->line_indices())
      min_edge = std::min(min_edge, cell->line(line)->diameter());
  }
  std::mt19937 generator(20261123);
  std::uniform_real_distribution<double> shift(-fraction * min_edge, fraction * min_edge);
  auto &vertices = const_cast<std::vector<dealii::Point<dim>> &>(mesh.get_vertices());
  for (unsigned int v = 0; v < vertices.size(); ++v)
  {
    dealii::Point<dim> offset(shift(generator), shift(generator), shift(generator));
    if (!on_boundary[v])
      vertices[v] += offset;
  }
}

void generate(const MeshSettings &settings, dealii::Triangulation<dim> &mesh)
{
  const std::vector<unsigned int> repetitions(settings.subdivisions.begin(), settings.subdivisions.end());
  const dealii::Point<dim> lower;
  const dealii::Point<dim> upper =
      settings.shape == MeshSettings::Shape::block
          ? dealii::Point<dim>(settings.dimensions[0], settings.dimensions[1], settings.dimensions[2])
          : dealii::Point<dim>(48, 44, settings.dimensions[2]);
  if (settings.tetrahedra)
    dealii::GridGenerator::subdivided_hyper_rectangle_with_simplices(mesh, repetitions, lower, upper);
  else
    dealii::GridGenerator::subdivided_hyper_rectangle(mesh, repetitions, lower, upper);
  // deal.II 9.4 cannot colorize simplex meshes, so boundary ids come from the face centres here.
  for (const auto &cell : mesh.active_cell_iterators())
    for (const unsigned int f : cell->face_indices())
      if (cell->face(f)->at_boundary())
      {
        const dealii::Point<dim> centre = cell->face(f)->center();
        for (unsigned int d = 0; d < dim; ++d)
        {
          const double tolerance = 1e-8 * (upper[d] - lower[d]);
          if (std::abs(centre[d] - lower[d]) < tolerance)
            cell->face(f)->set_boundary_id(2 * d);
          else if (std::abs(centre[d] - upper[d]) < tolerance)
            cell->face(f)->set_boundary_id(2 * d + 1);
        }
      }
  if (settings.shape == MeshSettings::Shape::cook_membrane)
    dealii::GridTools::transform(&cook_map, mesh);
  if (settings.vertex_perturbation > 0)
    perturb_interior_vertices(mesh, settings.vertex_perturbation);
}

void read_gmsh(const std::string &file, dealii::Triangulation<dim> &mesh)
{
  std::ifstream in(file);
  if (!in)
    throw InputError(file + ": cannot open the mesh file");
  dealii::GridIn<dim> reader;
  reader.attach_triangulation(mesh);
  try
  {
    reader.read_msh(in);
  }
  catch (const std::exception &error)
  {
    throw InputError(file +
                     ": deal.II could not read this gmsh file (ASCII .msh with linear tetrahedra, "
                     "physical volumes and boundary-only physical surfaces are required): " +
                     std::string(error.what()));
  }
  if (!mesh.all_reference_cells_are_simplex() && !mesh.all_reference_cells_are_hyper_cube())
    throw InputError(file + ": mixed cell types are not supported; mesh with tetrahedra only");
}
} // namespace

MeshNames describe_mesh(const MeshSettings &settings)
{
  if (settings.source == MeshSettings::Source::generated)
    return {{{0, "solid"}}, box_boundaries};

  const PhysicalNames names = read_physical_names(settings.file);
  if (names.volumes.empty())
    throw InputError(settings.file + ": no named physical volumes; every volume must be in a named physical "
                                     "group, which becomes a region");
  return {names.volumes, names.surfaces};
}

void build_serial_mesh(const MeshSettings &settings, dealii::Triangulation<dim> &mesh)
{
  if (settings.source == MeshSettings::Source::generated)
    generate(settings, mesh);
  else
    read_gmsh(settings.file, mesh);
}

void build_distributed_mesh(const MeshSettings &settings, dealii::parallel::fullydistributed::Triangulation<dim> &mesh,
                            const std::map<unsigned int, double> &relative_cost)
{
  const MPI_Comm comm = mesh.get_communicator();
  dealii::Triangulation<dim> serial;
  build_serial_mesh(settings, serial);
  const unsigned int n_ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  if (n_ranks > 1 && relative_cost.empty())
    dealii::GridTools::partition_triangulation(n_ranks, serial);
  else if (n_ranks > 1)
  {
    // METIS takes whole numbers: tenths of an ordinary cell, at least one.
    std::vector<unsigned int> weights;
    weights.reserve(serial.n_active_cells());
    for (const auto &cell : serial.active_cell_iterators())
    {
      const auto cost = relative_cost.find(cell->material_id());
      const double relative = cost == relative_cost.end() ? 1.0 : cost->second;
      weights.push_back(std::max(1u, static_cast<unsigned int>(std::lround(10 * relative))));
    }
    dealii::GridTools::partition_triangulation(n_ranks, weights, serial);
  }
  const auto description =
      dealii::TriangulationDescription::Utilities::create_description_from_triangulation(serial, comm);
  mesh.create_triangulation(description);
}
} // namespace cspine
