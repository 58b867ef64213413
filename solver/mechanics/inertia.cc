#include "mechanics/inertia.h"

#include "fe/nodal_archive.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <sstream>

namespace cspine
{
Inertia::Inertia(const dealii::DoFHandler<dim> &dofs, const Discretization &disc, const dealii::IndexSet &relevant_dofs,
                 InertiaSettings inertia_settings)
    : dof_handler(dofs), discretization(disc), relevant(relevant_dofs), settings(std::move(inertia_settings)),
      scheme(GeneralizedAlpha::from_spectral_radius(settings.spectral_radius))
{
  for (Vector *ghosted : {&committed.u, &committed.v, &committed.a, &trial_u})
    make_ghosted(*ghosted);
  committed.r.reinit(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
  compute_cell_masses();
}

void Inertia::make_ghosted(Vector &vector) const
{
  vector.reinit(dof_handler.locally_owned_dofs(), relevant, dof_handler.get_communicator());
}

double Inertia::owned_cell_density(const dealii::DoFHandler<dim>::active_cell_iterator &cell) const
{
  if (!cell->is_locally_owned())
    return 0;
  const auto density = settings.densities.find(cell->material_id());
  return density == settings.densities.end() ? 0 : density->second;
}

void Inertia::compute_cell_masses()
{
  const dealii::FiniteElement<dim> &fe = dof_handler.get_fe();
  dealii::FEValues<dim> fe_values(*discretization.mapping, fe, discretization.cell_quadrature,
                                  dealii::update_values | dealii::update_JxW_values);
  const unsigned int n = fe.n_dofs_per_cell(), n_scalar = n / dim;
  // Shape function i is the scalar one base[i] in component component[i]; the scalar's values are
  // component 0's.
  std::vector<unsigned int> first_of_scalar(n_scalar);
  for (unsigned int i = 0; i < n; ++i)
  {
    const auto [c, s] = fe.system_to_component_index(i);
    component.push_back(c);
    base.push_back(s);
    if (c == 0)
      first_of_scalar[s] = i;
  }
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    const double density = owned_cell_density(cell);
    if (density == 0)
      continue;
    fe_values.reinit(cell);
    const std::size_t offset = scalar_masses.size();
    scalar_masses.resize(offset + n_scalar * n_scalar, 0.0);
    for (unsigned int q = 0; q < fe_values.n_quadrature_points; ++q)
      for (unsigned int a = 0; a < n_scalar; ++a)
        for (unsigned int b = 0; b < n_scalar; ++b)
          scalar_masses[offset + a * n_scalar + b] += density * fe_values.shape_value(first_of_scalar[a], q) *
                                                      fe_values.shape_value(first_of_scalar[b], q) * fe_values.JxW(q);
  }
}

template <typename Visitor> void Inertia::for_each_cell_mass(Visitor visit) const
{
  const unsigned int n = dof_handler.get_fe().n_dofs_per_cell(), n_scalar = n / dim;
  DofList dofs(n);
  dealii::FullMatrix<double> mass(n, n);
  std::size_t offset = 0;
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (owned_cell_density(cell) == 0)
      continue;
    cell->get_dof_indices(dofs);
    const unsigned int index = cell->active_cell_index();
    const double *scalar_mass = &scalar_masses[offset];
    offset += n_scalar * n_scalar;
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = 0; j < n; ++j)
        mass(i, j) = component[i] == component[j] ? scalar_mass[base[i] * n_scalar + base[j]] : 0.0;
    visit(index, dofs, mass);
  }
}

bool Inertia::dynamic_step(const double time) const
{
  return settings.dynamic(time) && time > committed.time;
}

void Inertia::newmark(const Vector &u, const double time, Vector &a, Vector &v) const
{
  const double dt = time - committed.time, beta = scheme.beta, gamma = scheme.gamma;
  make_ghosted(a);
  make_ghosted(v);
  Vector owned_a(dof_handler.locally_owned_dofs(), dof_handler.get_communicator()), owned_v(owned_a);
  // a = (u - u_n - dt v_n - dt^2 (1/2 - beta) a_n) / (beta dt^2); v = v_n + dt ((1 - gamma) a_n + gamma a).
  owned_a = u;
  owned_a.add(-1, committed.u, -dt, committed.v);
  owned_a.add(-dt * dt * (0.5 - beta), committed.a);
  owned_a *= 1 / (beta * dt * dt);
  owned_v = committed.v;
  owned_v.add(dt * (1 - gamma), committed.a, dt * gamma, owned_a);
  a = owned_a;
  v = owned_v;
}

void Inertia::add_mass_times(const Vector &x, const double factor, Vector &result) const
{
  dealii::Vector<double> local_x, local_result;
  for_each_cell_mass(
      [&](unsigned int, const DofList &dofs, const dealii::FullMatrix<double> &mass)
      {
        local_x.reinit(dofs.size());
        local_result.reinit(dofs.size());
        x.extract_subvector_to(dofs.begin(), dofs.end(), local_x.begin());
        mass.vmult(local_result, local_x);
        local_result *= factor;
        result.add(dofs, local_result);
      });
  result.compress(dealii::VectorOperation::add);
}

void Inertia::add_mass_times_accelerations(const Vector &a, const double of_a, const double of_committed,
                                           const double factor, Vector &result) const
{
  Vector combination(dof_handler.locally_owned_dofs(), dof_handler.get_communicator()), committed_a(combination);
  combination = a;
  committed_a = committed.a;
  combination.sadd(of_a, of_committed, committed_a);
  Vector ghosted;
  make_ghosted(ghosted);
  ghosted = combination;
  add_mass_times(ghosted, factor, result);
}

void Inertia::assemble(const Vector &u, const double time, LocalSink &sink) const
{
  trial_u = u;
  trial_time = time;
  if (!dynamic_step(time))
    return;
  const double dt = time - committed.time, alpha_m = scheme.alpha_m, alpha_f = scheme.alpha_f;
  const double beta = scheme.beta, gamma = scheme.gamma, damping = settings.mass_damping;
  // Newmark's a and v by the one formula (`newmark`), read cell by cell.
  Vector a, v;
  newmark(u, time, a, v);
  if (settings.stiffness_damping > 0)
    add_stiffness_damping(v, dt, sink);
  const double tangent_factor = (1 - alpha_m) / ((1 - alpha_f) * beta * dt * dt) + damping * gamma / (beta * dt);
  // M [((1 - alpha_m) a + alpha_m a_n) / (1 - alpha_f) + alpha_R v]: the bracket formed over the vectors
  // once and read once per cell (three reads per cell cost more than the cell's mass product).
  Vector owned(dof_handler.locally_owned_dofs(), dof_handler.get_communicator()), other(owned), bracket;
  owned = a;
  other = committed.a;
  owned.sadd(1 - alpha_m, alpha_m, other);
  owned *= 1 / (1 - alpha_f);
  other = v;
  owned.add(damping, other);
  make_ghosted(bracket);
  bracket = owned;
  dealii::Vector<double> weighted, force;
  dealii::FullMatrix<double> tangent;
  for_each_cell_mass(
      [&](const unsigned int cell, const DofList &dofs, const dealii::FullMatrix<double> &mass)
      {
        weighted.reinit(dofs.size());
        force.reinit(dofs.size());
        bracket.extract_subvector_to(dofs.begin(), dofs.end(), weighted.begin());
        mass.vmult(force, weighted);
        if (sink.wants_tangent())
        {
          tangent = mass;
          tangent *= tangent_factor;
        }
        sink.add_cell_internal(cell, dofs, force, tangent);
      });
  // alpha_f r_n / (1 - alpha_f): constant over the step, so it needs no tangent.
  if (alpha_f > 0)
  {
    const dealii::IndexSet &owned = dof_handler.locally_owned_dofs();
    const DofList dofs(owned.begin(), owned.end());
    std::vector<double> committed_r(dofs.size());
    committed.r.extract_subvector_to(dofs.begin(), dofs.end(), committed_r.begin());
    dealii::Vector<double> values(dofs.size());
    for (unsigned int i = 0; i < dofs.size(); ++i)
      values(i) = -alpha_f / (1 - alpha_f) * committed_r[i];
    sink.add_external(dofs, values);
  }
}

void Inertia::add_stiffness_damping(const Vector &v, const double dt, LocalSink &sink) const
{
  const double beta_R = settings.stiffness_damping;
  const unsigned int n = dof_handler.get_fe().n_dofs_per_cell();
  DofList dofs(n);
  dealii::FullMatrix<double> stiffness, tangent;
  dealii::Vector<double> velocity(n), force(n);
  std::vector<double> cell_v(n);
  for (const auto &cell : dof_handler.active_cell_iterators())
  {
    if (!cell->is_locally_owned())
      continue;
    cell->get_dof_indices(dofs);
    settings.stiffness->cell_matrix(cell, stiffness);
    v.extract_subvector_to(dofs.begin(), dofs.end(), cell_v.begin());
    for (unsigned int i = 0; i < n; ++i)
      velocity(i) = beta_R * cell_v[i];
    stiffness.vmult(force, velocity);
    if (sink.wants_tangent())
    {
      tangent = stiffness;
      tangent *= beta_R * scheme.gamma / (scheme.beta * dt);
    }
    sink.add_cell_internal(cell->active_cell_index(), dofs, force, tangent);
  }
}

void Inertia::correct_reactions(const Vector &u, const double time, Vector &residual) const
{
  if (!dynamic_step(time))
    return;
  // residual - g(u) + M a + alpha_R M v = residual + M (a - ((1 - alpha_m) a + alpha_m a_n) / (1 - alpha_f))
  //                                       - alpha_f / (1 - alpha_f) r_n.
  const double alpha_m = scheme.alpha_m, alpha_f = scheme.alpha_f;
  Vector a, v;
  newmark(u, time, a, v);
  add_mass_times_accelerations(a, 1 - (1 - alpha_m) / (1 - alpha_f), -alpha_m / (1 - alpha_f), 1, residual);
  residual.add(-alpha_f / (1 - alpha_f), committed.r);
}

void Inertia::kinematics_at(const Vector &u, const double time, Vector &velocity, Vector &acceleration) const
{
  // The accepted state itself (written again when a run stops on a step that would not converge).
  if (time == committed.time)
  {
    velocity = committed.v;
    acceleration = committed.a;
    return;
  }
  if (!dynamic_step(time))
  {
    make_ghosted(velocity);
    make_ghosted(acceleration);
    return;
  }
  newmark(u, time, acceleration, velocity);
}

void Inertia::velocity_at(const Vector &u, const double time, Vector &velocity) const
{
  Vector acceleration;
  kinematics_at(u, time, velocity, acceleration);
}

void Inertia::add_history_values(const Vector &u, const double time, std::vector<double> &row) const
{
  double energy = 0;
  if (dynamic_step(time))
  {
    Vector a, v;
    newmark(u, time, a, v);
    Vector momentum(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
    add_mass_times(v, 1, momentum);
    Vector owned_v(momentum);
    owned_v = v;
    energy = 0.5 * (owned_v * momentum);
  }
  row.push_back(energy);
}

std::string Inertia::description() const
{
  std::ostringstream text;
  text << "inertia:     generalized-alpha, rho_infinity " << settings.spectral_radius << " (alpha_m " << scheme.alpha_m
       << ", alpha_f " << scheme.alpha_f << "), mass damping " << settings.mass_damping << " 1/s, stiffness damping "
       << settings.stiffness_damping << " s";
  return text.str();
}

void Inertia::commit()
{
  if (!trial_time)
    return;
  const double time = *trial_time;
  if (!dynamic_step(time))
  {
    // At rest in equilibrium: where the next dynamic phase starts.
    Vector rest(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
    committed.u = trial_u;
    committed.v = rest;
    committed.a = rest;
    committed.r = rest;
  }
  else
  {
    const double alpha_m = scheme.alpha_m, alpha_f = scheme.alpha_f;
    Vector a, v;
    newmark(trial_u, time, a, v);
    // On the free rows the balance gives r_n+1 = -(M ((1 - alpha_m) a + alpha_m a_n) + alpha_f r_n) / (1 - alpha_f);
    // the rows of prescribed DoFs never enter another row's balance.
    Vector r(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
    r = committed.r;
    r *= -alpha_f / (1 - alpha_f);
    add_mass_times_accelerations(a, 1 - alpha_m, alpha_m, -1 / (1 - alpha_f), r);
    committed.u = trial_u;
    committed.v = v;
    committed.a = a;
    committed.r = r;
  }
  committed.time = time;
  trial_time.reset();
}

void Inertia::save(ArchiveWriter &archive) const
{
  archive.put(committed.time);
  for (const Vector *field : {&committed.u, &committed.v, &committed.a, &committed.r})
    save_nodal_field(dof_handler, *discretization.mapping, *field, archive);
}

void Inertia::load(ArchiveReader &archive)
{
  committed.time = archive.get_double();
  Vector owned(dof_handler.locally_owned_dofs(), dof_handler.get_communicator());
  for (Vector *field : {&committed.u, &committed.v, &committed.a, &committed.r})
  {
    load_nodal_field(dof_handler, *discretization.mapping, archive, owned);
    *field = owned;
  }
  trial_time.reset();
}
} // namespace cspine
