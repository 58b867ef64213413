// Fixed spatial dimension and tensor aliases used throughout cspine (dim is a constant, not a template).
#pragma once

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

namespace cspine
{
constexpr unsigned int dim = 3;

using Vector3 = dealii::Tensor<1, dim>;
using Tensor2 = dealii::Tensor<2, dim>;
using SymTensor2 = dealii::SymmetricTensor<2, dim>;
using SymTensor4 = dealii::SymmetricTensor<4, dim>;
} // namespace cspine
