# Runs the axial-rotation validation case with rigid bones (CONFIG, from the source root) and compares it
# with the meshed-bone run in REFERENCE (the validation_c1_c2_axial_rotation test's output) by
# check_rigid_bones.py: level rotations within 0.25 deg, p95 strains within 0.01. Variables: CSPINE,
# READBACK, MPIEXEC, MPIFLAGS, CONFIG, OUTPUT, REFERENCE, CHECK.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
run_cspine_and_read_back(1 ${CONFIG} ${OUTPUT})
execute_process(COMMAND /usr/bin/python3 ${CHECK} ${OUTPUT} ${REFERENCE} RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "rigid and meshed bones disagree beyond the stated tolerance (above)")
endif()
