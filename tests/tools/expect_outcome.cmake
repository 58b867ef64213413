# Fails the calling test unless cspine exited with EXPECTED_CODE and what it printed (OUTPUT) matches
# PATTERN.
function(expect_outcome code expected_code output pattern)
  if(NOT code EQUAL expected_code)
    message(FATAL_ERROR "cspine exited with ${code}; ${expected_code} expected")
  endif()
  if(NOT "${output}" MATCHES "${pattern}")
    message(FATAL_ERROR "message does not match '${pattern}'")
  endif()
endfunction()
