// Turning hardware faults into wasm traps.
//
// Linear memories have no explicit bounds checks: an out-of-bounds access
// lands in the inaccessible part of the memory's reservation and raises
// SIGSEGV (or SIGBUS). Deep recursion runs into the guard page below the
// main stack. The handler runs on an alternate stack (the normal one may be
// exhausted), classifies the fault address and ends the process with the
// matching trap message. It only uses async-signal-safe runtime code.
#include "core/Signals.h"

#include "core/Fiber.h"
#include "core/FunctionNames.h"
#include "core/LinearMemory.h"
#include "core/MainStack.h"
#include "core/Output.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "core/TrapRecovery.h"
#include "wacc/Runtime.h"

extern "C" void wacc_rt_signal_return(void);  // arch/<arch>/Start.S

namespace wacc_rt {
namespace {

// The kernel's struct sigaction (not glibc's), identical on both targets.
struct KernelSigaction {
  void (*handler)(int, void*, void*);
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
};

struct KernelStack {
  void* base;
  int flags;
  size_t size;
};

constexpr unsigned long kSaSiginfo = 0x4, kSaOnstack = 0x08000000, kSaRestorer = 0x04000000;
constexpr uintptr_t kSigIgn = 1;
constexpr int kFatalSignalExitStatus = 139;
// How far from the stack pointer a fault still counts as running off the
// stack: covers a frame's stack probe and the red zone.
constexpr uintptr_t kStackFaultSlack = 64 * 1024;
// Below the stack's lowest possible page, the guard gap the kernel keeps.
constexpr uintptr_t kStackGuardGap = 1024 * 1024;

alignas(16) char gAlternateStack[64 * 1024];
uintptr_t gStackTop = 0;    // initial stack pointer: nothing above it is stack
uintptr_t gStackLimit = 0;  // RLIMIT_STACK, or 0 when unlimited/unknown

uintptr_t ReadContextWord(void* context, unsigned offset) {
  return *reinterpret_cast<uintptr_t*>(static_cast<char*>(context) + offset);
}

// siginfo_t: si_signo, si_errno, si_code (ints), padding, then si_addr.
uintptr_t FaultAddress(void* info) { return ReadContextWord(info, 16); }

// Exact for the stack wacc_main runs on (core/MainStack.h) and for a task's
// fiber (core/Fiber.h: its mapping may lie above the initial stack, as
// under qemu-user); the rest is a heuristic for code running on the
// kernel's stack.
bool IsStackExhaustion(uintptr_t fault, uintptr_t stackPointer) {
  if (IsInMainStackGuard(fault) || IsInRunningFiberGuard(fault)) return true;
  if (fault >= gStackTop) return false;
  if (fault + kStackFaultSlack >= stackPointer && fault < stackPointer + kStackFaultSlack) return true;
  return gStackLimit != 0 && gStackLimit < gStackTop && fault + kStackGuardGap >= gStackTop - gStackLimit;
}

// siginfo_t's si_code for SIGFPE.
constexpr int kFpeIntegerOverflow = 2;

// The name is only printed when nothing catches the trap, so a caught trap
// does not pay for the lookup.
const char* FunctionNameAt(uintptr_t pc) { return IsCatchingTraps() ? nullptr : wacc_function_name_at(pc); }

int SignalCode(void* info) { return *reinterpret_cast<int*>(static_cast<char*>(info) + 8); }

[[noreturn]] void FatalSignal(int signal) {
  MessageBuffer message;
  message.append("wacc: fatal signal ").appendDecimal((uint64_t)signal).append("\n");
  message.writeTo(2);
  SysExitGroup(kFatalSignalExitStatus);
}

// Generated code checks division and reaches `unreachable` through
// explicit traps, but a hardware division fault or trap instruction in it
// (llvm.trap) is still a wasm trap, never a raw signal death.
void OnArithmeticOrIllegal(int signal, void* info, void* context) {
  uintptr_t pc = ReadContextWord(context, arch::kUcontextProgramCounter);
  if (!IsInGeneratedCode(pc)) FatalSignal(signal);
  if (signal == kSigill) Trap(WACC_TRAP_UNREACHABLE, FunctionNameAt(pc));
  Trap(SignalCode(info) == kFpeIntegerOverflow ? WACC_TRAP_INT_OVERFLOW : WACC_TRAP_INT_DIVIDE_BY_ZERO,
       FunctionNameAt(pc));
}

void OnFault(int signal, void* info, void* context) {
  uintptr_t fault = FaultAddress(info);
  uintptr_t pc = ReadContextWord(context, arch::kUcontextProgramCounter);
  if (IsInLinearMemoryReservation(fault)) Trap(WACC_TRAP_MEMORY_OUT_OF_BOUNDS, FunctionNameAt(pc));
  uintptr_t stackPointer = ReadContextWord(context, arch::kUcontextStackPointer);
  if (IsStackExhaustion(fault, stackPointer)) Trap(WACC_TRAP_STACK_EXHAUSTED, FunctionNameAt(pc));
  FatalSignal(signal);
}

void SetAction(int signal, KernelSigaction* action) {
  syscall(arch::kSysRtSigaction, signal, (long)action, 0, sizeof(uint64_t));
}

void RecordStackBounds(uintptr_t initialStackPointer) {
  gStackTop = initialStackPointer;
  ResourceLimit limit;
  if (!IsSyscallError(SysGetResourceLimit(kRlimitStack, &limit)) && limit.current != ~0ull)
    gStackLimit = (uintptr_t)limit.current;
}

}  // namespace

void InstallSignalHandlers(uintptr_t initialStackPointer) {
  RecordStackBounds(initialStackPointer);

  KernelSigaction ignore = {};
  ignore.handler = reinterpret_cast<void (*)(int, void*, void*)>(kSigIgn);
  ignore.flags = kSaRestorer;
  ignore.restorer = wacc_rt_signal_return;
  SetAction(kSigpipe, &ignore);

  KernelStack alternate = {gAlternateStack, 0, sizeof(gAlternateStack)};
  syscall(arch::kSysSigaltstack, (long)&alternate, 0);

  KernelSigaction fault = {};
  fault.handler = OnFault;
  fault.flags = kSaSiginfo | kSaOnstack | kSaRestorer;
  fault.restorer = wacc_rt_signal_return;
  SetAction(kSigsegv, &fault);
  SetAction(kSigbus, &fault);

  KernelSigaction arithmetic = fault;
  arithmetic.handler = OnArithmeticOrIllegal;
  SetAction(kSigfpe, &arithmetic);
  SetAction(kSigill, &arithmetic);
}

}  // namespace wacc_rt
