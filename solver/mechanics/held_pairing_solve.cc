#include "mechanics/held_pairing_solve.h"

namespace cspine
{
NewtonResult solve_with_held_pairing(const NewtonSolver &newton, PenaltyContact *contact, const unsigned int hold_after,
                                     const double time, const double reference_force_scale, Vector &u,
                                     Vector &u_ghosted)
{
  if (!contact || hold_after == 0)
    return newton.solve(time, reference_force_scale, u, u_ghosted);
  const auto hold = [&](const unsigned int updates, const Vector &state)
  {
    if (updates != hold_after)
      return false;
    contact->hold_pairing(state);
    return true;
  };
  NewtonResult total;
  for (unsigned int round = 0; round < max_pairing_rounds; ++round)
  {
    contact->release_pairing();
    const NewtonResult part = newton.solve(time, reference_force_scale, u, u_ghosted, hold);
    accumulate(total, part);
    const bool held = contact->pairing_held();
    contact->release_pairing();
    if (!part.converged)
    {
      total.failure = part.failure;
      return total;
    }
    bool free_choice = true;
    if (held)
    {
      free_choice = contact->held_pairing_is_free_choice(u_ghosted);
      // Free or not, the next round (or the next solve) starts from the triangles held here.
      contact->adopt_held_pairing();
    }
    if (free_choice)
    {
      total.converged = true;
      return total;
    }
  }
  total.failure = "the contact pairing did not settle: " + std::to_string(max_pairing_rounds) +
                  " solves converged with it held, and each time some node had slid beyond its held triangle";
  return total;
}
} // namespace cspine
