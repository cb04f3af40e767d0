// wasi:cli/exit. The runtime keeps no buffers, so exiting is immediate;
// but exiting from a request a wasi:http server runs in-process ends that
// request, not the server (as a worker process's exit would).
#include "core/Snapshot.h"
#include "core/Syscall.h"
#include "core/TrapRecovery.h"
#include "wacc/WasiHostFunctions.h"

namespace {

[[noreturn]] void Exit(int status) {
  if (wacc_rt::CurrentAllocationPhase() == wacc_rt::AllocationPhase::kGuest)
    wacc_rt::ResumeCaughtTrap(wacc_rt::kGuestExited);
  wacc_rt::SysExitGroup(status);
}

}  // namespace

extern "C" void wacc_host_wasi_cli_exit_exit(uint32_t statusDiscriminant) { Exit(statusDiscriminant == 0 ? 0 : 1); }

// exit-with-code: func(status-code: u8), the status as given.
extern "C" void wacc_host_wasi_cli_exit_exit_with_code(uint32_t statusCode) { Exit((int)(statusCode & 0xff)); }
