#include "model_files.h"

#include <gmsh.h>

#include <fstream>
#include <sstream>

namespace cspine::meshing
{
namespace
{
struct DefaultMaterial
{
  std::string model;
  std::string entries;                // the model's subsection, as .prm lines
  std::string volumetric = "element"; // Regions/<name>/Volumetric
  std::string source;                 // Regions/<name>/Source: the citation, copied into provenance.txt
};

// Default material of each tissue.
DefaultMaterial default_material(const Tissue tissue)
{
  switch (tissue)
  {
  case Tissue::bone: // [M] posterior elements 3500 MPa, nu 0.29: BioMed Eng OnLine 2014 13:115, Table 1
    return {"neo_hookean_coupled", "set Young's modulus = 3500\nset Poisson's ratio = 0.29\n", "element",
            "[M] E 3500 MPa, nu 0.29: BioMed Eng OnLine 2014 13:115, Table 1 (posterior elements)"};
  case Tissue::cartilage: // [M] facet cartilage 10.4 MPa, nu 0.4: ACDF FE model, BMC Musculoskelet Disord 2021
                          // (doi:10.1186/s12891-021-04218-4), Table 2
    return {"neo_hookean_coupled", "set Young's modulus = 10.4\nset Poisson's ratio = 0.4\n", "element",
            "[M] E 10.4 MPa, nu 0.4: BMC Musculoskelet Disord 2021, doi:10.1186/s12891-021-04218-4, Table 2"};
  case Tissue::nucleus:
    // [M] nucleus 1 MPa, nu 0.49 (same table): mu = E / (2 (1 + nu)) = 0.3356, kappa = E / (3 (1 - 2 nu)) =
    // 16.67 MPa, uncoupled so that its volumetric energy can be averaged at the nodes (linear tetrahedra
    // lock at nu = 0.49: tests/unit/nodal_volumetric_test.cc).
    return {"neo_hookean_uncoupled", "set Shear modulus = 0.3356\nset Bulk modulus = 16.67\n", "nodal",
            "[M] E 1 MPa, nu 0.49: BMC Musculoskelet Disord 2021, doi:10.1186/s12891-021-04218-4, Table 2"};
  case Tissue::annulus:
    // Ground 3.4 MPa, nu 0.4 [M] (same table) -> mu 1.214, kappa 5.667 MPa. Fibres: tension-only, 450 MPa
    // at 19 % of the annulus volume [M] (C3-C6 model with Yoganandan's curves, CRC ch. 16, Table 16.1;
    // published-data.md 5a), shared by the two helical families: 450 x 0.19 / 2 = 42.75 MPa each.
    return {"fibre_table", "set Shear modulus = 1.214\nset Bulk modulus = 5.667\nset Fibre stress = 0:0, 1:42.75\n",
            "element",
            "[M] ground E 3.4 MPa, nu 0.4: BMC Musculoskelet Disord 2021, doi:10.1186/s12891-021-04218-4, "
            "Table 2; fibres 450 MPa at 19 % of the volume: C3-C6 model with Yoganandan's curves, CRC ch. 16, "
            "Table 16.1"};
  case Tissue::ligament:
    // The transverse ligament (the only solid ligament): matrix shear modulus 8.826 MPa and nu 0.3 (VIVA+
    // fabric GAB and PRBA of NE_C_C1C2-Transverse [M]; kappa = 2 mu (1 + nu) / (3 (1 - 2 nu))); fibre
    // stress: the VIVA+ transverse curve 200530 up to its peak (21.3 MPa at 0.268) [M], scaled by 1.264 so
    // that the modelled cross-section (2 mm x 6.5 mm) carries 350 N there, the strength of Dvorak et al.
    // 1988 J Orthop Res 6:452 [P] (published-data.md 2a). Abscissa read as engineering strain.
    return {"fibre_table",
            "set Shear modulus = 8.826\nset Bulk modulus = 19.12\nset Fibre stress = "
            "0:0, 0.0568:0.0108, 0.0765:0.0787, 0.0964:0.5726, 0.1167:3.727, 0.1374:8.402, "
            "0.1583:12.93, 0.1797:17.31, 0.2013:21.55, 0.2233:25.31, 0.2457:26.48, 0.2683:26.93\n",
            "element",
            "[M] VIVA+ transverse ligament (fabric GAB, PRBA; curve 200530) scaled to the 350 N strength of "
            "Dvorak et al. 1988 J Orthop Res 6:452 [P]"};
  }
  return {};
}

// [t/mm^3] Mass density of each tissue (Regions/<name>/Density; used in dynamic phases). Bone: 2000 kg/m^3,
// the cortical bone of the VIVA+ neck model (Reilly et al. 1974) [M]; the whole vertebra is taken as
// cortical (its trabecular core is lighter; the vertebrae's mass is small beside the head's). Soft
// tissues: 1000 kg/m^3, VIVA+ (RO = 1e-6 kg/mm^3) [M].
double default_density(const Tissue tissue)
{
  return tissue == Tissue::bone ? 2.0e-9 : 1.0e-9;
}

std::string density_source(const Tissue tissue)
{
  return tissue == Tissue::bone ? "density 2000 kg/m^3: VIVA+ cortical bone (Reilly et al. 1974) [M]"
                                : "density 1000 kg/m^3: VIVA+ [M]";
}

// [t] The head's mass: the middle of 3.656-5.757 kg, Beier et al. 1979 [P] (as Load case/Head/Mass). The
// head region's density gives it this mass, whatever its meshed volume (its shape has Beier's radii of
// gyration: upper_cervical_builder.cc).
constexpr double head_mass = 4.71e-3;

double volume_of(const std::vector<int> &volumes)
{
  double total = 0;
  for (const int volume : volumes)
  {
    double mass = 0;
    gmsh::model::occ::getMass(3, volume, mass);
    total += mass;
  }
  return total;
}
} // namespace

void write_regions(const SpineGeometry &geometry, const TaggedModel &model, const std::string &name)
{
  std::ofstream regions(name + ".regions");
  regions << "# " << name << ": physical groups. Columns: tag, dimension, name, default material.\n";
  std::ofstream prm(name + "_regions.prm");
  prm << "# Default materials and fibre rules of " << name << ".msh (generated by cspine_mesh; units mm, N, MPa, s).\n"
      << "# Sources of the values: meshes/generator/model_files.cc. Include this file and override what you need.\n"
      << "subsection Regions\n";
  for (const Part &part : geometry.parts)
  {
    const DefaultMaterial material = default_material(part.tissue);
    regions << model.tag_of.at(part.name) << " 3 " << part.name << " " << material.model << "\n";
    std::ostringstream density;
    density << (part.name == "head" ? head_mass / volume_of(model.part_volumes.at(part.name))
                                    : default_density(part.tissue));
    prm << "subsection " << part.name << "\nset Material = " << material.model
        << "\nset Volumetric = " << material.volumetric << "\nset Density = " << density.str()
        << "\nset Source = " << material.source << "; "
        << (part.name == "head" ? "mass 4.71 kg (its density gives it that mass): Beier et al. 1979 [P]"
                                : density_source(part.tissue))
        << "\nsubsection " << material.model << "\n"
        << material.entries << "end\n";
    const std::string fibres = part.fibres.prm_lines();
    if (!fibres.empty())
      prm << "subsection Fibres\n" << fibres << "end\n";
    prm << "end\n";
  }
  prm << "end\n";
  for (const auto &[tag, surface] : model.surfaces)
    regions << tag << " 2 " << surface << " -\n";
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

/// NAME.capsules: each capsule's fibres, one row per fibre.
void write_capsules(const SpineGeometry &geometry, const std::string &file)
{
  std::ofstream out(file);
  out << "# Joint capsules as bundles of tension-only fibres: one row per fibre, its two ends on the bones' surfaces\n"
      << "# (a on the lower articular process, b on the upper one), the capsule's cross-section per fibre\n"
      << "# (thickness x rim length / fibres) and the radius of each end's attachment patch. Units: mm, mm^2.\n"
      << "capsule,type,fibre,bone_a,x_a,y_a,z_a,bone_b,x_b,y_b,z_b,area,radius\n";
  for (const CapsuleBundle &capsule : geometry.capsules)
    for (std::size_t k = 0; k < capsule.fibres.size(); ++k)
    {
      const auto &[a, b] = capsule.fibres[k];
      out << capsule.name << "," << capsule.type << "," << k << "," << capsule.bone_a << "," << a[0] << "," << a[1]
          << "," << a[2] << "," << capsule.bone_b << "," << b[0] << "," << b[1] << "," << b[2] << ","
          << capsule.fibre_area << "," << capsule.patch_radius << "\n";
    }
}

/// NAME.landmarks: named points of the model (joint centres, the dens axis, the head's centre).
void write_landmarks(const SpineGeometry &geometry, const std::string &file)
{
  std::ofstream out(file);
  out << "# Landmarks of the model, in its own coordinates. Units: mm.\nname,x,y,z\n";
  for (const Landmark &landmark : geometry.landmarks)
    out << landmark.name << "," << landmark.point[0] << "," << landmark.point[1] << "," << landmark.point[2] << "\n";
}
} // namespace cspine::meshing
