#include "output/report_registry.h"

#include "output/capsule_report.h"
#include "output/contact_report.h"
#include "output/kinematics_report.h"
#include "output/ligament_report.h"
#include "output/region_report.h"

namespace cspine
{
namespace
{
template <typename Plugin> ReportEntry entry(const std::string &name, const std::string &files)
{
  return {name, files,
          [](const ReportInputs &inputs, PeakTable &peaks)
          {
            return std::unique_ptr<ReportPlugin>(new Plugin(inputs, peaks));
          }};
}
} // namespace

const std::vector<ReportEntry> &report_registry()
{
  static const std::vector<ReportEntry> entries = {
      entry<CapsuleReport>("capsules", "capsules.csv, capsule_fibres.csv, capsules.pvd"),
      entry<RegionReport>("regions", "regions.csv"),
      entry<LigamentReport>("ligaments", "ligaments.csv, ligaments.pvd"),
      entry<KinematicsReport>("kinematics", "kinematics.csv"),
      entry<ContactReport>("contact", "contact.csv, contact.pvd"),
  };
  return entries;
}
} // namespace cspine
