// Frictionless node-to-surface penalty contact between the two surfaces of each joint, symmetric
// (two passes: each surface's nodes against the other's triangles, each with half its nodal area).
// The search runs in the current configuration at every assembly (a node keeps the triangle it was
// pressed against at the start of the load step while it projects inside it, see `project`): a node is
// in contact when its normal projection falls inside a triangle of the other surface and it lies behind
// it (gap g < 0); just beyond the surface's edge the force fades smoothly to zero. Which triangle a node
// keeps is contact history: it is updated from the converged state at the start of each load step only,
// so within a step the forces are a function of the displacement alone (the line search's trials and a
// failed iteration leave it as it was). Within a Newton solve the pairing can be held, so that a node at a
// facet's edge stops switching triangles (`hold_pairing`; mechanics/held_pairing_solve.h).
// Pressure p = penalty * (-g) along a smooth normal: the triangle's vertex normals (each the area-weighted
// mean of its triangles' normals) interpolated at the projection point, so that on a faceted curved
// surface the force turns continuously from one triangle to the next instead of jumping by the facets'
// angle (on the C0-C1 spheres that jump was a newton-per-node, and Newton cycled). g is the distance to
// the triangle's plane times the cosine between the two normals. The tangent is the main term
// penalty * A * dg/du (x) dg/du, without the taper's derivative (the largest term left out where a node
// slides in the band beyond an edge; README, Benchmarks) and the variation of the normal and of the
// projection point. Completing it (exactly, by a Woodbury correction) did not cut the spine's Newton
// updates, so it stays. Both surfaces are replicated on every rank (small), each node is handled by the rank
// that owns it, so the result does not depend on the partition. On quadratic tetrahedra each face is four flat
// triangles on its corner and edge nodes. The matrix couples a node only with the other surface's nodes within
// `coupling_radius` of it at the start of the load step (the pattern is rebuilt every step): coupling every node of a
// joint to every node across doubled the direct solver's time on the spine. A contact that slides beyond that radius
// within one step keeps its exact force; only its cross terms are left out of the tangent, and `approximated_contacts`
// counts them.
#pragma once

#include "fe/assembly_term.h"
#include "fe/node_set.h"
#include "io/step_history.h"
#include "loads/load_case.h"

#include <deal.II/dofs/dof_handler.h>

#include <array>
#include <string>
#include <utility>
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

class PenaltyContact : public AssemblyTerm, public StepHistory
{
public:
  PenaltyContact(const dealii::DoFHandler<dim> &dof_handler, const ContactSettings &settings);

  void add_needed_dofs(dealii::IndexSet &dofs) const override;
  void add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &u) override;
  bool pattern_moves() const override { return true; }
  /// Takes each node's triangle from the converged state u.
  void start_step(const Vector &u) override;
  void assemble(const Vector &u, double time, LocalSink &sink) const override;
  std::string description() const override;

  /// [mm] Largest distance between a node and an other-surface node it is coupled with (the largest
  /// over the joints; see `coupling_radius_to`).
  double coupling_radius() const;
  /// Contact tangents assembled since the last call whose cross terms fell outside the pattern,
  /// summed over the ranks (collective); resets the count.
  unsigned long long take_approximated_contacts() const;

  /// Holds each node's triangle (or none) as the free choice makes it at u, for the rest of a Newton
  /// solve: a node at a facet's edge then no longer switches between updates
  /// (mechanics/held_pairing_solve.h). Until `release_pairing`.
  void hold_pairing(const Vector &u);
  void release_pairing() { holding = false; }
  bool pairing_held() const { return holding; }
  /// Whether, at u, the free choice (with each node's held triangle as the one it was pressed against)
  /// presses every node on the triangle it is held on, and no node that is held free: then a state
  /// converged with the pairing held is an equilibrium of the free contact. Collective.
  bool held_pairing_is_free_choice(const Vector &u) const;
  /// The held triangles become the ones the nodes were pressed against (the free choice's history), so
  /// that the free contact gives the held forces at a state accepted with them.
  void adopt_held_pairing();

  /// Which triangle each node was pressed against (the pairing's history): committed once a step's start
  /// is accepted; a cut step returns to it. The checkpoint names nodes and triangles by their reference
  /// positions, so that it loads on any number of ranks.
  std::string history_name() const override { return "contact pairing"; }
  void commit() override;
  void revert() override;
  void save(ArchiveWriter &archive) const override;
  void load(ArchiveReader &archive) override;

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
    /// Each triangle's vertices as indices into `nodes`.
    std::vector<std::array<std::size_t, 3>> triangle_nodes;
    /// For each owned node: the other surface's nodes (sorted indices) it is coupled with in the matrix.
    std::vector<std::vector<std::size_t>> coupled;
    /// [mm] In the reference configuration.
    double longest_edge = 0;
    /// For each owned node in contact: the other surface's triangle it was pressed against at the start of
    /// the load step (`no_triangle` if none).
    std::vector<std::size_t> tracked;
    /// `tracked` as last committed.
    std::vector<std::size_t> committed;
    /// For each owned node: its triangle while the pairing is held (`no_triangle`: no contact).
    std::vector<std::size_t> held;
    /// For each triangle and vertex v: whether the edge opposite v is the surface's border.
    std::vector<std::array<bool, 3>> border_edge;
  };
  static constexpr std::size_t no_triangle = static_cast<std::size_t>(-1);
  /// [mm] How far from a node the vertices of `master` it may contact within a load step can be.
  static double coupling_radius_to(const Surface &master);
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
  /// x projected onto the plane of triangle `index` of `master` (positions `current`); not found if
  /// farther than the search distance.
  /// The current positions of a surface's triangles, and its vertex normals (by node index).
  struct CurrentSurface
  {
    std::vector<std::array<dealii::Point<dim>, 3>> triangles;
    std::vector<Vector3> vertex_normals;
    /// Per triangle, the box outside which no node can pair with it: the triangle grown to the taper
    /// band (weights >= -taper_band), padded by the search distance. It spares the search most projections.
    std::vector<std::pair<dealii::Point<dim>, dealii::Point<dim>>> reach;
    /// Per triangle: its edges from the first vertex, its unit normal and twice its area (0: degenerate),
    /// computed once per surface position rather than in every projection onto it.
    struct Frame
    {
      Vector3 e1, e2, normal;
      double twice_area = 0;
    };
    std::vector<Frame> frames;
  };
  /// x on the plane of triangle `index`: the distance along its own normal and the barycentric weights.
  struct PlanePoint
  {
    bool found = false;
    double gap = 0;
    std::array<double, 3> weights{};
  };
  /// Not found if the triangle is degenerate or x is farther than the search distance from its plane.
  static PlanePoint onto_plane(const dealii::Point<dim> &x, const CurrentSurface &current, std::size_t index);
  static Projection project_onto(const dealii::Point<dim> &x, const Surface &master, const CurrentSurface &current,
                                 std::size_t index);
  /// project_onto from x's point on the plane of triangle `index` (onto_plane's result).
  static Projection completed(const PlanePoint &plane, const Surface &master, const CurrentSurface &current,
                              std::size_t index);
  /// The triangle of `master` that x presses against: `preferred` while x projects inside it (with
  /// some hysteresis), else the closest one x projects inside (or least outside, within the taper band).
  static Projection project(const dealii::Point<dim> &x, const Surface &master, const CurrentSurface &current,
                            std::size_t preferred);
  static CurrentSurface current_surface(const Surface &surface, const Vector &u);
  /// Node s of `slave` at x on `master`: its held triangle while the pairing is held, else the free
  /// choice (`project` from its tracked triangle).
  Projection pairing(const dealii::Point<dim> &x, const Surface &slave, std::size_t s, const Surface &master,
                     const CurrentSurface &current) const;
  /// Whether a projection presses (behind the surface, with some force left in the taper).
  static bool presses(const Projection &projection)
  {
    return projection.found && projection.gap < 0 && projection.taper > 0;
  }
  bool owned(const Node &node) const;
  /// visit(slave, s, master, master's current triangles, x) for every owned node s of each joint's two
  /// surfaces (x its current position).
  template <typename Visit> void for_each_owned_node(const Vector &u, const Visit &visit);

  const dealii::DoFHandler<dim> &dof_handler;
  const ContactSettings &settings;
  /// [pair][side]
  std::vector<std::array<Surface, 2>> surfaces;
  mutable unsigned long long approximated = 0;
  bool holding = false;
};
} // namespace cspine
