#include "loads/boundary_conditions.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>

namespace cspine
{
namespace
{
const std::string dirichlet_entry = "Boundary conditions/Fixed displacement";
const std::string traction_entry = "Boundary conditions/Traction";

std::string boundary_list(const MeshNames &names)
{
  std::string list;
  for (const auto &[id, name] : names.boundaries)
    list += (list.empty() ? "" : ", ") + name;
  return list;
}

unsigned int find_boundary(const std::string &name, const MeshNames &names, const std::string &file,
                           const std::string &entry)
{
  for (const auto &[id, boundary_name] : names.boundaries)
    if (boundary_name == name)
      return id;
  throw InputError(file, entry, name, "unknown boundary; the mesh has: " + boundary_list(names));
}

/// Splits "name: rest" and checks the name.
std::pair<unsigned int, std::string> split_group(const std::string &group, const MeshNames &names,
                                                 const std::string &file, const std::string &entry)
{
  const auto colon = group.find(':');
  if (colon == std::string::npos)
    throw InputError(file, entry, group, "groups look like '<boundary>: <values>', separated by ';'");
  const std::string name = dealii::Utilities::trim(group.substr(0, colon));
  return {find_boundary(name, names, file, entry), dealii::Utilities::trim(group.substr(colon + 1))};
}

unsigned int component_index(const std::string &text, const std::string &file, const std::string &entry)
{
  if (text == "x")
    return 0;
  if (text == "y")
    return 1;
  if (text == "z")
    return 2;
  throw InputError(file, entry, text, "a displacement component is x, y or z");
}
} // namespace

void BoundaryConditions::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Boundary conditions");
  prm.declare_entry("Fixed displacement", "", dealii::Patterns::Anything(),
                    "[mm] Prescribed displacement components per boundary, as expressions in x, y, z [mm] "
                    "and t [s]: '<boundary>: <x|y|z> = <expr>[, ...]; <boundary>: ...'. Unlisted "
                    "components are free.");
  prm.declare_entry("Traction", "", dealii::Patterns::Anything(),
                    "[MPa] Dead traction per reference area: '<boundary>: <tx>, <ty>, <tz>; ...', each an "
                    "expression in x, y, z [mm] and t [s].");
  prm.leave_subsection();
}

void BoundaryConditions::parse_parameters(dealii::ParameterHandler &prm, const std::string &file,
                                          const MeshNames &names)
{
  prm.enter_subsection("Boundary conditions");
  const std::string dirichlet_text = prm.get("Fixed displacement");
  const std::string traction_text = prm.get("Traction");
  prm.leave_subsection();

  dirichlet.clear();
  tractions.clear();
  for (const std::string &group : dealii::Utilities::split_string_list(dirichlet_text, ';'))
  {
    const auto [id, rest] = split_group(group, names, file, dirichlet_entry);
    // Groups naming the same boundary add to one condition (one set of reaction columns).
    auto existing = std::find_if(dirichlet.begin(), dirichlet.end(),
                                 [id = id](const DirichletCondition &c) { return c.boundary_id == id; });
    if (existing == dirichlet.end())
    {
      dirichlet.emplace_back();
      dirichlet.back().boundary_id = id;
      dirichlet.back().boundary_name = names.boundaries.at(id);
      existing = dirichlet.end() - 1;
    }
    DirichletCondition &condition = *existing;
    for (const std::string &assignment : dealii::Utilities::split_string_list(rest, ','))
    {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos)
        throw InputError(file, dirichlet_entry, assignment, "each component is '<x|y|z> = <expression>'");
      const unsigned int c =
          component_index(dealii::Utilities::trim(assignment.substr(0, equals)), file, dirichlet_entry);
      if (condition.components[c])
        throw InputError(file, dirichlet_entry, group,
                         std::string("component ") + "xyz"[c] + " of boundary '" + condition.boundary_name +
                             "' is already set (to " + condition.components[c]->text() + "); set each component once");
      condition.components[c].emplace(dealii::Utilities::trim(assignment.substr(equals + 1)), file, dirichlet_entry);
    }
  }

  for (const std::string &group : dealii::Utilities::split_string_list(traction_text, ';'))
  {
    const auto [id, rest] = split_group(group, names, file, traction_entry);
    const std::vector<std::string> values = dealii::Utilities::split_string_list(rest, ',');
    if (values.size() != dim)
      throw InputError(file, traction_entry, group, "three traction components '<tx>, <ty>, <tz>' [MPa]");
    if (std::any_of(tractions.begin(), tractions.end(),
                    [id = id](const TractionCondition &other) { return other.boundary_id == id; }))
      throw InputError(file, traction_entry, group,
                       "boundary '" + names.boundaries.at(id) + "' already has a traction; give each boundary one");
    TractionCondition condition;
    condition.boundary_id = id;
    condition.boundary_name = names.boundaries.at(id);
    for (unsigned int c = 0; c < dim; ++c)
      condition.components[c].emplace(values[c], file, traction_entry);
    tractions.push_back(std::move(condition));
  }
}
} // namespace cspine
