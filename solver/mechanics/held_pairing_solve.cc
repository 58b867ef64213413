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
  contact->release_pairing();
  for (unsigned int round = 0; round < max_pairing_rounds; ++round)
  {
    // The first round holds after `hold_after` updates; later ones hold from their start the choice made
    // at the last converged state (below). Re-choosing mid-solve instead let a node at a surface's border
    // be pushed out of reach at the moment of holding, lose its contact for the round and come back in
    // behind the surface: round after round (the rotary thrust at 69.4 deg, head-T1).
    const bool held_from_start = contact->pairing_held();
    const NewtonResult part = held_from_start ? newton.solve(time, reference_force_scale, u, u_ghosted)
                                              : newton.solve(time, reference_force_scale, u, u_ghosted, hold);
    accumulate(total, part);
    const bool held = contact->pairing_held();
    if (!part.converged)
    {
      contact->release_pairing();
      total.failure = part.failure;
      return total;
    }
    bool free_choice = true;
    if (held)
    {
      free_choice = contact->held_pairing_is_free_choice(u_ghosted);
      // Free or not, the held triangles become the nodes' history.
      contact->adopt_held_pairing();
    }
    contact->release_pairing();
    if (free_choice)
    {
      total.converged = true;
      return total;
    }
    // The free choice at this converged state, from the held triangles, is what the next round holds.
    contact->hold_pairing(u_ghosted);
  }
  contact->release_pairing();
  total.failure = "the contact pairing did not settle: " + std::to_string(max_pairing_rounds) +
                  " solves converged with it held, and each time some node had slid beyond its held triangle";
  return total;
}
} // namespace cspine
