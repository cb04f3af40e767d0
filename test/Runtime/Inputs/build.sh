#!/bin/sh
# Usage: build.sh <triple> <wacc_rt_dir> <test.c> <output>
# Builds a freestanding runtime test program the way wacc links its output:
# no crt files, no libc, ld.lld -static --gc-sections -e _start.
# $WACC_RT_INCLUDE is the build's generated runtime headers (lit sets it).
set -e
triple=$1 rtdir=$2 source=$3 output=$4
here=$(dirname "$0")
# A C++ test may use the runtime's internal headers (runtime-support/core/...).
case "$source" in
  *.cpp) language="-std=c++20 -fno-exceptions -fno-rtti -I$here/../../../runtime-support" ;;
  *) language="" ;;
esac
clang-22 --target="$triple" -ffreestanding -nostdlib -fno-pic -fno-stack-protector \
  -fno-asynchronous-unwind-tables -O1 -Wall $language \
  -I"$here/../../../runtime-support/include" -I"${WACC_RT_INCLUDE:?set by lit}" -I"$here" \
  -c "$source" -o "$output.o"
ld.lld-22 -static --gc-sections -e _start "$output.o" "$rtdir/$triple/libwacc_rt.a" -o "$output"
