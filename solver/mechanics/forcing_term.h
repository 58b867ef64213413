// The forcing term of an inexact Newton method: how far to solve each Newton update's linear system.
// Eisenstat & Walker 1996 (SIAM J. Sci. Comput. 17:16-32), choice 2: eta_k = gamma (|R_k| / |R_k-1|)^alpha
// with gamma = 0.9, alpha = 2, and at most 0.1 (their safeguard against a sudden drop, gamma eta_k-1^2
// when that exceeds 0.1, cannot act under this cap). The first update of a step, which has no ratio, is
// solved to 1e-3, not to the loosest term: it starts from the predictor's guess (StepPredictor), close
// to the answer, where a loose solve would leave the linear error the largest one and cost whole Newton
// updates, while multigrid-preconditioned CG gains the two decades in a few iterations (benchmark B 8^3:
// 4 -> 2 updates per step, 331 -> 327 CG iterations). Never tighter than `floor`, nor tighter than the Newton tolerance
// needs (half the target residual over |R_k|). It reads global norms only, so every rank, and any number of ranks, gets
// the same tolerances.
#pragma once

namespace cspine
{
class ForcingTerm
{
public:
  /// `enabled` false: every solve to `floor`.
  ForcingTerm(bool enabled, double floor);

  /// The relative tolerance of the next update's solve, given the current |R| and the |R| Newton must
  /// reach.
  double next(double residual_norm, double target_norm);

private:
  bool enabled;
  double floor;
  double previous_norm = 0;
};
} // namespace cspine
