#include "mechanics/config.h"

#include "core/input_error.h"
#include "materials/registry.h"
#include "materials/viscoelastic.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace cspine
{
namespace
{
const std::string units_header = "# cspine parameters. Units: length mm, force N, stress MPa, time s.\n";

void declare_global(dealii::ParameterHandler &prm, const std::vector<std::string> &phase_names = {},
                    const std::vector<std::string> &thrust_names = {""})
{
  LoadCase::declare_parameters(prm, phase_names, thrust_names);
  MeshSettings::declare_parameters(prm);
  BoundaryConditions::declare_parameters(prm);
  TimeSettings::declare_parameters(prm);
  NewtonSettings::declare_parameters(prm);
  LinearSolverSettings::declare_parameters(prm);
  OutputSettings::declare_parameters(prm);
}

void declare_material_choice(dealii::ParameterHandler &prm)
{
  // The default only satisfies the pattern: the entry must be set in every region.
  prm.declare_entry("Material", material_registry().names().front(),
                    dealii::Patterns::Selection(material_registry().names_pattern()),
                    "Constitutive model of this region (must be set).", true);
}

void declare_volumetric(dealii::ParameterHandler &prm)
{
  prm.declare_entry("Volumetric", "element", dealii::Patterns::Selection("element|nodal"),
                    "Where the volumetric energy kappa/4 (J^2 - 1 - 2 ln J) of an uncoupled material is "
                    "evaluated: in each cell, or averaged at the nodes (linear tetrahedra only: the average "
                    "nodal pressure tetrahedron of Bonet & Burton 1998, which does not lock when the material "
                    "is nearly incompressible, e.g. the nucleus).");
  prm.declare_entry("Density", "1.0e-9", dealii::Patterns::Double(0, 1e-7),
                    "[tonne/mm^3] Mass density, used in dynamic phases (Time/Analysis, a phase's Analysis). "
                    "Default: soft tissue, 1000 kg/m^3 (VIVA+ neck model material cards, RO = 1e-6 kg/mm^3); "
                    "VIVA+ gives cortical bone 2000 kg/m^3 = 2.0e-9 (Reilly et al. 1974). 0: massless.");
  prm.declare_entry("Source", "", dealii::Patterns::Anything(),
                    "Where this region's material constants and density come from (a citation, free text); "
                    "copied into provenance.txt. The generated models set it (meshes/generator/model_files.cc). "
                    "Empty: provenance.txt says the constants were set in the config without a source.");
  prm.declare_entry("Rigid", "false", dealii::Patterns::Bool(),
                    "true: the region moves as one rigid body with six DoFs (a vertebra: bone is 10^2-10^3 times "
                    "stiffer than the soft tissue around it). Newton solves for the six DoFs instead of its nodes'; "
                    "the soft tissue, ligaments and contact attached to it load it through its nodes. Its material "
                    "still gives its mass in dynamic phases. Not for a region with prescribed displacements, nor for "
                    "one of Load case/Head/Coupled regions (use Load case/Head/Rigid body). false: meshed, deformable "
                    "bone (for verification).");
  prm.declare_entry(
      "Exact rotation in first update", "false", dealii::Patterns::Bool(),
      "true (for meshed bone): the first Newton update of each load step turns the region by the exact "
      "rotation of its least-squares rigid motion in that update instead of the update's linearised "
      "one; the rest of the update stays as solved. Linearised, a stiff region turned by theta is "
      "stretched by about theta^2 / 2, which the next update must undo. The converged state is the "
      "same within Newton's tolerance. Default rotary thrust with C1-C7 marked: |R| after the first update 9-10 N "
      "against 850-990 N, 107 Newton updates against 118 and 11-13 % less time on 1 rank (on 2 ranks within this "
      "machine's noise; README, Benchmarks). configs/common/exact_bone_rotation.prm sets it for C1-C7 "
      "in the rotary thrust and the 30 deg axial rotation. It helps a step that starts from the last state "
      "(Newton/Predictor = none, as in the spine model), not an extrapolated start. Ignored for a Rigid "
      "region (which turns exactly anyway), for a coupled region of the head and for nodes with "
      "prescribed displacements.");
}

std::string region_list(const MeshNames &names)
{
  std::string list;
  for (const auto &[id, name] : names.regions)
    list += (list.empty() ? "" : ", ") + name;
  return list;
}

// deal.II's messages carry the file and line but not what is allowed; add the names the mesh and the
// registry allow, and strip deal.II's stack-trace decoration.
[[noreturn]] void rethrow_parse_error(const std::exception &error, const std::string &file, const MeshNames *names)
{
  std::string message = error.what();
  const auto start = message.find("Additional information:");
  if (start != std::string::npos)
    message = message.substr(start + 23);
  const auto end = message.find("Stacktrace:");
  if (end != std::string::npos)
    message = message.substr(0, end);
  message = std::regex_replace(message, std::regex("\\s+"), " ");
  std::string hint = " Valid materials: " + material_registry().names_pattern() + ".";
  if (names)
    hint = " Regions of the mesh (subsections of 'Regions'): " + region_list(*names) + "." + hint;
  throw InputError(file + ": " + dealii::Utilities::trim(message) + hint +
                   " Run 'cspine --print-parameters' for every entry.");
}

// Calls visit(entry, value, line) for each `set` line of a parameter file's text; entry is
// "Section/.../Name". Comments are stripped; deal.II's own parser reads the values.
void for_each_setting(const std::string &text,
                      const std::function<void(const std::string &, const std::string &, unsigned int)> &visit)
{
  static const std::regex set_line(R"(^\s*set\s+(.*\S)\s*=\s*(.*\S)?\s*$)");
  static const std::regex subsection_line(R"(^\s*subsection\s+(.*\S)\s*$)");
  std::vector<std::string> sections;
  std::istringstream lines(text);
  std::string line;
  unsigned int number = 0;
  while (std::getline(lines, line))
  {
    ++number;
    line = line.substr(0, line.find('#'));
    std::smatch match;
    if (std::regex_match(line, match, subsection_line))
      sections.push_back(match[1]);
    else if (dealii::Utilities::trim(line) == "end" && !sections.empty())
      sections.pop_back();
    else if (std::regex_match(line, match, set_line))
    {
      std::string entry;
      for (const std::string &section : sections)
        entry += section + "/";
      visit(entry + match[1].str(), match[2].str(), number);
    }
  }
}

// deal.II keeps the last of two settings of one entry without a word. Within one file that is a mistake;
// a file that sets what a file it includes sets (an override) is the intended way to vary a case.
void reject_entries_set_twice(const std::string &text, const std::string &file)
{
  std::map<std::string, unsigned int> first_line;
  for_each_setting(text,
                   [&](const std::string &entry, const std::string &value, const unsigned int number)
                   {
                     const auto [earlier, first] = first_line.emplace(entry, number);
                     if (!first)
                       throw InputError(file, entry, value,
                                        "this entry is already set on line " + std::to_string(earlier->second) +
                                            " of the file (here line " + std::to_string(number) +
                                            "); set it once (a file may override what it includes)");
                   });
}

// deal.II follows `include FILE` (relative to the working directory) without limit: a file that includes
// itself, directly or through others, would recurse until the stack overflows. Each file is also checked
// for entries set twice.
void check_config_files(const std::string &text, std::vector<std::string> &chain)
{
  reject_entries_set_twice(text, chain.back());
  static const std::regex include_line(R"(^\s*include\s+(.*\S)\s*$)");
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
  {
    line = line.substr(0, line.find('#'));
    std::smatch match;
    if (!std::regex_match(line, match, include_line))
      continue;
    const std::string included = std::filesystem::weakly_canonical(match[1].str()).string();
    if (std::find(chain.begin(), chain.end(), included) != chain.end())
    {
      std::string path;
      for (const std::string &link : chain)
        path += link + " -> ";
      throw InputError(chain.front() + ": the includes form a cycle (" + path + included +
                       "); a file may not include itself, directly or through others");
    }
    std::ifstream in(included);
    if (!in)
      continue; // deal.II reports the missing file, with its line
    std::stringstream content;
    content << in.rdbuf();
    chain.push_back(included);
    check_config_files(content.str(), chain);
    chain.pop_back();
  }
}

// deal.II's range checks let NaN through (every comparison with it is false), and a value may overflow
// to infinity (1e999); either would run and write NaN, or crash later. Checked on every entry's words.
void reject_non_finite(const dealii::ParameterHandler &prm, const std::string &file)
{
  std::ostringstream printed;
  prm.print_parameters(printed, dealii::ParameterHandler::ShortPRM);
  static const std::regex word(R"([^\s,;:=()*<>]+)"); // a path stays one word
  for_each_setting(printed.str(),
                   [&](const std::string &entry, const std::string &value, unsigned int)
                   {
                     for (auto w = std::sregex_iterator(value.begin(), value.end(), word); w != std::sregex_iterator();
                          ++w)
                     {
                       const std::string token = w->str();
                       char *end = nullptr;
                       const double number = std::strtod(token.c_str(), &end);
                       if (end == token.c_str() + token.size() && !std::isfinite(number))
                         throw InputError(file, entry, value, "finite numbers only ('" + token + "' is not)");
                     }
                   });
}

void parse(dealii::ParameterHandler &prm, const std::string &text, const std::string &file, const bool strict,
           const MeshNames *names)
{
  std::istringstream in(text);
  try
  {
    prm.parse_input(in, file, "", /*skip_undefined=*/!strict);
  }
  catch (const InputError &)
  {
    throw;
  }
  catch (const std::exception &error)
  {
    rethrow_parse_error(error, file, names);
  }
  if (!strict)
    return;
  // Entries declared with has_to_be_set that the file does not set; the key is "path.entry".
  const std::set<std::string> not_set = prm.get_entries_wrongly_not_set();
  if (!not_set.empty())
  {
    // Keys are mangled: "_xx" is the character with hex code xx, "." separates subsections.
    const std::string mangled = *not_set.begin();
    std::string entry;
    for (unsigned int i = 0; i < mangled.size(); ++i)
      if (mangled[i] == '_' && i + 2 < mangled.size())
      {
        entry += static_cast<char>(std::stoi(mangled.substr(i + 1, 2), nullptr, 16));
        i += 2;
      }
      else
        entry += mangled[i] == '.' ? '/' : mangled[i];
    throw InputError(file, entry, "", "this entry has no default and must be set");
  }
}
} // namespace

Config read_config(const std::string &file)
{
  std::ifstream in(file);
  if (!in)
    throw InputError(file + ": cannot open the config file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file);
}

Config parse_config(const std::string &text, const std::string &file)
{
  Config config;
  config.file = file;
  std::vector<std::string> chain = {std::filesystem::weakly_canonical(file).string()};
  check_config_files(text, chain);

  dealii::ParameterHandler pass1;
  declare_global(pass1);
  parse(pass1, text, file, false, nullptr);
  config.mesh.parse_parameters(pass1, file);
  config.mesh_names = describe_mesh(config.mesh);
  const std::vector<std::string> phase_names = Protocol::phase_names(pass1);
  const std::vector<std::string> thrust_names = ThrustSettings::names(pass1);

  dealii::ParameterHandler pass2;
  declare_global(pass2, phase_names, thrust_names);
  pass2.enter_subsection("Regions");
  for (const auto &[id, name] : config.mesh_names.regions)
  {
    pass2.enter_subsection(name);
    declare_material_choice(pass2);
    pass2.leave_subsection();
  }
  pass2.leave_subsection();
  parse(pass2, text, file, false, &config.mesh_names);

  dealii::ParameterHandler prm;
  declare_global(prm, phase_names, thrust_names);
  prm.enter_subsection("Regions");
  for (const auto &[id, name] : config.mesh_names.regions)
  {
    pass2.enter_subsection("Regions");
    pass2.enter_subsection(name);
    const std::string material_name = pass2.get("Material");
    pass2.leave_subsection();
    pass2.leave_subsection();
    prm.enter_subsection(name);
    declare_material_choice(prm);
    declare_volumetric(prm);
    prm.enter_subsection(material_name);
    material_registry().get(material_name).declare_parameters(prm);
    prm.leave_subsection();
    FibreRule::declare_parameters(prm);
    Viscoelastic::declare_parameters(prm);
    prm.leave_subsection();
    config.regions[id].name = name;
    config.regions[id].material_name = material_name;
  }
  prm.leave_subsection();
  parse(prm, text, file, true, &config.mesh_names);
  reject_non_finite(prm, file);

  config.mesh.parse_parameters(prm, file);
  config.boundary_conditions.parse_parameters(prm, file, config.mesh_names);
  config.load_case.parse_parameters(prm, file, config.mesh_names,
                                    config.mesh.source == MeshSettings::Source::gmsh ? config.mesh.file : "");
  config.time.parse_parameters(prm);
  if (config.time.dynamic && config.load_case.active())
    throw InputError(file, "Time/Analysis", "dynamic",
                     "quasi-static with a load-case protocol: each phase chooses with its own Analysis entry");
  config.newton.parse_parameters(prm);
  config.linear_solver.parse_parameters(prm);
  config.output.parse_parameters(prm, file);

  prm.enter_subsection("Regions");
  for (auto &[id, region] : config.regions)
  {
    prm.enter_subsection(region.name);
    prm.enter_subsection(region.material_name);
    try
    {
      region.material = material_registry().get(region.material_name).create(prm);
    }
    catch (const InputError &error)
    {
      throw InputError(file + ": Regions/" + region.name + "/" + region.material_name + "/" +
                       std::string(error.what()).substr(2));
    }
    prm.leave_subsection();
    const std::string section = "Regions/" + region.name;
    const std::vector<PronyTerm> prony_series = Viscoelastic::parse_series(prm, file, section);
    if (!prony_series.empty())
      region.material = std::make_shared<Viscoelastic>(region.material, prony_series);
    region.nodal_volumetric = prm.get("Volumetric") == "nodal";
    region.density = prm.get_double("Density");
    region.source = prm.get("Source");
    region.rigid = prm.get_bool("Rigid");
    region.exact_first_rotation = prm.get_bool("Exact rotation in first update");
    if (region.rigid && config.load_case.head && config.load_case.head->regions.count(id) > 0)
      throw InputError(file, section + "/Rigid", "true",
                       "false for a coupled region of the head (Load case/Head/Coupled regions): make the head "
                       "rigid with Load case/Head/Rigid body = true");
    if (region.nodal_volumetric && region.material->bulk_modulus() == 0)
      throw InputError(file, section + "/Volumetric", "nodal",
                       "element for " + region.material_name +
                           " (nodal averaging needs a material with a separate volumetric energy: "
                           "neo_hookean_uncoupled, mooney_rivlin, fibre_exponential or fibre_table)");
    if (region.nodal_volumetric && (config.mesh.element_degree != 1 ||
                                    !(config.mesh.tetrahedra || config.mesh.source == MeshSettings::Source::gmsh)))
      throw InputError(file, section + "/Volumetric", "nodal",
                       "element, or linear tetrahedra (Mesh/Element degree = 1)");
    region.fibres.parse_parameters(prm, file, section);
    if (region.material->uses_fibres() && region.fibres.kind() == FibreRule::Kind::none)
      throw InputError(file, section + "/Fibres/Rule", "none",
                       "material " + region.material_name + " needs fibres: constant, circumferential or helical");
    prm.leave_subsection();
  }
  prm.leave_subsection();

  std::ostringstream used;
  used << units_header;
  prm.print_parameters(used, dealii::ParameterHandler::ShortPRM);
  config.used_parameters = used.str();
  return config;
}

void print_parameters(std::ostream &out)
{
  dealii::ParameterHandler prm;
  declare_global(prm, {"<phase name>"}, {"", "<name>"});
  prm.enter_subsection("Regions");
  prm.enter_subsection("<region name>");
  declare_material_choice(prm);
  declare_volumetric(prm);
  for (const std::string &name : material_registry().names())
  {
    prm.enter_subsection(name);
    material_registry().get(name).declare_parameters(prm);
    prm.leave_subsection();
  }
  FibreRule::declare_parameters(prm);
  Viscoelastic::declare_parameters(prm);
  prm.leave_subsection();
  prm.leave_subsection();
  out << units_header
      << "# Each region of the mesh has a subsection Regions/<region name> that sets Material and the\n"
         "# subsection of that material only. Generated meshes have one region, 'solid'.\n";
  prm.print_parameters(out, dealii::ParameterHandler::PRM);
}
} // namespace cspine
