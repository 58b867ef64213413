#include "fe/discretization.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_simplex_p.h>
#include <deal.II/fe/mapping_fe.h>
#include <deal.II/fe/mapping_q.h>

namespace cspine
{
// degree + 1 points per direction integrate the stiffness exactly in the linear limit and keep the
// nonlinear terms well resolved. Linear tetrahedra have a constant deformation gradient, so their
// centroid alone integrates every term exactly (the fibre direction is then the centroid's).
Discretization::Discretization(const bool tets, const unsigned int p)
    : tetrahedra(tets), degree(p), fe(tets ? std::make_unique<dealii::FESystem<dim>>(dealii::FE_SimplexP<dim>(p), dim)
                                           : std::make_unique<dealii::FESystem<dim>>(dealii::FE_Q<dim>(p), dim)),
      mapping(tets ? std::unique_ptr<dealii::Mapping<dim>>(new dealii::MappingFE<dim>(dealii::FE_SimplexP<dim>(1)))
                   : std::unique_ptr<dealii::Mapping<dim>>(new dealii::MappingQ<dim>(1))),
      cell_quadrature(tets ? dealii::Quadrature<dim>(dealii::QGaussSimplex<dim>(p == 1 ? 1 : p + 1))
                           : dealii::Quadrature<dim>(dealii::QGauss<dim>(p + 1))),
      face_quadrature(tets ? dealii::Quadrature<dim - 1>(dealii::QGaussSimplex<dim - 1>(p + 1))
                           : dealii::Quadrature<dim - 1>(dealii::QGauss<dim - 1>(p + 1)))
{
}

std::string Discretization::cell_description() const
{
  return std::string(degree == 1 ? "linear " : "quadratic ") + (tetrahedra ? "tetrahedra" : "hexahedra");
}
} // namespace cspine
