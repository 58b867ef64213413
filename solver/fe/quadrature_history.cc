#include "fe/quadrature_history.h"

#include "core/format.h"
#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace cspine
{
namespace
{
using Key = std::array<double, dim>;

Key key_of(const dealii::CellAccessor<dim> &cell)
{
  const dealii::Point<dim> centre = cell.center();
  return {{centre[0], centre[1], centre[2]}};
}
} // namespace

QuadratureHistory::QuadratureHistory(const dealii::DoFHandler<dim> &dofs, const unsigned int points_per_cell,
                                     const std::function<std::vector<double>(unsigned int)> &initial_state)
    : dof_handler(dofs), n_points(points_per_cell)
{
  const unsigned int n_cells = dof_handler.get_triangulation().n_active_cells();
  start.assign(n_cells, 0);
  width.assign(n_cells, 0);
  std::map<unsigned int, std::vector<double>> initial_by_region;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    const unsigned int region = cell->material_id();
    if (initial_by_region.count(region) == 0)
      initial_by_region[region] = initial_state(region);
    const std::vector<double> &initial = initial_by_region[region];
    start[cell->active_cell_index()] = values.committed.size();
    width[cell->active_cell_index()] = initial.size();
    for (unsigned int q = 0; q < n_points; ++q)
      values.committed.insert(values.committed.end(), initial.begin(), initial.end());
  }
  values.trial = values.committed;
}

std::size_t QuadratureHistory::position(const dealii::CellAccessor<dim> &cell, const unsigned int q) const
{
  const unsigned int index = cell.active_cell_index();
  return width[index] ? start[index] + q * width[index] : none;
}

const double *QuadratureHistory::committed(const dealii::CellAccessor<dim> &cell, const unsigned int q) const
{
  const std::size_t at = position(cell, q);
  return at == none ? nullptr : values.committed.data() + at;
}

double *QuadratureHistory::trial(const dealii::CellAccessor<dim> &cell, const unsigned int q)
{
  const std::size_t at = position(cell, q);
  return at == none ? nullptr : values.trial.data() + at;
}

const double *QuadratureHistory::trial(const dealii::CellAccessor<dim> &cell, const unsigned int q) const
{
  const std::size_t at = position(cell, q);
  return at == none ? nullptr : values.trial.data() + at;
}

// Each stateful cell as: centre (3), number of values, values. Rank 0 writes them sorted by centre.
void QuadratureHistory::save(ArchiveWriter &archive) const
{
  std::vector<double> local;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned() || width[cell->active_cell_index()] == 0)
      continue;
    const Key key = key_of(*cell);
    local.insert(local.end(), key.begin(), key.end());
    const std::size_t count = width[cell->active_cell_index()] * n_points;
    local.push_back(static_cast<double>(count));
    const double *values = committed(*cell, 0);
    local.insert(local.end(), values, values + count);
  }
  std::map<Key, std::vector<double>> records;
  for (const std::vector<double> &part : dealii::Utilities::MPI::gather(dof_handler.get_communicator(), local, 0))
    for (std::size_t i = 0; i < part.size();)
    {
      const Key key{{part[i], part[i + 1], part[i + 2]}};
      const auto count = static_cast<std::size_t>(part[i + dim]);
      if (!records.emplace(key, std::vector<double>(part.begin() + i + dim + 1, part.begin() + i + dim + 1 + count))
               .second)
        throw std::logic_error("two cells share the centre (" + format_number(key[0]) + ", " + format_number(key[1]) +
                               ", " + format_number(key[2]) + "); a checkpoint cannot tell them apart");
      i += dim + 1 + count;
    }
  std::vector<double> flat;
  for (const auto &[key, cell_values] : records)
  {
    flat.insert(flat.end(), key.begin(), key.end());
    flat.push_back(static_cast<double>(cell_values.size()));
    flat.insert(flat.end(), cell_values.begin(), cell_values.end());
  }
  archive.put(values.committed_time);
  archive.put(static_cast<std::uint64_t>(records.size()));
  archive.put(flat);
}

void QuadratureHistory::load(ArchiveReader &archive)
{
  values.committed_time = archive.get_double();
  const std::uint64_t n_records = archive.get_uint();
  const std::vector<double> flat = archive.get_doubles();
  std::map<Key, std::pair<std::size_t, std::size_t>> record_at; // position and count of the values
  for (std::size_t i = 0; i + dim < flat.size();)
  {
    const auto count = static_cast<std::size_t>(flat[i + dim]);
    record_at[{{flat[i], flat[i + 1], flat[i + 2]}}] = {i + dim + 1, count};
    i += dim + 1 + count;
  }
  std::uint64_t stateful_cells = 0;
  int mismatch = record_at.size() == n_records ? 0 : 1;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned() || width[cell->active_cell_index()] == 0)
      continue;
    ++stateful_cells;
    const auto found = record_at.find(key_of(*cell));
    const std::size_t count = width[cell->active_cell_index()] * n_points;
    if (found == record_at.end() || found->second.second != count)
    {
      mismatch = 1;
      continue;
    }
    std::copy_n(flat.begin() + found->second.first, count, values.committed.begin() + start[cell->active_cell_index()]);
  }
  const MPI_Comm comm = dof_handler.get_communicator();
  // Thrown on every rank together, so that none waits for another.
  if (dealii::Utilities::MPI::max(mismatch, comm) || dealii::Utilities::MPI::sum(stateful_cells, comm) != n_records)
    throw InputError("the checkpoint's material state is not this mesh's (cells or internal variables differ): it "
                     "was written for another mesh or material");
  revert();
}
} // namespace cspine
