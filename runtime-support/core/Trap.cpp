// wacc_rt_trap: the one way a wasm trap ends the process.
#include "core/Trap.h"

#include "core/Output.h"
#include "core/Syscall.h"
#include "core/TrapRecovery.h"
#include "wacc/Runtime.h"

namespace wacc_rt {

const char* trapReasonText(uint32_t reason) {
  static const char* const kTexts[WACC_TRAP_REASON_COUNT] = {
      "unreachable",
      "integer divide by zero",
      "integer overflow",
      "invalid conversion to integer",
      "out of bounds memory access",
      "out of bounds table access",
      "indirect call type mismatch",
      "uninitialized element",
      "call stack exhausted",
      "invalid resource handle",
      "invalid UTF-8 string",
      "invalid variant discriminant",
      "invalid char value",
      "unaligned pointer",
      "invalid bool value",
      "cannot enter component instance",
      "resource has outstanding borrows",
      "out of memory",
      "invalid UTF-16 string",
      "cannot leave component instance",
  };
  return reason < WACC_TRAP_REASON_COUNT ? kTexts[reason] : "unknown trap";
}

[[noreturn]] void trap(uint32_t reason, const char* function) {
  // Under wacc_rt_catch_trap the trap is a value, not the end.
  resumeCaughtTrap(reason);
  MessageBuffer message;
  message.append("wasm trap: ").append(trapReasonText(reason));
  if (function != nullptr) message.append(", in function ").append(function);
  message.append("\n");
  message.writeTo(2);
  sysExitGroup(WACC_TRAP_EXIT_STATUS);
}

}  // namespace wacc_rt

extern "C" void wacc_rt_trap(uint32_t reason, const char* function) {
  wacc_rt::trap(reason, function);
}
