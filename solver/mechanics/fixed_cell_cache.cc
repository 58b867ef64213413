#include "mechanics/fixed_cell_cache.h"

#include <algorithm>

namespace cspine
{
const FixedCellCache::Entry *FixedCellCache::find(const unsigned int cell, const dealii::Vector<double> &displacement,
                                                  const double time, const std::uint64_t generation,
                                                  const bool need_diagonal)
{
  if (!tracks(cell))
    return nullptr;
  const Entry &entry = entries[slot[cell]];
  // Bitwise: the kept forces are those of exactly this input, so a hit changes no result by round-off.
  if (entry.time != time || entry.generation != generation || (need_diagonal && !entry.has_diagonal) ||
      !std::equal(displacement.begin(), displacement.end(), entry.displacement.begin(), entry.displacement.end()))
    return nullptr;
  ++hits;
  return &entry;
}

void FixedCellCache::store(const unsigned int cell, const dealii::Vector<double> &displacement, const double time,
                           const std::uint64_t generation, const dealii::Vector<double> &forces,
                           const dealii::Vector<double> *diagonal)
{
  if (cell >= slot.size())
    slot.resize(cell + 1, none);
  if (slot[cell] == none)
  {
    if (free_entries.empty())
    {
      slot[cell] = static_cast<unsigned int>(entries.size());
      entries.emplace_back();
    }
    else
    {
      slot[cell] = free_entries.back();
      free_entries.pop_back();
    }
  }
  Entry &entry = entries[slot[cell]];
  entry.displacement = displacement;
  entry.forces = forces;
  entry.time = time;
  entry.generation = generation;
  entry.has_diagonal = diagonal != nullptr;
  if (diagonal)
    entry.diagonal = *diagonal;
}

void FixedCellCache::forget(const unsigned int cell)
{
  if (!tracks(cell))
    return;
  free_entries.push_back(slot[cell]);
  slot[cell] = none;
}
} // namespace cspine
