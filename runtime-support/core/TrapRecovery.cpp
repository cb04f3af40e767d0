// wacc_rt_catch_trap: running a function so that a trap returns to the
// caller instead of ending the process.
//
// A catch frame saves the callee-saved registers, stack pointer and return
// address (arch/<arch>/TrapContext.S). A trap, whether from wacc_rt_trap or
// from the fault handler running on the alternate signal stack, jumps back
// to the innermost frame. Nothing on the abandoned wasm frames needs
// unwinding: generated code holds no resources. Linear memory, tables and
// globals keep what was written to them before the trap, with one limit: at
// -O1/-O2 LLVM treats a load as free of side effects, so a store (to a
// global or to memory) that the trapping load does not depend on may be
// moved past it and never happen. Only a caller that reads the instance
// after its trap can see that (the wast harness; the spec suites do not
// test it); the component model forbids re-entering a trapped instance.
// The fault handler's signal is still blocked when it jumps out (it never
// returns through rt_sigreturn), so the resumed frame unblocks the fault
// signals before returning.
#include "core/TrapRecovery.h"

#include "core/Syscall.h"
#include "wacc/Runtime.h"

extern "C" {
// arch/<arch>/TrapContext.S
__attribute__((returns_twice)) uint32_t wacc_rt_save_context(uint64_t* context);
[[noreturn]] void wacc_rt_resume_context(const uint64_t* context, uint32_t value);
}

namespace wacc_rt {
namespace {

struct CatchFrame {
  uint64_t context[24];  // large enough for both architectures' layouts
  CatchFrame* previous;
};

CatchFrame* volatile gInnermost = nullptr;

void UnblockFaultSignals() {
  uint64_t mask =
      (1ull << (kSigsegv - 1)) | (1ull << (kSigbus - 1)) | (1ull << (kSigfpe - 1)) | (1ull << (kSigill - 1));
  syscall(arch::kSysRtSigprocmask, kSigUnblock, (long)&mask, 0, sizeof(mask));
}

}  // namespace

void ResumeCaughtTrap(uint32_t reason) {
  CatchFrame* frame = gInnermost;
  if (frame == nullptr) return;
  // The resumed value must be nonzero: 0 means "saved".
  wacc_rt_resume_context(frame->context, reason + 1);
}

bool IsCatchingTraps() { return gInnermost != nullptr; }

}  // namespace wacc_rt

extern "C" int32_t wacc_rt_catch_trap(void (*function)(void*), void* argument) {
  using namespace wacc_rt;
  CatchFrame frame;
  frame.previous = gInnermost;
  uint32_t resumed = wacc_rt_save_context(frame.context);
  if (resumed != 0) {
    gInnermost = frame.previous;
    UnblockFaultSignals();
    return (int32_t)(resumed - 1);
  }
  gInnermost = &frame;
  function(argument);
  gInnermost = frame.previous;
  return -1;
}
