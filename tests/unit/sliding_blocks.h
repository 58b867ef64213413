// A contact test case shared by tests: two blocks (tests/load_case/contact_blocks.geo, 100 MPa) pressed
// together and slid.
#pragma once

#include "test_helpers.h"

#include <string>

namespace cspine::testing
{
/// The config: the upper block pressed by the 0.5 mm gap plus 0.05 mm (t in [0, 1]), then slid 1 mm along
/// x (t in [1, 2]), in 4 steps; direct solve; contact penalty 100 MPa/mm. `newton` and `load_case` are
/// entries added inside the Newton and Load case sections.
inline std::string sliding_contact_blocks(const std::string &newton, const std::string &load_case)
{
  std::string regions;
  for (const char *name : {"lower", "upper"})
    regions += std::string("  subsection ") + name +
               "\n    set Material = neo_hookean_coupled\n    subsection neo_hookean_coupled\n"
               "      set Young's modulus = 100\n      set Poisson's ratio = 0.3\n    end\n  end\n";
  return "subsection Mesh\n  set Source = gmsh\n  set File = " + mesh_from_geo("contact_blocks") +
         "\n  set Element degree = 1\nend\nsubsection Regions\n" + regions + R"(end
subsection Boundary conditions
  set Fixed displacement = bottom: x = 0, y = 0, z = 0; top: x = (t - 1) * (t > 1), y = 0, z = -0.55 * (t - (t - 1) * (t > 1))
end
subsection Time
  set End time        = 2
  set Number of steps = 4
end
subsection Newton
)" + newton +
         R"(end
subsection Linear solver
  set Method = direct
end
subsection Load case
  subsection Contact
    set Penalty = 100
  end
)" + load_case +
         "end\n";
}
} // namespace cspine::testing
