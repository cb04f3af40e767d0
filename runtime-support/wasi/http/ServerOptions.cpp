#include "wasi/http/ServerOptions.h"

#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"
#include "wasi/Linux.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {

[[noreturn]] void ServerUsage(const char* problem, bool isolationOptions) {
  MessageBuffer m;
  m.append("wacc: http server: ").append(problem).append("\nusage: ");
  const char* const* argv = wacc_rt_argv();
  m.append(argv && argv[0] ? argv[0] : "server");
  if (isolationOptions)
    m.append(" [--addr HOST:PORT] [--processes N] [--idle-timeout S] [--fork-per-request]\n"
             "  --addr HOST:PORT    IPv4 or localhost, or [IPV6]:PORT (default 127.0.0.1:8080)\n"
             "  --processes N       processes sharing the port (default: one per CPU)\n"
             "  --idle-timeout S    close connections idle for S seconds (default 60; 0: never)\n"
             "  --fork-per-request  a process per request instead of an in-process reset\n");
  else
    m.append(" [--addr HOST:PORT] [--processes N] [--idle-timeout S]\n"
             "  --addr HOST:PORT  IPv4 or localhost, or [IPV6]:PORT (default 127.0.0.1:8080)\n"
             "  --processes N     worker processes, each an instance (default: one per CPU)\n"
             "  --idle-timeout S  close connections idle for S seconds (default 60; 0: never)\n");
  m.writeTo(2);
  SysExitGroup(2);
}

namespace {

using linux_abi::Sys;

uint32_t CpuCount() {
  uint64_t mask[16] = {};
  long bytes = Sys(arch::kSysSchedGetaffinity, 0, sizeof mask, (long)mask);
  uint32_t count = 0;
  for (long i = 0; i < bytes / 8; ++i) count += (uint32_t)__builtin_popcountll(mask[i]);
  return count ? count : 1;
}

// A decimal number no larger than `max`, or false.
bool ParseNumber(const char* text, uint32_t max, uint32_t& out) {
  uint64_t n = 0;
  if (!*text) return false;
  for (const char* p = text; *p; ++p) {
    if (*p < '0' || *p > '9') return false;
    n = n * 10 + (uint32_t)(*p - '0');
    if (n > max) return false;
  }
  out = (uint32_t)n;
  return true;
}

}  // namespace

ServerOptions ParseServerOptions(bool isolationOptions) {
  ServerOptions options;
  uint32_t cpus = CpuCount();
  options.processes = cpus > 64 ? 64 : cpus;
  int32_t argc = wacc_rt_argc();
  const char* const* argv = wacc_rt_argv();
  for (int32_t i = 1; i < argc; ++i) {
    const char* a = argv[i];
    size_t length = StringLength(a);
    const char* value = nullptr;
    auto option = [&](const char* name) {
      size_t n = StringLength(name);
      if (length > n && BytesEqual(a, name, n) && a[n] == '=') {
        value = a + n + 1;
        return true;
      }
      if (length == n && BytesEqual(a, name, n)) {
        if (i + 1 >= argc) ServerUsage("an option needs a value", isolationOptions);
        value = argv[++i];
        return true;
      }
      return false;
    };
    if (option("--addr")) {
      options.addr = value;
    } else if (option("--processes")) {
      if (!ParseNumber(value, 64, options.processes) || options.processes == 0)
        ServerUsage("--processes needs a number from 1 to 64", isolationOptions);
    } else if (option("--idle-timeout")) {
      if (!ParseNumber(value, 100000000, options.idleTimeout))
        ServerUsage("--idle-timeout needs a number of seconds", isolationOptions);
    } else if (isolationOptions && length == 18 && BytesEqual(a, "--fork-per-request", 18)) {
      options.forkPerRequest = true;
    } else {
      ServerUsage("unknown argument", isolationOptions);
    }
  }
  return options;
}

void ServerFail(const char* what, long error) {
  MessageBuffer m;
  m.append("wacc: http server: ").append(what);
  if (error < 0) m.append(" (errno ").appendDecimal((uint64_t)-error).append(")");
  m.append("\n").writeTo(2);
  SysExitGroup(1);
}

}  // namespace wacc_rt::http
