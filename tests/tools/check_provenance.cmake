# provenance.txt in a run folder: a finished run records the build (git describe, as CMake sees it now,
# followed by -dirty or not),
# the config's and the mesh-free run's used parameters' SHA-256 (checked against CMake's own SHA-256),
# the command line, 1 rank, and "status: finished"; a run whose Newton solve fails (exit 2) ends its
# block with "status: solver stopped". Variables: CSPINE, CONFIG, FAILING_CONFIG, OUTPUT, SOURCE_DIR.
file(REMOVE_RECURSE ${OUTPUT})
execute_process(COMMAND ${CSPINE} ${CONFIG} --output ${OUTPUT}/finished RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cspine failed on ${CONFIG} (exit ${code})")
endif()
file(READ ${OUTPUT}/finished/provenance.txt text)
message("${text}")
file(SHA256 ${CONFIG} config_digest)
file(SHA256 ${OUTPUT}/finished/used-parameters.prm parameters_digest)
# Without --dirty: whether the tree was dirty when it was built is the build's business.
execute_process(COMMAND git describe --always --tags WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE no_git ERROR_QUIET)
set(expected "sha256 config: ${config_digest}  ${CONFIG}" "sha256 used parameters: ${parameters_digest}"
             "command line: ${CSPINE} ${CONFIG} --output ${OUTPUT}/finished" "MPI ranks: 1" "status: finished"
             "started: 20" "ended: 20" "model: region")
if(NOT no_git)
  list(APPEND expected "cspine version: ${version}")
endif()
foreach(line IN LISTS expected)
  string(FIND "${text}" "${line}" at)
  if(at LESS 0)
    message(FATAL_ERROR "provenance.txt of the finished run lacks '${line}'")
  endif()
endforeach()

execute_process(COMMAND ${CSPINE} ${FAILING_CONFIG} --output ${OUTPUT}/stopped RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 2)
  message(FATAL_ERROR "the failing run exited with ${code}, not 2")
endif()
file(READ ${OUTPUT}/stopped/provenance.txt text)
string(FIND "${text}" "status: solver stopped (exit code 2): " at)
if(at LESS 0)
  message(FATAL_ERROR "provenance.txt of the stopped run does not say it stopped:\n${text}")
endif()
