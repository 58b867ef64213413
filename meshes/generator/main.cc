// cspine_mesh: generates a meshed cervical spine segment from meshes/anatomy_table.csv with gmsh 4.8
// (OpenCASCADE, Delaunay: deterministic), and writes NAME.msh (ASCII 4.1, linear tetrahedra),
// NAME.regions (tag, dimension, name, default material), NAME_regions.prm (default materials and
// fibre rules, to `include` from a cspine config), NAME.ligaments (1-D ligament attachments) and
// NAME.landmarks (named points: joint centres, the dens axis, the head centre).
// Usage: cspine_mesh TABLE.csv OUTPUT_NAME LEVELS [BONE_SIZE] [THIN_SIZE] [MIN_QUALITY]
//        LEVELS top to bottom, comma-separated: C3,C4 (a subaxial column) or C0,C1,C2,... (with the head
//        and the upper cervical spine); sizes in mm.
#include "mesh_quality.h"
#include "model_tagging.h"
#include "occ_shapes.h"

#include <gmsh.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace
{
using namespace cspine::meshing;

struct DefaultMaterial
{
  std::string model;
  std::string entries; // the model's subsection, as .prm lines
};

// Default material of each tissue.
DefaultMaterial default_material(const Tissue tissue)
{
  switch (tissue)
  {
  case Tissue::bone: // [M] posterior elements 3500 MPa, nu 0.29: BioMed Eng OnLine 2014 13:115, Table 1
    return {"neo_hookean_coupled", "set Young's modulus = 3500\nset Poisson's ratio = 0.29\n"};
  case Tissue::cartilage: // [M] facet cartilage 10.4 MPa, nu 0.4: ACDF FE model, BMC Musculoskelet Disord 2021
                          // (doi:10.1186/s12891-021-04218-4), Table 2
    return {"neo_hookean_coupled", "set Young's modulus = 10.4\nset Poisson's ratio = 0.4\n"};
  case Tissue::nucleus: // [M] nucleus 1 MPa, nu 0.49: same table
    return {"neo_hookean_coupled", "set Young's modulus = 1\nset Poisson's ratio = 0.49\n"};
  case Tissue::annulus: // ground 3.4 MPa, nu 0.4 [M] same table -> mu 1.214, kappa 5.667; k1, k2 [A] placeholders
    return {"fibre_exponential", "set Shear modulus = 1.214\nset Bulk modulus = 5.667\nset k1 = 2\nset k2 = 5\n"};
  case Tissue::capsule:  // [A] placeholders until a capsule fit is in the references
  case Tissue::ligament: // [A] placeholders (transverse, alar) until a fit to the VIVA+ curves (published-data 5b)
    return {"fibre_exponential", "set Shear modulus = 0.5\nset Bulk modulus = 5\nset k1 = 1\nset k2 = 5\n"};
  }
  return {};
}

std::vector<std::string> split(const std::string &text)
{
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    parts.push_back(part);
  return parts;
}

/// Curves shorter than `limit`, with their midpoints and the parts that meet there: they force slivers
/// (anatomy.md 2.7, pitfall 4).
std::vector<std::pair<double, std::string>> curves_shorter_than(const double limit, const TaggedModel &model)
{
  std::map<int, std::string> part_of_volume;
  for (const auto &[part, volumes] : model.part_volumes)
    for (const int volume : volumes)
      part_of_volume[volume] = part;
  gmsh::vectorpair curves;
  gmsh::model::getEntities(curves, 1);
  std::vector<std::pair<double, std::string>> found;
  for (const auto &[dim, tag] : curves)
  {
    double length;
    gmsh::model::occ::getMass(1, tag, length);
    if (length >= limit)
      continue;
    gmsh::vectorpair ends;
    gmsh::model::getBoundary({{1, tag}}, ends, false, false, false);
    if (length < 1e-9 && (ends.size() < 2 || ends[0].second == ends[1].second))
      continue; // a degenerate edge at a sphere's pole: a point, not a curve, and no sliver
    double x, y, z;
    gmsh::model::occ::getCenterOfMass(1, tag, x, y, z);
    std::set<std::string> parts;
    std::vector<int> faces, unused;
    gmsh::model::getAdjacencies(1, tag, faces, unused);
    std::string type;
    gmsh::model::getType(1, tag, type);
    std::string face_types;
    for (const int face : faces)
    {
      std::string face_type;
      gmsh::model::getType(2, face, face_type);
      face_types += " " + face_type;
      std::vector<int> volumes;
      gmsh::model::getAdjacencies(2, face, volumes, unused);
      for (const int volume : volumes)
        parts.insert(part_of_volume[volume]);
    }
    std::ostringstream where;
    where << "(" << x << ", " << y << ", " << z << "), a " << type << " between faces (" << face_types.substr(1)
          << "), where";
    for (const std::string &part : parts)
      where << " " << part;
    where << " meet";
    found.push_back({length, where.str()});
  }
  return found;
}

/// Every attachment centre must lie on its bone's surface (within 0.01 mm of the CAD faces).
void check_ligaments(const SpineGeometry &geometry, const TaggedModel &model)
{
  auto distance_to_bone = [&](const std::string &bone, const Vec3 &point)
  {
    gmsh::vectorpair volumes, faces;
    for (const int volume : model.part_volumes.at(bone))
      volumes.push_back({3, volume});
    gmsh::model::getBoundary(volumes, faces, true, false, false);
    double best = 1e9;
    for (const auto &[dim, tag] : faces)
    {
      std::vector<double> closest, parametric;
      gmsh::model::getClosestPoint(2, std::abs(tag), {point[0], point[1], point[2]}, closest, parametric);
      best = std::min(best, norm(Vec3{closest[0], closest[1], closest[2]} - point));
    }
    return best;
  };
  for (const LigamentAttachment &ligament : geometry.ligaments)
    for (const auto &[bone, centre] :
         {std::pair(ligament.bone_a, ligament.centre_a), std::pair(ligament.bone_b, ligament.centre_b)})
      if (distance_to_bone(bone, centre) > 0.01)
        throw std::runtime_error("ligament " + ligament.name + ": attachment centre is not on the surface of " + bone);
}

/// NAME.ligaments: two attachment patches per 1-D ligament.
void write_ligaments(const SpineGeometry &geometry, const std::string &file)
{
  std::ofstream out(file);
  out << "# 1-D ligaments: two attachment patches (centre on the named bone's surface, radius) each. Units: mm.\n"
      << "name,bone_a,x_a,y_a,z_a,bone_b,x_b,y_b,z_b,radius,force_deflection_source\n";
  for (const LigamentAttachment &ligament : geometry.ligaments)
    out << ligament.name << "," << ligament.bone_a << "," << ligament.centre_a[0] << "," << ligament.centre_a[1] << ","
        << ligament.centre_a[2] << "," << ligament.bone_b << "," << ligament.centre_b[0] << "," << ligament.centre_b[1]
        << "," << ligament.centre_b[2] << "," << ligament.radius << "," << ligament.curve << "\n";
}

/// NAME.landmarks: named points of the model (joint centres, the dens axis, the head's centre).
void write_landmarks(const SpineGeometry &geometry, const std::string &file)
{
  std::ofstream out(file);
  out << "# Landmarks of the model, in its own coordinates. Units: mm.\nname,x,y,z\n";
  for (const Landmark &landmark : geometry.landmarks)
    out << landmark.name << "," << landmark.point[0] << "," << landmark.point[1] << "," << landmark.point[2] << "\n";
}

/// Mesh sizes: thin_size at the thin layers (cartilage, capsules, ligaments), growing to bone_size
/// within 4 mm; above `head_z` (global z), the head is meshed at head_size (it is rigid in the solver).
void set_mesh_sizes(const std::vector<int> &thin_volumes, const double bone_size, const double thin_size,
                    const double head_z, const double head_size)
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
  if (head_z > 1e9)
  {
    gmsh::model::mesh::field::setAsBackgroundMesh(threshold);
    return;
  }
  const int head = gmsh::model::mesh::field::add("Box");
  gmsh::model::mesh::field::setNumber(head, "VIn", head_size);
  gmsh::model::mesh::field::setNumber(head, "VOut", 0); // below the head, the threshold field alone
  for (const auto &[bound, value] : std::vector<std::pair<std::string, double>>{
           {"XMin", -1e3}, {"XMax", 1e3}, {"YMin", -1e3}, {"YMax", 1e3}, {"ZMin", head_z}, {"ZMax", 1e4}})
    gmsh::model::mesh::field::setNumber(head, bound, value);
  gmsh::model::mesh::field::setNumber(head, "Thickness", 20);
  const int larger = gmsh::model::mesh::field::add("Max");
  gmsh::model::mesh::field::setNumbers(larger, "FieldsList", {double(threshold), double(head)});
  gmsh::model::mesh::field::setAsBackgroundMesh(larger);
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
      if (part.tissue == Tissue::cartilage || part.tissue == Tissue::capsule || part.tissue == Tissue::ligament)
        for (const int volume : model.part_volumes.at(part.name))
          thin.push_back(volume);
    // The head (rigid in the solver) is meshed coarsely from 25 mm above the occiput's top: its size
    // field ramps down over 20 mm, so the joints below (17 mm and more under the top) keep their sizes.
    double head_z = 2e9;
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
                << "); the worst tetrahedron is at (" << vector_text(quality.worst_centroid) << ")" << std::endl;
      gmsh::finalize();
      return 2;
    }
    check_ligaments(geometry, model); // before any file is written: no half-written output
    gmsh::write(name + ".msh");
    write_ligaments(geometry, name + ".ligaments");
    write_landmarks(geometry, name + ".landmarks");

    std::ofstream regions(name + ".regions");
    regions << "# " << name << ": physical groups. Columns: tag, dimension, name, default material.\n";
    std::ofstream prm(name + "_regions.prm");
    prm << "# Default materials and fibre rules of " << name
        << ".msh (generated by cspine_mesh; units mm, N, MPa, s).\n"
        << "# Sources of the values: meshes/generator/main.cc. Include this file and override what you need.\n"
        << "subsection Regions\n";
    for (const Part &part : geometry.parts)
    {
      const DefaultMaterial material = default_material(part.tissue);
      regions << model.tag_of.at(part.name) << " 3 " << part.name << " " << material.model << "\n";
      prm << "subsection " << part.name << "\nset Material = " << material.model << "\nsubsection " << material.model
          << "\n"
          << material.entries << "end\n";
      if (part.fibres.rule != "none")
        prm << "subsection Fibres\n" << part.fibres.prm_lines() << "end\n";
      prm << "end\n";
    }
    prm << "end\n";
    for (const auto &[tag, surface] : model.surfaces)
      regions << tag << " 2 " << surface << " -\n";
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
