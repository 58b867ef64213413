#include "mechanics/rigid_body_groups.h"
#include "fe/petsc_check.h"

#include "mechanics/local_entries.h"

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>

#include <petscmat.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

namespace cspine
{
namespace
{
/// Union-find over the locally owned rows.
class LocalForest
{
public:
  explicit LocalForest(const std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t root(std::size_t i)
  {
    while (parent[i] != i)
      i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(const std::size_t a, const std::size_t b)
  {
    const std::size_t ra = root(a), rb = root(b);
    if (ra != rb)
      parent[std::max(ra, rb)] = std::min(ra, rb);
  }

private:
  std::vector<std::size_t> parent;
};

bool shares_a_component(const std::vector<std::uint64_t> &a, const std::vector<std::uint64_t> &b)
{
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end())
  {
    if (*i == *j)
      return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}
} // namespace

std::vector<std::uint64_t> connected_components(const Matrix &K)
{
  const MPI_Comm comm = K.get_mpi_communicator();
  const Mat A = static_cast<Mat>(K);
  const auto range = K.local_range();
  const std::size_t first = range.first, n = range.second - range.first;

  // Rows joined through this rank's own columns; the couplings to other ranks' rows kept for below.
  LocalForest forest(n);
  std::vector<std::pair<std::size_t, dealii::types::global_dof_index>> remote;
  for (std::size_t i = 0; i < n; ++i)
  {
    const PetscInt row = static_cast<PetscInt>(first + i);
    PetscInt count = 0;
    const PetscInt *columns = nullptr;
    const PetscScalar *values = nullptr;
    check_petsc(MatGetRow(A, row, &count, &columns, &values), "MatGetRow");
    for (PetscInt k = 0; k < count; ++k)
    {
      if (values[k] == 0 || columns[k] == row)
        continue;
      const auto column = static_cast<dealii::types::global_dof_index>(columns[k]);
      if (column >= range.first && column < range.second)
        forest.join(i, column - first);
      else
        remote.emplace_back(i, column);
    }
    MatRestoreRow(A, row, &count, &columns, &values);
  }
  // Each coupling to another rank's row made known to that row's owner too, so that an entry stored as
  // zero on one side only still joins both.
  using Edge = std::pair<dealii::types::global_dof_index, dealii::types::global_dof_index>;
  const auto ranges = dealii::Utilities::MPI::all_gather(comm, Edge(range.first, range.second));
  std::map<unsigned int, std::vector<Edge>> outgoing;
  for (const auto &coupling : remote)
  {
    const auto owner =
        std::find_if(ranges.begin(), ranges.end(),
                     [&](const Edge &r) { return coupling.second >= r.first && coupling.second < r.second; });
    outgoing[static_cast<unsigned int>(owner - ranges.begin())].emplace_back(coupling.second, first + coupling.first);
  }
  for (const auto &from_rank : dealii::Utilities::MPI::some_to_some(comm, outgoing))
    for (const Edge &edge : from_rank.second)
      remote.emplace_back(edge.first - first, edge.second);
  std::sort(remote.begin(), remote.end());
  remote.erase(std::unique(remote.begin(), remote.end()), remote.end());

  // A local tree's root is its smallest row, so its label starts as that row's global index.
  std::vector<std::uint64_t> label(n);
  for (std::size_t i = 0; i < n; ++i)
    label[i] = first + forest.root(i);

  // Across ranks: each tree takes the smallest label of the rows it couples to, until none changes.
  // Labels travel as doubles, exact below 2^53.
  dealii::IndexSet owned(K.m()), ghosts(K.m());
  owned.add_range(range.first, range.second);
  std::vector<dealii::types::global_dof_index> ghost_rows;
  for (const auto &coupling : remote)
    ghost_rows.push_back(coupling.second);
  std::sort(ghost_rows.begin(), ghost_rows.end());
  ghost_rows.erase(std::unique(ghost_rows.begin(), ghost_rows.end()), ghost_rows.end());
  ghosts.add_indices(ghost_rows.begin(), ghost_rows.end());
  Vector labels(owned, comm), ghosted(owned, ghosts, comm);
  const Vector &ghost_view = ghosted;
  std::vector<dealii::types::global_dof_index> rows(n);
  std::iota(rows.begin(), rows.end(), range.first);
  std::vector<PetscScalar> values(n);
  while (true)
  {
    for (std::size_t i = 0; i < n; ++i)
      values[i] = static_cast<double>(label[forest.root(i)]);
    labels.set(rows, values);
    labels.compress(dealii::VectorOperation::insert);
    ghosted = labels;
    int changed = 0;
    for (const auto &coupling : remote)
    {
      const auto other = static_cast<std::uint64_t>(ghost_view(coupling.second));
      std::uint64_t &own = label[forest.root(coupling.first)];
      if (other < own)
      {
        own = other;
        changed = 1;
      }
    }
    if (dealii::Utilities::MPI::max(changed, comm) == 0)
      break;
  }
  std::vector<std::uint64_t> components(n);
  for (std::size_t i = 0; i < n; ++i)
    components[i] = label[forest.root(i)];
  return components;
}

RigidBodyGroups group_rigid_bodies(const std::vector<Vector> &coupling, const std::vector<std::uint64_t> &components)
{
  if (coupling.size() % 6 != 0)
    throw std::logic_error("group_rigid_bodies: expected six coupling columns per body");
  const std::size_t n_bodies = coupling.size() / 6;
  std::vector<std::vector<std::uint64_t>> local(n_bodies);
  for (std::size_t b = 0; b < n_bodies; ++b)
  {
    for (std::size_t mode = 0; mode < 6; ++mode)
    {
      const LocalEntries column(coupling[6 * b + mode]);
      if (column.size() != components.size())
        throw std::logic_error("group_rigid_bodies: columns and components are laid out differently");
      for (std::size_t i = 0; i < column.size(); ++i)
        if (column.local(i) != 0)
          local[b].push_back(components[i]);
    }
    std::sort(local[b].begin(), local[b].end());
    local[b].erase(std::unique(local[b].begin(), local[b].end()), local[b].end());
  }

  RigidBodyGroups groups;
  groups.touched.resize(n_bodies);
  const MPI_Comm comm = coupling.front().get_mpi_communicator();
  for (const auto &rank : dealii::Utilities::MPI::all_gather(comm, local))
    for (std::size_t b = 0; b < n_bodies; ++b)
      groups.touched[b].insert(groups.touched[b].end(), rank[b].begin(), rank[b].end());
  for (auto &touched : groups.touched)
  {
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  }

  // Greedy, in the bodies' order: the first group none of whose bodies shares a component with b.
  groups.group.assign(n_bodies, 0);
  for (std::size_t b = 0; b < n_bodies; ++b)
  {
    const auto clashes = [&](const unsigned int group)
    {
      for (std::size_t other = 0; other < b; ++other)
        if (groups.group[other] == group && shares_a_component(groups.touched[b], groups.touched[other]))
          return true;
      return false;
    };
    unsigned int candidate = 0;
    while (clashes(candidate))
      ++candidate;
    groups.group[b] = candidate;
    groups.n_groups = std::max(groups.n_groups, candidate + 1);
  }
  return groups;
}

void keep_components(const Vector &grouped, const std::vector<std::uint64_t> &components,
                     const std::vector<std::uint64_t> &touched, Vector &column)
{
  column = grouped;
  PetscScalar *data = nullptr;
  Vec vec = static_cast<const Vec &>(column); // a handle: the entries are written through it
  check_petsc(VecGetArray(vec, &data), "VecGetArray");
  for (std::size_t i = 0; i < components.size(); ++i)
    if (!std::binary_search(touched.begin(), touched.end(), components[i]))
      data[i] = 0;
  VecRestoreArray(vec, &data);
}
} // namespace cspine
