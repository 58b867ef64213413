#include "materials/fibre_damage.h"

#include <algorithm>
#include <stdexcept>

namespace cspine
{
DamagedFibre::DamagedFibre(const FibreDamageLaw law_, Envelope envelope_, const double rest_length,
                           const double failure_length_)
    : law(law_), envelope(std::move(envelope_)), failure_length(failure_length_)
{
  if (!(failure_length > rest_length) || !(law.set_fraction >= 0 && law.set_fraction < 1) ||
      !(law.onset_fraction > 0 && law.onset_fraction <= 1) || !(law.rupture_width > 0))
    throw std::invalid_argument("DamagedFibre: needs failure length > rest length, 0 <= set < 1, "
                                "0 < onset <= 1 and rupture width > 0");
  const double to_failure = failure_length - rest_length;
  onset_length = rest_length + law.onset_fraction * to_failure;
  rupture_length = failure_length + law.rupture_width * to_failure;
}

std::pair<double, double> DamagedFibre::extended_envelope(const double length) const
{
  if (length <= failure_length)
    return envelope(length);
  if (length >= rupture_length)
    return {0, 0};
  const double peak_force = envelope(failure_length).first, width = rupture_length - failure_length;
  return {peak_force * (rupture_length - length) / width, -peak_force / width};
}

std::pair<double, double> DamagedFibre::loss(const double length) const
{
  if (length <= onset_length)
    return {0, 0};
  if (length >= rupture_length)
    return {1, 0};
  const double span = rupture_length - onset_length;
  return {(length - onset_length) / span, 1 / span};
}

double DamagedFibre::laxity(const double peak) const
{
  return law.set_fraction * std::max(0.0, std::min(peak, rupture_length) - onset_length);
}

double DamagedFibre::stiffness_loss(const double peak) const
{
  return loss(peak).first;
}

std::pair<double, double> DamagedFibre::force(const double length, const double peak) const
{
  if (ruptured(std::max(peak, length)))
    return {0, 0};
  if (length >= peak)
    return extended_envelope(length);
  // Below the peak: back from the shifted length y to the envelope length s with y = g(s).
  const double y = length - laxity(peak);
  const bool past_onset = y > onset_length;
  const double s = past_onset ? onset_length + (y - onset_length) / (1 - law.set_fraction) : y;
  const double ds_dy = past_onset ? 1 / (1 - law.set_fraction) : 1.0;
  const auto [E, dE] = extended_envelope(s);
  const auto [d, dd] = loss(s);
  const double kept = 1 - stiffness_loss(peak);
  return {kept / (1 - d) * E, kept * (dE / (1 - d) + E * dd / ((1 - d) * (1 - d))) * ds_dy};
}
} // namespace cspine
