// Finite element, mapping and quadrature rules for the mesh's cell type and the chosen degree:
// tetrahedra (FE_SimplexP, affine MappingFE) or hexahedra (FE_Q, trilinear mapping), linear or quadratic.
#pragma once

#include "core/types.h"

#include <deal.II/base/quadrature.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping.h>

#include <memory>
#include <string>

namespace cspine
{
struct Discretization
{
  Discretization(bool tetrahedra, unsigned int degree);

  /// "linear tetrahedra", "quadratic hexahedra", ...
  std::string cell_description() const;

  bool tetrahedra;
  unsigned int degree;
  std::unique_ptr<dealii::FESystem<dim>> fe;
  std::unique_ptr<dealii::Mapping<dim>> mapping;
  dealii::Quadrature<dim> cell_quadrature;
  dealii::Quadrature<dim - 1> face_quadrature;
};
} // namespace cspine
