// The list of material models a region can use.
#pragma once

#include "core/registry.h"
#include "materials/material.h"

namespace cspine
{
const Registry<Material> &material_registry();
} // namespace cspine
