// wacc_rt_trap: the one way a wasm trap ends the process.
#include "core/Trap.h"

#include "core/Output.h"
#include "core/Syscall.h"
#include "core/TrapRecovery.h"
#include "wacc/Runtime.h"

namespace wacc_rt {

const char* TrapReasonText(uint32_t reason) {
  static const char* const kTexts[WACC_TRAP_REASON_COUNT] = {
#define WACC_TRAP_REASON(name, value, text) text,
#include "wacc/TrapReasons.def"
#undef WACC_TRAP_REASON
  };

  return reason < WACC_TRAP_REASON_COUNT ? kTexts[reason] : "unknown trap";
}

[[noreturn]] void Trap(uint32_t reason, const char* function) {
  // Under wacc_rt_catch_trap the trap is a value, not the end.
  ResumeCaughtTrap(reason);
  MessageBuffer message;
  message.append("wasm trap: ").append(TrapReasonText(reason));
  if (function != nullptr) message.append(", in function ").append(function);
  message.append("\n");
  message.writeTo(2);
  SysExitGroup(WACC_TRAP_EXIT_STATUS);
}

}  // namespace wacc_rt

extern "C" void wacc_rt_trap(uint32_t reason, const char* function) { wacc_rt::Trap(reason, function); }
