// The command line of the servers a wasi:http component compiles to
// (Server.cpp for 0.2's incoming-handler, p3/Service.cpp for 0.3's
// handler): `./server [--addr HOST:PORT] [--processes N] …`, as
// `wasmtime serve --addr` spells it, with "--opt=value" or "--opt value".
#pragma once

#include <stdint.h>

namespace wacc_rt::http {

struct ServerOptions {
  const char* addr = "127.0.0.1:8080";
  uint32_t processes = 1;     // 1..64; default one per CPU
  uint32_t idleTimeout = 60;  // seconds, 0: never
  bool forkPerRequest = false;  // (0.2 server only)
  // The largest request body (RequestParser.h gMaxBodyBytes, which parsing
  // the options sets): past it a request gets 413 while it still can.
  uint64_t maxBodySize = 16 * 1024 * 1024;
};

// Reads wacc_rt_argv(). `isolationOptions`: the 0.2 server's
// --fork-per-request is taken too. A bad command line
// prints the problem and the usage on stderr and exits 2.
ServerOptions ParseServerOptions(bool isolationOptions);

// Prints "wacc: http server: <problem>" and the usage on stderr; exits 2.
[[noreturn]] void ServerUsage(const char* problem, bool isolationOptions);

// A server that cannot go on (its socket, its workers): prints
// "wacc: http server: <what> (errno N)" (the errno part when error < 0) on
// stderr and exits 1.
[[noreturn]] void ServerFail(const char* what, long error);

}  // namespace wacc_rt::http
