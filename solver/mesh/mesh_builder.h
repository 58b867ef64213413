// Builds the mesh named by MeshSettings: the same serial mesh on every rank, partitioned with METIS and
// handed to a parallel::fullydistributed::Triangulation (p4est cannot take tetrahedra).
#pragma once

#include "core/types.h"
#include "mesh/mesh_settings.h"

#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/grid/tria.h>

#include <map>
#include <string>

namespace cspine
{
/// Region (material_id) and boundary (boundary_id) names of a mesh.
struct MeshNames
{
  std::map<unsigned int, std::string> regions;
  std::map<unsigned int, std::string> boundaries;
};

/// Names without building the mesh, for checking a config. Throws InputError for unreadable files.
MeshNames describe_mesh(const MeshSettings &settings);

void build_serial_mesh(const MeshSettings &settings, dealii::Triangulation<dim> &mesh);

/// `relative_cost` (by material_id; 1 where not given): what a cell of a region costs the solve against an
/// ordinary cell (rounded to tenths, at least one tenth); METIS gives each rank an equal sum of them.
void build_distributed_mesh(const MeshSettings &settings, dealii::parallel::fullydistributed::Triangulation<dim> &mesh,
                            const std::map<unsigned int, double> &relative_cost = {});
} // namespace cspine
