#include "output/load_case_report.h"

#include "core/format.h"
#include "core/input_error.h"
#include "io/file_output.h"
#include "io/vtk_files.h"

#include <deal.II/base/mpi.h>

#include <array>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace cspine
{
namespace
{
/// The header columns ",fraction_above_<t> [-]" of the strain thresholds, shared by regions.csv and capsules.csv.
std::string threshold_columns(const std::vector<double> &thresholds)
{
  std::ostringstream columns;
  for (const double threshold : thresholds)
    columns << ",fraction_above_" << threshold << " [-]";
  return columns.str();
}

constexpr double degree = M_PI / 180;
const char *units =
    "# Units: length mm, force N, stress MPa, time s, angles deg; strains and stretches dimensionless.\n";

std::string region_name(const Config &config, const unsigned int id)
{
  return config.regions.at(id).name;
}

std::string threshold_label(const double threshold)
{
  std::ostringstream label;
  label << threshold * 100 << "%";
  return label.str();
}
} // namespace

LoadCaseReport::LoadCaseReport(const Config &input, const dealii::DoFHandler<dim> &dofs, const Discretization &disc,
                               const HeadCoupling *head_coupling, const LigamentSprings *springs,
                               const PenaltyContact *joint_contact)
    : config(input), dof_handler(dofs), discretization(disc), head(head_coupling), ligaments(springs),
      contact(joint_contact), root(dealii::Utilities::MPI::this_mpi_process(dofs.get_communicator()) == 0)
{
  axis[2] = 1;
  if (head)
    axis = head->settings().axis;
  for (const char *level : {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "t1"})
    for (const auto &[id, region] : config.regions)
      if (region.name == std::string("vertebra_") + level)
      {
        const unsigned int region_id = id;
        bodies.emplace_back(level,
                            owned_region_nodes(dofs, *disc.mapping, [&](unsigned int r) { return r == region_id; }));
      }
  if (ligaments)
    capsules.emplace(*ligaments);
  if (capsules)
    for (const std::string &name : capsules->names())
    {
      peak_order.push_back(name);
      thresholded.insert(name);
    }
  for (const unsigned int id : config.load_case.report.regions)
  {
    peak_order.push_back(region_name(config, id));
    thresholded.insert(region_name(config, id));
  }
  if (ligaments)
    for (std::size_t i = 0; i < ligaments->size(); ++i)
      if (!capsules->in_bundle(i))
        peak_order.push_back(ligaments->name(i));
}

std::string LoadCaseReport::phase_label(const double time) const
{
  if (config.load_case.protocol.empty())
    return "";
  const PhaseSpan &span = config.load_case.protocol.span(time);
  return span.name + (span.repetition > 1 ? "#" + std::to_string(span.repetition) : "");
}

void LoadCaseReport::open(const std::string &folder, const bool resuming)
{
  directory = folder;
  if (!root || resuming)
    return;
  regions_file.open(directory + "/regions.csv");
  regions_file << units
               << "# Maximum principal Green-Lagrange strain per region of interest and step; fraction_above_X: "
                  "volume fraction above strain X.\n"
               << "step,time [s],phase,region,volume [mm^3],peak_strain [-],p95_strain [-],mean_fibre_stretch [-],"
                  "peak_fibre_stretch [-]";
  regions_file << threshold_columns(config.load_case.report.thresholds) << "\n";
  capsules_file.open(directory + "/capsules.csv");
  capsules_file << units
                << "# Capsules as bundles of tension-only fibres: the fibres' engineering strain from their in-situ "
                   "length (largest, 95th percentile over the fibres, mean), the fraction of fibres above each "
                   "threshold, the summed tension.\n"
                << "step,time [s],phase,capsule,fibres,largest_strain [-],p95_strain [-],mean_strain [-]";
  capsules_file << threshold_columns(config.load_case.report.thresholds)
                << ",force [N],past_failure [0/1],largest_laxity [mm],mean_laxity [mm],ruptured_fibres\n";
  fibres_file.open(directory + "/capsule_fibres.csv");
  fibres_file << units
              << "# Every capsule fibre: tension, length change and engineering strain from its in-situ length; "
                 "sub-failure damage: permanent set (laxity), stiffness loss, rupture; strain rate over the step "
                 "and the factor its rate effect scales the tension by.\n"
              << "step,time [s],phase,fibre,force [N],elongation [mm],strain [-],past_failure [0/1],laxity [mm],"
                 "stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]\n";
  ligaments_file.open(directory + "/ligaments.csv");
  ligaments_file << units
                 << "# 1-D ligaments: tension-only force, elongation and engineering strain from the in-situ length; "
                    "sub-failure damage: permanent set (laxity), stiffness loss, rupture; strain rate over the step "
                    "and the factor its rate effect scales the tension by.\n"
                 << "step,time [s],phase,ligament,force [N],elongation [mm],strain [-],past_failure [0/1],laxity [mm],"
                    "stiffness_loss [-],ruptured [0/1],strain_rate [1/s],rate_factor [-]\n";
  kinematics_file.open(directory + "/kinematics.csv");
  kinematics_file << units
                  << "# Rotation of the upper body of each level pair relative to the lower one, from rigid fits of "
                     "their nodes: rotation-vector components in the lower body's reference frame about x "
                     "(left; + = extension), y (anterior; + = lateral bending to the left), z (up; + = axial "
                     "rotation to the right), and about the head axis.\n"
                  << "step,time [s],phase,pair,about_x [deg],about_y [deg],about_z [deg],about_head_axis [deg]\n";
  contact_file.open(directory + "/contact.csv");
  contact_file << units << "# Frictionless penalty contact: normal force per joint and the largest penetration.\n"
               << "step,time [s],phase,joint,normal_force [N],largest_penetration [mm]\n";
  check_files();
}

namespace
{
// The appended .csv files, in the order of LoadCaseReport::csv_files().
const std::array<const char *, 6> csv_names = {
    {"regions.csv", "capsules.csv", "capsule_fibres.csv", "ligaments.csv", "kinematics.csv", "contact.csv"}};
} // namespace

std::vector<std::pair<std::ofstream *, std::string>> LoadCaseReport::csv_files()
{
  const std::array<std::ofstream *, 6> streams = {
      {&regions_file, &capsules_file, &fibres_file, &ligaments_file, &kinematics_file, &contact_file}};
  std::vector<std::pair<std::ofstream *, std::string>> files;
  for (std::size_t f = 0; f < streams.size(); ++f)
    files.emplace_back(streams[f], csv_names[f]);
  return files;
}

void LoadCaseReport::check_files()
{
  if (!root)
    return;
  for (auto &[file, name] : csv_files())
  {
    file->flush();
    check_written(*file, directory + "/" + name);
  }
}

void LoadCaseReport::save(ArchiveWriter &archive) const
{
  archive.put(static_cast<std::uint64_t>(peaks.size()));
  for (const auto &[name, peak] : peaks)
  {
    archive.put(name);
    archive.put(std::vector<double>{peak.value, peak.time, peak.past_failure ? 1.0 : 0.0, peak.single_point,
                                    peak.laxity, peak.ruptured ? 1.0 : 0.0});
  }
  save_series(archive, capsule_series);
  save_series(archive, ligament_series);
  save_series(archive, contact_series);
  archive.put(penetration);
  std::vector<std::uint64_t> lengths;
  for (const char *name : csv_names)
    lengths.push_back(root ? file_size(directory + "/" + name) : 0);
  archive.put(lengths);
}

void LoadCaseReport::load(ArchiveReader &archive)
{
  peaks.clear();
  const std::uint64_t n_peaks = archive.get_uint();
  for (std::uint64_t i = 0; i < n_peaks; ++i)
  {
    const std::string name = archive.get_string();
    const std::vector<double> values = archive.get_doubles();
    if (values.size() != 6)
      throw InputError("a checkpoint's report peak of '" + name + "' is malformed");
    peaks[name] = StrainPeak{values[0], values[1], values[2] != 0, values[3], values[4], values[5] != 0};
  }
  capsule_series = load_series(archive);
  ligament_series = load_series(archive);
  contact_series = load_series(archive);
  penetration = archive.get_double();
  const std::vector<std::uint64_t> lengths = archive.get_uints();
  auto files = csv_files();
  if (lengths.size() != files.size())
    throw InputError("a checkpoint's report lists " + std::to_string(lengths.size()) + " files, this version " +
                     std::to_string(files.size()));
  const MPI_Comm comm = dof_handler.get_communicator();
  write_on_root(
      comm,
      [&]()
      {
        for (std::size_t f = 0; f < files.size(); ++f)
        {
          const std::string path = directory + "/" + files[f].second;
          files[f].first->close();
          truncate_file(path, lengths[f]);
          files[f].first->open(path, std::ios::app);
          check_written(*files[f].first, path);
        }
        const std::pair<const char *, const std::vector<std::pair<double, std::string>> *> series[] = {
            {"capsules.pvd", &capsule_series}, {"ligaments.pvd", &ligament_series}, {"contact.pvd", &contact_series}};
        for (const auto &[name, entries] : series)
          if (!entries->empty())
            write_pvd(directory + "/" + name, *entries);
      });
}

void LoadCaseReport::record(const double time, const unsigned int step, const Vector &u, const bool write_vtk)
{
  const std::string phase = phase_label(time);
  const auto strains = region_strains(dof_handler, discretization, config, u);
  if (root)
  {
    regions_file << std::setprecision(8);
    for (const RegionStrain &row : strains)
    {
      const std::string name = region_name(config, row.region);
      regions_file << step << "," << time << "," << phase << "," << name << "," << row.volume << "," << row.peak_strain
                   << "," << row.percentile_95 << "," << row.mean_fibre_stretch << "," << row.peak_fibre_stretch;
      for (const double fraction : row.fraction_above)
        regions_file << "," << fraction;
      regions_file << "\n";
      StrainPeak &peak = peaks[name];
      peak.offer(row.percentile_95, time);
      peak.single_point = std::max(peak.single_point, row.peak_strain);
    }
    regions_file.flush();
  }
  record_kinematics(time, step, u);
  if (ligaments)
    record_ligaments(time, step, u, write_vtk);
  if (contact)
    record_contact(time, step, u, write_vtk);
  write_on_root(dof_handler.get_communicator(), [&]() { check_files(); });
}

void LoadCaseReport::record_kinematics(const double time, const unsigned int step, const Vector &u)
{
  std::vector<RigidFit> fits;
  for (const auto &[label, nodes] : bodies)
    fits.push_back(fit_rigid_motion(nodes, u, dof_handler.get_communicator()));
  if (!root)
    return;
  kinematics_file << std::setprecision(8);
  for (std::size_t k = 0; k + 1 < fits.size(); ++k)
  {
    // Relative rotation of the upper body, in the lower body's reference frame.
    const Tensor2 relative = dealii::transpose(fits[k + 1].R) * fits[k].R;
    const Vector3 rotation = rotation_vector(relative) / degree;
    kinematics_file << step << "," << time << "," << phase_label(time) << "," << bodies[k].first << "_"
                    << bodies[k + 1].first << "," << rotation[0] << "," << rotation[1] << "," << rotation[2] << ","
                    << rotation * axis << "\n";
  }
  kinematics_file.flush();
}

void LoadCaseReport::record_ligaments(const double time, const unsigned int step, const Vector &u, const bool write_vtk)
{
  const auto states = ligaments->states(u, time);
  if (!root)
    return;
  record_capsules(time, step, states, write_vtk);
  ligaments_file << std::setprecision(8);
  std::vector<dealii::Point<dim>> points;
  std::vector<VtkCell> lines;
  ScalarField force{"force [N]", {}}, elongation{"elongation [mm]", {}}, strain{"strain [-]", {}},
      failed{"past_failure", {}}, laxity{"laxity [mm]", {}};
  for (std::size_t i = 0; i < states.size(); ++i)
  {
    if (capsules->in_bundle(i))
      continue;
    const LigamentState &state = states[i];
    ligaments_file << step << "," << time << "," << phase_label(time) << "," << ligaments->name(i) << "," << state.force
                   << "," << state.elongation << "," << state.strain << "," << state.past_failure << "," << state.laxity
                   << "," << state.stiffness_loss << "," << state.ruptured << "," << state.strain_rate << ","
                   << state.rate_factor << "\n";
    StrainPeak &peak = peaks[ligaments->name(i)];
    peak.offer(state.strain, time);
    peak.single_point = peak.value;
    peak.past_failure |= state.past_failure;
    peak.laxity = state.laxity;
    peak.ruptured = state.ruptured;
    const auto first = static_cast<unsigned int>(points.size());
    points.push_back(state.end_a);
    points.push_back(state.end_b);
    lines.push_back({VtkCell::line, {first, first + 1}});
    force.values.push_back(state.force);
    elongation.values.push_back(state.elongation);
    strain.values.push_back(state.strain);
    failed.values.push_back(state.past_failure);
    laxity.values.push_back(state.laxity);
  }
  ligaments_file.flush();
  if (write_vtk)
  {
    const std::string name = "ligaments_" + std::to_string(step) + ".vtu";
    write_vtu(directory + "/" + name, "cspine 1-D ligaments at t = " + format_number(time) + " s. Units: mm, N.",
              points, lines, {}, {force, elongation, strain, failed, laxity});
    ligament_series.emplace_back(time, name);
    write_pvd(directory + "/ligaments.pvd", ligament_series);
  }
}

void LoadCaseReport::record_capsules(const double time, const unsigned int step,
                                     const std::vector<LigamentState> &states, const bool write_vtk)
{
  if (capsules->empty())
    return;
  capsules_file << std::setprecision(8);
  fibres_file << std::setprecision(8);
  for (const BundleStrain &row : capsules->statistics(states, config.load_case.report.thresholds))
  {
    capsules_file << step << "," << time << "," << phase_label(time) << "," << row.name << "," << row.n_fibres << ","
                  << row.largest << "," << row.percentile_95 << "," << row.mean;
    for (const double fraction : row.fraction_above)
      capsules_file << "," << fraction;
    capsules_file << "," << row.force << "," << row.past_failure << "," << row.largest_laxity << "," << row.mean_laxity
                  << "," << row.ruptured << "\n";
    StrainPeak &peak = peaks[row.name];
    peak.offer(row.percentile_95, time);
    peak.single_point = std::max(peak.single_point, row.largest);
    peak.past_failure |= row.past_failure;
    peak.laxity = row.largest_laxity;
    peak.ruptured = row.ruptured > 0;
  }
  for (std::size_t i = 0; i < states.size(); ++i)
    if (capsules->in_bundle(i))
      fibres_file << step << "," << time << "," << phase_label(time) << "," << ligaments->name(i) << ","
                  << states[i].force << "," << states[i].elongation << "," << states[i].strain << ","
                  << states[i].past_failure << "," << states[i].laxity << "," << states[i].stiffness_loss << ","
                  << states[i].ruptured << "," << states[i].strain_rate << "," << states[i].rate_factor << "\n";
  capsules_file.flush();
  fibres_file.flush();
  if (write_vtk)
  {
    std::vector<dealii::Point<dim>> points;
    std::vector<VtkCell> cells;
    std::vector<ScalarField> point_data, cell_data;
    capsules->picture(states, points, cells, point_data, cell_data);
    const std::string name = "capsules_" + std::to_string(step) + ".vtu";
    write_vtu(directory + "/" + name,
              "cspine capsules at t = " + format_number(time) +
                  " s: fibres (lines) and the surface through them (quadrilaterals). Units: mm, N.",
              points, cells, point_data, cell_data);
    capsule_series.emplace_back(time, name);
    write_pvd(directory + "/capsules.pvd", capsule_series);
  }
}

void LoadCaseReport::record_contact(const double time, const unsigned int step, const Vector &u, const bool write_vtk)
{
  const auto states = contact->states(u);
  const std::size_t n_pairs = contact->pair_names().size();
  std::vector<double> forces(n_pairs, 0.0), deepest(n_pairs, 0.0);
  for (const ContactNodeState &state : states)
  {
    forces[state.pair] += state.pressure * state.area;
    if (std::isfinite(state.gap))
      deepest[state.pair] = std::max(deepest[state.pair], -state.gap);
  }
  penetration = deepest.empty() ? 0 : *std::max_element(deepest.begin(), deepest.end());
  if (!root)
    return;
  contact_file << std::setprecision(8);
  for (std::size_t p = 0; p < forces.size(); ++p)
    contact_file << step << "," << time << "," << phase_label(time) << "," << contact->pair_names()[p] << ","
                 << forces[p] << "," << deepest[p] << "\n";
  contact_file.flush();
  if (write_vtk)
  {
    std::vector<dealii::Point<dim>> points;
    ScalarField gap{"gap [mm]", {}}, pressure{"contact_pressure [MPa]", {}};
    for (const ContactNodeState &state : states)
    {
      points.push_back(state.position);
      gap.values.push_back(state.gap);
      pressure.values.push_back(state.pressure);
    }
    const std::string name = "contact_" + std::to_string(step) + ".vtu";
    write_vtu(directory + "/" + name,
              "cspine contact nodes at t = " + format_number(time) + " s (current positions). Units: mm, MPa.", points,
              vertex_cells(points.size()), {gap, pressure}, {});
    contact_series.emplace_back(time, name);
    write_pvd(directory + "/contact.pvd", contact_series);
  }
}

void LoadCaseReport::summarize(std::ostream *out) const
{
  if (!root)
    return;
  std::ofstream file(directory + "/summary.csv");
  file << units
       << "# Largest strain over the whole load case, when it occurred, and the thresholds it crossed. Regions: "
          "the 95th percentile of the maximum principal Green-Lagrange strain (5 % of the volume strains more); "
          "single_point_peak is the largest at any quadrature point, often a stress concentration at a corner "
          "where soft tissue meets bone. Capsules: the 95th percentile of their fibres' engineering strain from "
          "the in-situ length; single_point_peak is their most strained fibre. 1-D ligaments: engineering strain "
          "(both columns). laxity: the permanent set (slack gained) at the end from sub-failure damage: a 1-D "
          "ligament's, a capsule's most lax fibre's (regions: 0).\n"
       << "item,p95_strain [-],time_of_p95 [s],single_point_peak [-],thresholds_crossed,laxity [mm]\n";
  if (out)
    *out << "\nsummary (largest 95th-percentile strain over the load case; thresholds crossed):\n"
         << std::left << std::setw(28) << "item" << std::right << std::setw(12) << "p95 strain" << std::setw(12)
         << "at t [s]" << std::setw(14) << "single point" << std::setw(13) << "laxity [mm]"
         << "  crossed\n";
  for (const std::string &name : peak_order)
  {
    const auto found = peaks.find(name);
    if (found == peaks.end())
      continue;
    const StrainPeak &peak = found->second;
    std::string crossed;
    if (thresholded.count(name))
      for (const double threshold : config.load_case.report.thresholds)
        if (peak.value > threshold)
          crossed += (crossed.empty() ? "" : " ") + threshold_label(threshold);
    if (peak.past_failure)
      crossed += (crossed.empty() ? "" : " ") + std::string("failure point");
    if (peak.ruptured)
      crossed += (crossed.empty() ? "" : " ") + std::string("ruptured");
    file << name << "," << std::setprecision(6) << peak.value << "," << peak.time << "," << peak.single_point << ","
         << crossed << "," << peak.laxity << "\n";
    if (out)
      *out << std::left << std::setw(28) << name << std::right << std::setw(12) << std::setprecision(4) << peak.value
           << std::setw(12) << std::setprecision(6) << peak.time << std::setw(14) << std::setprecision(4)
           << peak.single_point << std::setw(13) << std::setprecision(3) << peak.laxity << "  "
           << (crossed.empty() ? "-" : crossed) << "\n";
  }
}
} // namespace cspine
