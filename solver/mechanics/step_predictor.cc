#include "mechanics/step_predictor.h"

#include "fe/nodal_archive.h"

namespace cspine
{
StepPredictor::StepPredictor(const dealii::DoFHandler<dim> &dofs, const dealii::Mapping<dim> &map,
                             std::vector<const RigidBody *> rigid_bodies)
    : dof_handler(dofs), mapping(map), bodies(std::move(rigid_bodies)), trial_body_motions(bodies.size()),
      committed_body_motions(bodies.size())
{
  trial_motion.reinit(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
  committed_motion.reinit(trial_motion);
}

void StepPredictor::predict(const double step_size, Vector &u) const
{
  if (committed_step_size == 0)
    return;
  const double ratio = step_size / committed_step_size;
  const Vector start = u;
  u.add(ratio, committed_motion);
  for (std::size_t b = 0; b < bodies.size(); ++b)
    bodies[b]->place(start, bodies[b]->pose(start), ratio, committed_body_motions[b], u);
}

void StepPredictor::accepted(const Vector &start, const Vector &end, const double step_size)
{
  trial_motion = end;
  trial_motion -= start;
  trial_step_size = step_size;
  for (std::size_t b = 0; b < bodies.size(); ++b)
  {
    // x_end - c_end = R_end R_start^T (x_start - c_start): the turn about the centroid, in space.
    const RigidFit from = bodies[b]->pose(start), to = bodies[b]->pose(end);
    const Vector3 turn = rotation_vector(to.R * dealii::transpose(from.R));
    const Vector3 shift = to.x_mean - from.x_mean;
    trial_body_motions[b] = {{shift[0], shift[1], shift[2], turn[0], turn[1], turn[2]}};
  }
}

void StepPredictor::commit()
{
  committed_motion = trial_motion;
  committed_step_size = trial_step_size;
  committed_body_motions = trial_body_motions;
}

void StepPredictor::revert()
{
  trial_motion = committed_motion;
  trial_step_size = committed_step_size;
  trial_body_motions = committed_body_motions;
}

void StepPredictor::save(ArchiveWriter &archive) const
{
  archive.put(committed_step_size);
  for (const RigidMotion &motion : committed_body_motions)
    for (const double value : motion)
      archive.put(value);
  save_nodal_field(dof_handler, mapping, committed_motion, archive);
}

void StepPredictor::load(ArchiveReader &archive)
{
  trial_step_size = archive.get_double();
  for (RigidMotion &motion : trial_body_motions)
    for (double &value : motion)
      value = archive.get_double();
  load_nodal_field(dof_handler, mapping, archive, trial_motion);
  commit();
}
} // namespace cspine
