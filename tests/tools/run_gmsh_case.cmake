# Meshes a .geo with gmsh, then runs cspine on it on 2 ranks and reads the VTK output back.
# Variables: GMSH, GEO, MSH, CSPINE, READBACK, MPIEXEC, MPIFLAGS, CONFIG, OUTPUT.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
execute_process(COMMAND ${GMSH} -3 ${GEO} -o ${MSH} -format msh41 RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "gmsh failed on ${GEO}")
endif()
run_cspine_and_read_back(2 ${CONFIG} ${OUTPUT})
if(NOT CSPINE_OUTPUT MATCHES "soft, 500(\\.0*)? mm\\^3 -> neo_hookean_uncoupled" OR NOT CSPINE_OUTPUT MATCHES "top \\(id 12\\)")
  message(FATAL_ERROR "region or boundary names were not taken from the .msh file")
endif()
# Compressed by 1 mm: the bottom (column 3) pushes up, the top (column 6) down.
expect_compression(${OUTPUT} 3 6)
