// The sub-failure damage law of a tension-only fibre (materials/fibre_damage.h) against hand
// calculations: below the onset nothing changes, past it the fibre keeps a permanent set and reloads
// softer, reloading meets the envelope at the peak, the tangent is the force's derivative, and a fibre
// pulled past its rupture length carries nothing again.
#include "materials/fibre_damage.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cspine
{
namespace
{
// A linear envelope of 10 N/mm from a rest length of 10 mm, failing at 12 mm; onset half-way (11 mm),
// half of the stretch past it kept as set, rupture 0.5 mm past failure (12.5 mm).
DamagedFibre linear_fibre()
{
  const auto envelope = [](const double l)
  {
    return std::make_pair(l > 10 ? 10 * (l - 10) : 0.0, l > 10 ? 10.0 : 0.0);
  };
  return DamagedFibre({0.5, 0.5, 0.25}, envelope, 10, 12);
}

// A stiffening envelope 5 (l - 10)^2 for the derivative checks.
DamagedFibre quadratic_fibre()
{
  const auto envelope = [](const double l)
  {
    return l > 10 ? std::make_pair(5 * (l - 10) * (l - 10), 10 * (l - 10)) : std::make_pair(0.0, 0.0);
  };
  return DamagedFibre({0.62, 0.5, 0.1}, envelope, 10, 12);
}

TEST(FibreDamage, HandCalculatedReload)
{
  const DamagedFibre fibre = linear_fibre();
  EXPECT_DOUBLE_EQ(fibre.onset(), 11);
  EXPECT_DOUBLE_EQ(fibre.rupture(), 12.5);
  // Peak 11.5 mm: set 0.5 x 0.5 = 0.25 mm, stiffness loss (11.5 - 11) / (12.5 - 11) = 1/3.
  EXPECT_DOUBLE_EQ(fibre.laxity(11.5), 0.25);
  EXPECT_DOUBLE_EQ(fibre.stiffness_loss(11.5), 1.0 / 3);
  // Slack up to 10.25 mm now.
  EXPECT_DOUBLE_EQ(fibre.force(10.25, 11.5).first, 0);
  // 11 mm: shifted 10.75 is below the onset, so 2/3 of the envelope there: 2/3 x 7.5 N.
  EXPECT_NEAR(fibre.force(11.0, 11.5).first, 5.0, 1e-12);
  EXPECT_NEAR(fibre.force(11.0, 11.5).second, 2.0 / 3 * 10, 1e-12);
  // 11.4 mm: shifted 11.15, envelope length 11 + 0.15 / 0.5 = 11.3 with loss 0.2 there:
  // (2/3) / 0.8 x 13 N.
  EXPECT_NEAR(fibre.force(11.4, 11.5).first, 2.0 / 3 / 0.8 * 13, 1e-12);
  // At the peak the reload meets the envelope (15 N) from below.
  EXPECT_NEAR(fibre.force(11.5 - 1e-9, 11.5).first, 15, 1e-6);
  EXPECT_DOUBLE_EQ(fibre.force(11.5, 11.5).first, 15);
}

TEST(FibreDamage, BelowTheOnsetNothingChanges)
{
  const DamagedFibre fibre = linear_fibre();
  for (const double peak : {0.0, 10.5, 10.999})
  {
    EXPECT_EQ(fibre.laxity(peak), 0);
    EXPECT_EQ(fibre.stiffness_loss(peak), 0);
    for (const double l : {9.0, 10.2, 10.5, 10.9})
      EXPECT_DOUBLE_EQ(fibre.force(l, peak).first, l > 10 ? 10 * (l - 10) : 0) << "peak " << peak << ", l " << l;
  }
}

TEST(FibreDamage, PastTheOnsetTheSecondCycleIsLaxer)
{
  const DamagedFibre fibre = quadratic_fibre();
  const double peak = 11.8; // past the onset at 11.24 mm
  for (const double l : {10.3, 10.8, 11.2, 11.6})
    EXPECT_LT(fibre.force(l, peak).first, fibre.force(l, 0).first) << "l " << l;
  // A higher peak leaves it laxer still.
  EXPECT_GT(fibre.laxity(11.95), fibre.laxity(peak));
  EXPECT_LT(fibre.force(11.2, 11.95).first, fibre.force(11.2, peak).first);
}

TEST(FibreDamage, TangentIsTheDerivativeOfTheForce)
{
  const DamagedFibre fibre = quadratic_fibre();
  const double h = 1e-7;
  // Below a damaged peak (both sides of the onset of the shifted curve), on the envelope past the peak,
  // and on the fall past the failure point.
  for (const auto &[l, peak] :
       std::vector<std::pair<double, double>>{{10.6, 11.9}, {11.3, 11.9}, {11.8, 11.9}, {11.5, 11.0}, {12.1, 12.0}})
  {
    // Past the peak the peak moves with the length.
    const auto at = [&](const double x)
    {
      return fibre.force(x, l > peak ? 0.0 : peak).first;
    };
    const double fd = (at(l + h) - at(l - h)) / (2 * h);
    EXPECT_NEAR(fibre.force(l, l > peak ? 0.0 : peak).second, fd, 1e-5 * std::max(1.0, std::abs(fd)))
        << "l " << l << ", peak " << peak;
  }
}

TEST(FibreDamage, PastItsRuptureLengthAFibreCarriesNothing)
{
  const DamagedFibre fibre = linear_fibre();
  // Failure at 12 mm (20 N); then a linear fall to 0 at 12.5 mm.
  EXPECT_DOUBLE_EQ(fibre.force(12, 0).first, 20);
  EXPECT_NEAR(fibre.force(12.25, 0).first, 10, 1e-12);
  EXPECT_NEAR(fibre.force(12.25, 0).second, -40, 1e-12);
  EXPECT_EQ(fibre.force(12.6, 0).first, 0);
  EXPECT_TRUE(fibre.ruptured(12.5));
  for (const double l : {10.5, 11.5, 12.2, 13.0})
    EXPECT_EQ(fibre.force(l, 12.6).first, 0) << "l " << l;
  EXPECT_FALSE(fibre.ruptured(12.4));
}

TEST(FibreDamage, RejectsALawItCannotUse)
{
  const auto envelope = [](double)
  {
    return std::make_pair(0.0, 0.0);
  };
  EXPECT_THROW(DamagedFibre({0.5, 1.0, 0.1}, envelope, 10, 12), std::invalid_argument);
  EXPECT_THROW(DamagedFibre({0.5, 0.5, 0.1}, envelope, 10, 10), std::invalid_argument);
  EXPECT_THROW(DamagedFibre({0.0, 0.5, 0.1}, envelope, 10, 12), std::invalid_argument);
}
} // namespace
} // namespace cspine
