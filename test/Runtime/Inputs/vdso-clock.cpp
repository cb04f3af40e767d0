// core/Clock.h: clock_gettime through the vDSO, and the system call when
// there is none (test/Runtime/vdso-clock.test). Every read through
// ClockGettime must lie between two system-call reads of the same clock,
// whichever way it goes; the vDSO is then switched off (InitClock with no
// auxiliary vector, and with one whose vDSO is not an ELF image) and the
// same holds for the fallback; then switched back on.
#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Syscall.h"

using namespace wacc_rt;

extern "C" const struct wacc_capabilities wacc_capabilities = {0, 0, nullptr, nullptr, 0, 0};

namespace {

uint64_t Nanoseconds(const ClockTime& t) { return (uint64_t)t.seconds * 1000000000u + (uint64_t)t.nanoseconds; }

uint64_t SyscallNow(int clock) {
  ClockTime t{};
  syscall(arch::kSysClockGettime, clock, (long)&t);
  return Nanoseconds(t);
}

// 1000 reads of each clock, each between two system-call reads; the
// monotonic ones never going back.
bool ReadsAgree() {
  uint64_t last = 0;
  for (int i = 0; i < 1000; ++i) {
    for (int clock = kClockIdRealtime; clock <= kClockIdMonotonic; ++clock) {
      uint64_t before = SyscallNow(clock);
      ClockTime t{-1, -1};
      if (ClockGettime(clock, &t) != 0 || t.nanoseconds < 0 || t.nanoseconds >= 1000000000) return false;
      uint64_t now = Nanoseconds(t), after = SyscallNow(clock);
      if (now < before || now > after) return false;
      if (clock == kClockIdMonotonic) {
        if (now < last) return false;
        last = now;
      }
    }
  }
  uint64_t m = MonotonicNanoseconds();
  return m >= last && m <= SyscallNow(kClockIdMonotonic);
}

// An unknown clock is the kernel's EINVAL either way.
bool RejectsBadClock() {
  ClockTime t{};
  return ClockGettime(12345, &t) == -22;
}

void Report(const char* what) {
  test_print(what);
  test_print(ClockUsesVdso() ? ": vdso" : ": syscall");
  test_print(ReadsAgree() ? ", reads agree" : ", READS DISAGREE");
  test_print(RejectsBadClock() ? ", bad clock EINVAL\n" : ", BAD CLOCK ACCEPTED\n");
}

const uintptr_t* Auxv() {
  const char* const* at = wacc_rt_envp();
  while (*at) ++at;
  return reinterpret_cast<const uintptr_t*>(at + 1);
}

}  // namespace

extern "C" int32_t wacc_main(void) {
  // X86: start-up: vdso, reads agree, bad clock EINVAL
  // AARCH64: start-up: {{vdso|syscall}}, reads agree, bad clock EINVAL
  Report("start-up");
  // CHECK: no auxv: syscall, reads agree, bad clock EINVAL
  InitClock(nullptr);
  Report("no auxv");
  // An AT_SYSINFO_EHDR that is no ELF image: ignored.
  // CHECK: not elf: syscall, reads agree, bad clock EINVAL
  static const uint8_t kNotElf[64] = {0x7f, 'E', 'L', 'F', 1};
  const uintptr_t fake[] = {33, reinterpret_cast<uintptr_t>(kNotElf), 0, 0};
  InitClock(fake);
  Report("not elf");
  // X86: again: vdso, reads agree, bad clock EINVAL
  // AARCH64: again: {{vdso|syscall}}, reads agree, bad clock EINVAL
  InitClock(Auxv());
  Report("again");
  return 0;
}
