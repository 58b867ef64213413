#include "fe/fixed_diagonal.h"

#include <deal.II/base/mpi.h>

#include <petscmat.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cspine
{
bool all_fixed(const dealii::AffineConstraints<double> &constraints, const DofList &dofs)
{
  return std::all_of(dofs.begin(), dofs.end(),
                     [&](const auto dof)
                     {
                       const auto *entries = constraints.get_constraint_entries(dof);
                       return entries && entries->empty();
                     });
}

FixedDiagonal::FixedDiagonal(const dealii::IndexSet &owned, const MPI_Comm comm) : diagonal(owned, comm) {}

void FixedDiagonal::diagonal_of(const dealii::FullMatrix<double> &block, dealii::Vector<double> &values)
{
  const unsigned int n = block.m();
  double average = 0;
  for (unsigned int i = 0; i < n; ++i)
    average += std::abs(block(i, i));
  average /= n;
  if (average == 0)
    average = block.l1_norm() / n;
  if (average == 0)
    average = 1;
  values.reinit(n, true);
  for (unsigned int i = 0; i < n; ++i)
    values(i) = block(i, i) != 0 ? std::abs(block(i, i)) : average;
}

void FixedDiagonal::add_block(const dealii::FullMatrix<double> &block, const DofList &dofs)
{
  dealii::Vector<double> values;
  diagonal_of(block, values);
  add(dofs, values);
}

void FixedDiagonal::add(const DofList &dofs, const dealii::Vector<double> &values)
{
  diagonal.add(dofs, values);
  added = true;
}

void FixedDiagonal::add_free(const DofList &dofs, const std::vector<double> &values)
{
  diagonal.add(dofs, values);
  added = true;
}

void FixedDiagonal::add_to(Matrix &K)
{
  if (!dealii::Utilities::MPI::logical_or(added, diagonal.get_mpi_communicator()))
    return;
  diagonal.compress(dealii::VectorOperation::add);
  if (MatDiagonalSet(K.petsc_matrix(), static_cast<const Vec &>(diagonal), ADD_VALUES) != 0)
    throw std::logic_error("MatDiagonalSet failed on the fixed DoFs' diagonal");
}
} // namespace cspine
