// The cspine version this binary was built from: `git describe --always --dirty --tags` at build time
// (cmake/write_version.cmake).
#pragma once

namespace cspine
{
const char *version();
} // namespace cspine
