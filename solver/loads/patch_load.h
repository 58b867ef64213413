// A thrust on a named surface: a force of given magnitude history and fixed direction spread evenly over
// the patch's reference area (a dead traction F(t) / A), or a pure couple M(t) about a fixed axis
// (tractions w x (X - c) about the patch's centroid c: zero net force, moment M(t) times the axis). Both
// are dead loads on the reference patch: the couple is exact at the reference pose and turns with the
// bone by no more than the bone turns (a few degrees where it is used).
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"
#include "loads/thrust.h"
#include "loads/time_curve.h"

#include <deal.II/dofs/dof_handler.h>

namespace cspine
{
class PatchLoad : public AssemblyTerm
{
public:
  /// The thrust's force [N] or couple [N mm] over time is `magnitude`; its patch must be set.
  PatchLoad(const dealii::DoFHandler<dim> &dof_handler, const Discretization &discretization,
            const ThrustSettings &thrust, const TimeCurve &magnitude);

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  void assemble(const Vector &u, double time, LocalSink &sink) const override;
  /// The applied force [N] or couple [N mm].
  std::vector<std::string> history_columns() const override;
  void add_history_values(const Vector &u, double time, std::vector<double> &row) const override;
  std::string description() const override;

private:
  /// [MPa] The traction at reference point X per unit of the magnitude.
  Vector3 unit_traction(const dealii::Point<dim> &X) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
  const ThrustSettings thrust;
  const TimeCurve &magnitude;
  /// [mm^2] The patch's reference area and [mm] centroid.
  double patch_area = 0;
  dealii::Point<dim> centroid;
  /// [1/mm^4] Under a unit couple the tractions are couple_rate x (X - centroid).
  Vector3 couple_rate;
};
} // namespace cspine
