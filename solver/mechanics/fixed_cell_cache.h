// What the last evaluation of a cell whose DoFs are all fixed gave: its internal forces and what its
// tangent adds to the fixed DoFs' diagonal. Such a cell does not move within a step's Newton updates (the
// prescribed head: a quarter of the default model's cells), so once the first update has moved it, every
// later assembly of the step would evaluate its materials again at the same displacement, time and
// committed state, to the same numbers. The kept ones are used while all three are unchanged, bit for bit.
//
// The materials' trial variables stay right without being written again: an entry always holds the last
// evaluation of its cell (an evaluation that differs replaces or drops it), and a commit, revert or load
// of the quadrature history (which rewrites the trial variables) changes its generation and so misses.
#pragma once

#include "core/types.h"

#include <deal.II/lac/vector.h>

#include <cstdint>
#include <vector>

namespace cspine
{
class FixedCellCache
{
public:
  struct Entry
  {
    dealii::Vector<double> displacement, forces, diagonal;
    double time = 0;
    std::uint64_t generation = 0;
    /// Whether `diagonal` was computed (a residual-only evaluation has no tangent).
    bool has_diagonal = false;
  };

  /// The kept evaluation of active cell `cell`, if its last one was at exactly this displacement, time and
  /// history generation, with a diagonal where `need_diagonal`; nullptr otherwise.
  const Entry *find(unsigned int cell, const dealii::Vector<double> &displacement, double time,
                    std::uint64_t generation, bool need_diagonal);
  /// How many evaluations `find` has given back.
  std::uint64_t reused() const { return hits; }
  /// Whether `cell` has an entry (a fixed cell seen by an assembly with a tangent).
  bool tracks(unsigned int cell) const { return cell < slot.size() && slot[cell] != none; }
  /// Keeps an evaluation of `cell` (`diagonal` null: forces only), replacing its last.
  void store(unsigned int cell, const dealii::Vector<double> &displacement, double time, std::uint64_t generation,
             const dealii::Vector<double> &forces, const dealii::Vector<double> *diagonal);
  /// Drops `cell`'s entry: its last evaluation is not kept (an invalid state), or its DoFs are no longer all fixed.
  void forget(unsigned int cell);

private:
  static constexpr unsigned int none = static_cast<unsigned int>(-1);
  /// Per active cell index: its entry in `entries`, or none.
  std::vector<unsigned int> slot;
  std::vector<Entry> entries;
  /// Entries of forgotten cells, for reuse.
  std::vector<unsigned int> free_entries;
  std::uint64_t hits = 0;
};
} // namespace cspine
