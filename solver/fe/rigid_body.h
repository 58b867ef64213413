// A set of nodes that moves as one rigid body with six DoFs: the translation of its centroid and a
// rotation about it (the spatial rotation vector phi of an update, R <- exp([phi]) R). What the Newton
// update of a body needs: its six modes (the nodal motion of each DoF), the change of the nodal forces'
// moment as the body turns (the geometric part of its 6 x 6 stiffness), an exact placement of
// the nodes after an update (no drift from rigidity, however large the rotation), and the rotation
// about an axis with its exact derivative (for a prescribed axial rotation with the other five DoFs free).
#pragma once

#include "core/types.h"
#include "fe/node_set.h"

#include <deal.II/lac/full_matrix.h>

#include <array>
#include <vector>

namespace cspine
{
/// Translation [mm] (0-2) and rotation vector [rad] (3-5) of one update of a rigid body.
using RigidMotion = std::array<double, 6>;

/// The body's 6 x 6 system for one Newton update: its stiffness beyond G^T K G and, optionally, one
/// prescribed combination of its DoFs (`row` . dq = `value`).
struct RigidBodyTerms
{
  dealii::FullMatrix<double> stiffness{6, 6};
  bool constrained = false;
  RigidMotion row{};
  double value = 0;
};

class RigidBody
{
public:
  /// `owned_nodes`: the body's nodes whose DoFs this rank owns (the ranks' sets partition the body).
  RigidBody(std::vector<Node> owned_nodes, MPI_Comm comm);

  /// Where the body is at u: its rotation from the reference and its centroid. Collective.
  RigidFit pose(const Vector &u) const;
  /// The six modes at pose `at`: owned vectors shaped like `like`, mode k < 3 moves every node by e_k,
  /// mode 3 + k turns every node about the centroid, e_k x (x - c).
  std::array<Vector, 6> modes(const Vector &u, const RigidFit &at, const Vector &like) const;
  /// d/dphi of the moment sum_i r_i x f_i of fixed nodal forces as the body turns by phi about its
  /// centroid (r_i = x_i - c -> exp([phi]) r_i): sum_i [r_i f_i^T - (f_i . r_i) I] (rotation_tangent_of).
  /// Collective.
  Tensor2 rotation_tangent(const Vector &u, const RigidFit &at, const Vector &forces) const;
  /// Overwrites the body's (owned) entries of `trial` with u's positions moved by `alpha` times `motion`
  /// about the centroid of pose `at`, exactly (Rodrigues).
  void place(const Vector &u, const RigidFit &at, double alpha, const RigidMotion &motion, Vector &trial) const;
  /// Replaces the body's entries of the nodal `residual` by the nodal forces G (G^T G)^-1 Q' that carry
  /// its generalized residual Q = G^T residual, less the part along a prescribed combination `row` (if
  /// given: that part is the prescription's reaction). The nodes of a rigid body carry any internal forces;
  /// only Q' must vanish at equilibrium, and (its nodal forces) . (G dq) = Q' . dq. Collective.
  void project_residual(const Vector &u, const RigidFit &at, const RigidMotion *row, Vector &residual) const;
  /// The owned DoFs of the body's nodes.
  const DofList &dofs() const { return owned_dofs; }
  const std::vector<Node> &nodes() const { return body_nodes; }

private:
  std::vector<Node> body_nodes;
  DofList owned_dofs;
  MPI_Comm comm;
};

/// A load term that holds a rigid body: Newton solves for the body's six DoFs instead of its nodes'
/// (mechanics/rigid_body_solve.h).
class RigidBodyTerm
{
public:
  virtual ~RigidBodyTerm() = default;
  /// The body, or null if the term has none.
  virtual const RigidBody *rigid_body() const = 0;
  /// The prescribed combination of the body's DoFs at pose `at` and `time` (stiffness left empty).
  virtual RigidBodyTerms prescription(const RigidFit &at, double time) const = 0;
  /// The body's terms at u (ghosted) and pose `at`, given the assembled right-hand side -(f_int - f_ext)
  /// of the update at `time`. Collective.
  virtual RigidBodyTerms rigid_body_terms(const Vector &u, const RigidFit &at, const Vector &rhs,
                                          double time) const = 0;
};

/// [rad] The rotation about the unit `axis` of rotation R: the axis component of its rotation vector.
double axial_rotation(const Tensor2 &R, const Vector3 &axis);
/// d axial_rotation(exp([phi]) R) / d phi at phi = 0: J_l^-T(psi) axis, psi the rotation vector of R
/// (J_l the left Jacobian of SO(3)).
Vector3 axial_rotation_gradient(const Tensor2 &R, const Vector3 &axis);
/// r f^T - (f . r) I: d(r x f)/dphi as r turns by phi (r -> exp([phi]) r), f fixed. Its symmetric part is
/// the second variation of f . x along the rotation, its skew part -[r x f]/2: the tangent is symmetric
/// only where the moments balance, and not at all for a couple about a fixed axis.
Tensor2 rotation_tangent_of(const Vector3 &force, const Vector3 &r);
} // namespace cspine
