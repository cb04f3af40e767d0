#include "core/MainStack.h"

#include "core/PageAllocator.h"
#include "core/Syscall.h"

extern "C" int32_t wacc_rt_call_on_stack(int32_t (*function)(void), void* stackTop);  // Start.S

namespace wacc_rt {
namespace {

constexpr uint64_t kMiB = 1024 * 1024;
// Used when RLIMIT_STACK is unlimited; a finite limit is honoured, clamped.
constexpr uint64_t kDefaultStackSize = 64 * kMiB;
constexpr uint64_t kMinStackSize = 1 * kMiB;
constexpr uint64_t kMaxStackSize = 4096 * kMiB;
// Big enough that no single frame (even one without stack probes) can step
// over it into unrelated memory.
constexpr uint64_t kGuardSize = 16 * kMiB;
constexpr int kMapStack = 0x20000;

uintptr_t gGuardBegin = 0, gGuardEnd = 0;

uint64_t StackSize() {
  ResourceLimit limit;
  if (IsSyscallError(SysGetResourceLimit(kRlimitStack, &limit)) || limit.current == ~0ull) return kDefaultStackSize;
  uint64_t size = limit.current;
  if (size < kMinStackSize) size = kMinStackSize;
  if (size > kMaxStackSize) size = kMaxStackSize;
  return RoundUpToPages(size);
}

}  // namespace

int32_t RunOnMainStack(int32_t (*function)(void)) {
  uint64_t size = StackSize();
  long mapping =
      SysMmap(nullptr, kGuardSize + size, kProtNone, kMapPrivate | kMapAnonymous | kMapNoReserve | kMapStack);
  if (IsSyscallError(mapping)) return function();
  uint8_t* guard = reinterpret_cast<uint8_t*>(mapping);
  if (IsSyscallError(SysMprotect(guard + kGuardSize, size, kProtRead | kProtWrite))) return function();
  gGuardBegin = reinterpret_cast<uintptr_t>(guard);
  gGuardEnd = gGuardBegin + kGuardSize;
  return wacc_rt_call_on_stack(function, guard + kGuardSize + size);
}

bool IsInMainStackGuard(uintptr_t address) { return address >= gGuardBegin && address < gGuardEnd; }

}  // namespace wacc_rt
