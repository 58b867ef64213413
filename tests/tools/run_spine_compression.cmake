# Solves a compression of a generated spine segment on 2 ranks and checks the reactions: the fixed
# bottom endplate pushes up, the moved top endplate down, and they balance to 5 significant digits.
# Variables: CSPINE, READBACK, MPIEXEC, MPIFLAGS, CONFIG, OUTPUT.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
run_cspine_and_read_back(2 ${CONFIG} ${OUTPUT})
expect_compression(${OUTPUT} 3 6)
# CMake has no floating point: compare the leading digits of the two magnitudes.
string(REGEX REPLACE "^-" "" top_magnitude "${REACTION_TOP}")
string(SUBSTRING "${REACTION_BOTTOM}" 0 6 bottom_digits)
string(SUBSTRING "${top_magnitude}" 0 6 top_digits)
if(NOT bottom_digits STREQUAL top_digits)
  message(FATAL_ERROR "reactions do not balance: bottom ${REACTION_BOTTOM} N, top ${REACTION_TOP} N")
endif()
