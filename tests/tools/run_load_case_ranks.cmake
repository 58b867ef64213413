# Runs a load case on 1 and 2 ranks; the reports (summary.csv, kinematics.csv, ligaments.csv, capsules.csv,
# capsule_fibres.csv, contact.csv, history.csv) must agree to solver tolerance (numdiff), and every report
# must have data rows. Variables: CSPINE, READBACK, MPIEXEC, MPIFLAGS, CONFIG, OUTPUT, NUMDIFF.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
run_cspine_and_read_back(1 ${CONFIG} ${OUTPUT}/np1)
run_cspine_and_read_back(2 ${CONFIG} ${OUTPUT}/np2)
foreach(report summary kinematics ligaments contact capsules capsule_fibres history)
  file(STRINGS ${OUTPUT}/np1/${report}.csv rows REGEX "^[^#]")
  list(LENGTH rows n_rows)
  if(n_rows LESS 3)
    message(FATAL_ERROR "${report}.csv has no data rows")
  endif()
  # Newton stops at |R| <= 1e-9 x the force scale: agreement to 1e-6 relative (1e-8 absolute for
  # values that are zero on one side) is solver tolerance with margin.
  execute_process(COMMAND ${NUMDIFF} -q -a 1e-8 -r 1e-6 -s ", \\n" ${OUTPUT}/np1/${report}.csv ${OUTPUT}/np2/${report}.csv
                  RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    execute_process(COMMAND ${NUMDIFF} -a 1e-8 -r 1e-6 -s ", \\n" ${OUTPUT}/np1/${report}.csv ${OUTPUT}/np2/${report}.csv)
    message(FATAL_ERROR "${report}.csv differs between 1 and 2 ranks")
  endif()
endforeach()
# The thrust and the turn must have loaded the segment: a ligament force and a C3-C4 rotation.
file(STRINGS ${OUTPUT}/np1/kinematics.csv rotation REGEX "^4,")
message("last kinematics row: ${rotation}")
if(NOT rotation MATCHES "c3_c4")
  message(FATAL_ERROR "kinematics.csv has no c3_c4 row for the last step")
endif()
