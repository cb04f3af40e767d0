#include "wasi/http/ServerOptions.h"

#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"
#include "wasi/Linux.h"
#include "wasi/http/Http.h"
#include "wasi/http/RequestParser.h"

namespace wacc_rt::http {

[[noreturn]] void ServerUsage(const char* problem, bool isolationOptions) {
  // Two messages: each buffer holds 512 bytes.
  MessageBuffer m;
  m.append("wacc: http server: ").append(problem).append("\nusage: ");
  const char* const* argv = wacc_rt_argv();
  m.append(argv && argv[0] ? argv[0] : "server");
  if (isolationOptions)
    m.append(" [--addr HOST:PORT] [--processes N] [--idle-timeout S] [--max-body-size N] [--fork-per-request]\n");
  else
    m.append(" [--addr HOST:PORT] [--processes N] [--idle-timeout S] [--max-body-size N]\n");
  m.writeTo(2);
  MessageBuffer o;
  if (isolationOptions)
    o.append("  --addr HOST:PORT    IPv4 or localhost, or [IPV6]:PORT (default 127.0.0.1:8080)\n"
             "  --processes N       processes sharing the port (default: one per CPU)\n"
             "  --idle-timeout S    close connections idle for S seconds (default 60; 0: never)\n"
             "  --max-body-size N   the largest request body, bytes (K, M, G: KiB, MiB, GiB; default 16M)\n"
             "  --fork-per-request  a process per request instead of an in-process reset\n");
  else
    o.append("  --addr HOST:PORT   IPv4 or localhost, or [IPV6]:PORT (default 127.0.0.1:8080)\n"
             "  --processes N      worker processes, each an instance (default: one per CPU)\n"
             "  --idle-timeout S   close connections idle for S seconds (default 60; 0: never)\n"
             "  --max-body-size N  the largest request body, bytes (K, M, G: KiB, MiB, GiB; default 16M)\n");
  o.writeTo(2);
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

// A size in bytes, optionally with a K, M or G suffix (binary), from 1 up
// to 2^50; or false.
bool ParseSize(const char* text, uint64_t& out) {
  uint64_t n = 0;
  const char* p = text;
  for (; *p >= '0' && *p <= '9'; ++p) {
    n = n * 10 + (uint64_t)(*p - '0');
    if (n > (1ull << 50)) return false;
  }
  if (p == text) return false;
  unsigned shift = 0;
  if (*p == 'K' || *p == 'k') shift = 10, ++p;
  else if (*p == 'M' || *p == 'm') shift = 20, ++p;
  else if (*p == 'G' || *p == 'g') shift = 30, ++p;
  if (*p || n == 0 || n > (1ull << (50 - shift))) return false;
  out = n << shift;
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
    } else if (option("--max-body-size")) {
      if (!ParseSize(value, options.maxBodySize))
        ServerUsage("--max-body-size needs a number of bytes (K, M, G suffixes)", isolationOptions);
    } else if (isolationOptions && length == 18 && BytesEqual(a, "--fork-per-request", 18)) {
      options.forkPerRequest = true;
    } else {
      ServerUsage("unknown argument", isolationOptions);
    }
  }
  gMaxBodyBytes = options.maxBodySize;
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
