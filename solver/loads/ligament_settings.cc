#include "loads/ligament_settings.h"

#include "core/format.h"
#include "core/input_error.h"
#include "loads/default_curves.h"
#include "loads/region_lookup.h"

#include <deal.II/base/utilities.h>

#include <filesystem>

namespace cspine
{
using dealii::Utilities::trim;

LigamentCurve LigamentCurve::parse(const std::string &text, const std::string &file, const std::string &entry)
{
  const auto colon = text.find(':');
  const std::string kind = trim(text.substr(0, colon == std::string::npos ? 0 : colon));
  const std::map<std::string, std::pair<Measure, std::string>> kinds = {
      {"elongation", {Measure::elongation, "elongation [mm] : force [N]"}},
      {"strain", {Measure::strain, "strain [-] : force [N]"}},
      {"stress", {Measure::stress, "strain [-] : stress [MPa]"}}};
  const auto found = kinds.find(kind);
  if (colon == std::string::npos || found == kinds.end())
    throw InputError(file, entry, text,
                     "'elongation: d1:F1, ...' [mm : N], 'strain: e1:F1, ...' [- : N] or 'stress: e1:s1, ...' "
                     "[- : MPa]");
  LigamentCurve curve;
  curve.measure = found->second.first;
  curve.table = TensionCurve::parse(text.substr(colon + 1), file, entry, found->second.second);
  return curve;
}

void LigamentSet::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Ligaments");
  prm.declare_entry("Enabled", "true", dealii::Patterns::Bool(),
                    "Add the 1-D ligaments and the capsules' fibres of the ligament and capsule files (gmsh "
                    "meshes only).");
  prm.declare_entry("File", "", dealii::Patterns::Anything(),
                    "Ligament attachment file; empty: <mesh>.ligaments beside the mesh, if it exists.");
  prm.declare_entry("Capsule file", "", dealii::Patterns::Anything(),
                    "Capsule fibre file; empty: <mesh>.capsules beside the mesh, if it exists.");
  prm.declare_entry("Damage", "true", dealii::Patterns::Bool(),
                    "Sub-failure damage and rupture of every ligament and capsule fibre (materials/fibre_damage.h): "
                    "the curve is the loading envelope; past the onset a fibre keeps a permanent set (laxity) "
                    "and reloads softer; past its failure point it ruptures. The law's shape is assumed (see "
                    "the entries below). false: elastic, the last slope kept past the failure point.");
  prm.declare_entry("Damage onset", "0.62", dealii::Patterns::Double(0.05, 1),
                    "[-] Where damage starts, as a fraction of the elongation from the rest length to the "
                    "curve's failure point. Default: capsule yield at 0.57 +/- 0.08 mm against gross failure at "
                    "0.92 +/- 0.17 mm (ratio 0.62; Quinn & Winkelstein 2007 J Biomech 40:2299-2306, rat C6-C7 "
                    "capsule); the same ratio is assumed for the ligaments. Published range of the ratio about "
                    "0.5-0.75 (their means +/- SD).");
  prm.declare_entry("Permanent set", "0.5", dealii::Patterns::Double(0, 0.9),
                    "[-] mm of slack a fibre gains for good per mm of peak stretch past the onset. Assumed: no "
                    "cervical value is published. With it, a human capsule stretched to its failure point "
                    "(4.37 mm mean elongation at peak force of 25 human cervical capsules, from the raw curves "
                    "that ARCGen ships as Mattucci & Cronin 2015 J Mech Behav Biomed Mater 41:251-260) keeps 0.8 mm of "
                    "slack, within the 0.3-1.0 mm measured after whiplash "
                    "(Ivancic et al. 2008 Clin Biomech 23:159-165).");
  prm.declare_entry("Rupture width", "0.1", dealii::Patterns::Double(1e-3, 1),
                    "[-] Past its failure point a fibre's force falls linearly to zero over this fraction of its "
                    "elongation to failure; then it has ruptured. Numerical (a continuous path for Newton), not "
                    "published.");
  for (const DefaultCurve &curve : default_curves())
  {
    prm.declare_entry("Curve " + curve.type, curve.table, dealii::Patterns::Anything(),
                      "Tension-only curve of this type past its rest length: 'elongation: d:F, ...' [mm : N], "
                      "'strain: e:F, ...' [- : N] or 'stress: e:s, ...' [- : MPa] (times each capsule fibre's "
                      "cross-section). The last point is the failure point. Sources: "
                      "solver/loads/default_curves.cc.");
    prm.declare_entry("Slack " + curve.type, std::to_string(curve.slack), dealii::Patterns::Double(-0.5, 5),
                      curve.slack_documentation);
    prm.declare_entry("Relaxation " + curve.type, "", dealii::Patterns::Anything(),
                      "[s : -] Prony series 'tau1:beta1, ...' on this type's curve (quasi-linear viscoelasticity, "
                      "Fung): the curve is the long-term response, a sudden stretch gives (1 + sum beta) times it. "
                      "Empty (the default): elastic; no cervical constants are shipped.");
    prm.declare_entry(
        "Rate effect " + curve.type, curve.rate_effect, dealii::Patterns::Anything(),
        "[- : 1/s] 'c:r0': pulled at a strain rate r above r0 (the rate the curve was measured at), the curve "
        "and so its failure force are scaled by 1 + c log10(r/r0) (materials/fibre_rate.h; r over each step, "
        "relative to the in-situ length). Empty: rate-independent." +
            (curve.rate_effect.empty()
                 ? std::string(" No default: no rate data for this curve were found with numbers (the "
                               "craniovertebral ligaments' failure forces are higher at 150 than at 0.5 /s, "
                               "Mattucci et al. 2013 J Mech Behav Biomed Mater 23:71-79, numbers not read; the "
                               "VIVA+ ALL table gives about 0.12 per decade above 0.24 /s).")
                 : " Default from " + curve.rate_effect_source + "."));
  }
  prm.leave_subsection();
}

void LigamentSet::parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                                   const std::string &mesh_file)
{
  *this = LigamentSet();
  prm.enter_subsection("Ligaments");
  const bool ligaments_on = prm.get_bool("Enabled");
  auto companion = [&](const std::string &entry, const std::string &extension)
  {
    std::string name = trim(prm.get(entry));
    if (name.empty() && !mesh_file.empty() && std::filesystem::exists(companion_file(mesh_file, extension)))
      name = companion_file(mesh_file, extension);
    else if (!name.empty() && std::filesystem::path(name).is_relative())
      name = (std::filesystem::absolute(file).parent_path() / name).string();
    return name;
  };
  const std::string ligament_file = companion("File", ".ligaments"),
                    capsule_file = companion("Capsule file", ".capsules");
  std::map<std::string, LigamentCurve> curves;
  std::map<std::string, double> slacks;
  std::map<std::string, PronySeries> relaxations;
  std::map<std::string, RateEffect> rate_effects;
  std::map<std::string, std::string> rate_sources;
  std::map<std::string, std::string> sources;
  damage.reset();
  if (prm.get_bool("Damage"))
    damage = FibreDamageLaw{prm.get_double("Damage onset"), prm.get_double("Permanent set"),
                            prm.get_double("Rupture width")};
  for (const DefaultCurve &curve : default_curves())
  {
    relaxations[curve.type] =
        parse_prony_series(prm.get("Relaxation " + curve.type), file, "Load case/Ligaments/Relaxation " + curve.type);
    rate_effects[curve.type] =
        parse_rate_effect(prm.get("Rate effect " + curve.type), file, "Load case/Ligaments/Rate effect " + curve.type);
    const RateEffect &rate = rate_effects[curve.type];
    rate_sources[curve.type] =
        "gain " + format_number(rate.gain_per_decade) + " per decade above " + format_number(rate.reference_rate) +
        " /s: " +
        (prm.get("Rate effect " + curve.type) == curve.rate_effect ? curve.rate_effect_source : "set in " + file);
    curves[curve.type] =
        LigamentCurve::parse(prm.get("Curve " + curve.type), file, "Load case/Ligaments/Curve " + curve.type);
    slacks[curve.type] = prm.get_double("Slack " + curve.type);
    sources[curve.type] = prm.get("Curve " + curve.type) == curve.table ? curve.source : "set in " + file;
  }
  prm.leave_subsection();
  if (ligaments_on)
  {
    if (!ligament_file.empty())
      geometry = read_ligaments(ligament_file);
    if (!capsule_file.empty())
      for (LigamentGeometry &fibre : read_capsules(capsule_file))
        geometry.push_back(fibre);
    for (const LigamentGeometry &ligament : geometry)
    {
      const std::string &source = ligament.bundle.empty() ? ligament_file : capsule_file;
      if (curves.count(ligament.type) == 0)
        throw InputError(source + ": '" + ligament.name + "' has type '" + ligament.type +
                         "', which has no Load case/Ligaments/Curve entry");
      const LigamentCurve &curve = curves[ligament.type];
      if (curve.measure == LigamentCurve::Measure::stress && ligament.area <= 0)
        throw InputError(file, "Load case/Ligaments/Curve " + ligament.type, "stress: ...",
                         "a force curve ('elongation:' or 'strain:'): '" + ligament.name +
                             "' has no cross-section for a stress curve");
      this->curves.push_back(curve);
      curve_sources[ligament.type] = sources[ligament.type];
      slack.push_back(slacks[ligament.type]);
      relaxation.push_back(relaxations[ligament.type]);
      rate_effect.push_back(rate_effects[ligament.type]);
      if (rate_effects[ligament.type].active())
        rate_effect_sources[ligament.type] = rate_sources[ligament.type];
      bones.emplace_back(region_id(ligament.a.bone, names, source, ligament.name + "/bone_a"),
                         region_id(ligament.b.bone, names, source, ligament.name + "/bone_b"));
    }
  }
}
} // namespace cspine
