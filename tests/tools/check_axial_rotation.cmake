# Runs the calibrated axial-rotation case (CONFIG, from the source root) and fails if C1-C2 at 1.5 N m
# leaves 38.9 deg +- 10 % (Panjabi et al. 1988, published-data in validation/data/panjabi1988.csv).
# C0-C1 is printed beside it. Variables: CSPINE, READBACK, MPIEXEC, MPIFLAGS, CONFIG, OUTPUT.
include(${CMAKE_CURRENT_LIST_DIR}/cspine_run.cmake)
run_cspine_and_read_back(1 ${CONFIG} ${OUTPUT})
file(STRINGS ${OUTPUT}/kinematics.csv rows REGEX "^[0-9]+,")
list(FILTER rows INCLUDE REGEX ",load_1\\.5,c[01]_c[12],")
foreach(row ${rows})
  string(REPLACE "," ";" values "${row}")
  list(GET values 3 pair)
  list(GET values 6 about_z)
  list(GET values 7 about_head_axis)
  set(${pair}_z ${about_z})
  set(${pair}_axis ${about_head_axis})
endforeach()
if(NOT DEFINED c1_c2_axis OR NOT DEFINED c0_c1_z)
  message(FATAL_ERROR "kinematics.csv has no c0_c1 and c1_c2 rows for the 1.5 N m step")
endif()
message("at 1.5 N m: C1-C2 ${c1_c2_axis} deg (Panjabi 1988: 38.9 deg, +-10 %: 35.01-42.79), "
        "C0-C1 ${c0_c1_z} deg (7.2 deg)")
if(c1_c2_axis LESS 35.01 OR c1_c2_axis GREATER 42.79)
  message(FATAL_ERROR "C1-C2 axial rotation ${c1_c2_axis} deg is outside 38.9 deg +- 10 %")
endif()
