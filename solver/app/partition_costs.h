// What a cell of each region costs the solve, relative to an ordinary cell, for the partition of the mesh
// among ranks (mesh/mesh_builder.h): the ranks synchronise at every assembly, so each should carry an
// equal share of the work, not of the cells.
#pragma once

#include "mechanics/config.h"

#include <map>

namespace cspine
{
/// [-] A cell of a meshed head whose pose every step prescribes (angle control throughout): its DoFs are
/// fixed, so its evaluation is kept between a step's assemblies (mechanics/fixed_cell_cache.h) and made
/// afresh in about one in five (80 % of 4.6 million lookups kept in the default rotary thrust). There, on
/// 2 ranks, the ranks' cell and term assembly times were 4-5 % apart with equal cell counts (the head on
/// one rank) and within 1 % with this weight (README, A fixed cell's evaluation is kept).
constexpr double prescribed_head_cell_cost = 0.3;

/// By region id; regions not listed cost 1.
std::map<unsigned int, double> partition_costs(const Config &config);
} // namespace cspine
