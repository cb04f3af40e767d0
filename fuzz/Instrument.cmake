# Included by the top-level CMakeLists.txt when WACC_FUZZ is on, before the
# compiler's stages are defined: every object of this tree is compiled with
# libFuzzer's coverage instrumentation and the address and undefined-behaviour
# sanitizers. LLVM and abseil stay the system's uninstrumented libraries.
#
# The toolchain is checked here so that a missing one fails the build (and
# with it the check target) with a message saying what to install.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 22)
  message(FATAL_ERROR "WACC_FUZZ needs clang 22 (found ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}): "
                      "configure with -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22")
endif()

set(WACC_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all)

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }
]] WACC_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT WACC_HAVE_LIBFUZZER)
  # Not cached as a failure: the next configure checks again.
  unset(WACC_HAVE_LIBFUZZER CACHE)
  message(FATAL_ERROR "clang++-22 cannot link a libFuzzer target with the address and undefined-behaviour "
                      "sanitizers: install Debian's libclang-rt-22-dev (setup.sh does)")
endif()

# -O1 keeps the sanitizers' reports exact and fuzzing fast; line tables are
# enough for symbolised stack traces and keep the objects small. Whatever the
# build type, assertions stay on: those of LLVM's headers (casts, IRBuilder's
# type checks) are inlined into the translator and are oracles too.
add_compile_options(-fsanitize=fuzzer-no-link ${WACC_SANITIZERS} -fno-omit-frame-pointer -O1 -gline-tables-only
                    -UNDEBUG)
add_link_options(${WACC_SANITIZERS})
