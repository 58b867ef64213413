// Checks of the built model before it is meshed or written: curves short enough to force slivers
// (anatomy.md 2.7, pitfall 4), and 1-D ligament attachments and capsule fibre ends that miss their bones.
#pragma once

#include "model_tagging.h"

#include <string>
#include <utility>
#include <vector>

namespace cspine::meshing
{
/// Curves shorter than `limit` [mm], each with a description of where it is: its midpoint, its type, the
/// types of the faces it bounds and the parts that meet there. Degenerate points at sphere poles are left out.
std::vector<std::pair<double, std::string>> curves_shorter_than(double limit, const TaggedModel &model);

/// Throws if a ligament's attachment centre or a capsule fibre's end is more than 0.01 mm from its bone's surface.
void check_ligaments(const SpineGeometry &geometry, const TaggedModel &model);
} // namespace cspine::meshing
