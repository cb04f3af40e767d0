# Checks that a runtime archive defines exactly the host functions the
# generated header declares (wacc-wit gen-host-header): no WIT function
# without a definition (lld would only say so when a program calls it), no
# wacc_host_ definition WIT does not declare. Touches STAMP when they agree.
#   cmake -DNM=<llvm-nm> -DARCHIVE=<libwacc_rt.a> -DHEADER=<WasiHostFunctions.h>
#         -DSTAMP=<file> -P CheckRuntimeSymbols.cmake
file(READ ${HEADER} header)
string(REGEX MATCHALL "wacc_host_[A-Za-z0-9_]+\\(" declared "${header}")
string(REPLACE "(" "" declared "${declared}")
list(REMOVE_DUPLICATES declared)
list(LENGTH declared declared_count)
if(declared_count EQUAL 0)
  message(FATAL_ERROR "${HEADER} declares no host functions")
endif()

execute_process(
  COMMAND ${NM} --defined-only --extern-only --format=just-symbols ${ARCHIVE}
  OUTPUT_VARIABLE nm_output
  RESULT_VARIABLE nm_result)
if(NOT nm_result EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${ARCHIVE}")
endif()
string(REGEX MATCHALL "wacc_host_[A-Za-z0-9_]+" defined "${nm_output}")
list(REMOVE_DUPLICATES defined)

set(missing ${declared})
list(REMOVE_ITEM missing ${defined})
set(extra ${defined})
list(REMOVE_ITEM extra ${declared})
if(missing OR extra)
  set(problems "")
  foreach(symbol IN LISTS missing)
    string(APPEND problems "\n  declared by WIT, not defined: ${symbol}")
  endforeach()
  foreach(symbol IN LISTS extra)
    string(APPEND problems "\n  defined, not declared by WIT: ${symbol}")
  endforeach()
  file(REMOVE ${STAMP})
  message(FATAL_ERROR "${ARCHIVE} does not implement wit/ exactly:${problems}")
endif()
file(WRITE ${STAMP} "${declared_count} host functions\n")
