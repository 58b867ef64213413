#include "loads/patch_load.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <sstream>

namespace cspine
{
PatchLoad::PatchLoad(const dealii::DoFHandler<dim> &dofs, const Discretization &disc, const ThrustSettings &settings,
                     const TimeCurve &magnitude_curve)
    : dof_handler(dofs), discretization(disc), thrust(settings), magnitude(magnitude_curve)
{
  // Area, first and second moments of the patch: sums[0] = A, sums[1..3] = int X, sums[4..12] = int X (x) X.
  std::vector<double> sums(1 + dim + dim * dim, 0.0);
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
          {
            const dealii::Point<dim> &X = fe_face_values.quadrature_point(q);
            const double dA = fe_face_values.JxW(q);
            sums[0] += dA;
            for (unsigned int a = 0; a < dim; ++a)
            {
              sums[1 + a] += X[a] * dA;
              for (unsigned int b = 0; b < dim; ++b)
                sums[1 + dim + dim * a + b] += X[a] * X[b] * dA;
            }
          }
        }
  dealii::Utilities::MPI::sum(sums, dof_handler.get_communicator(), sums);
  patch_area = sums[0];
  if (patch_area == 0)
    return;
  for (unsigned int a = 0; a < dim; ++a)
    centroid[a] = sums[1 + a] / patch_area;
  // J = int (|r|^2 I - r (x) r) dA with r = X - c: the moment of w x r about c is J w.
  Tensor2 second_moment, J;
  for (unsigned int a = 0; a < dim; ++a)
    for (unsigned int b = 0; b < dim; ++b)
      second_moment[a][b] = sums[1 + dim + dim * a + b] - patch_area * centroid[a] * centroid[b];
  J = -second_moment;
  for (unsigned int a = 0; a < dim; ++a)
    J[a][a] += dealii::trace(second_moment);
  if (thrust.load == ThrustLoad::moment)
    couple_rate = dealii::invert(J) * thrust.direction;
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
