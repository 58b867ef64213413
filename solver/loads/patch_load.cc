#include "loads/patch_load.h"

#include "core/point_moments.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <sstream>

namespace cspine
{
PatchLoad::PatchLoad(const dealii::DoFHandler<dim> &dofs, const Discretization &disc, const ThrustSettings &settings,
                     const TimeCurve &magnitude_curve)
    : dof_handler(dofs), discretization(disc), thrust(settings), magnitude(magnitude_curve)
{
  // Area, centroid and polar second moment J of the patch: the tractions w x (X - c) have the moment J w.
  PointMoments moments;
  dealii::FEFaceValues<dim> fe_face_values(*discretization.mapping, dof_handler.get_fe(),
                                           discretization.face_quadrature,
                                           dealii::update_quadrature_points | dealii::update_JxW_values);
  for (const auto &cell : dof_handler.active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int f : cell->face_indices())
        if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == *thrust.boundary_id)
        {
          fe_face_values.reinit(cell, f);
          for (unsigned int q = 0; q < fe_face_values.n_quadrature_points; ++q)
            moments.add(fe_face_values.quadrature_point(q), fe_face_values.JxW(q));
        }
  moments.finish(dof_handler.get_communicator());
  patch_area = moments.total_weight();
  centroid = moments.centroid();
  if (patch_area > 0 && thrust.load == ThrustLoad::moment)
    couple_rate = dealii::invert(moments.polar()) * thrust.direction;
}

Vector3 PatchLoad::unit_traction(const dealii::Point<dim> &X) const
{
  if (thrust.load == ThrustLoad::force)
    return thrust.direction / patch_area;
  return dealii::cross_product_3d(couple_rate, X - centroid);
}

void PatchLoad::assemble(const Vector &, const double time, LocalSink &sink) const
{
  const double value = magnitude.value(time);
  if (value == 0 || patch_area == 0)
    return;
  const dealii::FEValuesExtractors::Vector displacement(0);
  dealii::FEFaceValues<dim> fe_face_values(
      *discretization.mapping, dof_handler.get_fe(), discretization.face_quadrature,
      dealii::update_values | dealii::update_quadrature_points | dealii::update_JxW_values);
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
      {
        const Vector3 traction = value * unit_traction(fe_face_values.quadrature_point(q));
        for (unsigned int i = 0; i < n_dofs; ++i)
          cell_force(i) += fe_face_values[displacement].value(i, q) * traction * fe_face_values.JxW(q);
      }
      sink.add_external(dofs, cell_force);
    }
  }
}

std::vector<std::string> PatchLoad::history_columns() const
{
  return {ThrustSettings::history_column(thrust.name, thrust.load)};
}

void PatchLoad::add_history_values(const Vector &, const double time, std::vector<double> &row) const
{
  row.push_back(magnitude.value(time));
}

std::string PatchLoad::description() const
{
  std::ostringstream text;
  text << "thrust:      " << (thrust.name.empty() ? "" : thrust.name + " on ") << thrust.patch << " (" << patch_area
       << " mm^2), " << (thrust.load == ThrustLoad::force ? "force along " : "couple about ") << thrust.direction;
  return text.str();
}
} // namespace cspine
