// A displacement field in a checkpoint: each node's three values under its reference position, so that
// it loads on any partition and any number of ranks, bit for bit.
#pragma once

#include "fe/assembly_term.h"
#include "io/archive.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

namespace cspine
{
/// Writes u (owned entries on each rank) into rank 0's archive. Collective.
void save_nodal_field(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping, const Vector &u,
                      ArchiveWriter &archive);

/// Sets the owned entries of u from what `save_nodal_field` wrote; throws InputError if the checkpoint's
/// nodes are not this mesh's. Every rank reads the same archive.
void load_nodal_field(const dealii::DoFHandler<dim> &dof_handler, const dealii::Mapping<dim> &mapping,
                      ArchiveReader &archive, Vector &u);
} // namespace cspine
