// A load case as a sequence of phases (pre-rotate the head, hold, thrust, release, ...), each with a
// duration, a number of load steps, the head's control (a prescribed angle or an applied moment) and
// the thrust force. A phase sets each channel's value at its end (a linear ramp from the previous
// value), changes it "by" an amount, or gives a table in phase time; an unset channel holds. The
// sequence may repeat groups of phases: "pre-rotate, hold, (thrust, release) x 3". Expanding the
// sequence gives piecewise-linear time curves of every channel and the list of step end times.
#pragma once

#include "loads/thrust.h"
#include "loads/time_curve.h"

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace cspine
{
enum class HeadControl
{
  /// No load on the head besides its weight (if switched on).
  free,
  /// The head's pose is prescribed: rotation about the head axis, no translation.
  angle,
  /// The head's rotation about the head axis is prescribed (a stiff drive on it); its translation and its
  /// rotations about the other axes are free, as under a pure moment.
  rotation,
  /// A pure moment about the head axis (plus the weight); the head moves freely.
  moment
};

struct PhaseSettings
{
  std::string name;
  double duration = 0;
  unsigned int steps = 1;
  /// Empty: keep the previous phase's control.
  std::string head_control;
  /// Channel entries as written: "" (hold), "<end value>", "by <change>", "t:v, t:v" or "pulse".
  std::string head_value;
  /// One per thrust, in the order of the load case's thrusts.
  std::vector<std::string> thrust_forces;
  std::string head_weight;
  /// "quasi-static", "dynamic", or empty: keep the previous phase's.
  std::string analysis;
};

struct PhaseSpan
{
  std::string name;
  /// 1-based repetition of this phase in the sequence.
  unsigned int repetition = 1;
  double start = 0, end = 0;
};

class Protocol
{
public:
  /// Declares Load case/Protocol with one subsection "Phase <name>" per name, each with a force entry per
  /// thrust name (ThrustSettings::phase_entry).
  static void declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names,
                                 const std::vector<std::string> &thrust_names);
  /// The phase names of a first, lenient pass (entry Load case/Protocol/Phases).
  static std::vector<std::string> phase_names(dealii::ParameterHandler &prm);
  /// Reads and expands the protocol; throws InputError naming the file and the entry.
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file,
                        const std::vector<ThrustSettings> &thrusts);

  bool empty() const { return step_end_times.empty(); }
  double end_time() const { return step_end_times.empty() ? 0 : step_end_times.back(); }
  /// The control in force during the step that ends at `time`.
  HeadControl head_control(double time) const;
  /// Whether the step ending at `time` has inertia (its phase's Analysis is dynamic).
  bool dynamic(double time) const;
  /// The phase (and its repetition) that contains the step ending at `time`.
  const PhaseSpan &span(double time) const;

  /// [deg] Prescribed head rotation (angle and rotation control).
  TimeCurve head_angle;
  /// [N mm] Applied moment about the head axis (moment control).
  TimeCurve head_moment;
  /// [N] Force, or [N mm] couple (Load = moment), of each thrust, in the order of the load case's thrusts.
  std::vector<TimeCurve> thrust_forces;
  /// [-] Fraction of the head's weight applied.
  TimeCurve head_weight;
  std::vector<double> step_end_times;
  std::vector<PhaseSpan> spans;

private:
  std::vector<std::pair<double, HeadControl>> control_from;
  std::vector<std::pair<double, bool>> dynamic_from;
};

/// "a, (b, c) x 3, d" -> a, b, c, b, c, b, c, d. Throws InputError (file, entry) on a bad sequence or
/// an unknown phase name.
std::vector<std::string> expand_sequence(const std::string &text, const std::vector<std::string> &phases,
                                         const std::string &file, const std::string &entry);
} // namespace cspine
