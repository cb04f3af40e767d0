/* The WASI host functions the runtime implements, as generated code calls
 * them. Names and flattened signatures follow the rule in Runtime.h; every
 * resource is passed and returned as the host's rep, a `borrow<T>` param
 * as the rep too. Host pointers in results stay valid until the runtime is
 * called again.
 *
 * Result slot layouts (one uint64_t per flat value, in canonical-ABI
 * flattening order, variant payloads joined):
 *   result<_, stream-error>     [0] 0 ok / 1 err, [1] 0 last-operation-failed /
 *                               1 closed, [2] rep of the wasi:io/error `error`
 *                               (last-operation-failed only)
 *   result<u64, stream-error>   [0] 0 ok / 1 err, [1] the u64 when ok, else the
 *                               stream-error case, [2] as above
 *   result<list<u8>, stream-error>  [0] disc, [1] pointer or the case, [2] length
 *                               or the error rep
 *   string, list<T>             [0] host pointer, [1] element count; lists of
 *                               non-plain T point to count*F uint64 slots
 *                               (Runtime.h), e.g. list<string> {ptr, len} each
 *   option<T>                   [0] 0 none / 1 some, [1..] T
 *   result<T, error-code>       [0] 0 ok / 1 err, [1] T's first slot or the
 *                               error-code case, [2..] T's other slots
 *   descriptor-stat             type, link-count, size, then three
 *                               option<datetime> (disc, seconds, nanoseconds)
 *   result<option<directory-entry>, error-code>
 *                               [0] disc, [1] option disc or the error, [2] type,
 *                               [3] name pointer, [4] name length
 *   result<tuple<list<u8>, bool>, error-code>
 *                               [0] disc, [1] pointer or the error, [2] length,
 *                               [3] end-of-file
 *   new-timestamp params        (kind: 0 no-change / 1 now / 2 timestamp,
 *                               seconds, nanoseconds)
 */
#ifndef WACC_WASI_HOST_H
#define WACC_WASI_HOST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* wasi:cli/environment. */
void wacc_host_wasi_cli_environment_get_environment(uint64_t* results);
void wacc_host_wasi_cli_environment_get_arguments(uint64_t* results);
void wacc_host_wasi_cli_environment_initial_cwd(uint64_t* results);

/* wasi:cli/exit. */
__attribute__((noreturn)) void wacc_host_wasi_cli_exit_exit(uint32_t statusDiscriminant);
__attribute__((noreturn)) void wacc_host_wasi_cli_exit_exit_with_code(uint32_t statusCode);

/* wasi:cli/stdin, stdout, stderr: results[0] = rep of a new stream. */
void wacc_host_wasi_cli_stdin_get_stdin(uint64_t* results);
void wacc_host_wasi_cli_stdout_get_stdout(uint64_t* results);
void wacc_host_wasi_cli_stderr_get_stderr(uint64_t* results);

/* wasi:cli/terminal-*: option<terminal-*> is [0] 0 none / 1 some, [1] rep. */
void wacc_host_wasi_cli_terminal_stdin_get_terminal_stdin(uint64_t* results);
void wacc_host_wasi_cli_terminal_stdout_get_terminal_stdout(uint64_t* results);
void wacc_host_wasi_cli_terminal_stderr_get_terminal_stderr(uint64_t* results);
void wacc_host_wasi_cli_terminal_input_resource_drop_terminal_input(uint32_t rep);
void wacc_host_wasi_cli_terminal_output_resource_drop_terminal_output(uint32_t rep);

/* wasi:clocks/monotonic-clock (nanoseconds; subscribe-* return a pollable rep). */
void wacc_host_wasi_clocks_monotonic_clock_now(uint64_t* results);
void wacc_host_wasi_clocks_monotonic_clock_resolution(uint64_t* results);
void wacc_host_wasi_clocks_monotonic_clock_subscribe_instant(uint64_t when, uint64_t* results);
void wacc_host_wasi_clocks_monotonic_clock_subscribe_duration(uint64_t duration, uint64_t* results);

/* wasi:clocks/wall-clock: datetime is [0] seconds, [1] nanoseconds. */
void wacc_host_wasi_clocks_wall_clock_now(uint64_t* results);
void wacc_host_wasi_clocks_wall_clock_resolution(uint64_t* results);

/* wasi:filesystem/preopens. */
void wacc_host_wasi_filesystem_preopens_get_directories(uint64_t* results);

/* wasi:filesystem/types descriptor and directory-entry-stream. */
void wacc_host_wasi_filesystem_types_method_descriptor_read_via_stream(uint32_t self, uint64_t offset, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_write_via_stream(uint32_t self, uint64_t offset, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_append_via_stream(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_advise(uint32_t self, uint64_t offset, uint64_t length, uint32_t advice, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_sync_data(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_sync(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_get_flags(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_get_type(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_set_size(uint32_t self, uint64_t size, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_set_times(uint32_t self, uint32_t accessKind, uint64_t accessSeconds, uint32_t accessNanoseconds, uint32_t modifyKind, uint64_t modifySeconds, uint32_t modifyNanoseconds, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_read(uint32_t self, uint64_t length, uint64_t offset, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_write(uint32_t self, const void* buffer, uint32_t length, uint64_t offset, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_stat(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_is_same_object(uint32_t self, uint32_t other, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_stat_at(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash_at(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_set_times_at(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint32_t accessKind, uint64_t accessSeconds, uint32_t accessNanoseconds, uint32_t modifyKind, uint64_t modifySeconds, uint32_t modifyNanoseconds, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_open_at(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint32_t openFlags, uint32_t flags, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_readlink_at(uint32_t self, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_create_directory_at(uint32_t self, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_remove_directory_at(uint32_t self, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_unlink_file_at(uint32_t self, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_symlink_at(uint32_t self, const char* target, uint32_t targetLength, const char* path, uint32_t length, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_link_at(uint32_t self, uint32_t oldPathFlags, const char* oldPath, uint32_t oldLength, uint32_t newDirectory, const char* newPath, uint32_t newLength, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_rename_at(uint32_t self, const char* oldPath, uint32_t oldLength, uint32_t newDirectory, const char* newPath, uint32_t newLength, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_descriptor_read_directory(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(uint32_t self, uint64_t* results);
void wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream(uint32_t rep);
void wacc_host_wasi_filesystem_types_resource_drop_descriptor(uint32_t rep);

/* wasi:filesystem/types filesystem-error-code: [0] 0 none / 1 some, [1] error-code. */
void wacc_host_wasi_filesystem_types_filesystem_error_code(uint32_t error, uint64_t* results);

/* wasi:io/error. */
void wacc_host_wasi_io_error_method_error_to_debug_string(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_error_resource_drop_error(uint32_t rep);

/* wasi:io/poll. */
void wacc_host_wasi_io_poll_method_pollable_ready(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_poll_method_pollable_block(uint32_t self);
void wacc_host_wasi_io_poll_poll(const uint64_t* in, uint32_t count, uint64_t* results);
void wacc_host_wasi_io_poll_resource_drop_pollable(uint32_t rep);

/* wasi:io/streams. */
void wacc_host_wasi_io_streams_method_output_stream_check_write(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_write(uint32_t self, const void* contents, uint32_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(uint32_t self, const void* contents, uint32_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_flush(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_flush(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_write_zeroes(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_write_zeroes_and_flush(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_splice(uint32_t self, uint32_t source, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_output_stream_blocking_splice(uint32_t self, uint32_t source, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_resource_drop_output_stream(uint32_t rep);
void wacc_host_wasi_io_streams_method_input_stream_read(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_input_stream_blocking_read(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_input_stream_skip(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_input_stream_blocking_skip(uint32_t self, uint64_t length, uint64_t* results);
void wacc_host_wasi_io_streams_method_input_stream_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_io_streams_resource_drop_input_stream(uint32_t rep);

/* wasi:random/random, insecure, insecure-seed (list<u8> as [0] pointer, [1] length). */
void wacc_host_wasi_random_random_get_random_bytes(uint64_t length, uint64_t* results);
void wacc_host_wasi_random_random_get_random_u64(uint64_t* results);
void wacc_host_wasi_random_insecure_get_insecure_random_bytes(uint64_t length, uint64_t* results);
void wacc_host_wasi_random_insecure_get_insecure_random_u64(uint64_t* results);
void wacc_host_wasi_random_insecure_seed_insecure_seed(uint64_t* results);

/* wasi:sockets. An ip-socket-address parameter arrives as 12 flat values:
 * the case (0 ipv4 / 1 ipv6), then ipv4 (port, 4 octets) or ipv6 (port,
 * flow-info, 8 segments, scope-id), padded with zeros; results hold it in
 * the same 12 slots. error-code is the WIT case index. Without
 * --inherit-network, everything that would reach the network (bind,
 * connect, listen, sending to an address, resolve-addresses) fails with
 * access-denied; instance-network and creating sockets still work. */
void wacc_host_wasi_sockets_instance_network_instance_network(uint64_t* results);
void wacc_host_wasi_sockets_network_resource_drop_network(uint32_t rep);

/* ip-name-lookup: resolve-next-address fills [0] disc, [1] option disc or
 * the error, [2] 0 ipv4 / 1 ipv6, [3..10] octets or segments. */
void wacc_host_wasi_sockets_ip_name_lookup_resolve_addresses(uint32_t network, const char* name, uint32_t length, uint64_t* results);
void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_ip_name_lookup_resource_drop_resolve_address_stream(uint32_t rep);

/* tcp-create-socket and tcp: finish-connect fills [0] disc, [1] input
 * stream, [2] output stream; accept [0] disc, [1] socket, [2] input, [3]
 * output; local/remote-address [0] disc, [1..12] the address. */
void wacc_host_wasi_sockets_tcp_create_socket_create_tcp_socket(uint32_t family, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_bind(uint32_t self, uint32_t network, uint32_t addressCase, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6, uint32_t a7, uint32_t a8, uint32_t a9, uint32_t a10, uint32_t a11, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_bind(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_connect(uint32_t self, uint32_t network, uint32_t addressCase, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6, uint32_t a7, uint32_t a8, uint32_t a9, uint32_t a10, uint32_t a11, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_connect(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_listen(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_listen(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_accept(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_local_address(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_remote_address(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_is_listening(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_address_family(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_listen_backlog_size(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_enabled(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_enabled(uint32_t self, uint32_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_idle_time(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_idle_time(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_interval(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_interval(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_count(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_count(uint32_t self, uint32_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_hop_limit(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_hop_limit(uint32_t self, uint32_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_receive_buffer_size(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_receive_buffer_size(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_send_buffer_size(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_send_buffer_size(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_tcp_method_tcp_socket_shutdown(uint32_t self, uint32_t how, uint64_t* results);
void wacc_host_wasi_sockets_tcp_resource_drop_tcp_socket(uint32_t rep);

/* udp-create-socket and udp: `stream` takes option<ip-socket-address> as its
 * discriminant then the 12 address values, and fills [0] disc, [1] incoming,
 * [2] outgoing. receive's list holds 14 slots per datagram (data pointer,
 * length, address); send's 15 (data pointer, length, option disc, address). */
void wacc_host_wasi_sockets_udp_create_socket_create_udp_socket(uint32_t family, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_start_bind(uint32_t self, uint32_t network, uint32_t addressCase, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6, uint32_t a7, uint32_t a8, uint32_t a9, uint32_t a10, uint32_t a11, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_finish_bind(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_stream(uint32_t self, uint32_t hasRemote, uint32_t addressCase, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6, uint32_t a7, uint32_t a8, uint32_t a9, uint32_t a10, uint32_t a11, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_local_address(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_remote_address(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_address_family(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_unicast_hop_limit(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_set_unicast_hop_limit(uint32_t self, uint32_t value, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_receive_buffer_size(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_set_receive_buffer_size(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_send_buffer_size(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_set_send_buffer_size(uint32_t self, uint64_t value, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_udp_socket_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_resource_drop_udp_socket(uint32_t rep);
void wacc_host_wasi_sockets_udp_method_incoming_datagram_stream_receive(uint32_t self, uint64_t maxResults, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_incoming_datagram_stream_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_resource_drop_incoming_datagram_stream(uint32_t rep);
void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_check_send(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_send(uint32_t self, const uint64_t* datagrams, uint32_t count, uint64_t* results);
void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_subscribe(uint32_t self, uint64_t* results);
void wacc_host_wasi_sockets_udp_resource_drop_outgoing_datagram_stream(uint32_t rep);

#ifdef __cplusplus
}
#endif

#endif /* WACC_WASI_HOST_H */
