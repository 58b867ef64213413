# The iterative spine solve's guard: CONFIG (gmres with GAMG, C1-C7 rigid) on 2 ranks must take at most
# MAX_PER_UPDATE Krylov iterations per Newton update, estimate its memory within 0.8-1.5 of its peak, and
# its reports must equal those of DIRECT_CONFIG (the same case with MUMPS) to solver tolerance. Both must
# build their preconditioner or factorisation on the soft block only (fewer rows than the model's DoFs).
# Variables: CSPINE, READBACK, MPIEXEC, MPIFLAGS, NUMDIFF, CONFIG, DIRECT_CONFIG, MAX_PER_UPDATE, OUTPUT.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)

# The run's 'iterations:' line must say its WHAT (preconditioner builds, factorisations) were on fewer rows
# than the model's DoFs: the bones' rows stay out (mechanics/block_shell, LinearSolver::solve_block).
function(expect_soft_block text what)
  string(REGEX MATCH "${what} on ([0-9]+) of ([0-9]+) DoFs" found "${text}")
  if(NOT found)
    message(FATAL_ERROR "the 'iterations:' line does not say on how many DoFs the ${what} were: not on a soft block")
  endif()
  message("${what} on ${CMAKE_MATCH_1} of ${CMAKE_MATCH_2} DoFs")
  if(NOT CMAKE_MATCH_1 LESS CMAKE_MATCH_2)
    message(FATAL_ERROR "${what} on ${CMAKE_MATCH_1} of ${CMAKE_MATCH_2} DoFs: not on the soft block")
  endif()
endfunction()

run_cspine_and_read_back(2 ${CONFIG} ${OUTPUT}/gmres)
# The memory estimate counts the iterative solve's vectors and GAMG's hierarchy (without them it was 0.75
# of the peak here, and 0.35 on 353 k DoFs).
check_memory_estimate("${CSPINE_OUTPUT}")
string(REGEX MATCH "iterations: [0-9]+ steps, ([0-9]+) Newton, ([0-9]+) linear" found "${CSPINE_OUTPUT}")
if(NOT found)
  message(FATAL_ERROR "the run printed no 'iterations:' line")
endif()
set(updates ${CMAKE_MATCH_1})
set(linear ${CMAKE_MATCH_2})
math(EXPR limit "${MAX_PER_UPDATE} * ${updates}")
message("${linear} Krylov iterations in ${updates} Newton updates (at most ${MAX_PER_UPDATE} per update allowed)")
if(linear GREATER limit)
  message(FATAL_ERROR "${linear} Krylov iterations in ${updates} updates: more than ${MAX_PER_UPDATE} per update")
endif()
expect_soft_block("${CSPINE_OUTPUT}" "preconditioner builds")
run_cspine_and_read_back(2 ${DIRECT_CONFIG} ${OUTPUT}/direct)
expect_soft_block("${CSPINE_OUTPUT}" "factorisations")
expect_reports_agree(${OUTPUT}/gmres ${OUTPUT}/direct "kinematics;capsules;ligaments"
                     "between the iterative and the direct solve")
