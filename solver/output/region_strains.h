// Strain statistics of the regions of interest (facet and atlanto-axial capsules, transverse and alar
// ligaments) at one state: peak and volume-weighted 95th percentile of the maximum principal
// Green-Lagrange strain, mean and peak fibre stretch, and the volume fraction above each threshold.
// Quadrature-point values of all ranks are gathered on rank 0, so the statistics do not depend on
// the partition.
#pragma once

#include "fe/discretization.h"
#include "mechanics/config.h"
#include "mechanics/solid_assembler.h"

#include <deal.II/dofs/dof_handler.h>

#include <vector>

namespace cspine
{
struct RegionStrain
{
  unsigned int region = 0;
  /// [mm^3]
  double volume = 0;
  /// [-] Maximum principal Green-Lagrange strain: largest and 95th percentile.
  double peak_strain = 0, percentile_95 = 0;
  /// [-] Volume mean and largest fibre stretch (0 without fibres).
  double mean_fibre_stretch = 0, peak_fibre_stretch = 0;
  /// [-] Volume fraction above each threshold of the report settings.
  std::vector<double> fraction_above;
};

/// One entry per report region on rank 0 (empty on the others). Collective.
std::vector<RegionStrain> region_strains(const dealii::DoFHandler<dim> &dof_handler,
                                         const Discretization &discretization, const Config &config, const Vector &u);
} // namespace cspine
