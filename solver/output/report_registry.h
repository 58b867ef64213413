// Every report plugin of a load case, by name. The order is the summary's: capsules, regions, then
// 1-D ligaments.
#pragma once

#include "output/report_plugin.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cspine
{
struct ReportEntry
{
  std::string name;
  /// The files it writes, for the documentation.
  std::string files;
  /// Builds the plugin and lists its items in the summary.
  std::function<std::unique_ptr<ReportPlugin>(const ReportInputs &, PeakTable &)> create;
};

const std::vector<ReportEntry> &report_registry();
} // namespace cspine
