// args_* and environ_*: the 0.2 wasi:cli/environment lists (the same
// arguments and granted environment a component sees), laid out as C
// strings: an array of pointers plus one buffer of NUL-terminated strings
// ("NAME=VALUE" for the environment).
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

// A list of strings, each made of `parts` pieces (name '=' value).
struct StringList {
  const uint64_t* slots;  // per string: (pointer, length) per piece
  uint64_t count;
  uint32_t parts;

  uint64_t textLength(uint64_t i) const {
    uint64_t length = parts - 1 + 1;  // the '=' between pieces, and the NUL
    for (uint32_t p = 0; p < parts; ++p) length += slots[(i * parts + p) * 2 + 1];
    return length;
  }
};

StringList Arguments() {
  uint64_t results[2];
  wacc_host_wasi_cli_environment_get_arguments(results);
  return {reinterpret_cast<const uint64_t*>(results[0]), results[1], 1};
}

StringList Environment() {
  uint64_t results[2];
  wacc_host_wasi_cli_environment_get_environment(results);
  return {reinterpret_cast<const uint64_t*>(results[0]), results[1], 2};
}

uint32_t Sizes(const StringList& list, uint32_t countOut, uint32_t sizeOut) {
  uint64_t size = 0;
  for (uint64_t i = 0; i < list.count; ++i) size += list.textLength(i);
  if (list.count > 0xffffffffu || size > 0xffffffffu) return kOverflow;
  if (!StoreU32(countOut, (uint32_t)list.count) || !StoreU32(sizeOut, (uint32_t)size)) return kFault;
  return kSuccess;
}

uint32_t Get(const StringList& list, uint32_t pointers, uint32_t buffer) {
  uint32_t cursor = buffer;
  for (uint64_t i = 0; i < list.count; ++i) {
    if (!StoreU32(pointers + (uint32_t)i * 4, cursor)) return kFault;
    for (uint32_t p = 0; p < list.parts; ++p) {
      const uint64_t* piece = list.slots + (i * list.parts + p) * 2;
      if (p > 0 && !StoreU8(cursor++, '=')) return kFault;
      if (!StoreBytes(cursor, reinterpret_cast<const void*>(piece[0]), piece[1])) return kFault;
      cursor += (uint32_t)piece[1];
    }
    if (!StoreU8(cursor++, 0)) return kFault;
  }
  return kSuccess;
}

}  // namespace
}  // namespace wacc_rt::p1

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_args_sizes_get(uint32_t argcOut, uint32_t argvBufSizeOut) {
  return Sizes(Arguments(), argcOut, argvBufSizeOut);
}

extern "C" uint32_t wacc_p1_args_get(uint32_t argv, uint32_t argvBuf) { return Get(Arguments(), argv, argvBuf); }

extern "C" uint32_t wacc_p1_environ_sizes_get(uint32_t countOut, uint32_t bufSizeOut) {
  return Sizes(Environment(), countOut, bufSizeOut);
}

extern "C" uint32_t wacc_p1_environ_get(uint32_t environ, uint32_t environBuf) {
  return Get(Environment(), environ, environBuf);
}
