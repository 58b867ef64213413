# Runs cspine on CONFIG with the PETSc options OPTIONS (separated by spaces) into WORK_DIR and checks the
# exit code (EXPECT_EXIT), that the output matches EXPECT, and that it does not match REJECT (when given).
# Variables: CSPINE, CONFIG, WORK_DIR, OPTIONS, EXPECT_EXIT, EXPECT, REJECT.
file(REMOVE_RECURSE ${WORK_DIR})
separate_arguments(options UNIX_COMMAND "${OPTIONS}")
execute_process(COMMAND ${CSPINE} ${CONFIG} --output ${WORK_DIR} ${options}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
include(${CMAKE_CURRENT_LIST_DIR}/expect_outcome.cmake)
expect_outcome(${code} ${EXPECT_EXIT} "${out}${err}" "${EXPECT}")
if(REJECT AND "${out}${err}" MATCHES "${REJECT}")
  message(FATAL_ERROR "the output matches '${REJECT}', which it must not")
endif()
