// summary.csv's largest strain and its time: the first occurrence, and round-off ignored.
#include "output/strain_peak.h"

#include <gtest/gtest.h>

namespace cspine
{
namespace
{
TEST(StrainPeak, RepeatedCyclesReportTheFirstOccurrence)
{
  StrainPeak peak;
  peak.offer(0, 0);
  peak.offer(0.35, 0.51);
  peak.offer(0.35 * (1 + 1e-9), 1.51); // the second cycle, equal to round-off
  peak.offer(0.2, 2.0);
  EXPECT_DOUBLE_EQ(peak.value, 0.35);
  EXPECT_DOUBLE_EQ(peak.time, 0.51);
  peak.offer(0.36, 2.51); // a real increase counts
  EXPECT_DOUBLE_EQ(peak.value, 0.36);
  EXPECT_DOUBLE_EQ(peak.time, 2.51);
}

TEST(StrainPeak, RoundOffAtTheUnloadedStateIsNotAStrain)
{
  StrainPeak slack;
  slack.offer(0, 0);
  slack.offer(1.7e-16, 2.0); // a never-stretched ligament back at u = 0
  EXPECT_EQ(slack.value, 0);
  EXPECT_EQ(slack.time, 0);
  slack.offer(1e-9, 2.2); // the smallest strain that is not round-off
  EXPECT_DOUBLE_EQ(slack.value, 1e-9);
  EXPECT_DOUBLE_EQ(slack.time, 2.2);
}
} // namespace
} // namespace cspine
