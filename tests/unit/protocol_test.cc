// Load protocols: piecewise-linear time curves, phase sequences with repeats, and the channel rules
// (end value, "by" change, table in phase time, thrust pulse, hold).
#include "core/input_error.h"
#include "loads/protocol.h"

#include <gtest/gtest.h>

namespace cspine
{
namespace
{
TEST(TimeCurve, InterpolatesAndHoldsBeyondItsEnds)
{
  const TimeCurve curve = TimeCurve::parse("0:0, 0.5:10, 1:4", "test.prm", "entry");
  EXPECT_DOUBLE_EQ(curve.value(-1), 0);
  EXPECT_DOUBLE_EQ(curve.value(0.25), 5);
  EXPECT_DOUBLE_EQ(curve.value(0.75), 7);
  EXPECT_DOUBLE_EQ(curve.value(3), 4);
  EXPECT_THROW(TimeCurve::parse("0:0, 0:1", "test.prm", "entry"), InputError);
  EXPECT_THROW(TimeCurve::parse("0:0, x", "test.prm", "entry"), InputError);
}

TEST(Protocol, ExpandsRepeatedGroups)
{
  const std::vector<std::string> phases = {"pre", "hold", "thrust", "release"};
  const auto sequence = expand_sequence("pre, hold, (thrust, release) x 3", phases, "f.prm", "Sequence");
  const std::vector<std::string> expected = {"pre",    "hold",    "thrust", "release",
                                             "thrust", "release", "thrust", "release"};
  EXPECT_EQ(sequence, expected);
  EXPECT_THROW(expand_sequence("pre, (thrust, release) x 0", phases, "f.prm", "Sequence"), InputError);
  EXPECT_THROW(expand_sequence("pre, twist", phases, "f.prm", "Sequence"), InputError);
  EXPECT_THROW(expand_sequence("pre, (thrust, release", phases, "f.prm", "Sequence"), InputError);
}

Protocol parse(const std::string &text)
{
  dealii::ParameterHandler prm;
  Protocol::declare_parameters(prm, {"pre", "hold", "thrust", "release", "push"}, {"", "lateral"});
  prm.parse_input_from_string(text, "protocol_test.prm");
  std::vector<ThrustSettings> thrusts(2);
  thrusts[0].pulse = ThrustPulse{10, 50, 0.02, 0.03};
  thrusts[1].name = "lateral";
  thrusts[1].pulse = ThrustPulse{0, 30, 0.01, 0.01};
  Protocol protocol;
  protocol.parse_parameters(prm, "protocol_test.prm", thrusts);
  return protocol;
}

TEST(Protocol, BuildsChannelCurvesAndSteps)
{
  const Protocol protocol = parse(R"(
subsection Load case
  subsection Protocol
    set Phases   = pre, hold, thrust, release, push
    set Sequence = pre, hold, (thrust, release) x 2, push
    subsection Phase pre
      set Duration     = 1
      set Steps        = 4
      set Head control = angle
      set Head value   = 60
    end
    subsection Phase hold
      set Duration = 0.5
    end
    subsection Phase thrust
      set Duration   = 0.1
      set Steps      = 2
      set Head value = by 2
      set Thrust lateral force = pulse
    end
    subsection Phase release
      set Duration   = 0.1
      set Head value = by -2
    end
    subsection Phase push
      set Duration     = 0.05
      set Steps        = 5
      set Head control = moment
      set Head value   = 0:0, 0.05:1500
      set Thrust force = pulse
    end
  end
end
)");
  // Steps: 4 + 1 + (2 + 1) x 2 + 5.
  ASSERT_EQ(protocol.step_end_times.size(), 16u);
  EXPECT_DOUBLE_EQ(protocol.step_end_times[3], 1.0);
  EXPECT_NEAR(protocol.end_time(), 1.95, 1e-12);
  // Ramp to 60 deg, hold, +2 and back twice.
  EXPECT_DOUBLE_EQ(protocol.head_angle.value(0.5), 30);
  EXPECT_DOUBLE_EQ(protocol.head_angle.value(1.3), 60);
  EXPECT_NEAR(protocol.head_angle.value(1.6), 62, 1e-12);
  EXPECT_NEAR(protocol.head_angle.value(1.75), 61, 1e-12);
  EXPECT_NEAR(protocol.head_angle.value(1.8), 62, 1e-12);
  // The moment table and the pulse run in the last phase's own time.
  EXPECT_NEAR(protocol.head_moment.value(1.925), 750, 1e-9);
  ASSERT_EQ(protocol.thrust_forces.size(), 2u);
  EXPECT_NEAR(protocol.thrust_forces[0].value(1.905), 20, 1e-9);
  EXPECT_NEAR(protocol.thrust_forces[0].value(1.92), 50, 1e-9);
  EXPECT_NEAR(protocol.thrust_forces[0].value(1.935), 30, 1e-9);
  // Each thrust has its own channel: the lateral pulse runs in each thrust phase (1.5 s and 1.7 s) and
  // nowhere else; the first thrust is zero there.
  EXPECT_NEAR(protocol.thrust_forces[1].value(1.51), 30, 1e-9);
  EXPECT_NEAR(protocol.thrust_forces[1].value(1.715), 15, 1e-9);
  EXPECT_NEAR(protocol.thrust_forces[1].value(1.65), 0, 1e-12);
  EXPECT_NEAR(protocol.thrust_forces[1].value(1.93), 0, 1e-12);
  EXPECT_NEAR(protocol.thrust_forces[0].value(1.51), 0, 1e-12);
  EXPECT_EQ(protocol.head_control(0.5), HeadControl::angle);
  EXPECT_EQ(protocol.head_control(1.91), HeadControl::moment);
  EXPECT_EQ(protocol.span(1.75).name, "thrust");
  EXPECT_EQ(protocol.span(1.75).repetition, 2u);
  EXPECT_EQ(protocol.span(1.85).name, "release");
}

TEST(Protocol, RejectsBadEntries)
{
  // A head value without a head control.
  EXPECT_THROW(parse(R"(
subsection Load case
  subsection Protocol
    set Phases = pre
    subsection Phase pre
      set Head value = 10
    end
  end
end
)"),
               InputError);
  // A table longer than its phase.
  EXPECT_THROW(parse(R"(
subsection Load case
  subsection Protocol
    set Phases = push
    subsection Phase push
      set Duration     = 0.05
      set Thrust force = 0:0, 0.1:20
    end
  end
end
)"),
               InputError);
}
} // namespace
} // namespace cspine
