// The first guess of a quasi-static load step: the last accepted step's motion, scaled to this step's
// size. Along a smooth load path Newton then starts a second-order distance from the answer, not a
// first-order one, and needs fewer updates (benchmark B 8^3: 21 in 10 steps, 30 without). A guess only: the
// prescribed DoFs are still moved to their values by Newton's first update, and the answer is the
// same equilibrium to Newton's tolerance. A rigid body is extrapolated rigidly: its last translation and
// rotation, scaled, so that its nodes stay exactly rigid.
#pragma once

#include "fe/assembly_term.h"
#include "fe/rigid_body.h"
#include "io/step_history.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

namespace cspine
{
class StepPredictor : public StepHistory
{
public:
  /// `bodies`: the rigid bodies whose nodes must stay rigid (they must outlive the predictor).
  StepPredictor(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                std::vector<const RigidBody *> bodies);

  /// Adds to u (owned) the last accepted step's motion x step_size / its size; each rigid body turns and
  /// moves by its last motion x the same ratio. Nothing before a step has been accepted. Collective.
  void predict(double step_size, Vector &u) const;
  /// The step of `step_size` [s] from `start` to `end` converged; it becomes the one extrapolated once
  /// the state is committed. Collective.
  void accepted(const Vector &start, const Vector &end, double step_size);

  std::string history_name() const override { return "step predictor"; }
  void commit() override;
  void revert() override;
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

private:
  const dealii::DoFHandler<dim> &dof_handler;
  const dealii::Mapping<dim> &mapping;
  std::vector<const RigidBody *> bodies;
  /// Each body's translation [mm] and rotation vector [rad] over the step (the same on every rank).
  std::vector<RigidMotion> trial_body_motions, committed_body_motions;
  /// [mm] u at the step's end less u at its start, and the step's size [s] (0: none to extrapolate).
  Vector trial_motion, committed_motion;
  double trial_step_size = 0, committed_step_size = 0;
};
} // namespace cspine
