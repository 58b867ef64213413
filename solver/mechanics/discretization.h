// Finite element, mapping and quadrature rules for the mesh's cell type: quadratic tetrahedra
// (FE_SimplexP(2), affine MappingFE) or quadratic hexahedra (FE_Q(2), trilinear mapping).
#pragma once

#include "core/types.h"

#include <deal.II/base/quadrature.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping.h>

#include <memory>

namespace cspine
{
struct Discretization
{
  explicit Discretization(bool tetrahedra);

  bool tetrahedra;
  std::unique_ptr<dealii::FESystem<dim>> fe;
  std::unique_ptr<dealii::Mapping<dim>> mapping;
  dealii::Quadrature<dim> cell_quadrature;
  dealii::Quadrature<dim - 1> face_quadrature;
};
} // namespace cspine
