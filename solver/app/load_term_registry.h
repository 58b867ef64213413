// Every load term a run can assemble, by name, each built by its own factory when the config asks for
// it (none, one, or several: one per thrust). The order is the assembly's and history.csv's. To add a
// term: a class implementing AssemblyTerm (fe/assembly_term.h), which names its own history.csv
// columns, and one entry in load_term_registry.cc.
#pragma once

#include "fe/assembly_term.h"
#include "fe/discretization.h"
#include "mechanics/config.h"

#include <deal.II/dofs/dof_handler.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cspine
{
struct LoadTermInputs
{
  const Config &config;
  const dealii::DoFHandler<dim> &dof_handler;
  const Discretization &discretization;
};

struct LoadTermEntry
{
  std::string name;
  std::string description;
  /// The terms this config asks for (empty: the term is not in use).
  std::function<std::vector<std::unique_ptr<AssemblyTerm>>(const LoadTermInputs &)> create;
};

const std::vector<LoadTermEntry> &load_term_registry();
} // namespace cspine
