# Checks that a runtime archive defines exactly the host functions the
# generated header declares (wacc-wit gen-host-header): no WIT function
# without a definition (lld would only say so when a program calls it), no
# wacc_host_ definition WIT does not declare. Likewise for the preview1
# functions: a wacc_p1_/wacc_p0_ definition for every WACC_PREVIEW1_FUNCTION /
# WACC_PREVIEW0_FUNCTION of wacc/Preview1Functions.def (plus those
# wacc/RuntimeFunctions.def declares, such as wacc_p1_init), and no other.
# Touches STAMP when they agree.
#   cmake -DNM=<llvm-nm> -DARCHIVE=<libwacc_rt.a> -DHEADER=<WasiHostFunctions.h>
#         -DPREVIEW1_DEF=<Preview1Functions.def> -DRUNTIME_DEF=<RuntimeFunctions.def>
#         -DSTAMP=<file> -P CheckRuntimeSymbols.cmake
file(READ ${HEADER} header)
string(REGEX MATCHALL "wacc_host_[A-Za-z0-9_]+\\(" declared "${header}")
string(REPLACE "(" "" declared "${declared}")
list(REMOVE_DUPLICATES declared)

file(READ ${PREVIEW1_DEF} preview1_def)
string(REGEX MATCHALL "\n[ ]*WACC_PREVIEW[01]_FUNCTION\\([a-z0-9_]+" preview1_entries "${preview1_def}")
set(preview1_declared)
foreach(entry IN LISTS preview1_entries)
  string(REGEX MATCH "WACC_PREVIEW([01])_FUNCTION\\(([a-z0-9_]+)" _ "${entry}")
  list(APPEND preview1_declared "wacc_p${CMAKE_MATCH_1}_${CMAKE_MATCH_2}")
endforeach()
if(NOT preview1_declared)
  message(FATAL_ERROR "${PREVIEW1_DEF} declares no preview1 functions")
endif()
file(READ ${RUNTIME_DEF} runtime_def)
string(REGEX MATCHALL "wacc_p[01]_[A-Za-z0-9_]+" runtime_preview1 "${runtime_def}")
list(APPEND declared ${preview1_declared} ${runtime_preview1})
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
string(REGEX MATCHALL "wacc_(host|p[01])_[A-Za-z0-9_]+" defined "${nm_output}")
list(REMOVE_DUPLICATES defined)

set(missing ${declared})
list(REMOVE_ITEM missing ${defined})
set(extra ${defined})
list(REMOVE_ITEM extra ${declared})
if(missing OR extra)
  set(problems "")
  foreach(symbol IN LISTS missing)
    string(APPEND problems "\n  declared, not defined: ${symbol}")
  endforeach()
  foreach(symbol IN LISTS extra)
    string(APPEND problems "\n  defined, not declared: ${symbol}")
  endforeach()
  file(REMOVE ${STAMP})
  message(FATAL_ERROR "${ARCHIVE} does not implement wit/ and wacc/Preview1Functions.def exactly:${problems}")
endif()
file(WRITE ${STAMP} "${declared_count} host functions\n")
