// Fibers (see Fiber.h). A new fiber's stack is prepared so that the first
// wacc_rt_fiber_switch into it "returns" into wacc_rt_fiber_entry with the
// entry function and its argument in callee-saved registers, which the
// switch restores like any other suspended fiber's.
#include "core/Fiber.h"

#include "core/PageAllocator.h"
#include "core/Syscall.h"

extern "C" void wacc_rt_fiber_switch(uint64_t* saveSp, const uint64_t* loadSp);
extern "C" void wacc_rt_fiber_entry();

namespace wacc_rt {
namespace {

Fiber* running = nullptr;

// Finished fibers' mappings, kept for the next fibers of the same size: an
// async call between components runs its callee on a fiber, so mapping a
// stack per call would dominate the call.
constexpr uint32_t kPoolSize = 16;
Fiber* pool[kPoolSize];
uint32_t pooled = 0;

// Runs on the fiber's own stack: the entry, then away for good.
void FiberMain(void* raw) {
  Fiber* fiber = static_cast<Fiber*>(raw);
  fiber->entry(fiber->arg);
  fiber->done = true;
  FiberSuspend();
  __builtin_trap();  // a finished fiber is never resumed
}

}  // namespace

Fiber* FiberNew(void (*entry)(void*), void* arg, size_t stackSize) {
  size_t size = RoundUpToPages(stackSize) + kPageSize;
  uint8_t* base;
  if (pooled && pool[pooled - 1]->mappingSize == size) {
    base = pool[--pooled]->mapping;
  } else {
    long mapping = SysMmap(nullptr, size, kProtRead | kProtWrite, kMapPrivate | kMapAnonymous | kMapNoReserve);
    if (IsSyscallError(mapping)) return nullptr;
    base = reinterpret_cast<uint8_t*>(mapping);
    SysMprotect(base, kPageSize, kProtNone);  // the guard page, below the stack
  }
  // The Fiber itself lives at the top of its stack.
  uint8_t* top = base + size - ((sizeof(Fiber) + 15) & ~size_t{15});
  Fiber* fiber = reinterpret_cast<Fiber*>(top);
  *fiber = Fiber{0, 0, base, size, entry, arg, false, nullptr};
  uint64_t* sp = reinterpret_cast<uint64_t*>(top);
#if defined(__x86_64__)
  // [top-8] padding, [top-16] the return address, then rbp, rbx, r12..r15
  // as wacc_rt_fiber_switch pops them (r15 lowest).
  *--sp = 0;
  *--sp = reinterpret_cast<uint64_t>(&wacc_rt_fiber_entry);
  *--sp = 0;                                       // rbp
  *--sp = 0;                                       // rbx
  *--sp = reinterpret_cast<uint64_t>(&FiberMain);  // r12: entry
  *--sp = reinterpret_cast<uint64_t>(fiber);       // r13: argument
  *--sp = 0;                                       // r14
  *--sp = 0;                                       // r15
#elif defined(__aarch64__)
  // A 176-byte frame: x19..x30 then d8..d15; x30 returns into the entry.
  sp -= 22;
  for (int i = 0; i < 22; ++i) sp[i] = 0;
  sp[0] = reinterpret_cast<uint64_t>(&FiberMain);             // x19: entry
  sp[1] = reinterpret_cast<uint64_t>(fiber);                  // x20: argument
  sp[11] = reinterpret_cast<uint64_t>(&wacc_rt_fiber_entry);  // x30
#endif
  fiber->sp = reinterpret_cast<uint64_t>(sp);
  return fiber;
}

void FiberResume(Fiber* fiber) {
  fiber->previous = running;
  running = fiber;
  wacc_rt_fiber_switch(&fiber->resumerSp, &fiber->sp);
  running = fiber->previous;
}

void FiberSuspend() {
  Fiber* fiber = running;
  wacc_rt_fiber_switch(&fiber->sp, &fiber->resumerSp);
}

Fiber* CurrentFiber() { return running; }

bool IsInRunningFiberGuard(uintptr_t address) {
  const Fiber* fiber = running;
  if (fiber == nullptr) return false;
  uintptr_t guard = reinterpret_cast<uintptr_t>(fiber->mapping);
  return address >= guard && address < guard + kPageSize;
}

void FiberFree(Fiber* fiber) {
  if (pooled < kPoolSize) {
    pool[pooled++] = fiber;  // the Fiber stays readable at the top of its stack
    return;
  }
  SysMunmap(fiber->mapping, fiber->mappingSize);
}

}  // namespace wacc_rt
