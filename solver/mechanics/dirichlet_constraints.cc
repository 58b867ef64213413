#include "mechanics/dirichlet_constraints.h"

#include "core/input_error.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/component_mask.h>
#include <deal.II/numerics/vector_tools.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <sstream>

namespace cspine
{
namespace
{
/// One displacement component of a Dirichlet condition as a deal.II vector-valued function.
class ComponentFunction : public dealii::Function<dim>
{
public:
  ComponentFunction(const Expression &expression, const unsigned int component, const double time)
      : dealii::Function<dim>(dim, time), expression(expression), component(component)
  {
  }

  double value(const dealii::Point<dim> &p, const unsigned int c) const override
  {
    if (c != component)
      return 0.0;
    const double result = expression.value(p, this->get_time());
    if (!std::isfinite(result))
      non_finite = true;
    return result;
  }

  /// Whether some node got NaN or inf (e.g. sqrt(x) where x < 0).
  mutable std::atomic<bool> non_finite{false};

private:
  const Expression &expression;
  const unsigned int component;
};

dealii::ComponentMask single_component(const unsigned int component)
{
  std::vector<bool> mask(dim, false);
  mask[component] = true;
  return dealii::ComponentMask(mask);
}
} // namespace

DirichletConstraints::DirichletConstraints(const dealii::DoFHandler<dim> &dofs, const Discretization &disc,
                                           const std::vector<DirichletCondition> &dirichlet,
                                           const dealii::IndexSet &relevant_dofs, const dealii::IndexSet &shared_dofs,
                                           const HeadCoupling *head_coupling)
    : dof_handler(dofs), discretization(disc), conditions(dirichlet), relevant(relevant_dofs), shared(shared_dofs),
      head(head_coupling)
{
  for (const bool with_head : {false, true})
  {
    auto values = prescribed_values(0);
    if (with_head && head)
      head->prescribed_values(0, values);
    for (auto &[dof, value] : values)
      value = 0;
    zero[with_head] = consistent(values);
  }

  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  for (const DirichletCondition &condition : conditions)
  {
    std::array<std::vector<dealii::types::global_dof_index>, dim> per_component;
    for (unsigned int c = 0; c < dim; ++c)
    {
      const dealii::IndexSet on_boundary =
          dealii::DoFTools::extract_boundary_dofs(dof_handler, single_component(c), {condition.boundary_id});
      for (const auto dof : on_boundary)
        if (owned.is_element(dof))
          per_component[c].push_back(dof);
    }
    boundary_dofs.push_back(per_component);
  }
}

std::map<dealii::types::global_dof_index, double> DirichletConstraints::prescribed_values(const double time) const
{
  std::map<dealii::types::global_dof_index, double> values;
  // The first (condition, component) whose expression is not finite on this rank's nodes.
  unsigned int first_bad = std::numeric_limits<unsigned int>::max();
  for (unsigned int i = 0; i < conditions.size(); ++i)
    for (unsigned int c = 0; c < dim; ++c)
      if (conditions[i].components[c])
      {
        const ComponentFunction function(*conditions[i].components[c], c, time);
        dealii::VectorTools::interpolate_boundary_values(
            *discretization.mapping, dof_handler, conditions[i].boundary_id, function, values, single_component(c));
        if (function.non_finite)
          first_bad = std::min(first_bad, dim * i + c);
      }
  // Bad input, not a solver failure; every rank throws, whichever found it.
  first_bad = dealii::Utilities::MPI::min(first_bad, dof_handler.get_communicator());
  if (first_bad != std::numeric_limits<unsigned int>::max())
  {
    const DirichletCondition &condition = conditions[first_bad / dim];
    const Expression &expression = *condition.components[first_bad % dim];
    std::ostringstream at;
    at << time;
    throw InputError(expression.file(), expression.entry(),
                     condition.boundary_name + ": " + "xyz"[first_bad % dim] + " = " + expression.text(),
                     "an expression that is finite on the whole boundary; it gives NaN or inf at t = " + at.str() +
                         " s");
  }
  return values;
}

const dealii::AffineConstraints<double> &DirichletConstraints::homogeneous(const double time) const
{
  return zero[head && head->prescribes(time)];
}

dealii::AffineConstraints<double>
DirichletConstraints::consistent(const std::map<dealii::types::global_dof_index, double> &values) const
{
  // The prescribed shared DoFs this rank owns, as (DoF, value) pairs for every rank.
  std::vector<double> packed;
  const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
  for (const auto &[dof, value] : values)
    if (shared.is_element(dof) && owned.is_element(dof))
      packed.insert(packed.end(), {static_cast<double>(dof), value});
  const std::vector<double> all = all_gather(packed, dof_handler.get_communicator());

  dealii::AffineConstraints<double> constraints(relevant);
  auto add = [&](const dealii::types::global_dof_index dof, const double value)
  {
    if (constraints.is_constrained(dof))
      return;
    constraints.add_line(dof);
    constraints.set_inhomogeneity(dof, value);
  };
  for (const auto &[dof, value] : values)
    add(dof, value);
  for (std::size_t i = 0; i < all.size(); i += 2)
    add(static_cast<dealii::types::global_dof_index>(all[i]), all[i + 1]);
  constraints.close();
  return constraints;
}

dealii::AffineConstraints<double> DirichletConstraints::increment(const double time,
                                                                  const dealii::PETScWrappers::MPI::Vector &u) const
{
  auto values = prescribed_values(time);
  if (head && head->prescribes(time))
    head->prescribed_values(time, values);
  std::map<dealii::types::global_dof_index, double> increments;
  for (const auto &[dof, value] : values)
    increments[dof] = value - u(dof);
  return consistent(increments);
}
} // namespace cspine
