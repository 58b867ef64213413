// Volumetric energy averaged at the nodes, for nearly incompressible regions meshed with linear
// tetrahedra (the average nodal pressure tetrahedron, Bonet & Burton 1998, Commun Numer Meth Engng
// 14:437-449): a linear tetrahedron has one volume ratio, and requiring each to stay near 1 locks a
// nearly incompressible mesh (about five tetrahedra per node against three unknowns). Instead, for
// each node a of such a region, its reference and current volumes V_a = sum_e V_e / 4 and
// v_a = sum_e v_e / 4 over the region's tetrahedra around it give J_a = v_a / V_a, and the volumetric
// energy is sum_a V_a U(J_a), with the material's U(J) = kappa/4 (J^2 - 1 - 2 ln J); the cells then
// integrate only the isochoric (and fibre) part of the material. Forces U'(J_a) dv_a/dx and the exact
// tangent U''(J_a) / V_a dv_a/dx (x) dv_a/dx + U'(J_a) d2v_a/dx2 couple the nodes around each node.
// Each node is assembled by the rank that owns it, from its owned and ghost cells.
#pragma once

#include "fe/assembly_term.h"

#include <deal.II/dofs/dof_handler.h>

#include <map>
#include <vector>

namespace cspine
{
class NodalVolumetric : public AssemblyTerm
{
public:
  /// `bulk_moduli`: kappa [MPa] of each region whose volumetric energy is averaged at the nodes.
  NodalVolumetric(const dealii::DoFHandler<dim> &dof_handler, const std::map<unsigned int, double> &bulk_moduli);

  void add_needed_dofs(dealii::IndexSet &) const override {}
  void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &u) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

private:
  /// One node of one region: its patch of tetrahedra, each as its four vertices' DoFs (x, y, z).
  struct NodePatch
  {
    double kappa;
    std::vector<std::array<std::array<dealii::types::global_dof_index, dim>, 4>> tetrahedra;
    std::vector<std::array<dealii::Point<dim>, 4>> reference;
    /// +1 or -1: the sign of each tetrahedron's reference 6 v (its vertex order).
    std::vector<double> orientation;
    /// The patch's distinct DoFs, sorted; each tetrahedron's vertex DoFs as indices into them.
    DofList dofs;
    std::vector<std::array<std::array<unsigned int, dim>, 4>> local;
  };
  std::vector<NodePatch> patches;
};
} // namespace cspine
