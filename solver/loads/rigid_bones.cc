#include "loads/rigid_bones.h"

#include "fe/node_set.h"

namespace cspine
{
RigidBone::RigidBone(std::string name, std::vector<Node> owned_nodes, const MPI_Comm comm)
    : region_name(std::move(name)), body(std::move(owned_nodes), comm)
{
}

RigidBodyTerms RigidBone::rigid_body_terms(const Vector &u, const RigidFit &at, const Vector &rhs, double) const
{
  // How the body's generalized residual changes as it turns, beyond G^T K G: the moment of its nodal
  // forces (residual = -rhs) turning with it.
  const Tensor2 H = -body.rotation_tangent(u, at, rhs); // linear in the forces: no negated copy of rhs
  RigidBodyTerms terms;
  for (unsigned int i = 0; i < dim; ++i)
    for (unsigned int j = 0; j < dim; ++j)
      terms.stiffness(dim + i, dim + j) = H[i][j];
  return terms;
}

RigidBones::RigidBones(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                       const std::vector<RigidRegion> &regions)
{
  for (const RigidRegion &region : regions)
    rigid.emplace_back(region.name,
                       owned_region_nodes(dof_handler, mapping, [&](unsigned int r) { return r == region.id; }),
                       dof_handler.get_communicator());
}

std::string RigidBones::description() const
{
  std::string names;
  for (const RigidBone &bone : rigid)
    names += (names.empty() ? "" : ", ") + bone.name();
  return "rigid bones: " + names + " (six DoFs each)";
}
} // namespace cspine
