// wasi:cli/terminal-input, terminal-output, terminal-stdin, terminal-stdout,
// terminal-stderr: a terminal handle exists only for a standard descriptor
// that is a tty (TCGETS succeeds). The resources have no methods.
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

bool IsTerminal(int fd) {
  alignas(8) unsigned char termios[64];
  return Sys(arch::kSysIoctl, fd, (long)kIoctlTcgets, (long)termios) == 0;
}

// option<terminal-*>: [0] 0 none / 1 some, [1] the rep.
void TerminalFor(int fd, HostKind kind, uint64_t* results) {
  bool terminal = IsTerminal(fd);
  results[0] = terminal ? 1 : 0;
  results[1] = terminal ? CreateHostObject(kind) : 0;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_cli_terminal_stdin_get_terminal_stdin(uint64_t* results) {
  TerminalFor(0, HostKind::kTerminalInput, results);
}
extern "C" void wacc_host_wasi_cli_terminal_stdout_get_terminal_stdout(uint64_t* results) {
  TerminalFor(1, HostKind::kTerminalOutput, results);
}
extern "C" void wacc_host_wasi_cli_terminal_stderr_get_terminal_stderr(uint64_t* results) {
  TerminalFor(2, HostKind::kTerminalOutput, results);
}
extern "C" void wacc_host_wasi_cli_terminal_input_resource_drop_terminal_input(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kTerminalInput);
}
extern "C" void wacc_host_wasi_cli_terminal_output_resource_drop_terminal_output(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kTerminalOutput);
}
