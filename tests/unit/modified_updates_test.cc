// Modified Newton updates (Newton/Modified updates: an update first tried with the last factorisation) on
// two blocks pressed together and slid 1 mm, where the contact tangent's missing terms make Newton's tail
// linear: some updates are taken without a new factorisation, and the equilibrium is the one full Newton
// finds, on 1 and on 2 ranks.
#include "sliding_blocks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <vector>

namespace cspine
{
namespace
{
std::string sliding_blocks(const bool modified_updates)
{
  return testing::sliding_contact_blocks("  set Residual tolerance          = 1e-10\n"
                                         "  set Absolute residual tolerance = 1e-12\n"
                                         "  set Modified updates            = " +
                                             std::string(modified_updates ? "true" : "false") + "\n",
                                         "");
}

unsigned int total(const Simulation &simulation, unsigned int NewtonResult::*count)
{
  unsigned int sum = 0;
  for (const StepRecord &step : simulation.steps())
    sum += step.newton.*count;
  return sum;
}
} // namespace

// Updates without a new factorisation are taken (a wrong modified solve would be rejected by the
// halving test every time, and every update factorised), and the top's reaction in every step is full
// Newton's to 1e-7 of the largest.
TEST(ModifiedUpdates, SkipFactorisationsAndReachFullNewtonsEquilibrium)
{
  const auto full = testing::run_text(sliding_blocks(false), "modified_updates_off");
  const auto modified = testing::run_text(sliding_blocks(true), "modified_updates_on");
  EXPECT_EQ(total(*full, &NewtonResult::factorizations), total(*full, &NewtonResult::iterations));
  EXPECT_LT(total(*modified, &NewtonResult::factorizations), total(*modified, &NewtonResult::iterations));
  std::cout << "full Newton: " << total(*full, &NewtonResult::iterations)
            << " updates; modified: " << total(*modified, &NewtonResult::iterations) << " updates, "
            << total(*modified, &NewtonResult::factorizations) << " factorisations" << std::endl;
  const History &a = full->history(), &b = modified->history();
  ASSERT_EQ(a.rows().size(), b.rows().size());
  ASSERT_EQ(a.columns(), b.columns());
  double largest = 0;
  std::vector<std::size_t> reactions;
  for (std::size_t c = 0; c < a.columns().size(); ++c)
    if (a.columns()[c].rfind("reaction_", 0) == 0)
    {
      reactions.push_back(c);
      for (const auto &row : a.rows())
        largest = std::max(largest, std::abs(row[c]));
    }
  ASSERT_FALSE(reactions.empty());
  ASSERT_GT(largest, 1);
  for (std::size_t r = 0; r < a.rows().size(); ++r)
    for (const std::size_t c : reactions)
      EXPECT_NEAR(b.rows()[r][c], a.rows()[r][c], 1e-7 * largest) << a.columns()[c] << ", row " << r;
}

// The decisions (try, keep) are taken on global norms: the same updates on 1 and 2 ranks.
TEST(MpiModifiedUpdates, OneAndTwoRanksAgree)
{
  testing::expect_one_and_two_ranks_agree(sliding_blocks(true), "modified_updates_ranks");
}
} // namespace cspine
