// A Newton solve with contact, in rounds. Which triangle a contact node presses on is a discrete choice,
// made afresh at every update; a node at a facet's edge can switch it from one update to the next and
// back, and Newton cycles (the head-C3 model in flexion at 11.5 deg: the same eight residuals over and
// over). After a few updates the pairing is held for the rest of the solve, so the forces become a smooth
// function of u. A state that converges so is accepted only where the free choice, starting from the held
// triangles, keeps them (each node within its triangle's hysteresis band, PenaltyContact::project): then
// it is an equilibrium of the free contact, not an approximation. Otherwise the free choice at that state
// is held from the start of another solve, for at most `max_pairing_rounds` solves in all. Either way the
// held triangles become the nodes' contact history, as a converged step's would.
#pragma once

#include "contact/penalty_contact.h"
#include "mechanics/newton_solver.h"

namespace cspine
{
/// Solves at `time` from the converged u; `hold_after` = 0 (or no contact) is one plain Newton solve.
NewtonResult solve_with_held_pairing(const NewtonSolver &newton, PenaltyContact *contact, unsigned int hold_after,
                                     double time, double reference_force_scale, Vector &u, Vector &u_ghosted);

constexpr unsigned int max_pairing_rounds = 3;
} // namespace cspine
