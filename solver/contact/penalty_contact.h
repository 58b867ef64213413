// Frictionless node-to-surface penalty contact between the two surfaces of each joint, symmetric
// (two passes: each surface's nodes against the other's triangles, each with half its nodal area).
// The search runs in the current configuration at every assembly: a node is in contact when its
// normal projection falls inside a triangle of the other surface and it lies behind it (gap g < 0);
// just beyond the surface's edge the force fades smoothly to zero.
// Pressure p = penalty * (-g); the tangent is the standard main term penalty * A * dg/du (x) dg/du,
// without the variation of the normal and of the projection point. Both surfaces are replicated on
// every rank (small), each node is handled by the rank that owns it, so the result does not depend
// on the partition. Needs linear elements (nodes = vertices).
#pragma once

#include "loads/load_case.h"
#include "mechanics/assembly_term.h"
#include "mechanics/node_set.h"

#include <deal.II/dofs/dof_handler.h>

#include <array>
#include <string>
#include <vector>

namespace cspine
{
struct ContactNodeState
{
  dealii::Point<dim> position;
  /// [mm] Signed distance to the other surface (< 0: penetration); NaN if it projects onto none.
  double gap = 0;
  /// [MPa]
  double pressure = 0;
  /// [mm^2] The node's share of its surface's reference area in this pass (half its nodal area).
  double area = 0;
  unsigned int pair = 0;
};

class PenaltyContact : public AssemblyTerm
{
public:
  PenaltyContact(const dealii::DoFHandler<dim> &dof_handler, const ContactSettings &settings);

  void add_needed_dofs(dealii::IndexSet &dofs) const override;
  void add_sparsity(dealii::DynamicSparsityPattern &pattern) const override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;

  /// Every node's state at u, gathered on all ranks (for output; a joint's normal force is the sum of
  /// pressure x area over its nodes). Collective.
  std::vector<ContactNodeState> states(const Vector &u) const;
  const std::vector<std::string> &pair_names() const { return settings.pair_names; }

private:
  struct Surface
  {
    std::vector<std::array<Node, 3>> triangles;
    std::vector<Node> nodes;
    /// [mm^2] Reference area per node (a third of each adjacent triangle).
    std::vector<double> areas;
  };
  struct Projection
  {
    bool found = false;
    double gap = 0;
    std::size_t triangle = 0;
    std::array<double, 3> weights{};
    Vector3 normal;
    /// 1 inside the triangle, fading to 0 just beyond its edge.
    double taper = 0;
  };
  /// The closest triangle of `master` (current positions) onto which x projects inside.
  static Projection project(const dealii::Point<dim> &x, const std::vector<std::array<dealii::Point<dim>, 3>> &master);
  static std::vector<std::array<dealii::Point<dim>, 3>> current_triangles(const Surface &surface, const Vector &u);
  bool owned(const Node &node) const;

  const dealii::DoFHandler<dim> &dof_handler;
  const ContactSettings &settings;
  /// [pair][side]
  std::vector<std::array<Surface, 2>> surfaces;
};
} // namespace cspine
