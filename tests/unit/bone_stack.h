// The bone-stack model's loading (tests/load_case/bone_stack.geo: two 2 mm "bones" between three 4 mm soft
// layers): the bottom fixed, the top moved 0.5 mm in x, 0.4 mm up and turned 0.2 rad about its centre line
// in two steps, solved to tight tolerances without a line search. Shared by the tests of rigid and exactly
// turned bones.
#pragma once

#include <string>

namespace cspine::testing
{
/// The Boundary conditions, Time and Newton sections (Newton's entries first, so that `newton_extra` may add
/// to them).
inline std::string twisted_bone_stack_loading(const std::string &newton_extra = "")
{
  return R"(subsection Boundary conditions
  set Fixed displacement = bottom: x = 0, y = 0, z = 0; top: x = (x-4)*(cos(0.2*t)-1) - (y-4)*sin(0.2*t) + 0.5*t, y = (x-4)*sin(0.2*t) + (y-4)*(cos(0.2*t)-1), z = 0.4*t
end
subsection Time
  set End time = 1
  set Number of steps = 2
end
subsection Newton
  set Line search = false
  set Residual tolerance = 1e-9
  set Absolute residual tolerance = 1e-10
)" + newton_extra +
         "end\n";
}
} // namespace cspine::testing
