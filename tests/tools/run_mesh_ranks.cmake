# Loads a generated mesh into cspine (--validate) on 1 and 2 ranks; the region volumes must agree.
# Variables: CSPINE, MPIEXEC, MPIFLAGS, CONFIG.
string(REPLACE ";" " " MPIFLAGS "${MPIFLAGS}")
separate_arguments(flags UNIX_COMMAND "${MPIFLAGS}")
foreach(ranks 1 2)
  execute_process(COMMAND ${MPIEXEC} -np ${ranks} ${flags} ${CSPINE} ${CONFIG} --validate
                  RESULT_VARIABLE code OUTPUT_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "cspine --validate failed on ${ranks} rank(s):\n${out}")
  endif()
  string(REGEX MATCHALL "region[^\n]*" regions_${ranks} "${out}")
endforeach()
list(LENGTH regions_1 n_regions)
message("${n_regions} regions:\n${regions_1}")
if(n_regions LESS 8 OR NOT "${regions_1}" STREQUAL "${regions_2}")
  message(FATAL_ERROR "region volumes differ between 1 and 2 ranks:\n${regions_1}\n${regions_2}")
endif()
