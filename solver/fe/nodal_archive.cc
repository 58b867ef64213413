#include "fe/nodal_archive.h"

#include "core/format.h"
#include "core/input_error.h"
#include "fe/node_set.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <map>

namespace cspine
{
namespace
{
// One node in the archive: reference position, then the three values.
constexpr std::size_t record_size = 2 * dim;

std::vector<Node> all_owned_nodes(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping)
{
  std::vector<Node> nodes = owned_region_nodes(dof_handler, mapping, [](unsigned int) { return true; });
  const auto owned = dealii::Utilities::MPI::sum(nodes.size(), dof_handler.get_communicator());
  if (dim * owned != dof_handler.n_dofs())
    throw std::logic_error("a checkpoint stores nodal fields only: " + std::to_string(dim * owned) +
                           " nodal DoFs, but " + std::to_string(dof_handler.n_dofs()) + " in all");
  return nodes;
}
} // namespace

void save_nodal_field(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping, const Vector &u,
                      ArchiveWriter &archive)
{
  std::vector<double> local;
  for (const Node &node : all_owned_nodes(dof_handler, mapping))
  {
    for (unsigned int d = 0; d < dim; ++d)
      local.push_back(node.X[d]);
    for (unsigned int d = 0; d < dim; ++d)
      local.push_back(u(node.dofs[d]));
  }
  std::vector<std::array<double, record_size>> records;
  for (const auto &part : dealii::Utilities::MPI::gather(dof_handler.get_communicator(), local, 0))
    for (std::size_t i = 0; i + record_size <= part.size(); i += record_size)
    {
      records.emplace_back();
      std::copy(part.begin() + i, part.begin() + i + record_size, records.back().begin());
    }
  // Sorted by position: the file does not depend on the partition, and two nodes at one position
  // (which could not be told apart on loading) are found.
  std::sort(records.begin(), records.end());
  for (std::size_t r = 1; r < records.size(); ++r)
    if (std::equal(records[r].begin(), records[r].begin() + dim, records[r - 1].begin()))
      throw std::logic_error("two nodes share the position (" + format_number(records[r][0]) + ", " +
                             format_number(records[r][1]) + ", " + format_number(records[r][2]) +
                             "); a checkpoint cannot tell them apart");
  std::vector<double> flat;
  flat.reserve(records.size() * record_size);
  for (const auto &record : records)
    flat.insert(flat.end(), record.begin(), record.end());
  archive.put(flat);
}

void load_nodal_field(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                      ArchiveReader &archive, Vector &u)
{
  const std::vector<double> flat = archive.get_doubles();
  if (flat.size() != record_size * (dof_handler.n_dofs() / dim))
    throw InputError("the checkpoint holds " + std::to_string(flat.size() / record_size) + " nodes, this mesh " +
                     std::to_string(dof_handler.n_dofs() / dim) + ": it was written for another mesh");
  std::map<std::array<double, dim>, std::size_t> record_at;
  for (std::size_t i = 0; i < flat.size(); i += record_size)
    record_at[{{flat[i], flat[i + 1], flat[i + 2]}}] = i;
  int missing = 0;
  for (const Node &node : all_owned_nodes(dof_handler, mapping))
  {
    const auto found = record_at.find({{node.X[0], node.X[1], node.X[2]}});
    if (found == record_at.end())
    {
      missing = 1;
      continue;
    }
    for (unsigned int d = 0; d < dim; ++d)
      u(node.dofs[d]) = flat[found->second + dim + d];
  }
  // Thrown on every rank together, so that none waits for another.
  if (dealii::Utilities::MPI::max(missing, dof_handler.get_communicator()))
    throw InputError("the checkpoint's nodes are not at this mesh's nodes: it was written for another mesh");
  u.compress(dealii::VectorOperation::insert);
}
} // namespace cspine
