// Turns the overlapping solids into one conforming model: a boolean fragment whose pieces go to the
// highest-priority part that claims them (bone > cartilage > nucleus > annulus > ligament), then one
// named physical volume per part and one named physical surface per surface target.
#pragma once

#include "spine_builder.h"

#include <map>
#include <string>

namespace cspine::meshing
{
struct TaggedModel
{
  /// Physical volume tag -> part name.
  std::map<int, std::string> volumes;
  /// Physical surface tag -> name.
  std::map<int, std::string> surfaces;
  /// Part name -> its physical volume tag.
  std::map<std::string, int> tag_of;
  /// Part name -> its volumes after the fragment.
  std::map<std::string, std::vector<int>> part_volumes;
};

TaggedModel fragment_and_tag(SpineGeometry &geometry);
} // namespace cspine::meshing
