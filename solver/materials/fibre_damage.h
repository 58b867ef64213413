// Sub-failure damage with permanent elongation (laxity) of a tension-only fibre: a 1-D ligament or a
// capsule fibre. The published loading curve is the envelope E(l): a fibre pulled further than ever before
// follows it, and so the monotonic curve is reproduced. Its history is its peak length m. Past the damage
// onset l_y (a fraction of the elongation from rest length L0 to the failure point l_f) the fibre
//   - lengthens for good: its slack grows by the permanent set  dL(m) = kappa (m - l_y)+, and
//   - loses stiffness:  d(m) = (m - l_y)+ / (l_r - l_y), 1 at the rupture length l_r.
// Below its peak it unloads and reloads on the envelope shifted by dL(m) and scaled by (1 - d(m)), with the
// pre-onset part of the curve undamaged, so the reload meets the envelope again at m (continuous force):
//   F(l) = (1 - d(m)) / (1 - d(s)) E(s),  s = g^-1(l - dL(m)),  g(s) = s - kappa (s - l_y)+.
// Past l_f the envelope falls linearly to zero at l_r = l_f + w (l_f - L0), so that rupture is continuous
// for Newton; a fibre whose peak reached l_r has ruptured and carries nothing again.
// The shape of the law (linear set and stiffness loss, one onset for both) is assumed; its constants are
// documented where they are declared (loads/load_case.cc, Load case/Ligaments/Damage ...).
#pragma once

#include <functional>
#include <utility>

namespace cspine
{
struct FibreDamageLaw
{
  /// [-] Onset as a fraction of the elongation from the rest length to the failure point.
  double onset_fraction = 0.62;
  /// [-] Permanent set kappa: mm of extra slack per mm of peak stretch beyond the onset (0 <= kappa < 1).
  double set_fraction = 0.5;
  /// [-] Width w of the fall to zero past the failure point, as a fraction of the elongation to failure.
  double rupture_width = 0.1;
};

class DamagedFibre
{
public:
  /// Force [N] of the undamaged fibre and its derivative [N/mm] at a length [mm].
  using Envelope = std::function<std::pair<double, double>(double length)>;

  /// `rest_length` L0 and `failure_length` l_f [mm] of the envelope (l_f > L0).
  DamagedFibre(FibreDamageLaw law, Envelope envelope, double rest_length, double failure_length);

  /// [N] and [N/mm] Force at `length` for a fibre whose peak length so far is `peak` [mm], and its
  /// derivative with respect to `length` (the peak growing with it when length > peak).
  std::pair<double, double> force(double length, double peak) const;

  /// [mm] Permanent set (added slack) after a peak length, and [-] the stiffness loss d.
  double laxity(double peak) const;
  double stiffness_loss(double peak) const;
  bool ruptured(double peak) const { return peak >= rupture_length; }
  double onset() const { return onset_length; }
  double rupture() const { return rupture_length; }

private:
  /// The envelope extended past the failure point by the linear fall to zero.
  std::pair<double, double> extended_envelope(double length) const;
  /// d at a length on the envelope, and dd/dl.
  std::pair<double, double> loss(double length) const;

  FibreDamageLaw law;
  Envelope envelope;
  double failure_length, onset_length, rupture_length;
};
} // namespace cspine
