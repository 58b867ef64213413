// The manipulation load case of a config (section "Load case"): how the head is coupled and loaded,
// its thrusts (patches and pulses), the phase protocol, the 1-D ligaments, joint contact and the strain
// report. Everything is resolved against the mesh (names) and its companion files (.landmarks,
// .ligaments) while parsing, so a bad entry fails before any output exists.
#pragma once

#include "loads/contact_settings.h"
#include "loads/head_settings.h"
#include "loads/ligament_settings.h"
#include "loads/protocol.h"
#include "loads/report_settings.h"
#include "loads/thrust.h"
#include "mesh/mesh_builder.h"

#include <deal.II/base/parameter_handler.h>

#include <optional>
#include <string>
#include <vector>

namespace cspine
{
struct LoadCase
{
  bool active() const { return !protocol.empty(); }

  std::optional<HeadSettings> head;
  /// The thrust of subsection Thrust first, then those of More thrusts.
  std::vector<ThrustSettings> thrusts;
  Protocol protocol;
  LigamentSet ligaments;
  ContactSettings contact;
  ReportSettings report;

  /// `phase_names` and `thrust_names` from a first, lenient pass (Protocol::phase_names, ThrustSettings::names).
  static void declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names,
                                 const std::vector<std::string> &thrust_names);
  /// Throws InputError (file, entry, what is allowed).
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                        const std::string &mesh_file);
};
} // namespace cspine
