# Shared by the test runners: runs cspine on RANKS ranks (through MPIEXEC when RANKS > 1) writing to
# OUTPUT, fails the test on a non-zero exit, then reads the VTK output back with READBACK.
# Sets CSPINE_OUTPUT to what cspine printed.
function(run_cspine_and_read_back ranks config output)
  file(REMOVE_RECURSE ${output})
  string(REPLACE ";" " " mpi_flags "${MPIFLAGS}")
  separate_arguments(mpi_flags UNIX_COMMAND "${mpi_flags}")
  if(ranks EQUAL 1)
    set(command ${CSPINE} ${config} --output ${output})
  else()
    set(command ${MPIEXEC} -np ${ranks} ${mpi_flags} ${CSPINE} ${config} --output ${output})
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE code OUTPUT_VARIABLE out)
  message("${out}")
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "cspine failed on ${config} (exit ${code})")
  endif()
  execute_process(COMMAND ${READBACK} ${output} RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the VTK output in ${output} does not read back")
  endif()
  set(CSPINE_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

# The values of the last row of OUTPUT/history.csv, as a list.
function(last_history_row output variable)
  file(STRINGS ${output}/history.csv rows)
  list(POP_BACK rows last)
  string(REPLACE "," ";" values "${last}")
  set(${variable} "${values}" PARENT_SCOPE)
endfunction()

# Checks the last row of OUTPUT/history.csv for a compression between two fixed boundaries whose
# z-reaction columns are BOTTOM and TOP: the supports push the body together (reactions are the
# forces they apply to it, [N]). Sets REACTION_BOTTOM and REACTION_TOP.
function(expect_compression output bottom top)
  last_history_row(${output} values)
  list(GET values ${bottom} reaction_bottom)
  list(GET values ${top} reaction_top)
  if(NOT reaction_bottom GREATER 1 OR NOT reaction_top LESS -1)
    message(FATAL_ERROR "reactions bottom ${reaction_bottom} N, top ${reaction_top} N: not a compression")
  endif()
  set(REACTION_BOTTOM "${reaction_bottom}" PARENT_SCOPE)
  set(REACTION_TOP "${reaction_top}" PARENT_SCOPE)
endfunction()

# The memory estimate a run prints before its first step ("memory: about X MB per rank") against the
# peak it prints at its end: the estimate must lie within 0.8 to 1.5 times the peak (a refusal based on
# it would otherwise refuse runs that fit, or let through runs that do not).
function(check_memory_estimate text)
  string(REGEX MATCH "memory: +about ([0-9]+) MB per rank" found "${text}")
  set(estimate ${CMAKE_MATCH_1})
  string(REGEX MATCH "peak memory per rank: ([0-9]+)" found "${text}")
  set(peak ${CMAKE_MATCH_1})
  if(NOT estimate OR NOT peak)
    message(FATAL_ERROR "the run printed no memory estimate or no peak memory")
  endif()
  math(EXPR low "${peak} * 8 / 10")
  math(EXPR high "${peak} * 15 / 10")
  if(estimate LESS low OR estimate GREATER high)
    message(FATAL_ERROR "memory estimate ${estimate} MB per rank, peak ${peak} MB: outside 0.8 to 1.5 times the peak")
  endif()
  message("memory estimate ${estimate} MB per rank against a peak of ${peak} MB")
endfunction()

# Runs CONFIG on 1 and 2 ranks into OUTPUT/np1 and OUTPUT/np2 (each memory estimate near its peak); every
# report named in REPORTS (e.g. "summary;history") must have data rows and agree between the two to solver
# tolerance (numdiff, NUMDIFF).
function(expect_one_and_two_ranks_agree config output reports)
  run_cspine_and_read_back(1 ${config} ${output}/np1)
  check_memory_estimate("${CSPINE_OUTPUT}")
  run_cspine_and_read_back(2 ${config} ${output}/np2)
  check_memory_estimate("${CSPINE_OUTPUT}")
  foreach(report ${reports})
    file(STRINGS ${output}/np1/${report}.csv rows REGEX "^[^#]")
    list(LENGTH rows n_rows)
    if(n_rows LESS 3)
      message(FATAL_ERROR "${report}.csv has no data rows")
    endif()
  endforeach()
  expect_reports_agree(${output}/np1 ${output}/np2 "${reports}" "between 1 and 2 ranks")
endfunction()

# Every report named in REPORTS (e.g. "kinematics;capsules") must agree between the output folders FIRST
# and SECOND to solver tolerance (numdiff, NUMDIFF); a failure says they differ WHERE.
function(expect_reports_agree first second reports where)
  foreach(report ${reports})
    # Newton stops at |R| <= 1e-9 x the force scale: agreement to 1e-6 relative (1e-8 absolute for
    # values that are zero on one side) is solver tolerance with margin.
    execute_process(COMMAND ${NUMDIFF} -q -a 1e-8 -r 1e-6 -s ", \\n" ${first}/${report}.csv ${second}/${report}.csv
                    RESULT_VARIABLE code)
    if(NOT code EQUAL 0)
      execute_process(COMMAND ${NUMDIFF} -a 1e-8 -r 1e-6 -s ", \\n" ${first}/${report}.csv ${second}/${report}.csv)
      message(FATAL_ERROR "${report}.csv differs ${where}")
    endif()
  endforeach()
endfunction()
