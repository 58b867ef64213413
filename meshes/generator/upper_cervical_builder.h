// The head, C0 (occiput with condyles), C1 and the dens and superior articular processes of C2, with the
// C0-C1 joints, the lateral and median atlanto-axial joints (cartilage, a real gap, capsules), the
// transverse and alar ligaments as solid bands, and the upper-cervical 1-D ligaments.
//
// Everything is built in the dens frame: origin on the dens axis at the top of the C2 body, z along
// the dens (C2's axis), x left, y anterior. The surfaces that slide when C1 rotates on C2 (dens, its
// cartilage, the C1 anterior arch and the transverse ligament) are coaxial cylinders about the dens
// axis, and the lateral atlanto-axial joints are horizontal planes, so C1 can turn through tens of
// degrees with no bone clash (checked on the mesh by tests/meshes).
#pragma once

#include "spine_builder.h"

namespace cspine::meshing
{
/// Adds the upper cervical parts to `geometry` and the dens and superior processes to `c2`.
void build_upper_cervical(const AnatomyTable &table, VertebraSolids &c2, SpineGeometry &geometry);
} // namespace cspine::meshing
