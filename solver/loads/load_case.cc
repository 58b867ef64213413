#include "loads/load_case.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <filesystem>
#include <regex>

namespace cspine
{
namespace
{
using dealii::Utilities::split_string_list;
using dealii::Utilities::trim;

// Default force-deflection tables. Subaxial: Yoganandan et al. 2001 (Clin Biomech 16:1-27) as tabulated
// for the C3-C5 level in Computational Biomechanics of the Musculoskeletal System (CRC), ch. 16,
// Table 16.1 [M] (published-data.md 2c; column assignment reconstructed there); used at every
// subaxial level. Upper cervical: no force-deflection data were reachable; the tables are the peak of
// the VIVA+ fabric stress-strain curve (published-data.md 5b, abscissa read as strain) times the
// VIVA+ thickness times an assumed 10 mm width (4 mm for the apical ligament) [A], with an assumed
// toe: a ninth of the peak force at a third of the peak strain [A].
struct DefaultCurve
{
  const char *type;
  const char *table;
};
const DefaultCurve default_curves[] = {
    {"all", "elongation: 0:0, 1:28, 2:52, 3:72, 4:89, 5:102, 6:115"},
    {"pll", "elongation: 0:0, 1:25, 2:44, 3:62, 4:78, 5:89"},
    {"isl", "elongation: 0:0, 1:7, 2:12.5, 3:18, 4:22.5, 5:26, 6:30, 7:32.5"},
    {"lf", "elongation: 0:0, 2:38, 4:60, 6:80, 8:108"},
    // 33.0 MPa @ 0.219 x 2.5 mm x 10 mm
    {"tectorial_membrane", "strain: 0:0, 0.073:91.7, 0.219:825"},
    // 8.1 MPa @ 0.369 x 3.0 mm x 4 mm
    {"apical", "strain: 0:0, 0.123:10.8, 0.369:97.2"},
    // 19.9 MPa @ 1.16 x 0.9 mm x 10 mm
    {"aaom", "strain: 0:0, 0.387:19.9, 1.16:179.1"},
    // 4.4 MPa @ 0.59 x 0.9 mm x 10 mm
    {"paom", "strain: 0:0, 0.197:4.4, 0.59:39.6"},
    // 26.7 MPa @ 1.04 x 0.9 mm x 10 mm
    {"aaam", "strain: 0:0, 0.347:26.7, 1.04:240.3"},
    // 0.9 MPa @ 1.14 x 0.9 mm x 10 mm
    {"paam", "strain: 0:0, 0.38:0.9, 1.14:8.1"},
};

/// Three comma-separated numbers, or nothing.
std::optional<Vector3> three_numbers(const std::string &text)
{
  const auto parts = split_string_list(text);
  if (parts.size() != dim)
    return std::nullopt;
  Vector3 v;
  try
  {
    for (unsigned int d = 0; d < dim; ++d)
      v[d] = dealii::Utilities::string_to_double(parts[d]);
  }
  catch (const std::exception &)
  {
    return std::nullopt;
  }
  return v;
}

Vector3 parse_vector(const std::string &text, const std::string &file, const std::string &entry)
{
  const auto v = three_numbers(text);
  if (!v)
    throw InputError(file, entry, text, "three numbers 'x, y, z'");
  if (v->norm() == 0)
    throw InputError(file, entry, text, "a non-zero vector");
  return *v / v->norm();
}

/// "x, y, z" [mm] or the name of a landmark of the mesh.
dealii::Point<dim> parse_point(const std::string &text, const std::map<std::string, dealii::Point<dim>> &landmarks,
                               const std::string &file, const std::string &entry)
{
  const auto found = landmarks.find(trim(text));
  if (found != landmarks.end())
    return found->second;
  const auto coordinates = three_numbers(text);
  if (!coordinates)
  {
    std::string names;
    for (const auto &[name, point] : landmarks)
      names += (names.empty() ? "" : ", ") + name;
    throw InputError(file, entry, text,
                     "'x, y, z' [mm] or a landmark of the mesh" +
                         (names.empty() ? std::string(" (it has none)") : ": " + names));
  }
  return dealii::Point<dim>(*coordinates);
}

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

LigamentCurve parse_curve(const std::string &text, const std::string &file, const std::string &entry)
{
  LigamentCurve curve;
  const auto colon = text.find(':');
  const std::string kind = trim(text.substr(0, colon));
  if (colon == std::string::npos || (kind != "elongation" && kind != "strain"))
    throw InputError(file, entry, text,
                     "'elongation: d1:F1, d2:F2, ...' [mm : N] or 'strain: e1:F1, ...' [- : N], starting at 0:0");
  curve.in_strain = kind == "strain";
  curve.table = TimeCurve::parse(text.substr(colon + 1), file, entry);
  const auto &points = curve.table.points();
  if (points.front() != std::make_pair(0.0, 0.0) || points.size() < 2)
    throw InputError(file, entry, text, "the table starts at 0:0 and has at least two points");
  for (std::size_t i = 1; i < points.size(); ++i)
    if (points[i].second < points[i - 1].second)
      throw InputError(file, entry, text, "forces that do not decrease (a tension-only curve)");
  return curve;
}

std::string ligament_type(const std::string &name)
{
  return std::regex_replace(name, std::regex("(_c[0-7])?_(c[0-7]|t1)$"), "");
}
} // namespace

void LoadCase::declare_parameters(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names)
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
  prm.leave_subsection();

  prm.enter_subsection("Thrust");
  prm.declare_entry("Patch", "", dealii::Patterns::Anything(),
                    "Named surface the thrust force acts on, spread evenly over its area (e.g. "
                    "thrust_c1_posterior_arch, thrust_c2_spinous, thrust_c4_pillar_left).");
  prm.declare_entry("Direction", "0, 1, 0", dealii::Patterns::Anything(),
                    "Direction of the thrust force (fixed in space). Default: posterior to anterior.");
  prm.declare_entry("Preload", "0", dealii::Patterns::Double(0),
                    "[N] Force before and after the pulse. Cervical preloads were not located "
                    "(published-data.md 4); machine thoracic thrusts use 20 N (Chiropr Man Therap 2020, "
                    "doi:10.1186/s12998-020-00346-1).");
  prm.declare_entry("Peak force", "40.5", dealii::Patterns::Double(0),
                    "[N] Peak of the pulse. Default: cervical rotation technique, 40.5 N over 79.1 ms "
                    "(Kawchuk & Herzog 1993 JMPT 16(9):573-577); other cervical thrusts peak at "
                    "102-118 N over 47-102 ms (same; Kawchuk et al. 1992 JMPT 15(5):275-278).");
  prm.declare_entry("Time to peak", "0.03955", dealii::Patterns::Double(1e-9),
                    "[s] Rise from preload to peak. Default: half the 79.1 ms thrust duration of Kawchuk & "
                    "Herzog 1993 (symmetric pulse assumed).");
  prm.declare_entry("Release time", "0.03955", dealii::Patterns::Double(1e-9),
                    "[s] Fall from peak back to preload (the other half of 79.1 ms).");
  prm.leave_subsection();

  prm.enter_subsection("Ligaments");
  prm.declare_entry("Enabled", "true", dealii::Patterns::Bool(),
                    "Add the 1-D ligaments of the ligament file (gmsh meshes only).");
  prm.declare_entry("File", "", dealii::Patterns::Anything(),
                    "Ligament attachment file; empty: <mesh>.ligaments beside the mesh, if it exists.");
  for (const DefaultCurve &curve : default_curves)
    prm.declare_entry(std::string("Curve ") + curve.type, curve.table, dealii::Patterns::Anything(),
                      "Tension-only force curve 'elongation: d:F, ...' [mm : N] or 'strain: e:F, ...'. "
                      "The last point is the failure point. Sources: see the LoadCase source "
                      "(Yoganandan et al. 2001 via CRC ch. 16 [M] for all/pll/isl/lf; VIVA+ peaks with "
                      "assumed widths [A] for the upper-cervical ones).");
  prm.declare_entry("Prestrain", "", dealii::Patterns::Anything(),
                    "[-] Per type '<type>: <prestrain>; ...' (rest length = length / (1 + prestrain); "
                    "negative values are slack). Default 0 for every type.");
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

  Protocol::declare_parameters(prm, phase_names);
}

void LoadCase::parse_parameters(dealii::ParameterHandler &prm, const std::string &file, const MeshNames &names,
                                const std::string &mesh_file)
{
  std::map<std::string, dealii::Point<dim>> landmarks;
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
    const std::string axis = prm.get("Axis");
    const auto arrow = axis.find("->");
    if (arrow != std::string::npos)
    {
      const Vector3 along = parse_point(axis.substr(arrow + 2), landmarks, file, "Load case/Head/Axis") -
                            parse_point(axis.substr(0, arrow), landmarks, file, "Load case/Head/Axis");
      if (along.norm() == 0)
        throw InputError(file, "Load case/Head/Axis", axis, "two different points");
      settings.axis = along / along.norm();
    }
    else
      settings.axis = parse_vector(axis, file, "Load case/Head/Axis");
    settings.centre = parse_point(prm.get("Centre"), landmarks, file, "Load case/Head/Centre");
    settings.mass = prm.get_double("Mass");
    settings.centre_of_gravity =
        parse_point(prm.get("Centre of gravity"), landmarks, file, "Load case/Head/Centre of gravity");
    settings.gravity_direction = parse_vector(prm.get("Gravity direction"), file, "Load case/Head/Gravity direction");
    head = settings;
  }
  prm.leave_subsection();

  prm.enter_subsection("Thrust");
  thrust.patch = trim(prm.get("Patch"));
  if (!thrust.patch.empty())
  {
    std::string list;
    for (const auto &[id, name] : names.boundaries)
    {
      if (name == thrust.patch)
        thrust.boundary_id = id;
      list += (list.empty() ? "" : ", ") + name;
    }
    if (!thrust.boundary_id)
      throw InputError(file, "Load case/Thrust/Patch", thrust.patch, "a named surface of the mesh: " + list);
  }
  thrust.direction = parse_vector(prm.get("Direction"), file, "Load case/Thrust/Direction");
  thrust.pulse = {prm.get_double("Preload"), prm.get_double("Peak force"), prm.get_double("Time to peak"),
                  prm.get_double("Release time")};
  prm.leave_subsection();

  prm.enter_subsection("Ligaments");
  std::string ligament_file = trim(prm.get("File"));
  const bool ligaments_on = prm.get_bool("Enabled");
  if (ligament_file.empty() && !mesh_file.empty() && std::filesystem::exists(companion_file(mesh_file, ".ligaments")))
    ligament_file = companion_file(mesh_file, ".ligaments");
  else if (!ligament_file.empty() && std::filesystem::path(ligament_file).is_relative())
    ligament_file = (std::filesystem::absolute(file).parent_path() / ligament_file).string();
  std::map<std::string, LigamentCurve> curves;
  for (const DefaultCurve &curve : default_curves)
    curves[curve.type] = parse_curve(prm.get(std::string("Curve ") + curve.type), file,
                                     std::string("Load case/Ligaments/Curve ") + curve.type);
  std::map<std::string, double> prestrains;
  for (const std::string &item : split_string_list(prm.get("Prestrain"), ';'))
  {
    const auto colon = item.find(':');
    const std::string type = colon == std::string::npos ? "" : trim(item.substr(0, colon));
    try
    {
      if (curves.count(type) == 0)
        throw std::invalid_argument("");
      prestrains[type] = dealii::Utilities::string_to_double(trim(item.substr(colon + 1)));
    }
    catch (const std::exception &)
    {
      throw InputError(file, "Load case/Ligaments/Prestrain", item,
                       "'<type>: <number>' with a type that has a Curve entry (all, pll, lf, isl, apical, ...)");
    }
  }
  prm.leave_subsection();
  if (ligaments_on && !ligament_file.empty())
  {
    ligaments.geometry = read_ligaments(ligament_file);
    for (const LigamentGeometry &ligament : ligaments.geometry)
    {
      const std::string type = ligament_type(ligament.name);
      if (curves.count(type) == 0)
        throw InputError(ligament_file + ": ligament '" + ligament.name + "' has type '" + type +
                         "', which has no Load case/Ligaments/Curve entry");
      ligaments.curves.push_back(curves[type]);
      ligaments.prestrain.push_back(prestrains.count(type) ? prestrains[type] : 0.0);
      ligaments.bones.emplace_back(region_id(ligament.a.bone, names, ligament_file, ligament.name + "/bone_a"),
                                   region_id(ligament.b.bone, names, ligament_file, ligament.name + "/bone_b"));
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

  protocol.parse_parameters(prm, file, thrust.pulse);
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
    bool thrusts = false;
    for (const auto &[t, v] : protocol.thrust_force.points())
      thrusts |= v != 0;
    if (thrusts && !thrust.boundary_id)
      throw InputError(file, "Load case/Thrust/Patch", "", "the protocol applies a thrust force: name its surface");
  }
}
} // namespace cspine
