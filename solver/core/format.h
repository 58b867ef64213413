// Numbers in messages and file comments as printf's %g: six significant digits and no trailing zeros.
// std::to_string prints "%f", which showed a time of 5e-7 s as "0.000000".
#pragma once

#include <sstream>
#include <string>

namespace cspine
{
inline std::string format_number(const double value)
{
  std::ostringstream text;
  text << value;
  return text.str();
}
} // namespace cspine
