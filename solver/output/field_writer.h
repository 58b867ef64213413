// Per output step a solution_NNNN.pvtu with one .vtu piece per rank, and solution.pvd listing them all
// with their times: displacement, Green-Lagrange strain, its largest principal value, fibre stretch,
// Cauchy and von Mises stress, J, region id and MPI rank; in runs with dynamic steps, the velocity.
#pragma once

#include "fe/discretization.h"
#include "fe/quadrature_history.h"
#include "io/step_history.h"
#include "mechanics/config.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/petsc_vector.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cspine
{
class FieldWriter : public StepHistory
{
public:
  FieldWriter(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
              const std::map<unsigned int, RegionSettings> &regions, const QuadratureHistory &material_history,
              const std::string &directory);

  /// Writes the fields of `u` (ghosted) at `time`, the stress with the materials' internal variables of
  /// the last assembly (which must be at u), and the velocity [mm/s] if given (ghosted); collective.
  void write(const dealii::PETScWrappers::MPI::Vector &u, double time, unsigned int step,
             const dealii::PETScWrappers::MPI::Vector *velocity = nullptr);

  /// The frames solution.pvd lists; loading rewrites it with them (a killed run may have listed more).
  std::string history_name() const override { return "fields"; }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const std::map<unsigned int, RegionSettings> &regions;
  const QuadratureHistory &material_history;
  std::string directory;
  std::vector<std::pair<double, std::string>> written;
};
} // namespace cspine
