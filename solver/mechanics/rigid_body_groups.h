// Which rigid bodies can share the right-hand sides of the bordered Newton solve. Once every body's rows
// and columns of K are replaced by a diagonal (K'), K' splits into independent blocks: the connected
// components of its nonzero entries (for a spine with rigid vertebrae, roughly one per disc and joint
// level). K'^-1 (K_fb G_b) is zero outside the components that body b's coupling columns touch, so bodies
// touching disjoint components can be solved as one summed right-hand side and the solution split by
// component afterwards, exactly: the blocks share no nonzero, so nothing mixes between them.
#pragma once

#include "fe/assembly_term.h"

#include <cstdint>
#include <vector>

namespace cspine
{
/// The component of each locally owned row of K (by its smallest global row index), joined through K's
/// nonzero entries; entries stored as zeros (a body's replaced rows and columns) join nothing. Collective.
std::vector<std::uint64_t> connected_components(const Matrix &K);

/// Bodies sorted into groups whose bodies touch no common component.
struct RigidBodyGroups
{
  /// The group of each body, and the number of groups.
  std::vector<unsigned int> group;
  unsigned int n_groups = 0;
  /// The components each body's coupling columns touch (sorted), over all ranks.
  std::vector<std::vector<std::uint64_t>> touched;
};

/// Groups the bodies greedily in order. `coupling[6 b + i]` is body b's i-th coupling column (zero at
/// the bodies' own DoFs); `components` as from connected_components. Collective.
RigidBodyGroups group_rigid_bodies(const std::vector<Vector> &coupling, const std::vector<std::uint64_t> &components);

/// Sets `column` to `grouped` on the rows whose component is among `touched` (sorted), zero elsewhere.
void keep_components(const Vector &grouped, const std::vector<std::uint64_t> &components,
                     const std::vector<std::uint64_t> &touched, Vector &column);
} // namespace cspine
