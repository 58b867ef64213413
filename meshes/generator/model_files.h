// The files written beside NAME.msh: NAME.regions (tag, dimension, name, default material),
// NAME_regions.prm (default materials and fibre rules for a cspine config to `include`),
// NAME.ligaments (1-D ligament attachments), NAME.capsules (the capsules' fibres) and NAME.landmarks
// (named points).
#pragma once

#include "model_tagging.h"

#include <string>

namespace cspine::meshing
{
void write_regions(const SpineGeometry &geometry, const TaggedModel &model, const std::string &name);
void write_ligaments(const SpineGeometry &geometry, const std::string &file);
void write_capsules(const SpineGeometry &geometry, const std::string &file);
void write_landmarks(const SpineGeometry &geometry, const std::string &file);
} // namespace cspine::meshing
