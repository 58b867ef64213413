// A force of given magnitude history and fixed direction on a named surface, spread evenly over its
// reference area (a dead traction F(t) / A): the thrust of a manipulation on a patch of bone.
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"
#include "loads/thrust.h"
#include "loads/time_curve.h"

#include <deal.II/dofs/dof_handler.h>

namespace cspine
{
class PatchForce : public AssemblyTerm
{
public:
  /// The thrust's force [N] over time is `force`; its patch must be set.
  PatchForce(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
             const ThrustSettings &thrust, const TimeCurve &force);

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  void assemble(const Vector &u, double time, LocalSink &sink) const override;
  /// The applied force [N].
  std::vector<std::string> history_columns() const override;
  void add_history_values(const Vector &u, double time, std::vector<double> &row) const override;
  std::string description() const override;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const ThrustSettings thrust;
  const TimeCurve &force;
  double patch_area = 0;
};
} // namespace cspine
