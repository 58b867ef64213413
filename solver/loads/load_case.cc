#include "loads/load_case.h"

#include "core/format.h"
#include "core/input_error.h"
#include "core/vector_text.h"
#include "loads/default_curves.h"
#include "loads/landmark_text.h"

#include <deal.II/base/utilities.h>

#include <filesystem>
#include <regex>

namespace cspine
{
namespace
{
using dealii::Utilities::split_string_list;
using dealii::Utilities::trim;

unsigned int region_id(const std::string &name, const MeshNames &names, const std::string &file,
                       const std::string &entry)
{
  std::string list;
  for (const auto &[id, region] : names.regions)
  {
    if (region == name)
      return id;
    list += (list.empty() ? "" : ", ") + region;
  }
  throw InputError(file, entry, name, "a region of the mesh: " + list);
}

/// Regions whose names match any of the glob patterns ('*' and '?').
std::vector<unsigned int> matching_regions(const std::string &patterns, const MeshNames &names)
{
  std::vector<unsigned int> ids;
  for (const std::string &pattern : split_string_list(patterns))
  {
    const std::regex glob(
        std::regex_replace(std::regex_replace(pattern, std::regex("\\*"), ".*"), std::regex("\\?"), "."));
    for (const auto &[id, name] : names.regions)
      if (std::regex_match(name, glob) && std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
  }
  return ids;
}

} // namespace

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

void LoadCase::declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names,
                                  const std::vector<std::string> &thrust_names)
{
  prm.enter_subsection("Load case");
  prm.enter_subsection("Head");
  prm.declare_entry("Coupled regions", "", dealii::Patterns::Anything(),
                    "Regions that move as one rigid body with the head (e.g. 'head, vertebra_c0'); empty: "
                    "no head coupling. Needed for Head control = angle or moment and for the head weight.");
  prm.declare_entry("Axis", "dens_axis_base -> dens_axis_tip", dealii::Patterns::Anything(),
                    "Head axis for prescribed angles and moments: 'x, y, z' or '<landmark> -> <landmark>'. "
                    "Default: the dens axis of the generated model (axial rotation at C1-C2).");
  prm.declare_entry("Centre", "dens_axis_base", dealii::Patterns::Anything(),
                    "[mm] A point of the head axis: 'x, y, z' or a landmark.");
  prm.declare_entry("Mass", "4.71", dealii::Patterns::Double(0, 50),
                    "[kg] Head mass for its weight. Default: the middle of 3.656-5.757 kg, Beier et al. 1979 "
                    "(ONR report; 21 cadavers).");
  prm.declare_entry("Centre of gravity", "head_centre", dealii::Patterns::Anything(),
                    "[mm] Where the weight acts: 'x, y, z' or a landmark. Beier et al. 1979 place the CG in "
                    "the mid-sagittal plane 22-43 mm above the Frankfort plane; the model has no Frankfort "
                    "landmark, so the default is the model's head centre.");
  prm.declare_entry("Gravity direction", "0, 0, -1", dealii::Patterns::Anything(),
                    "Direction of gravity in model coordinates (9.81 m/s^2).");
  prm.declare_entry("Drive stiffness", "1e9", dealii::Patterns::Double(1),
                    "[N mm/rad] Under rotation and moment control, the head's rotation follows its target through a "
                    "torsional spring of this stiffness; its moment is the one reported. Default: the rotation "
                    "lags by 1e-6 rad per N m, far below what is measured.");
  prm.declare_entry("Moment tolerance", "1", dealii::Patterns::Double(1e-6),
                    "[N mm] Under moment control the head is turned by the drive, to the angle at which it passes "
                    "the prescribed moment into the spine within this tolerance (near neutral the upper cervical "
                    "joints turn degrees per N mm, where a load-controlled solve has no stiffness to work with).");
  prm.declare_entry("Largest rotation per solve", "1", dealii::Patterns::Double(1e-3, 45),
                    "[deg] Under moment control, the largest change of the drive angle from one equilibrium solve "
                    "to the next while the moment is searched; a failed solve halves it.");
  prm.leave_subsection();

  ThrustSettings::declare_list(prm);
  for (const std::string &name : thrust_names)
    ThrustSettings::declare_parameters(prm, name);

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

  prm.enter_subsection("Contact");
  prm.declare_entry("Enabled", "true", dealii::Patterns::Bool(),
                    "Frictionless penalty contact between the named joint surfaces of the mesh "
                    "(contact_<joint>_lower/_upper, _dens/_atlas, _dens/_ligament). Needs Element degree 1.");
  prm.declare_entry("Penalty", "100", dealii::Patterns::Double(1e-6),
                    "[MPa/mm] Contact pressure per mm of penetration. Default: about ten times the "
                    "stiffness per area of two 0.5 mm cartilage layers of 10.4 MPa.");
  prm.declare_entry("Penetration tolerance", "0.05", dealii::Patterns::Double(0),
                    "[mm] Largest penetration accepted; larger ones are reported on screen.");
  prm.leave_subsection();

  prm.enter_subsection("Report");
  prm.declare_entry("Regions", "capsule_*, ligament_*", dealii::Patterns::Anything(),
                    "Regions whose strain is reported (glob patterns).");
  prm.declare_entry("Thresholds", "0.10, 0.35, 0.80", dealii::Patterns::List(dealii::Patterns::Double(0)),
                    "[-] Maximum principal Green-Lagrange strain thresholds. Defaults: afferent onset about "
                    "10 % (Lu et al. 2005 J Orthop Res 23:779-787, goat C5-C6 capsule: 0.107 / 0.100), "
                    "afferent saturation about 35 % (same: 0.388 / 0.341), capsule yield 80 % (Quinn & "
                    "Winkelstein 2007 J Biomech 40:2299-2306).");
  prm.leave_subsection();
  prm.leave_subsection();

  Protocol::declare_parameters(prm, phase_names, thrust_names);
}

void LoadCase::parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                                const std::string &mesh_file)
{
  Landmarks landmarks;
  if (!mesh_file.empty() && std::filesystem::exists(companion_file(mesh_file, ".landmarks")))
    landmarks = read_landmarks(companion_file(mesh_file, ".landmarks"));

  prm.enter_subsection("Load case");
  prm.enter_subsection("Head");
  const std::string coupled = prm.get("Coupled regions");
  if (!trim(coupled).empty())
  {
    HeadSettings settings;
    for (const std::string &name : split_string_list(coupled))
      settings.regions.insert(region_id(name, names, file, "Load case/Head/Coupled regions"));
    settings.axis = parse_direction(prm.get("Axis"), landmarks, file, "Load case/Head/Axis");
    settings.centre = parse_point(prm.get("Centre"), landmarks, file, "Load case/Head/Centre");
    settings.mass = prm.get_double("Mass");
    settings.drive_stiffness = prm.get_double("Drive stiffness");
    settings.moment_tolerance = prm.get_double("Moment tolerance");
    settings.largest_rotation_per_solve = prm.get_double("Largest rotation per solve");
    settings.centre_of_gravity =
        parse_point(prm.get("Centre of gravity"), landmarks, file, "Load case/Head/Centre of gravity");
    settings.gravity_direction =
        parse_unit_vector(prm.get("Gravity direction"), file, "Load case/Head/Gravity direction");
    head = settings;
  }
  prm.leave_subsection();

  thrusts.clear();
  std::vector<std::string> thrust_names = split_string_list(prm.get("More thrusts"));
  thrust_names.insert(thrust_names.begin(), "");
  for (const std::string &name : thrust_names)
  {
    // The name makes an entry name ("Thrust <name> force") and a column name.
    if (std::count(thrust_names.begin(), thrust_names.end(), name) > 1 ||
        name.find_first_of(" ()") != std::string::npos)
      throw InputError(file, "Load case/More thrusts", prm.get("More thrusts"),
                       "distinct names without spaces or brackets");
    thrusts.emplace_back().parse_parameters(prm, name, file, names, landmarks);
  }

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
  ligaments.damage.reset();
  if (prm.get_bool("Damage"))
    ligaments.damage = FibreDamageLaw{prm.get_double("Damage onset"), prm.get_double("Permanent set"),
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
      ligaments.geometry = read_ligaments(ligament_file);
    if (!capsule_file.empty())
      for (LigamentGeometry &fibre : read_capsules(capsule_file))
        ligaments.geometry.push_back(fibre);
    for (const LigamentGeometry &ligament : ligaments.geometry)
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
      ligaments.curves.push_back(curve);
      ligaments.curve_sources[ligament.type] = sources[ligament.type];
      ligaments.slack.push_back(slacks[ligament.type]);
      ligaments.relaxation.push_back(relaxations[ligament.type]);
      ligaments.rate_effect.push_back(rate_effects[ligament.type]);
      if (rate_effects[ligament.type].active())
        ligaments.rate_effect_sources[ligament.type] = rate_sources[ligament.type];
      ligaments.bones.emplace_back(region_id(ligament.a.bone, names, source, ligament.name + "/bone_a"),
                                   region_id(ligament.b.bone, names, source, ligament.name + "/bone_b"));
    }
  }

  prm.enter_subsection("Contact");
  const bool contact_on = prm.get_bool("Enabled");
  contact.penalty = prm.get_double("Penalty");
  contact.penetration_tolerance = prm.get_double("Penetration tolerance");
  prm.leave_subsection();
  if (contact_on)
  {
    const std::regex first("contact_(.+)_(lower|dens)");
    for (const auto &[id, name] : names.boundaries)
    {
      std::smatch match;
      if (!std::regex_match(name, match, first))
        continue;
      const std::string joint = match[1];
      const std::vector<std::string> partners =
          match[2] == "lower" ? std::vector<std::string>{"upper"} : std::vector<std::string>{"atlas", "ligament"};
      for (const auto &[other_id, other] : names.boundaries)
        for (const std::string &partner : partners)
          if (other == "contact_" + joint + "_" + partner)
          {
            contact.pairs.emplace_back(id, other_id);
            contact.pair_names.push_back(joint + (partners.size() > 1 ? "_" + partner : ""));
          }
    }
  }

  prm.enter_subsection("Report");
  report.regions = matching_regions(prm.get("Regions"), names);
  report.thresholds = dealii::Utilities::string_to_double(split_string_list(prm.get("Thresholds")));
  prm.leave_subsection();
  prm.leave_subsection();

  protocol.parse_parameters(prm, file, thrusts);
  if (!protocol.empty())
  {
    bool needs_head = false;
    for (const auto &[t, v] : protocol.head_weight.points())
      needs_head |= v != 0;
    for (const PhaseSpan &span : protocol.spans)
      needs_head |= protocol.head_control(span.end) != HeadControl::free;
    if (needs_head && !head)
      throw InputError(file, "Load case/Head/Coupled regions", "",
                       "the protocol controls or weighs the head: name the regions that move with it");
    for (std::size_t i = 0; i < thrusts.size(); ++i)
    {
      bool pushes = false;
      for (const auto &[t, v] : protocol.thrust_forces[i].points())
        pushes |= v != 0;
      if (pushes && !thrusts[i].boundary_id)
        throw InputError(file, "Load case/" + ThrustSettings::section(thrusts[i].name) + "/Patch", "",
                         "the protocol applies this thrust ('" +
                             ThrustSettings::phase_entry(thrusts[i].name, thrusts[i].load) + "'): name its surface");
    }
  }
}
} // namespace cspine
