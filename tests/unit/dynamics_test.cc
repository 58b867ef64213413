// Implicit dynamics (mechanics/inertia.h, mechanics/generalized_alpha.h). First the scheme on one degree of
// freedom against the theory: at rho_infinity = 1 it is the trapezoidal rule, which conserves energy and
// turns the state by exactly 2 atan(w dt / 2) per step; at rho_infinity < 1 every root of its step matrix
// tends to -rho_infinity at infinite frequency (Chung & Hulbert 1993), and a resolved mode decays by the
// modulus of its principal root. Then the finite-element run: a mass on a spring (two hexahedra) follows
// the same scheme's recurrence, step by step.
#include "mechanics/generalized_alpha.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <sstream>

namespace cspine
{
namespace
{
constexpr double pi = 3.14159265358979323846;

/// One degree of freedom, m u'' + k u = f, by generalized-alpha with the forces averaged in time: written
/// here from the textbook formulas, independently of mechanics/inertia.cc.
struct Oscillator
{
  double m, k;
  GeneralizedAlpha scheme;
  double u = 0, v = 0, a = 0;
  /// [N s/mm] Viscous damping c (mass-proportional: alpha_R m).
  double c = 0;

  /// From t_n (force f_n) to t_n + dt (force f_next).
  void step(const double dt, const double f_n, const double f_next)
  {
    const double am = scheme.alpha_m, af = scheme.alpha_f, b = scheme.beta, g = scheme.gamma;
    // u_next = u_pred + b dt^2 a_next, v_next = v_pred + g dt a_next; solve the balance
    // m ((1 - am) a_next + am a) + (1 - af) (c v_next + k u_next - f_next) + af (c v + k u - f_n) = 0.
    const double u_pred = u + dt * v + dt * dt * (0.5 - b) * a, v_pred = v + dt * (1 - g) * a;
    const double a_next = -(am * m * a + (1 - af) * (c * v_pred + k * u_pred - f_next) + af * (c * v + k * u - f_n)) /
                          ((1 - am) * m + (1 - af) * (c * g * dt + k * b * dt * dt));
    u = u_pred + b * dt * dt * a_next;
    v = v_pred + g * dt * a_next;
    a = a_next;
  }
};

/// The step matrix of free vibration at w dt (m = 1), acting on (u, v dt, a dt^2).
std::array<std::array<double, 3>, 3> step_matrix(const double rho, const double w_dt)
{
  std::array<std::array<double, 3>, 3> matrix{};
  for (unsigned int j = 0; j < 3; ++j)
  {
    Oscillator oscillator{1, w_dt * w_dt, GeneralizedAlpha::from_spectral_radius(rho)};
    oscillator.u = j == 0;
    oscillator.v = j == 1;
    oscillator.a = j == 2;
    oscillator.step(1, 0, 0);
    matrix[0][j] = oscillator.u;
    matrix[1][j] = oscillator.v;
    matrix[2][j] = oscillator.a;
  }
  return matrix;
}

struct Invariants
{
  double trace, minors, determinant;
};

Invariants invariants(const std::array<std::array<double, 3>, 3> &A)
{
  const double minors = A[0][0] * A[1][1] - A[0][1] * A[1][0] + A[0][0] * A[2][2] - A[0][2] * A[2][0] +
                        A[1][1] * A[2][2] - A[1][2] * A[2][1];
  const double determinant = A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) -
                             A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
                             A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
  return {A[0][0] + A[1][1] + A[2][2], minors, determinant};
}

/// Modulus of the complex pair of roots of the step matrix (the principal roots of a resolved mode): the
/// real (spurious) root by bisection, then |lambda|^2 = det / lambda_real.
double principal_modulus(const double rho, const double w_dt)
{
  const Invariants p = invariants(step_matrix(rho, w_dt));
  const auto polynomial = [&](const double x)
  {
    return ((x - p.trace) * x + p.minors) * x - p.determinant;
  };
  double low = -1.5, high = 1.5;
  EXPECT_LT(polynomial(low), 0);
  EXPECT_GT(polynomial(high), 0);
  for (int i = 0; i < 200; ++i)
    (polynomial(0.5 * (low + high)) < 0 ? low : high) = 0.5 * (low + high);
  return std::sqrt(p.determinant / (0.5 * (low + high)));
}

TEST(GeneralizedAlpha, IsTheTrapezoidalRuleAtSpectralRadiusOne)
{
  const GeneralizedAlpha scheme = GeneralizedAlpha::from_spectral_radius(1);
  EXPECT_DOUBLE_EQ(scheme.alpha_m, 0.5);
  EXPECT_DOUBLE_EQ(scheme.alpha_f, 0.5);
  EXPECT_DOUBLE_EQ(scheme.gamma, 0.5);
  EXPECT_DOUBLE_EQ(scheme.beta, 0.25);
}

TEST(GeneralizedAlpha, AtSpectralRadiusOneConservesEnergyAndTurnsByTheTrapezoidalAngle)
{
  const double w = 2 * pi, dt = 1.0 / 20;
  Oscillator oscillator{1, w * w, GeneralizedAlpha::from_spectral_radius(1)};
  oscillator.u = 1;
  oscillator.a = -w * w;
  const double angle = 2 * std::atan(w * dt / 2);
  for (int n = 1; n <= 400; ++n)
  {
    oscillator.step(dt, 0, 0);
    const double energy = 0.5 * oscillator.v * oscillator.v + 0.5 * w * w * oscillator.u * oscillator.u;
    ASSERT_NEAR(energy, 0.5 * w * w, 1e-12 * w * w) << "step " << n;
    ASSERT_NEAR(oscillator.u, std::cos(n * angle), 1e-11) << "step " << n;
  }
  // The period is longer than 2 pi / w by (w dt)^2 / 12 to leading order: 0.8 % at 20 steps per period.
  EXPECT_NEAR(2 * pi / angle * dt / 1.0 - 1, std::pow(w * dt, 2) / 12, 0.02 * std::pow(w * dt, 2) / 12);
}

TEST(GeneralizedAlpha, DampsInfiniteFrequenciesByTheSpectralRadius)
{
  for (const double rho : {0.0, 0.5, 0.9, 1.0})
  {
    // All three roots tend to -rho: trace -3 rho, determinant -rho^3.
    const Invariants p = invariants(step_matrix(rho, 1e6));
    EXPECT_NEAR(p.trace / 3, -rho, 1e-6) << "rho_infinity " << rho;
    EXPECT_NEAR(std::cbrt(p.determinant), -rho, 1e-4) << "rho_infinity " << rho;
  }
}

TEST(GeneralizedAlpha, AResolvedModeDecaysByItsPrincipalRoot)
{
  const double w = 2 * pi, dt = 1.0 / 20;
  for (const double rho : {0.5, 0.9, 1.0})
  {
    Oscillator oscillator{1, w * w, GeneralizedAlpha::from_spectral_radius(rho)};
    oscillator.u = 1;
    oscillator.a = -w * w;
    // u_n = C r^n cos(n theta + phi) once the spurious root has died: u_n+1 u_n-1 - u_n^2 = -(C r^n sin theta)^2.
    std::vector<double> u = {1};
    for (int n = 1; n <= 200; ++n)
    {
      oscillator.step(dt, 0, 0);
      u.push_back(oscillator.u);
    }
    const auto invariant = [&](const int n)
    {
      return u[n + 1] * u[n - 1] - u[n] * u[n];
    };
    const int first = 100, last = 199;
    const double measured = std::pow(invariant(last) / invariant(first), 0.5 / (last - first));
    const double modulus = principal_modulus(rho, w * dt);
    EXPECT_NEAR(measured, modulus, 1e-9) << "rho_infinity " << rho;
    if (rho == 1.0)
    {
      EXPECT_NEAR(modulus, 1, 1e-12);
    }
    else
    {
      EXPECT_LT(modulus, 1);
    }
    // What Time/Spectral radius's documentation promises for the default 0.9: a mode resolved by 20 steps
    // per period keeps more than 99.99 % of its amplitude per period.
    if (rho == 0.9)
    {
      EXPECT_GT(std::pow(modulus, 20), 0.9999);
    }
    std::cout << "rho_infinity " << rho << ": amplitude kept per period at 20 steps per period "
              << std::pow(modulus, 20) << "\n";
  }
}

// A mass on a massless spring: two unit hexahedra (tests/load_case/mass_on_spring.msh, written by hand),
// the lower one the spring (E = 1 MPa, nu = 0, no density: uniaxial strain, k = E A / L = 1 N/mm exactly),
// the upper one the mass (1e-9 t in its 1 mm^3; E = 1e5 MPa, so k / k_mass = 1e-5). From rest, a traction of
// 1e-6 MPa pulls the top from the first step on. The top follows the scalar recurrence of the same scheme
// (over the steps the run took) to 2e-4 of the static displacement F / k: what separates them is the mass's
// own compliance, a frequency shift of order k / k_mass that three periods accumulate to about 5e-5 (measured
// 4.7e-5; 3.8e-4 with k / k_mass = 1e-4, 1.3e-5 with 1e-6), and the strain of 1e-6. A wrong coefficient of the
// scheme gives errors of order one. The stiffer the mass, the higher the floor of round-off in its stresses
// (E x 1e-16 MPa), which sets the Newton tolerance. The base carries the spring's force k u.
std::string mass_on_spring(const double rho, const int steps_per_period, const int periods, const double damping = 0,
                           const double stiffness_damping = 0)
{
  const double period = 2 * pi * std::sqrt(1e-9 / 1.0);
  std::ostringstream text;
  text << R"(
subsection Mesh
  set Source = gmsh
  set File   = load_case/mass_on_spring.msh
end
subsection Regions
  subsection spring
    set Material = neo_hookean_coupled
    set Density  = 0
    subsection neo_hookean_coupled
      set Young's modulus = 1
      set Poisson's ratio = 0
    end
  end
  subsection mass
    set Material = neo_hookean_coupled
    set Density  = 1e-9
    subsection neo_hookean_coupled
      set Young's modulus = 1e5
      set Poisson's ratio = 0
    end
  end
end
subsection Boundary conditions
  set Fixed displacement = bottom: x = 0, y = 0, z = 0
  set Traction           = top: 0, 0, 1e-6 * (t > 0)
end
subsection Time
  set Analysis        = dynamic
  set Mass damping    = )"
       << damping << R"(
  set Stiffness damping = )"
       << stiffness_damping << R"(
  set Spectral radius = )"
       << rho << R"(
  set End time        = )"
       << std::setprecision(17) << period * periods << R"(
  set Number of steps = )"
       << steps_per_period * periods << R"(
end
subsection Newton
  set Residual tolerance          = 1e-5
  set Absolute residual tolerance = 1e-16
end
subsection Linear solver
  set Method = direct
end
subsection Output
  set Monitor points = top: 0.5, 0.5, 2
  set Interval       = 1000
end
)";
  return text.str();
}

// With mass damping alpha_R = 2 zeta w (zeta = 0.05, 3162 1/s here) as well: the damped recurrence.
TEST(Inertia, AMassOnASpringFollowsTheScheme)
{
  const double omega = std::sqrt(1.0 / 1e-9);
  for (const auto &[rho, damping] : {std::pair{1.0, 0.0}, std::pair{0.5, 0.0}, std::pair{1.0, 0.1 * omega}})
  {
    const int steps_per_period = 20, periods = 3;
    Config config =
        testing::config_from_text(mass_on_spring(rho, steps_per_period, periods, damping), "mass_on_spring");
    const auto simulation = testing::run(config, "mass_on_spring");
    const History &history = simulation->history();
    const std::vector<std::vector<double>> &rows = history.rows();
    ASSERT_GE(rows.size(), static_cast<std::size_t>(steps_per_period * periods + 1));
    const std::size_t top = testing::column(history, "u_z_top [mm]"),
                      reaction = testing::column(history, "reaction_z_11 [N]"),
                      kinetic = testing::column(history, "kinetic_energy [N mm]"),
                      top_velocity = testing::column(history, "v_z_top [mm/s]"),
                      top_acceleration = testing::column(history, "a_z_top [mm/s^2]");

    const double m = 1e-9, k = 1, force = 1e-6;
    Oscillator oscillator{m, k, GeneralizedAlpha::from_spectral_radius(rho)};
    oscillator.c = damping * m;
    double largest = 0;
    for (std::size_t n = 1; n < rows.size(); ++n)
    {
      oscillator.step(rows[n][0] - rows[n - 1][0], n == 1 ? 0 : force, force);
      largest = std::max(largest, rows[n][top]);
      EXPECT_NEAR(rows[n][top], oscillator.u, 2e-4 * force / k) << "rho_infinity " << rho << ", step " << n;
      // The monitor point's velocity and acceleration are the scheme's, to the displacement's accuracy as the
      // scheme passes it on: a_{n+1} = (u_{n+1} - u_pred) / (beta dt^2), v_{n+1} = v_pred + gamma dt a_{n+1}.
      const double dt = rows[n][0] - rows[n - 1][0], beta = oscillator.scheme.beta, gamma = oscillator.scheme.gamma;
      const double u_tolerance = 2e-4 * force / k;
      // At rho_infinity = 1 the mass block's own, unresolved vibration (k_mass / k = 1e5) is not damped: its
      // displacement is 1e-5 of the spring's but its acceleration 1e5 times larger per unit displacement, so
      // the top's acceleration carries it (measured up to 1.1 % there); the scheme's damping removes it at < 1.
      if (rho < 1)
      {
        EXPECT_NEAR(rows[n][top_acceleration], oscillator.a, u_tolerance / (beta * dt * dt))
            << "rho_infinity " << rho << ", step " << n;
      }
      EXPECT_NEAR(rows[n][top_velocity], oscillator.v, gamma * u_tolerance / (beta * dt))
          << "rho_infinity " << rho << ", step " << n;
      EXPECT_NEAR(rows[n][kinetic], 0.5 * m * oscillator.v * oscillator.v, 1e-4 * force * force / k)
          << "rho_infinity " << rho << ", step " << n;
      EXPECT_NEAR(-rows[n][reaction], k * rows[n][top], 1e-4 * force) << "rho_infinity " << rho << ", step " << n;
    }
    // A suddenly applied load overshoots to twice its static displacement, less what the scheme and the
    // damping take (zeta = 0.05: the first peak at 1 + exp(-pi zeta) = 1.85).
    EXPECT_GT(largest, (damping > 0 ? 1.8 : rho == 1.0 ? 1.95 : 1.5) * force / k);
    if (damping > 0)
    {
      EXPECT_LT(largest, 1.9 * force / k);
    }
  }
}
// Rayleigh stiffness-proportional damping beta_R = 2 zeta / w (zeta = 0.05): the spring's damper c = beta_R k
// acts between base and mass, so the top follows the damped recurrence with that c, and the base carries the
// damper's force as well as the spring's: -reaction = k u + c v. The stiff mass block's own K0 damps only its
// internal vibration (its nodes move together at the spring's mode).
TEST(Inertia, StiffnessDampingDampsTheSpringAsTheScheme)
{
  const double m = 1e-9, k = 1, force = 1e-6, omega = std::sqrt(k / m), beta_R = 0.1 / omega;
  const int steps_per_period = 20, periods = 3;
  Config config =
      testing::config_from_text(mass_on_spring(0.9, steps_per_period, periods, 0, beta_R), "stiffness_damping");
  const auto simulation = testing::run(config, "stiffness_damping");
  const History &history = simulation->history();
  const std::vector<std::vector<double>> &rows = history.rows();
  ASSERT_GE(rows.size(), static_cast<std::size_t>(steps_per_period * periods + 1));
  const std::size_t top = testing::column(history, "u_z_top [mm]"),
                    reaction = testing::column(history, "reaction_z_11 [N]"),
                    top_velocity = testing::column(history, "v_z_top [mm/s]");
  Oscillator damped{m, k, GeneralizedAlpha::from_spectral_radius(0.9)}, undamped = damped;
  damped.c = beta_R * k;
  double largest = 0, largest_undamped = 0;
  for (std::size_t n = 1; n < rows.size(); ++n)
  {
    const double dt = rows[n][0] - rows[n - 1][0];
    damped.step(dt, n == 1 ? 0 : force, force);
    undamped.step(dt, n == 1 ? 0 : force, force);
    largest = std::max(largest, rows[n][top]);
    largest_undamped = std::max(largest_undamped, undamped.u);
    EXPECT_NEAR(rows[n][top], damped.u, 2e-4 * force / k) << "step " << n;
    EXPECT_NEAR(rows[n][top_velocity], damped.v, 2e-4 * force / k * damped.scheme.gamma / (damped.scheme.beta * dt))
        << "step " << n;
    EXPECT_NEAR(-rows[n][reaction], k * rows[n][top] + damped.c * rows[n][top_velocity], 1e-4 * force) << "step " << n;
  }
  // zeta = 0.05: the first peak at about 1 + exp(-pi zeta) = 1.85 of F / k; undamped near 2.
  EXPECT_LT(largest, 1.9 * force / k);
  EXPECT_GT(largest_undamped, 1.95 * force / k);
}

// Second order in time: the mass on its spring under a smooth load F(t) = F0 sin^2(w t / 4) (F0 = 1e-6 N,
// from rest, without a jump that a step would smear over its first step), whose exact path is
// u = F0 / (2k) [(1 - cos w t) - 4/3 (cos(w t / 2) - cos w t)]. The largest error over two periods falls
// fourfold per halved step at 10, 20 and 40 steps per period: the measured order lies within 1.8-2.2 at
// rho_infinity 0.9 (the default) and 1. The mass's own compliance leaves an error floor near 1e-5 of F0 / k,
// far below the errors measured here.
TEST(Inertia, ConvergesAtSecondOrderInTime)
{
  const double m = 1e-9, k = 1, force = 1e-6, w = std::sqrt(k / m);
  const std::string step_load = "1e-6 * (t > 0)";
  std::ostringstream smooth;
  smooth << std::setprecision(17) << "1e-6 * sin(" << w / 4 << " * t)^2";
  for (const double rho : {0.9, 1.0})
  {
    std::vector<double> errors;
    for (const int steps_per_period : {10, 20, 40})
    {
      std::string text = mass_on_spring(rho, steps_per_period, 2);
      text.replace(text.find(step_load), step_load.size(), smooth.str());
      // The load starts from zero, so the force scale does not hide the round-off of the stiff mass's
      // stresses (E x 1e-16 MPa x 1 mm^2 = 1e-11 N): accept that as converged (1e-11 mm of the spring).
      const std::string tight = "Absolute residual tolerance = 1e-16";
      text.replace(text.find(tight), tight.size(), "Absolute residual tolerance = 2e-11");
      const std::string name = "mass_on_spring_order_" + std::to_string(steps_per_period);
      Config config = testing::config_from_text(text, name);
      const auto run = testing::run(config, name);
      const std::size_t top = testing::column(run->history(), "u_z_top [mm]");
      double largest = 0;
      for (const std::vector<double> &row : run->history().rows())
      {
        const double t = row[0];
        const double exact =
            force / (2 * k) * ((1 - std::cos(w * t)) - 4.0 / 3.0 * (std::cos(w * t / 2) - std::cos(w * t)));
        largest = std::max(largest, std::abs(row[top] - exact));
      }
      errors.push_back(largest);
    }
    for (std::size_t i = 1; i < errors.size(); ++i)
    {
      const double order = std::log2(errors[i - 1] / errors[i]);
      std::cout << "rho_infinity " << rho << ": largest error " << errors[i - 1] / (force / k) << " -> "
                << errors[i] / (force / k) << " of F0/k, order " << order << "\n";
      EXPECT_GT(order, 1.8) << "rho_infinity " << rho;
      EXPECT_LT(order, 2.2) << "rho_infinity " << rho;
    }
    EXPECT_GT(errors.back(), 1e-4 * force / k); // well above the floor of the mass's compliance
  }
}

// The viscous stabilisation of quasi-static steps stays out of dynamic ones (inertia holds what lax tissue
// does not; damping would be a physical damper there): configured strongly (eta V = 0.01 N/mm per step of
// motion against k = 1 N/mm), the oscillator's path is the undamped run's.
TEST(Inertia, TheStabilisationDoesNotActInDynamicSteps)
{
  const std::string text = mass_on_spring(0.5, 20, 1);
  Config plain = testing::config_from_text(text, "mass_on_spring_plain");
  Config stabilised = testing::config_from_text(text + "subsection Newton\n  set Viscous stabilization = 1e-2\nend\n",
                                                "mass_on_spring_stabilised");
  const auto a = testing::run(plain, "mass_on_spring_plain");
  const auto b = testing::run(stabilised, "mass_on_spring_stabilised");
  const std::size_t top = testing::column(a->history(), "u_z_top [mm]");
  ASSERT_EQ(a->history().rows().size(), b->history().rows().size());
  double largest = 0;
  for (std::size_t n = 0; n < a->history().rows().size(); ++n)
  {
    largest = std::max(largest, std::abs(a->history().rows()[n][top]));
    EXPECT_NEAR(b->history().rows()[n][top], a->history().rows()[n][top], 1e-9 * 1e-6) << "step " << n;
  }
  EXPECT_GT(largest, 1e-6); // it did move
}

// The velocity, acceleration and balance of the last accepted state are part of the checkpoint: a run
// resumed mid-oscillation from the checkpoint of its second-last step ends where the uninterrupted run does.
TEST(Inertia, ResumesMidOscillationFromItsCheckpoint)
{
  Config config = testing::config_from_text(
      mass_on_spring(0.5, 20, 1) + "subsection Output\n  set Checkpoint interval = 1\nend\n", "mass_on_spring_resume");
  const auto uninterrupted = testing::run(config, "mass_on_spring_resume");
  const std::vector<double> last = uninterrupted->history().rows().back();
  // The checkpoint holds the second-last step (none is written after the last).
  config.output.resume = true;
  Simulation resumed(config, MPI_COMM_WORLD);
  resumed.run(nullptr);
  ASSERT_EQ(resumed.history().rows().size(), uninterrupted->history().rows().size());
  const std::vector<double> &again = resumed.history().rows().back();
  for (std::size_t c = 0; c < last.size(); ++c)
    EXPECT_NEAR(again[c], last[c], 1e-12 * std::abs(last[c]) + 1e-30) << resumed.history().columns()[c];
}
// A run that stops mid-swing writes its last converged state with that state's velocity, not with zero. At
// 0.33 of the period a crushing traction (1e6 MPa: it inverts the elements within even the sixth cut of the
// step, whose inertia alone would take 1.7e5 N per mm) stops the run; the mass's speed at its last
// converged state, from the scheme's recurrence over the steps taken, is near its largest there
// (u' = F / k w sin(w t)).
TEST(Inertia, AStoppedRunKeepsTheVelocityOfItsLastConvergedState)
{
  const double m = 1e-9, k = 1, force = 1e-6, period = 2 * pi * std::sqrt(m / k);
  std::string text = mass_on_spring(1.0, 20, 1);
  std::ostringstream crush;
  crush << std::setprecision(17) << "1e-6 * (t > 0) - 1e6 * (t > " << 0.33 * period << ")";
  const std::string load = "1e-6 * (t > 0)";
  ASSERT_NE(text.find(load), std::string::npos);
  text.replace(text.find(load), load.size(), crush.str());
  Config config = testing::config_from_text(text, "mass_on_spring_stopped");
  config.output.directory = testing::scratch_directory("mass_on_spring_stopped");
  Simulation simulation(config, MPI_COMM_WORLD);
  EXPECT_THROW(simulation.run(nullptr), SolverError);

  const std::vector<std::vector<double>> &rows = simulation.history().rows();
  ASSERT_GE(rows.size(), 7u) << "the steps up to 0.3 of the period converge";
  EXPECT_LT(rows.back()[0], 0.33 * period);
  Oscillator oscillator{m, k, GeneralizedAlpha::from_spectral_radius(1.0)};
  for (std::size_t n = 1; n < rows.size(); ++n)
    oscillator.step(rows[n][0] - rows[n - 1][0], n == 1 ? 0 : force, force);
  EXPECT_GT(std::abs(oscillator.v), 0.8 * force / k * std::sqrt(k / m));
  const Vector velocity = simulation.velocity();
  EXPECT_NEAR(velocity.linfty_norm(), std::abs(oscillator.v), 1e-3 * std::abs(oscillator.v));
}
// A step load on the free end of a bar (100 mm, 40 linear hexahedra; E = 1 MPa, nu = 0, 1e-9 t/mm^3, so
// c = sqrt(E / rho) = 31.6 m/s), fixed at the other end. One-dimensional wave theory: the free end moves at
// sigma / (rho c) until the wave comes back at 2 L / c; the fixed end feels nothing until L / c, then twice
// the applied force (the reflection doubles the stress) until 3 L / c. The wave front is smeared over a few
// elements (2.5 % of L each), which bounds how sharply arrival can be timed.
TEST(Inertia, AStepLoadCrossesABarAtTheWaveSpeed)
{
  const double length = 100, modulus = 1, density = 1e-9, stress = 1e-6;
  const double crossing = length / std::sqrt(modulus / density);
  Config config = testing::config_from_text(R"(
subsection Mesh
  set Dimensions     = 1, 1, 100
  set Subdivisions   = 1, 1, 40
  set Element degree = 1
end
subsection Regions
  subsection solid
    set Material = neo_hookean_coupled
    set Density  = 1e-9
    subsection neo_hookean_coupled
      set Young's modulus = 1
      set Poisson's ratio = 0
    end
  end
end
subsection Boundary conditions
  set Fixed displacement = z_min: x = 0, y = 0, z = 0
  set Traction           = z_max: 0, 0, 1e-6 * (t > 0)
end
subsection Time
  set Analysis        = dynamic
  set Spectral radius = 0.5
  set End time        = 0.0126491106406735
  set Number of steps = 160
end
subsection Newton
  set Residual tolerance          = 1e-6
  set Absolute residual tolerance = 1e-18
end
subsection Linear solver
  set Method = direct
end
subsection Output
  set Monitor points = tip: 0.5, 0.5, 100
  set Interval       = 1000
end
)",
                                            "bar_wave");
  const auto simulation = testing::run(config, "bar_wave");
  const History &history = simulation->history();
  const std::size_t tip = testing::column(history, "u_z_tip [mm]"), base = testing::column(history, "reaction_z_4 [N]");
  // Time in crossings, tip displacement in static ones (stress L / E), base force in applied ones.
  std::vector<double> t, u, f;
  for (const std::vector<double> &row : history.rows())
  {
    t.push_back(row[0] / crossing);
    u.push_back(row[tip] / (stress * length / modulus));
    f.push_back(-row[base] / stress);
  }
  const auto at = [&](const std::vector<double> &values, const double time)
  {
    const std::size_t i = std::upper_bound(t.begin(), t.end(), time) - t.begin();
    return values[i - 1] + (values[i] - values[i - 1]) * (time - t[i - 1]) / (t[i] - t[i - 1]);
  };
  // The free end's speed is sigma / (rho c): one static displacement per crossing.
  EXPECT_NEAR((at(u, 1.8) - at(u, 0.2)) / 1.6, 1, 0.01);
  EXPECT_NEAR(at(u, 2), 2, 0.05);
  // The base feels the wave after one crossing, doubled.
  double arrival = 0;
  for (std::size_t i = 1; i < t.size() && arrival == 0; ++i)
    if (f[i] > 1)
      arrival = t[i - 1] + (1 - f[i - 1]) / (f[i] - f[i - 1]) * (t[i] - t[i - 1]);
  EXPECT_NEAR(arrival, 1, 0.05);
  EXPECT_NEAR(at(f, 0.8), 0, 0.02);
  for (const double time : {1.6, 2.0, 2.4})
    EXPECT_NEAR(at(f, time), 2, 0.02) << "t = " << time << " crossings";
  // ParaView gets the velocity beside the displacement.
  std::ifstream last_frame(config.output.directory + "/solution_0160.pvtu");
  const std::string frame((std::istreambuf_iterator<char>(last_frame)), std::istreambuf_iterator<char>());
  EXPECT_NE(frame.find("Name=\"velocity\""), std::string::npos) << "solution_0160.pvtu lists no velocity";
  std::cout << "bar: free-end speed " << (at(u, 1.8) - at(u, 0.2)) / 1.6 << " x sigma / (rho c), arrival at the base "
            << arrival << " L / c\n";
}
// A quasi-static phase and then a dynamic one: the mass on its spring is pulled slowly to F / k and let go.
// The dynamic phase starts from the quasi-static equilibrium at rest (v = a = 0) and the mass swings
// about its unloaded position with the amplitude F / k, as the scheme's recurrence from that state says.
TEST(Inertia, ADynamicPhaseStartsAtRestFromTheQuasiStaticOne)
{
  const double period = 2 * pi * std::sqrt(1e-9 / 1.0), force = 1e-6, k = 1, m = 1e-9;
  std::string base = mass_on_spring(0.9, 20, 1);
  // A protocol replaces the Time section's analysis and steps.
  const std::string time_section = base.substr(base.find("subsection Time"));
  base.erase(base.find("subsection Time"), time_section.find("end\n") + 4);
  base.replace(base.find("1e-6 * (t > 0)"), std::string("1e-6 * (t > 0)").size(), "0");
  std::ostringstream protocol;
  protocol << std::setprecision(17) << R"(
subsection Time
  set Spectral radius = 0.9
end
subsection Load case
  subsection Thrust
    set Patch     = top
    set Direction = 0, 0, 1
  end
  subsection Protocol
    set Phases = pull, swing
    subsection Phase pull
      set Duration     = 1
      set Steps        = 2
      set Thrust force = )"
           << force << R"(
    end
    subsection Phase swing
      set Analysis     = dynamic
      set Duration     = )"
           << 2 * period << R"(
      set Steps        = 40
      set Thrust force = )"
           << period / 20 << ":0, " << 2 * period << R"(:0
    end
  end
end
)";
  Config config = testing::config_from_text(base + protocol.str(), "mass_on_spring_phases");
  const auto simulation = testing::run(config, "mass_on_spring_phases");
  const History &history = simulation->history();
  const std::size_t top = testing::column(history, "u_z_top [mm]");
  const std::vector<std::vector<double>> &rows = history.rows();
  ASSERT_GE(rows.size(), 43u);
  // Quasi-static: the spring holds F at F / k.
  EXPECT_NEAR(rows[2][top], force / k, 1e-4 * force / k);
  Oscillator oscillator{m, k, GeneralizedAlpha::from_spectral_radius(0.9)};
  oscillator.u = rows[2][top];
  double lowest = 0;
  for (std::size_t n = 3; n < rows.size(); ++n)
  {
    oscillator.step(rows[n][0] - rows[n - 1][0], n == 3 ? force : 0, 0);
    lowest = std::min(lowest, rows[n][top]);
    EXPECT_NEAR(rows[n][top], oscillator.u, 2e-4 * force / k) << "step " << n;
  }
  // Sampled at 20 steps per period, the trough is missed by up to 1 - cos(pi / 20) = 1.2 %.
  EXPECT_LT(lowest, -0.97 * force / k);
}
} // namespace
} // namespace cspine
