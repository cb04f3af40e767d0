/* The WASI host functions the runtime implements, as generated code calls
 * them. Names and flattened signatures follow the rule in Runtime.h; every
 * resource (stream, error) is passed and returned as the host's rep.
 *
 * Result slot layouts used below:
 *   result<_, stream-error>    [0] 0 ok / 1 err, [1] 0 last-operation-failed /
 *                              1 closed, [2] rep of the wasi:io/error `error`
 *                              (last-operation-failed only)
 *   result<u64, stream-error>  [0] 0 ok / 1 err, [1] the u64 when ok, else the
 *                              stream-error case, [2] as above
 *   string                     [0] host pointer, [1] length in bytes
 */
#ifndef WACC_WASI_HOST_H
#define WACC_WASI_HOST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* wasi:cli/stdin, stdout, stderr: results[0] = rep of a new stream. */
void wacc_host_wasi_cli_stdin_get_stdin(uint64_t* results);
void wacc_host_wasi_cli_stdout_get_stdout(uint64_t* results);
void wacc_host_wasi_cli_stderr_get_stderr(uint64_t* results);

/* wasi:cli/exit exit: func(status: result): 0 (ok) exits 0, else exits 1. */
__attribute__((noreturn)) void wacc_host_wasi_cli_exit_exit(uint32_t status_discriminant);

/* wasi:io/streams output-stream. */
void wacc_host_wasi_io_streams_method_output_stream_check_write(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_write(uint32_t self, const void* contents,
                                                          uint32_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(
    uint32_t self, const void* contents, uint32_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_flush(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_flush(uint32_t self,
                                                                   uint64_t* results);
void wacc_host_wasi_io_streams_resource_drop_output_stream(uint32_t rep);

/* wasi:io/streams input-stream (only dropping, for now). */
void wacc_host_wasi_io_streams_resource_drop_input_stream(uint32_t rep);

/* wasi:io/error error. The string stays valid until the runtime is next called. */
void wacc_host_wasi_io_error_method_error_to_debug_string(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_error_resource_drop_error(uint32_t rep);

#ifdef __cplusplus
}
#endif

#endif /* WACC_WASI_HOST_H */
