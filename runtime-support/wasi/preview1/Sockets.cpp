// sock_*: preview1 can only use sockets it is given (preopened or accepted
// from one), and wacc, like `wasmtime run`, gives a preview1 program none.
// So, as Wasmtime: a valid descriptor is ENOTSOCK, anything else EBADF,
// after the flag arguments are checked (EINVAL).
#include "wacc/Preview1.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/Types.h"

using namespace wacc_rt::p1;

namespace {

uint32_t NotASocket(uint32_t fd) {
  uint32_t error = kSuccess;
  return AnyFd(fd, &error) == nullptr ? error : kNotsock;
}

}  // namespace

extern "C" uint32_t wacc_p1_sock_accept(uint32_t fd, uint32_t flags, uint32_t) {
  if (flags & ~kAllFdflags) return kInval;
  return NotASocket(fd);
}

extern "C" uint32_t wacc_p1_sock_recv(uint32_t fd, uint32_t, uint32_t, uint32_t riFlags, uint32_t, uint32_t) {
  if (riFlags & ~3u) return kInval;  // recv_peek, recv_waitall
  return NotASocket(fd);
}

extern "C" uint32_t wacc_p1_sock_send(uint32_t fd, uint32_t, uint32_t, uint32_t, uint32_t) { return NotASocket(fd); }

extern "C" uint32_t wacc_p1_sock_shutdown(uint32_t fd, uint32_t how) {
  if (how & ~3u) return kInval;  // rd, wr
  return NotASocket(fd);
}
