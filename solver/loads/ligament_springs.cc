#include "loads/ligament_springs.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

namespace cspine
{
namespace
{
dealii::Point<dim> mean_position(const std::vector<Node> &patch, const Vector *u)
{
  dealii::Point<dim> mean;
  for (const Node &node : patch)
    mean += (u ? current_position(node, *u) : node.X) / static_cast<double>(patch.size());
  return mean;
}

DofList patch_dofs(const std::vector<Node> &patch)
{
  DofList dofs;
  for (const Node &node : patch)
    dofs.insert(dofs.end(), node.dofs.begin(), node.dofs.end());
  return dofs;
}
} // namespace

LigamentSprings::LigamentSprings(const dealii::DoFHandler<dim> &dofs, const LigamentSet &set)
    : dof_handler(dofs), ligaments(set),
      history(std::make_unique<LigamentHistory>(set.relaxation, set.damage.has_value()))
{
  // At least three nodes per patch, so that a patch smaller than the mesh still spreads its load.
  std::vector<PatchRequest> requests;
  for (std::size_t i = 0; i < ligaments.geometry.size(); ++i)
  {
    const LigamentGeometry &geometry = ligaments.geometry[i];
    requests.push_back({ligaments.bones[i].first, geometry.a.centre, geometry.radius, 3});
    requests.push_back({ligaments.bones[i].second, geometry.b.centre, geometry.radius, 3});
  }
  const std::vector<std::vector<Node>> found = gathered_surface_patches(dof_handler, requests);
  for (std::size_t i = 0; i < ligaments.geometry.size(); ++i)
  {
    const LigamentGeometry &geometry = ligaments.geometry[i];
    patches.push_back({{found[2 * i], found[2 * i + 1]}});
    if (patches.back()[0].empty() || patches.back()[1].empty())
      throw InputError("ligament '" + geometry.name + "': no surface node of " +
                       (patches.back()[0].empty() ? geometry.a.bone : geometry.b.bone) +
                       " within 5 mm of its attachment patch");
    in_situ_lengths.push_back(
        mean_position(patches.back()[1], nullptr).distance(mean_position(patches.back()[0], nullptr)));
  }
  history->set_initial_lengths(in_situ_lengths);
  if (ligaments.damage)
    for (std::size_t i = 0; i < ligaments.geometry.size(); ++i)
    {
      const LigamentCurve &curve = ligaments.curves[i];
      const double L0 = rest_length(i);
      const double to_failure =
          curve.table.failure_x() * (curve.measure == LigamentCurve::Measure::elongation ? 1 : L0);
      damaged.emplace_back(
          *ligaments.damage, [this, i](const double length) { return force(i, length); }, L0, L0 + to_failure);
    }
}

bool LigamentSprings::assembled_here(const std::size_t i) const
{
  const MPI_Comm comm = dof_handler.get_communicator();
  return i % dealii::Utilities::MPI::n_mpi_processes(comm) == dealii::Utilities::MPI::this_mpi_process(comm);
}

void LigamentSprings::add_needed_dofs(dealii::IndexSet &dofs) const
{
  for (const auto &ends : patches)
    for (const auto &patch : ends)
    {
      const DofList list = patch_dofs(patch);
      dofs.add_indices(list.begin(), list.end());
    }
}

void LigamentSprings::add_sparsity(dealii::DynamicSparsityPattern &pattern, const Vector &)
{
  for (std::size_t i = 0; i < patches.size(); ++i)
    if (assembled_here(i))
    {
      DofList all = patch_dofs(patches[i][0]);
      const DofList b = patch_dofs(patches[i][1]);
      all.insert(all.end(), b.begin(), b.end());
      std::sort(all.begin(), all.end());
      for (const auto row : all)
        pattern.add_entries(row, all.begin(), all.end(), true);
    }
}

std::pair<double, double> LigamentSprings::force(const std::size_t i, const double length) const
{
  const LigamentCurve &curve = ligaments.curves[i];
  const double L0 = rest_length(i);
  const double per_length = curve.measure == LigamentCurve::Measure::elongation ? 1.0 : 1 / L0;
  const double area = curve.measure == LigamentCurve::Measure::stress ? ligaments.geometry[i].area : 1.0;
  const double x = (length - L0) * per_length;
  return {area * curve.table.value(x), area * curve.table.slope(x) * per_length};
}

std::pair<double, double> LigamentSprings::tension(const std::size_t i, const double length, const double time,
                                                   const bool write_trial) const
{
  const DamagedFibre *law = damage(i);
  const double peak = law ? history->committed_peak(i) : 0;
  if (law && write_trial)
    history->set_trial_peak(i, std::max(peak, length));
  const auto [T, dT] = relaxed_tension(i, law ? law->force(length, peak) : force(i, length), time, write_trial);
  const auto [s, ds] = rate_factor(i, length, time);
  return {s * T, s * dT + T * ds};
}

std::pair<double, double> LigamentSprings::strain_rate(const std::size_t i, const double length,
                                                       const double time) const
{
  const double dt = time - history->committed_time();
  if (!(dt > 0))
    return {0, 0};
  const double per_length = 1 / (in_situ_lengths[i] * dt);
  return {(length - history->committed_length(i)) * per_length, per_length};
}

std::pair<double, double> LigamentSprings::rate_factor(const std::size_t i, const double length,
                                                       const double time) const
{
  const auto [rate, per_length] = strain_rate(i, length, time);
  const auto [s, ds_drate] = ligaments.rate_effect[i].factor(rate);
  return {s, ds_drate * per_length};
}

std::pair<double, double> LigamentSprings::relaxed_tension(const std::size_t i, const std::pair<double, double> elastic,
                                                           const double time, const bool write_trial) const
{
  const auto [F, dF] = elastic;
  const PronySeries &series = ligaments.relaxation[i];
  if (series.empty())
    return {F, dF};
  double *trial = write_trial ? history->trial(i) : nullptr;
  const double *committed = history->committed(i);
  const double dt = time - history->committed_time();
  double T = F, stiffness_factor = 1;
  for (std::size_t k = 0; k < series.size(); ++k)
  {
    const auto [h, g] = prony_step(series[k], dt);
    const double q = h * committed[1 + k] + series[k].weight * g * (F - committed[0]);
    T += q;
    stiffness_factor += series[k].weight * g;
    if (trial)
      trial[1 + k] = q;
  }
  if (trial)
    trial[0] = F;
  // Tension only: a fibre shortened faster than it relaxes goes slack instead of pushing.
  if (T <= 0)
    return {0, 0};
  return {T, stiffness_factor * dF};
}

std::vector<LigamentState> LigamentSprings::states(const Vector &u, const double time) const
{
  std::vector<LigamentState> result(patches.size());
  for (std::size_t i = 0; i < patches.size(); ++i)
  {
    LigamentState &state = result[i];
    state.end_a = mean_position(patches[i][0], &u);
    state.end_b = mean_position(patches[i][1], &u);
    const double length = state.end_a.distance(state.end_b);
    state.force = tension(i, length, time).first;
    state.strain_rate = strain_rate(i, length, time).first;
    state.rate_factor = rate_factor(i, length, time).first;
    state.elongation = length - in_situ_lengths[i];
    state.strain = state.elongation / in_situ_lengths[i];
    const LigamentCurve &curve = ligaments.curves[i];
    const double x =
        curve.measure == LigamentCurve::Measure::elongation ? length - rest_length(i) : length / rest_length(i) - 1;
    state.past_failure = x > curve.table.failure_x();
    if (const DamagedFibre *law = damage(i))
    {
      const double peak = std::max(history->committed_peak(i), length);
      state.laxity = law->laxity(peak);
      state.stiffness_loss = law->stiffness_loss(peak);
      state.ruptured = law->ruptured(peak);
    }
  }
  return result;
}

void LigamentSprings::assemble(const Vector &u, const double time, LocalSink &sink) const
{
  history->set_trial_time(time);
  for (std::size_t i = 0; i < patches.size(); ++i)
  {
    // Every rank keeps every fibre's length (its strain rate in the next step); the patches' DoFs are
    // on every rank.
    const auto &[a, b] = patches[i];
    const Vector3 d = mean_position(b, &u) - mean_position(a, &u);
    const double length = d.norm();
    history->set_trial_length(i, length);
    if (!assembled_here(i) && !history->tracked(i))
      continue;
    const auto [F, dF] = tension(i, length, time, true);
    if (!assembled_here(i))
      continue;
    if (F == 0 && dF == 0)
      continue;
    const Vector3 n = d / length;
    // Weights of the patch nodes in the end positions: +1/n_a at a, -1/n_b at b (d = x_b - x_a).
    const std::size_t n_a = a.size(), n_nodes = a.size() + b.size();
    std::vector<double> weight(n_nodes);
    for (std::size_t k = 0; k < n_nodes; ++k)
      weight[k] = k < n_a ? -1.0 / n_a : 1.0 / b.size();
    DofList dofs = patch_dofs(a);
    const DofList dofs_b = patch_dofs(b);
    dofs.insert(dofs.end(), dofs_b.begin(), dofs_b.end());

    // f_int = dW/du with W the spring energy: weight_k F n; tangent weight_k weight_l k.
    Tensor2 k_spring;
    for (unsigned int p = 0; p < dim; ++p)
      for (unsigned int q = 0; q < dim; ++q)
        k_spring[p][q] = dF * n[p] * n[q] + F / length * ((p == q ? 1.0 : 0.0) - n[p] * n[q]);
    dealii::Vector<double> f(dim * n_nodes);
    dealii::FullMatrix<double> K(dim * n_nodes, dim * n_nodes);
    for (std::size_t k = 0; k < n_nodes; ++k)
      for (unsigned int p = 0; p < dim; ++p)
      {
        f(dim * k + p) = weight[k] * F * n[p];
        if (sink.wants_tangent())
          for (std::size_t l = 0; l < n_nodes; ++l)
            for (unsigned int q = 0; q < dim; ++q)
              K(dim * k + p, dim * l + q) = weight[k] * weight[l] * k_spring[p][q];
      }
    sink.add_internal(dofs, f, K);
  }
}

std::string LigamentSprings::description() const
{
  return "ligaments:   " + std::to_string(size()) + " 1-D ligaments and capsule fibres";
}
} // namespace cspine
