# BearSSL, the TLS library of the runtime's https:// client
# (wasi/http/Tls.cpp), built from source for every target like the rest of
# the runtime, its objects going into libwacc_rt.a.
#
# Why from source and not Debian's libbearssl-dev archive: that archive is
# built hardened (-fstack-protector-strong reads the canary at %fs:0x28, a
# thread pointer the runtime never sets up; _FORTIFY_SOURCE calls
# __memcpy_chk), as position-independent code, with open/read/time from libc
# for its entropy and clock, and only for the machine's own architecture.
# Its source package is the same code with Debian's patches; compiled here
# with clang-22 and the runtime's flags it needs only memcpy, memmove,
# memset, memcmp and strlen, and takes its time and entropy from the
# runtime (BR_USE_UNIX_TIME=0, BR_USE_URANDOM=0, BR_USE_GETENTROPY=0).
#
# WACC_BEARSSL_SOURCE_DIR names an unpacked BearSSL tree; when it is empty,
# configuring fetches Debian's source package `bearssl` once into the build
# tree (cmake/fetch-debian-source.sh: apt-get source through a deb-src list
# of its own; needs dpkg-dev, which setup.sh installs).
set(WACC_BEARSSL_SOURCE_DIR "" CACHE PATH "An unpacked BearSSL source tree (empty: fetch Debian's into the build tree)")
set(WACC_TLS_CA_FILE "/etc/ssl/certs/ca-certificates.crt" CACHE STRING
    "The PEM bundle of trusted certificate authorities https:// requests verify servers against, read at run time (wacc --tls-ca-file overrides it per executable)")

if(WACC_BEARSSL_SOURCE_DIR)
  set(WACC_BEARSSL_DIR ${WACC_BEARSSL_SOURCE_DIR})
else()
  set(WACC_BEARSSL_DIR ${CMAKE_BINARY_DIR}/_deps/bearssl)
  if(NOT EXISTS ${WACC_BEARSSL_DIR}/.fetched)
    message(STATUS "Fetching Debian's bearssl source package into ${WACC_BEARSSL_DIR}")
    execute_process(
      COMMAND bash ${PROJECT_SOURCE_DIR}/cmake/fetch-debian-source.sh bearssl ${WACC_BEARSSL_DIR}
      RESULT_VARIABLE fetch_result)
    if(NOT fetch_result EQUAL 0)
      message(FATAL_ERROR "Could not fetch BearSSL's source (see above); install it somewhere and pass "
                          "-DWACC_BEARSSL_SOURCE_DIR=<tree>")
    endif()
  endif()
endif()
if(NOT EXISTS ${WACC_BEARSSL_DIR}/inc/bearssl.h OR NOT EXISTS ${WACC_BEARSSL_DIR}/src/inner.h)
  message(FATAL_ERROR "${WACC_BEARSSL_DIR} is not a BearSSL source tree (no inc/bearssl.h, src/inner.h)")
endif()

file(GLOB_RECURSE WACC_BEARSSL_SOURCES RELATIVE ${WACC_BEARSSL_DIR}/src ${WACC_BEARSSL_DIR}/src/*.c)
list(SORT WACC_BEARSSL_SOURCES)

# C99 as upstream builds it; -w: third-party code, its warnings are not ours
# to fix. No -fno-builtin: memcpy and friends are the builtins through the
# include/string.h shim.
set(WACC_BEARSSL_FLAGS
  -ffreestanding -nostdlib -nostdlibinc -fno-stack-protector -fno-pic
  -fno-asynchronous-unwind-tables -fno-unwind-tables
  -ffunction-sections -fdata-sections
  -O2 -std=c99 -w
  -DBR_USE_UNIX_TIME=0 -DBR_USE_WIN32_TIME=0
  -DBR_USE_URANDOM=0 -DBR_USE_GETENTROPY=0 -DBR_USE_WIN32_RAND=0
  -isystem ${CMAKE_CURRENT_SOURCE_DIR}/bearssl/include
  -I${WACC_BEARSSL_DIR}/src
  -I${WACC_BEARSSL_DIR}/inc
)
