// The internal variables of the materials at every quadrature point of the locally owned cells: the
// committed values (the last accepted state) and the trial values the last assembly computed from them.
// A StepHistory of the run's State: commit takes the trial, revert drops it, and a checkpoint stores the
// committed values under each cell's centre, so that they load on any partition and rank count.
#pragma once

#include "core/types.h"
#include "io/committed_values.h"
#include "io/step_history.h"

#include <deal.II/dofs/dof_handler.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace cspine
{
class QuadratureHistory : public StepHistory
{
public:
  /// `initial_state(material_id)` gives one point's internal variables before any load (empty where a
  /// region has none).
  QuadratureHistory(const dealii::DoFHandler<dim> &dof_handler, unsigned int points_per_cell,
                    const std::function<std::vector<double>(unsigned int material_id)> &initial_state);

  /// The committed variables of point q of a locally owned cell (nullptr if its region has none).
  const double *committed(const dealii::CellAccessor<dim> &cell, unsigned int q) const;
  /// Where an assembly writes the trial variables of that point (nullptr if its region has none).
  double *trial(const dealii::CellAccessor<dim> &cell, unsigned int q);
  /// After the assembly at the accepted u, the trial variables are that state's (what the fields show).
  const double *trial(const dealii::CellAccessor<dim> &cell, unsigned int q) const;
  /// The number of internal variables per point of a locally owned cell (0 if its region has none).
  unsigned int n_values(const dealii::CellAccessor<dim> &cell) const { return width[cell.active_cell_index()]; }
  unsigned int points_per_cell() const { return n_points; }

  /// [s] The time of the committed state: an evaluation at time t steps over t - committed_time().
  double committed_time() const { return values.committed_time; }
  /// The time the trial variables belong to (set by the assembly that writes them).
  void set_trial_time(double time) { values.trial_time = time; }

  std::string history_name() const override { return "quadrature points"; }
  /// Changes whenever the committed or trial variables change other than by an assembly (commit, revert,
  /// load): an evaluation kept from before it is no longer the trial variables' (FixedCellCache).
  std::uint64_t generation() const { return changes; }

  void commit() override
  {
    values.commit();
    ++changes;
  }
  void revert() override
  {
    values.revert();
    ++changes;
  }
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  unsigned int n_points;
  /// Per active cell index: where its values start and how many each point has (0: none).
  std::vector<std::size_t> start;
  std::vector<unsigned int> width;
  CommittedValues values;
  std::uint64_t changes = 0;

  /// Where point q of a cell starts in `values` (npos if its region has none).
  std::size_t position(const dealii::CellAccessor<dim> &cell, unsigned int q) const;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
};
} // namespace cspine
