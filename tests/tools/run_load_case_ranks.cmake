# Runs a load case on 1 and 2 ranks; the reports (summary.csv, kinematics.csv, ligaments.csv, capsules.csv,
# capsule_fibres.csv, contact.csv, history.csv) must agree to solver tolerance (numdiff), and every report
# must have data rows, and the turn, the thrust and the release must show (angle, reaction, ligament
# force, moment), and the 1-rank reports must match the stored reference in REFERENCE (a bug that gives
# the same wrong answer on any partition passes the 1-vs-2 comparison; UPDATE_REFERENCE=1 in the
# environment rewrites the reference instead: review the diff). Variables: CSPINE, READBACK, MPIEXEC,
# MPIFLAGS, CONFIG, OUTPUT, NUMDIFF, REFERENCE. The memory estimate each run prints must be near its peak.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
expect_one_and_two_ranks_agree(${CONFIG} ${OUTPUT} "summary;kinematics;ligaments;contact;capsules;capsule_fibres;history")
foreach(report summary kinematics ligaments contact capsules history)
  if("$ENV{UPDATE_REFERENCE}" STREQUAL "1")
    file(COPY_FILE ${OUTPUT}/np1/${report}.csv ${REFERENCE}/${report}.csv)
    message("reference updated: ${REFERENCE}/${report}.csv")
    continue()
  endif()
  execute_process(COMMAND ${NUMDIFF} -q -a 1e-8 -r 1e-6 -s ", \\n" ${REFERENCE}/${report}.csv ${OUTPUT}/np1/${report}.csv
                  RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    execute_process(COMMAND ${NUMDIFF} -a 1e-8 -r 1e-6 -s ", \\n" ${REFERENCE}/${report}.csv ${OUTPUT}/np1/${report}.csv)
    message(FATAL_ERROR "${report}.csv differs from the stored reference ${REFERENCE}/${report}.csv")
  endif()
endforeach()

# The turn, the thrust and the release must have loaded the segment as the config says.
# Turn: C3 relative to C4 about the head axis at step 2 (2 deg prescribed on C3; C4 deforms a little).
file(STRINGS ${OUTPUT}/np1/kinematics.csv turned REGEX "^2,[^,]*,turn,c3_c4,")
string(REPLACE "," ";" turned "${turned}")
list(GET turned 7 turn_angle)
if(NOT (turn_angle GREATER 1.8 AND NOT turn_angle GREATER 2.0))
  message(FATAL_ERROR "C3-C4 turned ${turn_angle} deg at the end of the turn; 1.8 to 2 deg expected")
endif()
# Thrust: at its peak (step 3, 20 N posterior-anterior) the fixed endplate carries it, and a ligament is taut.
file(STRINGS ${OUTPUT}/np1/history.csv rows REGEX "^1.05,")
string(REPLACE "," ";" peak_row "${rows}")
list(GET peak_row 2 reaction_y)
if(reaction_y GREATER -19.99 OR reaction_y LESS -20.01)
  message(FATAL_ERROR "the base carries ${reaction_y} N along y at the thrust's peak; -20 N expected")
endif()
file(STRINGS ${OUTPUT}/np1/ligaments.csv taut REGEX "^3,")
set(largest_force 0)
foreach(row IN LISTS taut)
  string(REPLACE "," ";" row "${row}")
  list(GET row 4 force)
  if(force GREATER largest_force)
    set(largest_force ${force})
  endif()
endforeach()
if(NOT largest_force GREATER 1)
  message(FATAL_ERROR "no ligament carries more than 1 N at the thrust's peak (largest ${largest_force} N)")
endif()
# Release: the last step holds the head at zero moment (within the search's tolerance, 1 N mm).
last_history_row(${OUTPUT}/np1 last)
list(GET last 5 moment)
if(moment GREATER 1 OR moment LESS -1)
  message(FATAL_ERROR "the head's moment after the release is ${moment} N mm; 0 +- 1 expected")
endif()
message("turn ${turn_angle} deg, thrust reaction ${reaction_y} N, largest ligament force ${largest_force} N, moment after release ${moment} N mm")

# provenance.txt names where each region's material constants and each ligament curve in use come from,
# and the damage law's constants.
file(READ ${OUTPUT}/np1/provenance.txt provenance)
foreach(line "model: curve all: Yoganandan et al. 2001" "model: curve capsule_subaxial: VIVA+"
             "model: rate effect capsule_subaxial: gain 0.312 per decade above 1.63 /s: VIVA+"
             "model: region vertebra_c3: neo_hookean_coupled (" "constants: [M] E 3500 MPa, nu 0.29: BioMed Eng OnLine 2014"
             "constants: [M] E 10.4 MPa, nu 0.4: BMC Musculoskelet Disord 2021"
             "model: sub-failure damage: onset 0.62 of the elongation to failure (Quinn & Winkelstein 2007")
  string(FIND "${provenance}" "${line}" at)
  if(at LESS 0)
    message(FATAL_ERROR "provenance.txt lacks '${line}':\n${provenance}")
  endif()
endforeach()
