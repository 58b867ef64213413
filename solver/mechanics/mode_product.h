// K G for the rigid bodies' modes G, each zero off its own body's (owned) DoFs, from K's rows of those
// DoFs only. K is symmetric, so (K G)_r,i = sum over the body's rows c of K_c,r G_c,i: six products per
// stored entry of the bodies' rows, where MatMatMult with the modes as dense columns does 6 n per entry of
// all of K (the rigid rotary thrust: 12.3 s of its run on 1 rank, where PETSc multiplies column by column,
// and 3.0 s on 2).
#pragma once

#include "fe/assembly_term.h"

#include <vector>

namespace cspine
{
/// products[i] = K modes[i] (created like modes[i]); body_dofs[i] lists the owned DoFs where modes[i] may
/// be nonzero. K is an assembled, symmetric AIJ matrix. Collective.
void multiply_by_modes(const Matrix &K, const std::vector<Vector> &modes, const std::vector<const DofList *> &body_dofs,
                       std::vector<Vector> &products);
} // namespace cspine
