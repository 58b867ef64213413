// The regions marked Rigid (Regions/<name>/Rigid = true), each one rigid body with six DoFs: a vertebra
// whose bone (3500 MPa) is 10^2-10^3 times stiffer than the discs, capsules and ligaments around it. The
// Newton update solves for the bodies' DoFs instead of their nodes' (mechanics/rigid_body_solve.h), so the
// system left to factorise is the soft tissue, split by the bones into small independent blocks. The
// bodies carry no loads of their own: what acts on them comes through their nodes from the soft tissue,
// the ligaments, contact, a thrust patch and, in dynamic phases, the inertia of their mesh.
#pragma once

#include "fe/assembly_term.h"
#include "fe/rigid_body.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <string>
#include <vector>

namespace cspine
{
/// One rigid region: no prescription; its only terms beyond G^T K G are those of its nodal forces
/// turning with it.
class RigidBone : public RigidBodyTerm
{
public:
  RigidBone(std::string region_name, std::vector<Node> owned_nodes, MPI_Comm comm);

  const RigidBody *rigid_body() const override { return &body; }
  RigidBodyTerms prescription(const RigidFit &, double) const override { return {}; }
  RigidBodyTerms rigid_body_terms(const Vector &u, const RigidFit &at, const Vector &rhs, double time) const override;
  const std::string &name() const { return region_name; }

private:
  std::string region_name;
  RigidBody body;
};

/// A region to make rigid: its name (for messages) and its id (the cells' material id).
struct RigidRegion
{
  std::string name;
  unsigned int id;
};

/// Every rigid region of a run. It assembles nothing: the bodies act through the Newton update.
class RigidBones : public AssemblyTerm
{
public:
  RigidBones(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
             const std::vector<RigidRegion> &regions);

  const std::vector<RigidBone> &bones() const { return rigid; }

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &, const Vector &) override {}
  void assemble(const Vector &, double, LocalSink &) const override {}
  std::string description() const override;

private:
  std::vector<RigidBone> rigid;
};
} // namespace cspine
