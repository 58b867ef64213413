#include "loads/protocol.h"

#include "core/format.h"
#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <map>

namespace cspine
{
namespace
{
// Limits that keep a mistyped count from exhausting the memory before the run starts (a repeat count of
// 10^9 did): 10^5 phases and 10^6 load steps in all; the shipped protocols have fewer than 100 steps.
constexpr std::size_t max_phases_in_protocol = 100000;
constexpr std::size_t max_steps_in_protocol = 1000000;

std::string prm_phases_text(const std::vector<std::string> &names)
{
  std::string text;
  for (const std::string &name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

const char *channel_help = "'' (hold), '<value at the phase end>' (linear ramp), 'by <change>', or a table "
                           "'t1:v1, t2:v2, ...' in the phase's own time [s]";

void declare_phase(dealii::ParameterHandler &prm, const std::vector<std::string> &thrust_names)
{
  prm.declare_entry("Duration", "1", dealii::Patterns::Double(1e-12), "[s] Length of the phase.");
  prm.declare_entry("Steps", "1", dealii::Patterns::Integer(1, 100000),
                    "[-] Load steps in the phase (quasi-static: each step is one equilibrium solve).");
  prm.declare_entry(
      "Head control", "", dealii::Patterns::Selection("|free|angle|rotation|moment"),
      "How the head is loaded in this phase: 'angle' prescribes its pose (its rotation about the "
      "head axis, no translation, no other rotation), 'rotation' prescribes only its rotation about "
      "the head axis (a stiff drive; translations and other rotations free, so it follows a pure "
      "moment's path, also where the joints are lax), 'moment' applies a pure moment about that "
      "axis (through the same drive, turned to where the head passes that moment: see Load case/Head/"
      "Moment tolerance), 'free' none of these; empty keeps the previous phase's control (the first phase starts "
      "free).");
  prm.declare_entry("Head value", "", dealii::Patterns::Anything(),
                    std::string("[deg] under angle and rotation control, [N mm] under moment control: ") +
                        channel_help + ".");
  prm.declare_entry("Analysis", "", dealii::Patterns::Selection("|quasi-static|dynamic"),
                    "'quasi-static': equilibrium at every step; 'dynamic': with inertia (implicit generalized-alpha, "
                    "Time/Spectral radius; each region's Density), starting from the state the previous phase left "
                    "(at rest if that was quasi-static). Empty keeps the previous phase's (the first phase starts "
                    "quasi-static).");
  for (const std::string &thrust : thrust_names)
  {
    prm.declare_entry(ThrustSettings::phase_entry(thrust, ThrustLoad::force), "", dealii::Patterns::Anything(),
                      "[N] Force on the patch of Load case/" + ThrustSettings::section(thrust) + " (Load = force): " +
                          channel_help + ", or 'pulse' (that subsection's preload, rise and release).");
    prm.declare_entry(ThrustSettings::phase_entry(thrust, ThrustLoad::moment), "", dealii::Patterns::Anything(),
                      "[N mm] Couple on the patch of Load case/" + ThrustSettings::section(thrust) +
                          " (Load = moment): " + channel_help + ".");
  }
  prm.declare_entry("Head weight", "", dealii::Patterns::Anything(),
                    std::string("[-] Fraction of the head's weight applied: ") + channel_help + ".");
}

/// Appends one phase of one channel to its curve; `value` is the channel's value at the phase start.
void extend_channel(TimeCurve &curve, double &value, const std::string &text, const double start, const double duration,
                    const ThrustPulse *pulse, const std::string &file, const std::string &entry)
{
  const double end = start + duration;
  if (curve.empty() || curve.points().back().first < start)
    curve.add(start, value);
  const std::string entry_text = dealii::Utilities::trim(text);
  if (entry_text.empty())
  {
    curve.add(end, value);
    return;
  }
  std::vector<std::pair<double, double>> table;
  if (entry_text == "pulse" && pulse)
    table = {{0, pulse->preload},
             {pulse->time_to_peak, pulse->peak},
             {pulse->time_to_peak + pulse->release_time, pulse->preload}};
  else if (entry_text.find(':') != std::string::npos)
    table = TimeCurve::parse(entry_text, file, entry).points();
  else
  {
    const bool relative = entry_text.rfind("by ", 0) == 0;
    double number = 0;
    try
    {
      number = dealii::Utilities::string_to_double(dealii::Utilities::trim(entry_text.substr(relative ? 3 : 0)));
    }
    catch (const std::exception &)
    {
      throw InputError(file, entry, text, std::string(channel_help) + (pulse ? ", or 'pulse'" : ""));
    }
    value = relative ? value + number : number;
    curve.add(end, value);
    return;
  }
  if (table.back().first > duration * (1 + 1e-12))
    throw InputError(file, entry, text,
                     "the table ends at " + format_number(table.back().first) + " s, after the phase's Duration of " +
                         format_number(duration) + " s");
  for (const auto &[t, v] : table)
    curve.add(start + t, v);
  value = table.back().second;
  if (curve.points().back().first < end)
    curve.add(end, value);
}

/// The setting of the phase of the step ending at `time`: the last phase that starts before it.
template <typename Setting>
Setting in_force(const std::vector<std::pair<double, Setting>> &from, const double time, const Setting first)
{
  Setting setting = first;
  for (const auto &[start, value] : from)
    if (start < time * (1 - 1e-12) || start == 0)
      setting = value;
  return setting;
}

HeadControl control_from_text(const std::string &text)
{
  return text == "angle"      ? HeadControl::angle
         : text == "rotation" ? HeadControl::rotation
         : text == "moment"   ? HeadControl::moment
                              : HeadControl::free;
}
} // namespace

std::vector<std::string> expand_sequence(const std::string &text, const std::vector<std::string> &phases,
                                         const std::string &file, const std::string &entry)
{
  std::string allowed = "phase names separated by commas; a group '(a, b) x N' repeats N times; phases:";
  for (const std::string &phase : phases)
    allowed += " " + phase;
  std::vector<std::string> sequence;
  auto check = [&](const std::string &name)
  {
    if (std::find(phases.begin(), phases.end(), name) == phases.end())
      throw InputError(file, entry, text, allowed);
    return name;
  };
  std::size_t position = 0;
  while (position < text.size())
  {
    const std::size_t open = text.find('(', position);
    const std::size_t comma = text.find(',', position);
    const std::string head = text.substr(position, std::min(open, comma) - position);
    if (open != std::string::npos && open < comma)
    {
      if (!dealii::Utilities::trim(head).empty())
        throw InputError(file, entry, text, allowed);
      const std::size_t close = text.find(')', open);
      if (close == std::string::npos)
        throw InputError(file, entry, text, allowed);
      const std::size_t next_comma = text.find(',', close);
      std::string repeat = dealii::Utilities::trim(text.substr(close + 1, next_comma - close - 1));
      int count = 0;
      if (repeat.empty() || repeat[0] != 'x')
        throw InputError(file, entry, text, allowed);
      try
      {
        count = dealii::Utilities::string_to_int(dealii::Utilities::trim(repeat.substr(1)));
      }
      catch (const std::exception &)
      {
        throw InputError(file, entry, text, allowed);
      }
      if (count < 1)
        throw InputError(file, entry, text, allowed);
      const auto group = dealii::Utilities::split_string_list(text.substr(open + 1, close - open - 1));
      // Checked before expanding: a repeat count of 10^9 would exhaust the memory listing the phases.
      if (sequence.size() + static_cast<double>(count) * group.size() > max_phases_in_protocol)
        throw InputError(file, entry, text,
                         "at most " + std::to_string(max_phases_in_protocol) + " phases in all, repeats included (" +
                             std::to_string(count) + " x " + std::to_string(group.size()) + " asked for)");
      for (int r = 0; r < count; ++r)
        for (const std::string &name : group)
          sequence.push_back(check(name));
      position = next_comma == std::string::npos ? text.size() : next_comma + 1;
    }
    else
    {
      const std::string name = dealii::Utilities::trim(head);
      if (!name.empty())
        sequence.push_back(check(name));
      else if (comma != std::string::npos || !dealii::Utilities::trim(text.substr(position)).empty())
        throw InputError(file, entry, text, allowed);
      position = comma == std::string::npos ? text.size() : comma + 1;
    }
  }
  return sequence;
}

void Protocol::declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names,
                                  const std::vector<std::string> &thrust_names)
{
  prm.enter_subsection("Load case");
  prm.enter_subsection("Protocol");
  prm.declare_entry("Phases", "", dealii::Patterns::Anything(),
                    "Names of the phases, each described in a subsection 'Phase <name>'. Empty: no protocol "
                    "(the Time section and the boundary conditions alone define the run).");
  prm.declare_entry("Sequence", "", dealii::Patterns::Anything(),
                    "Order of the phases; a group '(a, b) x N' repeats N times. Empty: the phases in the "
                    "order listed.");
  for (const std::string &name : phase_names)
  {
    prm.enter_subsection("Phase " + name);
    declare_phase(prm, thrust_names);
    prm.leave_subsection();
  }
  prm.leave_subsection();
  prm.leave_subsection();
}

std::vector<std::string> Protocol::phase_names(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Load case");
  prm.enter_subsection("Protocol");
  const std::vector<std::string> names = dealii::Utilities::split_string_list(prm.get("Phases"));
  prm.leave_subsection();
  prm.leave_subsection();
  return names;
}

void Protocol::parse_parameters(dealii::ParameterHandler &prm, const std::string &file,
                                const std::vector<ThrustSettings> &thrusts)
{
  prm.enter_subsection("Load case");
  prm.enter_subsection("Protocol");
  const std::vector<std::string> names = dealii::Utilities::split_string_list(prm.get("Phases"));
  std::map<std::string, PhaseSettings> phases;
  for (const std::string &name : names)
  {
    if (name.find_first_of(" ()") != std::string::npos)
      throw InputError(file, "Load case/Protocol/Phases", name, "phase names without spaces or brackets");
    prm.enter_subsection("Phase " + name);
    PhaseSettings &phase = phases[name];
    phase.name = name;
    phase.duration = prm.get_double("Duration");
    phase.steps = static_cast<unsigned int>(prm.get_integer("Steps"));
    phase.head_control = prm.get("Head control");
    phase.head_value = prm.get("Head value");
    for (const ThrustSettings &thrust : thrusts)
    {
      const ThrustLoad other = thrust.load == ThrustLoad::force ? ThrustLoad::moment : ThrustLoad::force;
      const std::string wrong = ThrustSettings::phase_entry(thrust.name, other);
      if (!dealii::Utilities::trim(prm.get(wrong)).empty())
        throw InputError(file, "Load case/Protocol/Phase " + name + "/" + wrong, prm.get(wrong),
                         "nothing: Load case/" + ThrustSettings::section(thrust.name) + "/Load is " +
                             (thrust.load == ThrustLoad::force ? "force" : "moment") + ", so its phases set '" +
                             ThrustSettings::phase_entry(thrust.name, thrust.load) + "'");
      phase.thrust_forces.push_back(prm.get(ThrustSettings::phase_entry(thrust.name, thrust.load)));
    }
    phase.head_weight = prm.get("Head weight");
    phase.analysis = prm.get("Analysis");
    prm.leave_subsection();
  }
  const std::string sequence_text = prm.get("Sequence");
  prm.leave_subsection();
  prm.leave_subsection();

  *this = Protocol();
  thrust_forces.resize(thrusts.size());
  if (names.empty())
    return;
  const std::vector<std::string> sequence =
      sequence_text.empty() ? names : expand_sequence(sequence_text, names, file, "Load case/Protocol/Sequence");

  double time = 0, angle = 0, moment = 0, weight = 0;
  std::vector<double> thrust_values(thrusts.size(), 0.0);
  HeadControl control = HeadControl::free;
  bool dynamic_phase = false;
  std::map<std::string, unsigned int> repetitions;
  for (const std::string &name : sequence)
  {
    const PhaseSettings &phase = phases.at(name);
    const std::string section = "Load case/Protocol/Phase " + name + "/";
    if (!phase.head_control.empty())
      control = control_from_text(phase.head_control);
    if (!phase.head_value.empty() && control == HeadControl::free)
      throw InputError(file, section + "Head value", phase.head_value,
                       "a head value needs Head control = angle, rotation or moment (in this phase or an earlier "
                       "one)");
    // The channel not under control holds its value.
    const bool turned = control == HeadControl::angle || control == HeadControl::rotation;
    extend_channel(head_angle, angle, turned ? phase.head_value : "", time, phase.duration, nullptr, file,
                   section + "Head value");
    extend_channel(head_moment, moment, control == HeadControl::moment ? phase.head_value : "", time, phase.duration,
                   nullptr, file, section + "Head value");
    for (std::size_t i = 0; i < thrusts.size(); ++i)
      extend_channel(thrust_forces[i], thrust_values[i], phase.thrust_forces[i], time, phase.duration,
                     thrusts[i].load == ThrustLoad::force ? &thrusts[i].pulse : nullptr, file,
                     section + ThrustSettings::phase_entry(thrusts[i].name, thrusts[i].load));
    extend_channel(head_weight, weight, phase.head_weight, time, phase.duration, nullptr, file,
                   section + "Head weight");
    control_from.emplace_back(time, control);
    if (!phase.analysis.empty())
      dynamic_phase = phase.analysis == "dynamic";
    dynamic_from.emplace_back(time, dynamic_phase);
    spans.push_back({name, ++repetitions[name], time, time + phase.duration});
    if (step_end_times.size() + phase.steps > max_steps_in_protocol)
      throw InputError(file, sequence_text.empty() ? "Load case/Protocol/Phases" : "Load case/Protocol/Sequence",
                       sequence_text.empty() ? prm_phases_text(names) : sequence_text,
                       "at most " + std::to_string(max_steps_in_protocol) +
                           " load steps in all (each is a nonlinear solve; the protocol asks for more)");
    for (unsigned int s = 1; s <= phase.steps; ++s)
      step_end_times.push_back(time + phase.duration * s / phase.steps);
    time += phase.duration;
  }
}

HeadControl Protocol::head_control(const double time) const
{
  return in_force(control_from, time, HeadControl::free);
}

bool Protocol::dynamic(const double time) const
{
  return in_force(dynamic_from, time, false);
}

const PhaseSpan &Protocol::span(const double time) const
{
  for (const PhaseSpan &phase : spans)
    if (time <= phase.end * (1 + 1e-12))
      return phase;
  return spans.back();
}
} // namespace cspine
