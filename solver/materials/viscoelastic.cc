#include "materials/viscoelastic.h"

#include <cmath>
#include <stdexcept>

namespace cspine
{
namespace
{
constexpr unsigned int n_components = SymTensor2::n_independent_components;

SymTensor2 read(const double *values)
{
  SymTensor2 tensor;
  for (unsigned int c = 0; c < n_components; ++c)
    tensor.access_raw_entry(c) = values[c];
  return tensor;
}

void write(const SymTensor2 &tensor, double *values)
{
  for (unsigned int c = 0; c < n_components; ++c)
    values[c] = tensor.access_raw_entry(c);
}
} // namespace

Viscoelastic::Viscoelastic(std::shared_ptr<const Material> elastic_model, std::vector<PronyTerm> series)
    : elastic(std::move(elastic_model)), terms(std::move(series)), elastic_state_size(elastic->create_state().size())
{
}

void Viscoelastic::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Viscoelasticity");
  prm.declare_entry("Prony series", "", dealii::Patterns::Anything(),
                    "[s : -] Relaxation times and weights 'tau1:beta1, tau2:beta2, ...' of a Prony series on the "
                    "material's stress without its separate volumetric energy (Simo 1987; Holzapfel 2000, sec. "
                    "6.10): the long-term response is the material's, the instantaneous one (1 + sum beta) times "
                    "stiffer. Empty (the default): elastic.");
  prm.leave_subsection();
}

std::vector<PronyTerm> Viscoelastic::parse_series(dealii::ParameterHandler &prm, const std::string &file,
                                                  const std::string &section)
{
  prm.enter_subsection("Viscoelasticity");
  const std::string text = prm.get("Prony series");
  prm.leave_subsection();
  return parse_prony_series(text, file, section + "/Viscoelasticity/Prony series");
}

std::vector<double> Viscoelastic::create_state() const
{
  std::vector<double> state = elastic->create_state();
  // The unloaded point: no viscous stress, and S_e = 0 (every model here is stress free at F = 1).
  state.resize(state.size() + (terms.size() + 1) * n_components, 0.0);
  return state;
}

void Viscoelastic::evaluate(const MaterialInput &input, MaterialOutput &output) const
{
  if (!input.state || !output.state)
    throw std::logic_error("a viscoelastic material needs its internal variables (MaterialInput/Output::state)");
  // S_e and CC_e: the elastic model without its separate volumetric energy.
  MaterialInput without_volumetric = input;
  without_volumetric.volumetric = false;
  MaterialOutput part;
  part.state = output.state; // the elastic model's own variables come first in the state
  elastic->evaluate(without_volumetric, part);
  if (input.volumetric && elastic->bulk_modulus() > 0)
    elastic->evaluate(input, output);
  else
  {
    output.energy = part.energy;
    output.S = part.S;
    output.tangent = part.tangent;
  }
  const SymTensor2 &S_e = part.S;

  const double *old_state = input.state + elastic_state_size;
  double *new_state = output.state + elastic_state_size;
  const SymTensor2 S_e_old = read(old_state + terms.size() * n_components);
  const SymTensor2 S_e_change = S_e - S_e_old;
  double tangent_factor = 0;
  for (std::size_t i = 0; i < terms.size(); ++i)
  {
    const auto [h, g] = prony_step(terms[i], input.time_step);
    const SymTensor2 Q = h * read(old_state + i * n_components) + terms[i].weight * g * S_e_change;
    write(Q, new_state + i * n_components);
    output.S += Q;
    tangent_factor += terms[i].weight * g;
  }
  write(S_e, new_state + terms.size() * n_components);
  output.tangent += tangent_factor * part.tangent;
}
} // namespace cspine
