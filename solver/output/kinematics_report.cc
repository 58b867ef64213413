#include "output/kinematics_report.h"

#include <cmath>
#include <iomanip>

namespace cspine
{
namespace
{
constexpr double degree = M_PI / 180;
}

KinematicsReport::KinematicsReport(const ReportInputs &input, PeakTable &)
    : ReportPlugin(input),
      file(add_csv("kinematics.csv",
                   "# Rotation of the upper body of each level pair relative to the lower one, from rigid fits of "
                   "their nodes: rotation-vector components in the lower body's reference frame about x (left; + = "
                   "extension), y (anterior; + = lateral bending to the left), z (up; + = axial rotation to the "
                   "right), and about the head axis.\n"
                   "step,time [s],phase,pair,about_x [deg],about_y [deg],about_z [deg],about_head_axis [deg]\n"))
{
  axis[2] = 1;
  if (inputs.head)
    axis = inputs.head->settings().axis;
  for (const char *level : {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "t1"})
    for (const auto &[id, region] : inputs.config.regions)
      if (region.name == std::string("vertebra_") + level)
      {
        const unsigned int region_id = id;
        bodies.emplace_back(level, owned_region_nodes(inputs.dof_handler, *inputs.discretization.mapping,
                                                      [&](unsigned int r) { return r == region_id; }));
      }
}

void KinematicsReport::record(const ReportStep &step, const Vector &u, bool, PeakTable &)
{
  std::vector<RigidFit> fits;
  for (const auto &[label, nodes] : bodies)
    fits.push_back(fit_rigid_motion(nodes, u, inputs.dof_handler.get_communicator()));
  if (!root)
    return;
  std::ofstream &rows = file.rows();
  rows << std::setprecision(8);
  for (std::size_t k = 0; k + 1 < fits.size(); ++k)
  {
    // Relative rotation of the upper body, in the lower body's reference frame.
    const Tensor2 relative = dealii::transpose(fits[k + 1].R) * fits[k].R;
    const Vector3 rotation = rotation_vector(relative) / degree;
    rows << step.step << "," << step.time << "," << step.phase << "," << bodies[k].first << "_" << bodies[k + 1].first
         << "," << rotation[0] << "," << rotation[1] << "," << rotation[2] << "," << rotation * axis << "\n";
  }
  file.check();
}
} // namespace cspine
