// The default force curves and slacks of the 1-D ligaments and capsule fibres, by type, each with its
// source (solver/loads/default_curves.cc). A type is a ligament's name without its level and side
// (all_c3_c4 -> all, alar_left -> alar) or a capsule's type column in the mesh's .capsules file.
#pragma once

#include <string>
#include <vector>

namespace cspine
{
struct DefaultCurve
{
  std::string type;
  /// "elongation: d:F, ...", "strain: e:F, ..." or "stress: e:s, ..." (see LigamentCurve).
  std::string table;
  /// [-] Default slack, and the doc string of Load case/Ligaments/Slack <type> (with the published range).
  double slack;
  std::string slack_documentation;
  /// Where the curve comes from (provenance.txt).
  std::string source;
  /// Default of Load case/Ligaments/Rate effect <type>, "c:r0" (materials/fibre_rate.h; empty: none), and
  /// where it comes from.
  std::string rate_effect = "";
  std::string rate_effect_source = "";
};

const std::vector<DefaultCurve> &default_curves();
} // namespace cspine
