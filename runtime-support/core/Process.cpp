// Process start-up and exit: the C++ half of `_start` (arch/<arch>/Start.S).
#include "core/Clock.h"
#include "core/LinearMemory.h"
#include "core/MainStack.h"
#include "core/Signals.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"

namespace {

int32_t gArgc = 0;
const char* const* gArgv = nullptr;
const char* const* gEnvp = nullptr;

// The kernel's initial stack: argc, argv[0..argc), NULL, envp..., NULL,
// then the auxiliary vector (core/Auxv.h).
void RecordArguments(uintptr_t* initialStack) {
  gArgc = (int32_t)initialStack[0];
  gArgv = reinterpret_cast<const char* const*>(initialStack + 1);
  gEnvp = gArgv + gArgc + 1;
  const char* const* end = gEnvp;
  while (*end) ++end;
  const uintptr_t* auxv = reinterpret_cast<const uintptr_t*>(end + 1);
  wacc_rt::InitClock(auxv);
  wacc_rt::ConfigureHugePages(auxv);
}

}  // namespace

extern "C" [[noreturn]] void wacc_rt_start(uintptr_t* initialStack) {
  RecordArguments(initialStack);
  wacc_rt::InstallSignalHandlers(reinterpret_cast<uintptr_t>(initialStack));
  wacc_rt::SysExitGroup(wacc_rt::RunOnMainStack(wacc_main));
}

extern "C" int32_t wacc_rt_argc(void) { return gArgc; }
extern "C" const char* const* wacc_rt_argv(void) { return gArgv; }
extern "C" const char* const* wacc_rt_envp(void) { return gEnvp; }

extern "C" void wacc_rt_exit(int32_t status) { wacc_rt::SysExitGroup(status); }
