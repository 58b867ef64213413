#include "loads/patch_force.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <sstream>

namespace cspine
{
PatchForce::PatchForce(const dealii::DoFHandler<dim> &dofs, const Discretization &disc, const ThrustSettings &settings,
                       const TimeCurve &force_curve)
    : dof_handler(dofs), discretization(disc), thrust(settings), force(force_curve)
{
  const unsigned int boundary_id = thrust.boundary_id.value();
  for (const auto &cell : dof_handler.active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int f : cell->face_indices())
        if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == boundary_id)
          patch_area += cell->face(f)->measure();
  patch_area = dealii::Utilities::MPI::sum(patch_area, dof_handler.get_communicator());
}

void PatchForce::assemble(const Vector &, const double time, LocalSink &sink) const
{
  const double magnitude = force.value(time);
  if (magnitude == 0 || patch_area == 0)
    return;
  const Vector3 traction = magnitude / patch_area * thrust.direction;
  const dealii::FEValuesExtractors::Vector displacement(0);
  dealii::FEFaceValues<dim> fe_face_values(*discretization.mapping, dof_handler.get_fe(),
                                           discretization.face_quadrature,
                                           dealii::update_values | dealii::update_JxW_values);
  const unsigned int n_dofs = dof_handler.get_fe().n_dofs_per_cell();
  DofList dofs(n_dofs);
  dealii::Vector<double> cell_force(n_dofs);
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    for (const unsigned int f : cell->face_indices())
    {
      if (!cell->face(f)->at_boundary() || cell->face(f)->boundary_id() != *thrust.boundary_id)
        continue;
      fe_face_values.reinit(cell, f);
      cell->get_dof_indices(dofs);
      cell_force = 0;
      for (unsigned int q = 0; q < fe_face_values.n_quadrature_points; ++q)
        for (unsigned int i = 0; i < n_dofs; ++i)
          cell_force(i) += fe_face_values[displacement].value(i, q) * traction * fe_face_values.JxW(q);
      sink.add_external(dofs, cell_force);
    }
  }
}

std::vector<std::string> PatchForce::history_columns() const
{
  return {ThrustSettings::history_column(thrust.name)};
}

void PatchForce::add_history_values(const Vector &, const double time, std::vector<double> &row) const
{
  row.push_back(force.value(time));
}

std::string PatchForce::description() const
{
  std::ostringstream text;
  text << "thrust:      " << (thrust.name.empty() ? "" : thrust.name + " on ") << thrust.patch << " (" << patch_area
       << " mm^2), direction " << thrust.direction;
  return text.str();
}
} // namespace cspine
