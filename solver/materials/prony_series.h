// A Prony series of relaxation times and weights, shared by the viscoelastic solids and the 1-D
// ligaments: the viscous part of a response follows dq_i/dt + q_i / tau_i = beta_i de/dt, where e is the
// elastic response (a stress or a force). Over a step of length dt, with e linear in time, the
// convolution integrates exactly (Simo 1987; Holzapfel 2000, sec. 6.10):
//   q_i <- h_i q_i + beta_i g_i (e - e_old),  h_i = exp(-dt/tau_i),  g_i = (1 - h_i) / (dt/tau_i).
#pragma once

#include <string>
#include <vector>

namespace cspine
{
struct PronyTerm
{
  /// [s] Relaxation time tau_i.
  double time;
  /// [-] Weight beta_i relative to the long-term response.
  double weight;
};
using PronySeries = std::vector<PronyTerm>;

/// "tau1:beta1, tau2:beta2, ..." (empty text: no series); InputError naming `file` and `entry` unless
/// every tau > 0 and beta >= 0.
PronySeries parse_prony_series(const std::string &text, const std::string &file, const std::string &entry);

/// h_i and g_i of one term over a step dt (g = 1 at dt = 0: the instantaneous response).
struct PronyStep
{
  double decay, gain;
};
PronyStep prony_step(const PronyTerm &term, double time_step);
} // namespace cspine
