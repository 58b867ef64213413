// cspine_mesh: generates a meshed cervical spine segment from meshes/anatomy_table.csv with gmsh 4.8
// (OpenCASCADE, Delaunay: deterministic), and writes NAME.msh (ASCII 4.1, linear tetrahedra),
// NAME.regions (tag, dimension, name, default material), NAME_regions.prm (default materials and
// fibre rules, to `include` from a cspine config), NAME.ligaments (1-D ligament attachments),
// NAME.capsules (the capsules' fibres) and NAME.landmarks (named points: joint centres, the dens axis, the
// head centre).
// Usage: cspine_mesh TABLE.csv OUTPUT_NAME LEVELS [BONE_SIZE] [THIN_SIZE] [MIN_QUALITY]
//        LEVELS top to bottom, comma-separated: C3,C4 (a subaxial column) or C0,C1,C2,... (with the head
//        and the upper cervical spine); sizes in mm.
#include "mesh_quality.h"
#include "model_checks.h"
#include "model_files.h"
#include "occ_shapes.h"

#include <gmsh.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

namespace
{
using namespace cspine::meshing;

std::vector<std::string> split(const std::string &text)
{
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    parts.push_back(part);
  return parts;
}

/// Mesh sizes: thin_size at the thin layers (cartilage, capsules, ligaments), growing to bone_size
/// within 2.5 mm; above `head_z` (global z), if given, the head is meshed at head_size (it is rigid in the
/// solver).
void set_mesh_sizes(const std::vector<int> &thin_volumes, const double bone_size, const double thin_size,
                    const std::optional<double> head_z, const double head_size)
{
  gmsh::vectorpair volumes, faces;
  for (const int volume : thin_volumes)
    volumes.push_back({3, volume});
  gmsh::model::getBoundary(volumes, faces, false, false, false);
  std::vector<double> face_tags;
  for (const auto &[dim, tag] : faces)
    face_tags.push_back(std::abs(tag));
  const int distance = gmsh::model::mesh::field::add("Distance");
  gmsh::model::mesh::field::setNumbers(distance, "FacesList", face_tags);
  const int threshold = gmsh::model::mesh::field::add("Threshold");
  gmsh::model::mesh::field::setNumber(threshold, "InField", distance);
  gmsh::model::mesh::field::setNumber(threshold, "SizeMin", thin_size);
  gmsh::model::mesh::field::setNumber(threshold, "SizeMax", bone_size);
  gmsh::model::mesh::field::setNumber(threshold, "DistMin", 0.5);
  gmsh::model::mesh::field::setNumber(threshold, "DistMax", 2.5);
  if (!head_z)
  {
    gmsh::model::mesh::field::setAsBackgroundMesh(threshold);
    return;
  }
  const int head = gmsh::model::mesh::field::add("Box");
  gmsh::model::mesh::field::setNumber(head, "VIn", head_size);
  gmsh::model::mesh::field::setNumber(head, "VOut", 0); // below the head, the threshold field alone
  for (const auto &[bound, value] : std::vector<std::pair<std::string, double>>{
           {"XMin", -1e3}, {"XMax", 1e3}, {"YMin", -1e3}, {"YMax", 1e3}, {"ZMin", *head_z}, {"ZMax", 1e4}})
    gmsh::model::mesh::field::setNumber(head, bound, value);
  gmsh::model::mesh::field::setNumber(head, "Thickness", 20);
  const int larger = gmsh::model::mesh::field::add("Max");
  gmsh::model::mesh::field::setNumbers(larger, "FieldsList", {double(threshold), double(head)});
  gmsh::model::mesh::field::setAsBackgroundMesh(larger);
}
/// The part a gmsh volume belongs to, for messages.
std::string part_of_volume(const TaggedModel &model, const int volume)
{
  for (const auto &[part, volumes] : model.part_volumes)
    if (std::find(volumes.begin(), volumes.end(), volume) != volumes.end())
      return "part " + part;
  return "volume " + std::to_string(volume);
}
} // namespace

int main(int argc, char **argv)
{
  if (argc < 4)
  {
    std::cerr << "usage: cspine_mesh TABLE.csv OUTPUT_NAME LEVELS [BONE_SIZE mm] [THIN_SIZE mm] [MIN_QUALITY]\n";
    return 1;
  }
  const std::string table_file = argv[1], name = argv[2];
  const std::vector<std::string> levels = split(argv[3]);
  const double bone_size = argc > 4 ? std::stod(argv[4]) : 2.5, thin_size = argc > 5 ? std::stod(argv[5]) : 0.6;
  const double min_quality = argc > 6 ? std::stod(argv[6]) : 0.02;
  const auto start = std::chrono::steady_clock::now();

  gmsh::initialize();
  // CSPINE_MESH_VERBOSE=1 shows gmsh's own messages (e.g. where a meshing error happened).
  gmsh::option::setNumber("General.Terminal", std::getenv("CSPINE_MESH_VERBOSE") ? 1 : 0);
  gmsh::option::setNumber("General.NumThreads", 1);
  // Errors thrown inside gmsh's OpenMP regions terminate the program; serial meshing reports them.
  for (const char *option : {"Mesh.MaxNumThreads1D", "Mesh.MaxNumThreads2D", "Mesh.MaxNumThreads3D"})
    gmsh::option::setNumber(option, 1);
  try
  {
    const AnatomyTable table(table_file);
    gmsh::model::add(name);
    SpineGeometry geometry = build_spine(table, levels);
    gmsh::model::occ::synchronize();
    const TaggedModel model = fragment_and_tag(geometry);

    std::vector<int> thin;
    for (const Part &part : geometry.parts)
      if (part.tissue == Tissue::cartilage || part.tissue == Tissue::ligament)
        for (const int volume : model.part_volumes.at(part.name))
          thin.push_back(volume);
    // The head (rigid in the solver) is meshed coarsely from 25 mm above the occiput's top: its size
    // field ramps down over 20 mm, so the joints below (17 mm and more under the top) keep their sizes.
    std::optional<double> head_z;
    for (const Landmark &landmark : geometry.landmarks)
      if (landmark.name == "occiput_top_centre")
        head_z = landmark.point[2] + 25;
    set_mesh_sizes(thin, bone_size, thin_size, head_z, std::max(20.0, 6 * bone_size));
    const auto short_curves = curves_shorter_than(0.2 * thin_size, model);
    for (const auto &[length, where] : short_curves)
      std::cerr << name << ": curve of " << length << " mm at " << where << " (shorter than 0.2 x " << thin_size
                << " mm)" << std::endl;
    if (!short_curves.empty())
    {
      std::cerr << name
                << ": the geometry has curves shorter than a fifth of the smallest mesh size; they force "
                   "slivers. Change the dimensions so that no two faces graze."
                << std::endl;
      gmsh::finalize();
      return 2;
    }
    gmsh::option::setNumber("Mesh.MeshSizeExtendFromBoundary", 0);
    gmsh::option::setNumber("Mesh.MeshSizeFromPoints", 0);
    gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 0);
    gmsh::option::setNumber("Mesh.Algorithm", 6);
    gmsh::option::setNumber("Mesh.Algorithm3D", 1); // Delaunay: byte-identical on regeneration (HXT is not)
    gmsh::option::setNumber("Mesh.Optimize", 1);
    gmsh::option::setNumber("Mesh.Binary", 0);
    gmsh::option::setNumber("Mesh.MshFileVersion", 4.1);
    gmsh::model::mesh::generate(3);
    // Netgen is not compiled into Debian's gmsh 4.8 (anatomy.md 2.7, pitfall 1): gmsh's own passes.
    // Two rounds: thin layers meshed at about three times their thickness leave the odd sliver after one.
    for (unsigned int round = 0; round < 2; ++round)
    {
      gmsh::model::mesh::optimize("", true);
      gmsh::model::mesh::optimize("Relocate3D", true);
    }

    const MeshQuality quality = measure_quality();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << name << ": " << quality.n_tetrahedra << " tetrahedra, " << model.volumes.size() << " regions, "
              << model.surfaces.size() << " named surfaces; worst mean ratio " << quality.worst_mean_ratio << ", mean "
              << quality.mean_mean_ratio << ", inverted " << quality.n_inverted << "; " << seconds << " s" << std::endl;
    if (quality.n_inverted > 0 || quality.worst_mean_ratio < min_quality)
    {
      std::cerr << name << ": mesh fails the quality gate (no inverted tetrahedra, worst mean ratio >= " << min_quality
                << "); the worst tetrahedron is at (" << vector_text(quality.worst_centroid) << ") in "
                << part_of_volume(model, quality.worst_volume) << std::endl;
      gmsh::finalize();
      return 2;
    }
    check_ligaments(geometry, model); // before any file is written: no half-written output
    gmsh::write(name + ".msh");
    write_ligaments(geometry, name + ".ligaments");
    write_capsules(geometry, name + ".capsules");
    write_landmarks(geometry, name + ".landmarks");

    write_regions(geometry, model, name);
  }
  catch (const std::exception &error)
  {
    std::cerr << "cspine_mesh: " << error.what() << std::endl;
    gmsh::finalize();
    return 1;
  }
  catch (const std::string &gmsh_error) // the gmsh 4.8 API throws its messages as strings
  {
    std::cerr << "cspine_mesh: gmsh: " << gmsh_error << std::endl;
    gmsh::finalize();
    return 1;
  }
  gmsh::finalize();
  return 0;
}
