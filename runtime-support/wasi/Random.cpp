// wasi:random/random, insecure and insecure-seed (one file: the three
// interfaces are one source, the kernel's getrandom). The "insecure"
// functions are as good as the secure ones, which WASI permits.
#include "core/ResultArena.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

// Fills the buffer; the kernel's pool only fails to serve before it is
// seeded (then getrandom blocks) or on a bad buffer, so failure is fatal.
void FillRandom(void* buffer, uint64_t size) {
  auto* cursor = static_cast<uint8_t*>(buffer);
  while (size > 0) {
    long got = RetryInterrupted([&] { return Sys(arch::kSysGetrandom, (long)cursor, (long)size, 0); });
    if (got <= 0) Trap(WACC_TRAP_UNREACHABLE, "wasi:random (getrandom failed)");
    cursor += got;
    size -= (uint64_t)got;
  }
}

void RandomBytes(uint64_t length, uint64_t* results) {
  // The list is copied into guest memory, which holds at most 4 GiB.
  if (length > 0xffffffffu) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  ResetResultArena();
  void* bytes = AllocateResult(length == 0 ? 1 : length);
  FillRandom(bytes, length);
  results[0] = reinterpret_cast<uintptr_t>(bytes);
  results[1] = length;
}

uint64_t RandomU64() {
  uint64_t value;
  FillRandom(&value, sizeof value);
  return value;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_random_random_get_random_bytes(uint64_t length, uint64_t* results) {
  RandomBytes(length, results);
}
extern "C" void wacc_host_wasi_random_random_get_random_u64(uint64_t* results) { results[0] = RandomU64(); }
extern "C" void wacc_host_wasi_random_insecure_get_insecure_random_bytes(uint64_t length, uint64_t* results) {
  RandomBytes(length, results);
}
extern "C" void wacc_host_wasi_random_insecure_get_insecure_random_u64(uint64_t* results) { results[0] = RandomU64(); }
extern "C" void wacc_host_wasi_random_insecure_seed_insecure_seed(uint64_t* results) {
  results[0] = RandomU64();
  results[1] = RandomU64();
}
