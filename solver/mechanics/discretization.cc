#include "mechanics/discretization.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_simplex_p.h>
#include <deal.II/fe/mapping_fe.h>
#include <deal.II/fe/mapping_q.h>

namespace cspine
{
// Three points per direction integrate the quadratic elements' stiffness exactly in the linear
// limit and keep the nonlinear terms well resolved.
Discretization::Discretization(const bool tets)
    : tetrahedra(tets), fe(tets ? std::make_unique<dealii::FESystem<dim>>(dealii::FE_SimplexP<dim>(2), dim)
                                : std::make_unique<dealii::FESystem<dim>>(dealii::FE_Q<dim>(2), dim)),
      mapping(tets ? std::unique_ptr<dealii::Mapping<dim>>(new dealii::MappingFE<dim>(dealii::FE_SimplexP<dim>(1)))
                   : std::unique_ptr<dealii::Mapping<dim>>(new dealii::MappingQ<dim>(1))),
      cell_quadrature(tets ? dealii::Quadrature<dim>(dealii::QGaussSimplex<dim>(3))
                           : dealii::Quadrature<dim>(dealii::QGauss<dim>(3))),
      face_quadrature(tets ? dealii::Quadrature<dim - 1>(dealii::QGaussSimplex<dim - 1>(3))
                           : dealii::Quadrature<dim - 1>(dealii::QGauss<dim - 1>(3)))
{
}
} // namespace cspine
