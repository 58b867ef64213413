// Every material model, one line each. Adding a model: a .h/.cc pair and one line here; the
// registry-driven tests in tests/unit/material_test.cc then cover it.
#include "materials/registry.h"

#include "materials/fibre_exponential.h"
#include "materials/fibre_table.h"
#include "materials/mooney_rivlin.h"
#include "materials/neo_hookean_coupled.h"
#include "materials/neo_hookean_uncoupled.h"

namespace cspine
{
namespace
{
template <typename Model> Registry<Material>::Entry entry(const std::string &name, const std::string &description)
{
  return {name, description, &Model::declare_parameters,
          [](dealii::ParameterHandler &prm)
          {
            return std::make_unique<Model>(prm);
          }};
}

Registry<Material> make_registry()
{
  Registry<Material> registry;
  registry.add(entry<NeoHookeanCoupled>("neo_hookean_coupled", "Bonet & Wood / FEBio coupled neo-Hookean (E, nu)"));
  registry.add(entry<NeoHookeanUncoupled>("neo_hookean_uncoupled", "Uncoupled neo-Hookean (mu, kappa)"));
  registry.add(entry<MooneyRivlin>("mooney_rivlin", "Uncoupled Mooney-Rivlin (C1, C2, kappa)"));
  registry.add(entry<FibreExponential>("fibre_exponential",
                                       "Neo-Hookean matrix with tension-only exponential fibres (HGO type)"));
  registry.add(
      entry<FibreTable>("fibre_table", "Neo-Hookean matrix with tension-only fibres following a stress-strain table"));
  return registry;
}
} // namespace

const Registry<Material> &material_registry()
{
  static const Registry<Material> registry = make_registry();
  return registry;
}
} // namespace cspine
