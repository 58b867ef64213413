# Runs cspine on a bad input file and checks: the exit code of the file's "# EXPECT EXIT: <code>" line
# (default 1, bad input), the message given by its "# EXPECT ERROR: <regex>" line, and no output folder.
# Variables: CSPINE, INPUT, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(STRINGS ${INPUT} expect REGEX "^# EXPECT ERROR: ")
if(NOT expect)
  message(FATAL_ERROR "${INPUT} has no '# EXPECT ERROR: <regex>' line")
endif()
string(REGEX REPLACE "^# EXPECT ERROR: " "" expect "${expect}")
file(STRINGS ${INPUT} expected_code REGEX "^# EXPECT EXIT: [0-9]+$")
if(expected_code)
  string(REGEX REPLACE "^# EXPECT EXIT: " "" expected_code "${expected_code}")
else()
  set(expected_code 1)
endif()
execute_process(COMMAND ${CSPINE} ${INPUT} --output ${WORK_DIR}/output
                WORKING_DIRECTORY ${WORK_DIR}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(code EQUAL 0)
  message(FATAL_ERROR "cspine accepted ${INPUT}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/expect_outcome.cmake)
expect_outcome(${code} ${expected_code} "${out}${err}" "${expect}")
if(EXISTS ${WORK_DIR}/output)
  message(FATAL_ERROR "an output folder was created for bad input")
endif()
