// Fibers: stacks of their own for stackful async tasks (WASI 0.3: an
// export lifted `async` without a callback runs until it waits, then the
// caller continues; the event loop resumes it when its event arrives).
// The switch itself is per architecture (arch/<arch>/FiberSwitch.S), like
// trap recovery's context code.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wacc_rt {

struct Fiber {
  uint64_t sp;         // saved stack pointer while suspended
  uint64_t resumerSp;  // where Suspend returns to (who resumed it)
  uint8_t* mapping;    // guard page + stack
  size_t mappingSize;
  void (*entry)(void*);
  void* arg;
  bool done;        // entry returned; the fiber is never resumed again
  Fiber* previous;  // the fiber running when this one was resumed
};

// A fiber that will run entry(arg) when first resumed, on a stack of
// `stackSize` bytes with an inaccessible guard page below it (an overflow
// faults instead of overwriting memory). Null when the kernel refuses.
Fiber* FiberNew(void (*entry)(void*), void* arg, size_t stackSize);
// Runs the fiber until it suspends or its entry returns.
void FiberResume(Fiber* fiber);
// From inside the running fiber: back to whoever resumed it.
void FiberSuspend();
// The fiber running now, or null on the main stack.
Fiber* CurrentFiber();
// True if `address` lies in the guard page of the running fiber's stack (a
// fault there is a stack overflow). Async-signal-safe.
bool IsInRunningFiberGuard(uintptr_t address);
// Releases a fiber that is done, never ran, or is suspended and will never
// be resumed (its frames must hold nothing to release); not the running one.
void FiberFree(Fiber* fiber);

}  // namespace wacc_rt
