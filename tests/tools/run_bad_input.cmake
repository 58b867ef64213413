# Runs cspine on a bad input file and checks: non-zero exit, the message given by the file's
# "# EXPECT ERROR: <regex>" line, and no output folder. Variables: CSPINE, INPUT, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(STRINGS ${INPUT} expect REGEX "^# EXPECT ERROR: ")
if(NOT expect)
  message(FATAL_ERROR "${INPUT} has no '# EXPECT ERROR: <regex>' line")
endif()
string(REGEX REPLACE "^# EXPECT ERROR: " "" expect "${expect}")
execute_process(COMMAND ${CSPINE} ${INPUT} --output ${WORK_DIR}/output
                WORKING_DIRECTORY ${WORK_DIR}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(code EQUAL 0)
  message(FATAL_ERROR "cspine accepted ${INPUT}")
endif()
if(NOT "${out}${err}" MATCHES "${expect}")
  message(FATAL_ERROR "message does not match '${expect}'")
endif()
if(EXISTS ${WORK_DIR}/output)
  message(FATAL_ERROR "an output folder was created for bad input")
endif()
