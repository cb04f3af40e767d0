// wasi:cli/stdin, wasi:cli/stdout, wasi:cli/stderr: streams on fds 0, 1, 2.
#include "wacc/WasiHostFunctions.h"
#include "wasi/Streams.h"

using namespace wacc_rt;

extern "C" void wacc_host_wasi_cli_stdin_get_stdin(uint64_t* results) { results[0] = NewInputStream(0); }

extern "C" void wacc_host_wasi_cli_stdout_get_stdout(uint64_t* results) { results[0] = NewOutputStream(1); }

extern "C" void wacc_host_wasi_cli_stderr_get_stderr(uint64_t* results) { results[0] = NewOutputStream(2); }
