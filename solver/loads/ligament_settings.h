// Load case/Ligaments: the 1-D ligaments and capsule fibres of the mesh's companion files, with each
// type's tension curve, slack, relaxation, rate effect and the damage law (LigamentSprings).
#pragma once

#include "core/tension_curve.h"
#include "materials/fibre_damage.h"
#include "materials/fibre_rate.h"
#include "materials/prony_series.h"
#include "mesh/mesh_builder.h"
#include "mesh/model_files.h"

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cspine
{
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

  static void declare_parameters(dealii::ParameterHandler &prm);
  /// Subsection Ligaments (inside Load case): reads the ligament and capsule files (given, or beside
  /// `mesh_file`) and gives each its curve, slack, relaxation and rate effect by type. Throws InputError.
  void parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                        const std::string &mesh_file);
};
} // namespace cspine
