// memory.atomic.wait32/64 (the threads proposal) on a shared memory that
// holds the expected value. wacc runs a program on one thread and no thread
// can be spawned, so no memory.atomic.notify can ever wake the waiter: the
// wait lasts its whole timeout and then reports "timed-out", or, with a
// negative (infinite) timeout, lasts for ever, as a lone thread's does in
// Wasmtime. The compiled code has already checked the address and compared
// the value (lower/Atomics.cpp).
#include "core/Clock.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"

using namespace wacc_rt;

extern "C" int32_t wacc_rt_atomic_wait(int64_t timeoutNanoseconds) {
  constexpr int32_t kTimedOut = 2;
  if (timeoutNanoseconds < 0) {
    // ppoll with no descriptors and no timeout: sleeps until a signal.
    for (;;) syscall(arch::kSysPpoll, 0, 0, 0, 0, 8);
  }
  ClockTime timeout{timeoutNanoseconds / 1000000000, timeoutNanoseconds % 1000000000};
  uint64_t deadline = MonotonicNanoseconds() + uint64_t(timeoutNanoseconds);
  // A signal may cut the sleep short: sleep again for what is left.
  while (true) {
    syscall(arch::kSysPpoll, 0, 0, (long)&timeout, 0, 8);
    uint64_t now = MonotonicNanoseconds();
    if (now >= deadline) return kTimedOut;
    uint64_t left = deadline - now;
    timeout = {int64_t(left / 1000000000), int64_t(left % 1000000000)};
  }
}
