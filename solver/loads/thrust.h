// A thrust: a force pulse of fixed direction on a named patch of bone, or a pure couple about a fixed
// axis on it (the pull of a muscle that inserts there while its other end is held). A load case has the
// thrust of subsection "Thrust" and any number more, each named in Load case/More thrusts and set in its
// own subsection "Thrust <name>"; a phase drives each through its own entry ("Thrust force", "Thrust
// <name> force", or "... moment" for a couple), so that a lateral break and a posterior-anterior push can
// overlap or follow each other.
#pragma once

#include "core/types.h"
#include "loads/landmark_text.h"
#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>

#include <optional>
#include <string>
#include <vector>

namespace cspine
{
/// The shape of a thrust pulse: preload, linear rise to the peak, linear release to the preload.
struct ThrustPulse
{
  double preload = 0;
  double peak = 0;
  double time_to_peak = 0;
  double release_time = 0;
};

/// What a thrust applies on its patch: a force [N] along its direction, or a couple [N mm] about it.
enum class ThrustLoad
{
  force,
  moment
};

struct ThrustSettings
{
  /// "" for the thrust of subsection Thrust; otherwise its name in Load case/More thrusts.
  std::string name;
  /// The patch's boundary id; none while Patch is empty.
  std::optional<unsigned int> boundary_id;
  std::string patch;
  ThrustLoad load = ThrustLoad::force;
  /// Unit vector of the force, or the couple's axis (right-hand rule).
  Vector3 direction;
  ThrustPulse pulse;

  /// "Thrust" or "Thrust <name>": the thrust's subsection of Load case.
  static std::string section(const std::string &name);
  /// "Thrust force" or "Thrust <name> force" ("... moment" for a couple): the thrust's entry in each phase.
  static std::string phase_entry(const std::string &name, ThrustLoad load);
  /// "thrust_force [N]" or "thrust_force_<name> [N]" ("thrust_moment... [N mm]"): its history.csv column.
  static std::string history_column(const std::string &name, ThrustLoad load);

  /// The thrusts' names of a first, lenient pass: "" and those of Load case/More thrusts.
  static std::vector<std::string> names(dealii::ParameterHandler &prm);
  /// Declares Load case/More thrusts (inside Load case).
  static void declare_list(dealii::ParameterHandler &prm);
  /// Declares the thrust's subsection (inside Load case).
  static void declare_parameters(dealii::ParameterHandler &prm, const std::string &name);
  /// Reads the thrust's subsection (inside Load case); throws InputError naming the file and the entry.
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &name, const std::string &file,
                        const MeshNames &mesh_names, const Landmarks &landmarks);
};
} // namespace cspine
