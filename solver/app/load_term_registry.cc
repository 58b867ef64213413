#include "app/load_term_registry.h"

#include "contact/penalty_contact.h"
#include "loads/head_coupling.h"
#include "loads/ligament_springs.h"
#include "loads/patch_load.h"
#include "loads/rigid_bones.h"
#include "mechanics/nodal_volumetric.h"
#include "mechanics/viscous_stabilization.h"

#include <map>

namespace cspine
{
namespace
{
using Terms = std::vector<std::unique_ptr<AssemblyTerm>>;

Terms one(AssemblyTerm *term)
{
  Terms terms;
  terms.emplace_back(term);
  return terms;
}

Terms head(const LoadTermInputs &in)
{
  const LoadCase &load_case = in.config.load_case;
  if (!load_case.head)
    return {};
  return one(new HeadCoupling(in.dof_handler, *in.discretization.mapping, *load_case.head, load_case.protocol));
}

Terms ligaments(const LoadTermInputs &in)
{
  if (in.config.load_case.ligaments.geometry.empty())
    return {};
  return one(new LigamentSprings(in.dof_handler, in.config.load_case.ligaments));
}

Terms contact(const LoadTermInputs &in)
{
  if (in.config.load_case.contact.pairs.empty())
    return {};
  return one(new PenaltyContact(in.dof_handler, in.config.load_case.contact));
}

Terms thrusts(const LoadTermInputs &in)
{
  const LoadCase &load_case = in.config.load_case;
  Terms terms;
  for (std::size_t i = 0; i < load_case.thrusts.size(); ++i)
    if (load_case.thrusts[i].boundary_id)
      terms.emplace_back(
          new PatchLoad(in.dof_handler, in.discretization, load_case.thrusts[i], load_case.protocol.thrust_forces[i]));
  return terms;
}

Terms nodal_pressure(const LoadTermInputs &in)
{
  std::map<unsigned int, double> bulk_moduli;
  for (const auto &[id, region] : in.config.regions)
    if (region.nodal_volumetric)
      bulk_moduli[id] = region.material->bulk_modulus();
  if (bulk_moduli.empty())
    return {};
  return one(new NodalVolumetric(in.dof_handler, bulk_moduli));
}

Terms rigid_bones(const LoadTermInputs &in)
{
  std::vector<RigidRegion> rigid;
  for (const auto &[id, region] : in.config.regions)
    if (region.rigid)
      rigid.push_back({region.name, id});
  if (rigid.empty())
    return {};
  return one(new RigidBones(in.dof_handler, *in.discretization.mapping, rigid));
}

Terms stabilization(const LoadTermInputs &in)
{
  if (!(in.config.newton.stabilization > 0))
    return {};
  return one(new ViscousStabilization(in.dof_handler, in.discretization, in.config.newton.stabilization));
}
} // namespace

const std::vector<LoadTermEntry> &load_term_registry()
{
  static const std::vector<LoadTermEntry> entries = {
      {"head", "the head and C0 as one rigid body, driven by angle or moment (Load case/Head)", head},
      {"ligaments", "1-D ligaments and capsule fibres (Load case/Ligaments)", ligaments},
      {"contact", "frictionless penalty contact in the joints (Load case/Contact)", contact},
      {"thrusts", "a force or couple on each thrust patch (Load case/Thrust, More thrusts)", thrusts},
      {"nodal pressure", "averaged nodal pressure of regions with Volumetric = nodal", nodal_pressure},
      {"rigid bones", "each region with Rigid = true as one rigid body with six DoFs (Regions/<name>/Rigid)",
       rigid_bones},
      {"stabilization", "viscous stabilisation of Newton (Newton/Viscous stabilization)", stabilization},
  };
  return entries;
}
} // namespace cspine
