# Writes OUTPUT (a C++ source defining cspine::version()) from `git describe` of SOURCE_DIR, at every
# build, replacing it only when the version changed (so that nothing recompiles otherwise). Outside a git
# checkout the version is "unknown (not a git checkout)".
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE failed ERROR_QUIET)
if(failed OR version STREQUAL "")
  set(version "unknown (not a git checkout)")
endif()
file(WRITE ${OUTPUT}.new "// Written by cmake/write_version.cmake at build time.\n#include \"core/version.h\"\n\n"
                         "const char *cspine::version()\n{\n  return \"${version}\";\n}\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.new ${OUTPUT})
file(REMOVE ${OUTPUT}.new)
