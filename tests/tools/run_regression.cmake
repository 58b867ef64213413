# Runs a regression case on RANKS ranks, reads its VTK output back, and compares history.csv with the
# reference by numdiff. UPDATE_REFERENCE=1 in the environment rewrites the reference instead (review
# the diff; never widen a tolerance to pass).
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
run_cspine_and_read_back(${RANKS} ${CONFIG} ${OUTPUT})
if("$ENV{UPDATE_REFERENCE}" STREQUAL "1")
  file(COPY_FILE ${OUTPUT}/history.csv ${REFERENCE})
  message("reference updated: ${REFERENCE}")
  return()
endif()
execute_process(COMMAND ${NUMDIFF} -a ${ABS} -r ${REL} -s ", \\n" ${REFERENCE} ${OUTPUT}/history.csv
                RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "history.csv differs from the reference beyond abs ${ABS}, rel ${REL}:\n${out}")
endif()
