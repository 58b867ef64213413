// The manipulation load case of a config (section "Load case"): how the head is coupled and loaded,
// its thrusts (patches and pulses), the phase protocol, the 1-D ligaments, joint contact and the strain
// report. Everything is resolved against the mesh (names) and its companion files (.landmarks,
// .ligaments) while parsing, so a bad entry fails before any output exists.
#pragma once

#include "core/tension_curve.h"
#include "core/types.h"
#include "loads/protocol.h"
#include "loads/thrust.h"
#include "loads/time_curve.h"
#include "materials/fibre_damage.h"
#include "materials/fibre_rate.h"
#include "materials/prony_series.h"
#include "mesh/mesh_builder.h"
#include "mesh/model_files.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cspine
{
struct HeadSettings
{
  /// Region ids moving as one rigid body (the head and the occiput).
  std::set<unsigned int> regions;
  /// Unit vector of the head axis and a point on it [mm].
  Vector3 axis;
  dealii::Point<dim> centre;
  /// [N mm / rad] Stiffness of the drive that prescribes the head's rotation under rotation control.
  double drive_stiffness = 0;
  /// Under moment control: [N mm] how close the moment comes to the prescribed one, and [deg] the largest
  /// change of the drive angle per equilibrium solve (MomentSearch).
  double moment_tolerance = 1;
  double largest_rotation_per_solve = 1;
  /// [kg] and [mm] Head mass and centre of gravity; unit vector of gravity.
  double mass = 0;
  dealii::Point<dim> centre_of_gravity;
  Vector3 gravity_direction;
};

/// Force of one ligament or capsule-fibre type against its stretch past the rest length; tension only.
struct LigamentCurve
{
  enum class Measure
  {
    /// x: elongation [mm]; y: force [N].
    elongation,
    /// x: engineering strain [-]; y: force [N].
    strain,
    /// x: engineering strain [-]; y: stress [MPa], times the fibre's cross-section (capsule fibres).
    stress
  };
  Measure measure = Measure::elongation;
  /// Ends at the failure point (the last segment's slope is kept beyond it).
  TensionCurve table;

  /// Parses "elongation: d:F, ...", "strain: e:F, ..." or "stress: e:s, ..."; throws InputError.
  static LigamentCurve parse(const std::string &text, const std::string &file, const std::string &entry);
};

/// The 1-D ligaments of the mesh's .ligaments file and the fibres of its .capsules file.
struct LigamentSet
{
  /// The ligaments first, then the capsules' fibres (grouped by capsule).
  std::vector<LigamentGeometry> geometry;
  /// Curve of each, by its type.
  std::vector<LigamentCurve> curves;
  /// [-] Slack of each, by its type: rest length = in-situ length x (1 + slack); < 0 is pre-tensioned.
  std::vector<double> slack;
  /// Region ids of each one's two bones.
  std::vector<std::pair<unsigned int, unsigned int>> bones;
  /// Relaxation of each, by its type: a Prony series on its curve (empty: elastic).
  std::vector<PronySeries> relaxation;
  /// Rate-dependent strength of each, by its type (materials/fibre_rate.h).
  std::vector<RateEffect> rate_effect;
  /// Sub-failure damage and rupture of every fibre (none: the curve is elastic past its failure point).
  std::optional<FibreDamageLaw> damage;
  /// Where the curve of each type in use comes from: its default's source, or the config that set it.
  std::map<std::string, std::string> curve_sources;
  /// The rate effect of each type in use that has one: "c:r0" and where it comes from.
  std::map<std::string, std::string> rate_effect_sources;
};

struct ContactSettings
{
  /// (surface a, surface b) boundary ids of each joint, found by name: contact_<joint>_lower/_upper,
  /// contact_<joint>_dens/_atlas and contact_<joint>_dens/_ligament.
  std::vector<std::pair<unsigned int, unsigned int>> pairs;
  std::vector<std::string> pair_names;
  /// [MPa/mm] Pressure per unit penetration.
  double penalty = 0;
  /// [mm] Penetration that is reported as excessive.
  double penetration_tolerance = 0;
};

struct ReportSettings
{
  /// Region ids whose strain is reported.
  std::vector<unsigned int> regions;
  /// [-] Maximum principal Green-Lagrange strain thresholds.
  std::vector<double> thresholds;
};

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
