// wasi:cli/exit. The runtime keeps no buffers, so exiting is immediate.
#include "core/Syscall.h"
#include "wacc/WasiHostFunctions.h"

extern "C" void wacc_host_wasi_cli_exit_exit(uint32_t statusDiscriminant) {
  wacc_rt::SysExitGroup(statusDiscriminant == 0 ? 0 : 1);
}

// exit-with-code: func(status-code: u8), the status as given.
extern "C" void wacc_host_wasi_cli_exit_exit_with_code(uint32_t statusCode) {
  wacc_rt::SysExitGroup((int)(statusCode & 0xff));
}
