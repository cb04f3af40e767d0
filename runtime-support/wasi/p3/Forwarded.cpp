// WASI 0.3 functions whose 0.2 counterparts have the same flat signature
// and meaning: wasi:cli/environment and exit, wasi:random, and the clocks'
// readings. Each forwards to the 0.2 host (runtime-support/wasi/).
#include "wacc/WasiHostFunctions.h"

extern "C" {

void wacc_host_p3_wasi_cli_environment_get_environment(uint64_t* results) {
  wacc_host_wasi_cli_environment_get_environment(results);
}
void wacc_host_p3_wasi_cli_environment_get_arguments(uint64_t* results) {
  wacc_host_wasi_cli_environment_get_arguments(results);
}
void wacc_host_p3_wasi_cli_environment_get_initial_cwd(uint64_t* results) {
  wacc_host_wasi_cli_environment_initial_cwd(results);
}

// Terminals: a 0.3 terminal-input/output is a 0.2 one (resources are
// matched by interface and name without version, so both share the reps
// and 0.2's resource-drop, which is what generated code calls).
void wacc_host_p3_wasi_cli_terminal_stdin_get_terminal_stdin(uint64_t* results) {
  wacc_host_wasi_cli_terminal_stdin_get_terminal_stdin(results);
}
void wacc_host_p3_wasi_cli_terminal_stdout_get_terminal_stdout(uint64_t* results) {
  wacc_host_wasi_cli_terminal_stdout_get_terminal_stdout(results);
}
void wacc_host_p3_wasi_cli_terminal_stderr_get_terminal_stderr(uint64_t* results) {
  wacc_host_wasi_cli_terminal_stderr_get_terminal_stderr(results);
}
void wacc_host_p3_wasi_cli_terminal_input_resource_drop_terminal_input(uint32_t rep) {
  wacc_host_wasi_cli_terminal_input_resource_drop_terminal_input(rep);
}
void wacc_host_p3_wasi_cli_terminal_output_resource_drop_terminal_output(uint32_t rep) {
  wacc_host_wasi_cli_terminal_output_resource_drop_terminal_output(rep);
}

void wacc_host_p3_wasi_cli_exit_exit(uint32_t statusCase) { wacc_host_wasi_cli_exit_exit(statusCase); }
void wacc_host_p3_wasi_cli_exit_exit_with_code(uint32_t statusCode) {
  wacc_host_wasi_cli_exit_exit_with_code(statusCode);
}

void wacc_host_p3_wasi_random_random_get_random_bytes(uint64_t maxLen, uint64_t* results) {
  wacc_host_wasi_random_random_get_random_bytes(maxLen, results);
}
void wacc_host_p3_wasi_random_random_get_random_u64(uint64_t* results) {
  wacc_host_wasi_random_random_get_random_u64(results);
}
void wacc_host_p3_wasi_random_insecure_get_insecure_random_bytes(uint64_t maxLen, uint64_t* results) {
  wacc_host_wasi_random_insecure_get_insecure_random_bytes(maxLen, results);
}
void wacc_host_p3_wasi_random_insecure_get_insecure_random_u64(uint64_t* results) {
  wacc_host_wasi_random_insecure_get_insecure_random_u64(results);
}
// One seed per process, as Wasmtime's context draws it once.
void wacc_host_p3_wasi_random_insecure_seed_get_insecure_seed(uint64_t* results) {
  static uint64_t seed[2];
  static bool drawn = false;
  if (!drawn) {
    wacc_host_wasi_random_insecure_seed_insecure_seed(seed);
    drawn = true;
  }
  results[0] = seed[0];
  results[1] = seed[1];
}

void wacc_host_p3_wasi_clocks_monotonic_clock_now(uint64_t* results) {
  wacc_host_wasi_clocks_monotonic_clock_now(results);
}
void wacc_host_p3_wasi_clocks_monotonic_clock_get_resolution(uint64_t* results) {
  wacc_host_wasi_clocks_monotonic_clock_resolution(results);
}
// instant { seconds: s64, nanoseconds: u32 } flattens as 0.2's datetime.
void wacc_host_p3_wasi_clocks_system_clock_now(uint64_t* results) { wacc_host_wasi_clocks_wall_clock_now(results); }
// 0.3 reports the resolution as a duration in nanoseconds.
void wacc_host_p3_wasi_clocks_system_clock_get_resolution(uint64_t* results) {
  uint64_t datetime[2];
  wacc_host_wasi_clocks_wall_clock_resolution(datetime);
  results[0] = datetime[0] * 1000000000u + datetime[1];
}

}  // extern "C"
