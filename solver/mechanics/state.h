// The one state of a run: the displacement, where the stepping stands, and every registered history
// (io/step_history.h). A step that is accepted is committed; a cut step is reverted to the last commit,
// so that trial solves (line search, failed iterations, a failed moment search) never change what was
// accepted. A checkpoint saves the committed state; a resumed run loads it, on any number of ranks.
#pragma once

#include "fe/assembly_term.h"
#include "io/step_history.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cspine
{
/// Where the stepping stands after the last accepted step.
struct StepControl
{
  /// [s]
  double time = 0;
  std::uint64_t step = 0;
  /// Index of the protocol's step end time being worked towards.
  std::uint64_t target = 0;
  /// Step size / nominal step: cuts halve it, and two successes in a row double it back.
  double reduction = 1;
  std::uint64_t successes = 0;
  /// [N] Largest force scale of the accepted states (Newton judges an unloaded state against it).
  double largest_force_scale = 0;
  /// [N mm] The head's moment into the spine at the last recorded state.
  double last_head_moment = 0;
};

class State
{
public:
  /// u owned, u_ghosted with the `relevant` DoFs.
  State(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
        const dealii::IndexSet &relevant);

  /// A history to commit, revert, save and load with the state; it must outlive the state.
  void add(StepHistory &history) { histories.push_back(&history); }

  /// The current u and control become the accepted ones; so does every history.
  void commit();
  /// Back to the last commit: u (and u_ghosted), control and every history.
  void revert();

  /// Writes the committed state to `file` atomically (rank 0), stamped with `fingerprint` (the
  /// config's). Collective; throws OutputError on every rank if it cannot be written.
  void save(const std::string &file, std::uint64_t fingerprint) const;
  /// Loads a state saved by `save` and commits it. Throws InputError (on every rank) if the file is
  /// missing, truncated, or from another config. Collective.
  void load(const std::string &file, std::uint64_t fingerprint);

  /// The trial displacement (owned) and its ghosted copy; keep them equal before any assembly.
  Vector u, u_ghosted;
  StepControl control;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  const dealii::Mapping<dim> &mapping;
  Vector committed_u;
  StepControl committed_control;
  std::vector<StepHistory *> histories;
};

/// A stable 64-bit fingerprint (FNV-1a) of a text, the same on every platform and build.
std::uint64_t fingerprint_of(const std::string &text);
} // namespace cspine
