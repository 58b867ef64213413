// Inverted, folded and overlapping cells in a mesh. A cell whose Jacobian determinant is not positive
// turns part of itself inside out; two cells that share a face but lie on the same side of it overlap
// (deal.II reorients an inside-out tetrahedron when it reads a mesh, so overlap is what remains of such an
// error). A mesh with an overlapping element was once accepted with a region's volume wrong by 7 %.
#pragma once

#include "fe/discretization.h"

#include <deal.II/dofs/dof_handler.h>

#include <string>

namespace cspine
{
/// Throws InputError, on every rank, naming `mesh_file`, the region and a point [mm] near the cell, if
/// some cell has det J <= 0 at a quadrature point or lies on the same side of a shared face as its
/// neighbour. Collective.
void check_cell_volumes(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
                        const std::string &mesh_file);
} // namespace cspine
