// Where the servers a wasi:http component compiles to listen (Server.cpp
// for 0.2, p3/Service.cpp for 0.3): the --addr text, the socket, and the
// "Serving HTTP on http://ADDR:PORT/" line both print, as `wasmtime serve`
// says it.
#pragma once

#include <stdint.h>

namespace wacc_rt::http {

// A sockaddr_in or a sockaddr_in6.
struct ListenAddress {
  alignas(8) uint8_t storage[28];
  uint32_t length;
  uint16_t family;  // 2 (AF_INET) or 10 (AF_INET6)
};

// "HOST:PORT" with HOST dotted IPv4 or `localhost`, or "[IPV6]:PORT".
bool ParseListenAddress(const char* text, ListenAddress& out);

// The usage problem when ParseListenAddress fails.
inline constexpr const char* kListenAddressProblem =
    "--addr must be HOST:PORT (dotted IPv4 or localhost) or [IPV6]:PORT";

// A non-blocking listening socket bound to `address` (SO_REUSEPORT when
// `sharePort`: each of several processes listens on its own), with
// `address` updated to what it is bound to (port 0 becomes the port the
// kernel chose); a negative errno and `what` failed otherwise.
long OpenListener(ListenAddress& address, bool sharePort, const char*& what);

// Prints "Serving HTTP on http://ADDR:PORT/" on stderr.
void AnnounceListening(const ListenAddress& address);

}  // namespace wacc_rt::http
