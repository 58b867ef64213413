// kinematics.csv: the rotation of each level pair (head/C0 down to T1) per step, from rigid fits of
// each vertebra's nodes: rotation-vector components in the lower body's frame and about the head axis.
#pragma once

#include "fe/node_set.h"
#include "output/report_plugin.h"

#include <utility>

namespace cspine
{
class KinematicsReport : public ReportPlugin
{
public:
  KinematicsReport(const ReportInputs &inputs, PeakTable &peaks);
  void record(const ReportStep &step, const Vector &u, bool write_vtk, PeakTable &peaks) override;

private:
  AppendedCsv &file;
  /// Bodies for the segmental rotations, from the top down: (label, owned nodes).
  std::vector<std::pair<std::string, std::vector<Node>>> bodies;
  Vector3 axis;
};
} // namespace cspine
