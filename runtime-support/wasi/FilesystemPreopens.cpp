// wasi:filesystem/preopens: the directories granted with `wacc --dir`,
// opened on first use (a relative host path against the run-time working
// directory). Each call hands out new descriptors on duplicates, so the
// guest may drop them freely. A granted directory that cannot be opened
// ends the program, as `wasmtime run --dir` refuses to start.
#include "core/Capabilities.h"
#include "core/Output.h"
#include "core/PageAllocator.h"
#include "core/ResultArena.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/Linux.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

int* gPreopenFds = nullptr;

[[noreturn]] void CannotOpen(const char* path, long error) {
  MessageBuffer message;
  message.append("wacc: cannot open preopened directory '").append(path).append("' (errno ");
  message.appendDecimal((uint64_t)-error).append(")\n");
  message.writeTo(2);
  SysExitGroup(1);
}

void OpenPreopens(const struct wacc_capabilities& granted) {
  if (gPreopenFds != nullptr || granted.preopen_count == 0) return;
  auto* fds = static_cast<int*>(AllocatePages(granted.preopen_count * sizeof(int)));
  if (fds == nullptr) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  for (uint32_t i = 0; i < granted.preopen_count; ++i) {
    const char* path = granted.preopens[i].host_path;
    long fd = RetryInterrupted(
        [&] { return Sys(arch::kSysOpenat, kAtFdCwd, (long)path, kOpenReadOnly | kOpenDirectory | kOpenCloexec); });
    if (fd < 0) CannotOpen(path, fd);
    fds[i] = (int)fd;
  }
  gPreopenFds = fds;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

// list<tuple<descriptor, string>>: [0] pointer to 3 slots per entry
// (descriptor rep, name pointer, name length), [1] the count.
extern "C" void wacc_host_wasi_filesystem_preopens_get_directories(uint64_t* results) {
  const struct wacc_capabilities& granted = capabilities();
  OpenPreopens(granted);
  ResetResultArena();
  uint64_t* slots = AllocateResults<uint64_t>(granted.preopen_count * 3 + 1);
  uint32_t count = 0;
  for (uint32_t i = 0; i < granted.preopen_count; ++i) {
    long fd = Sys(arch::kSysFcntl, gPreopenFds[i], 1030 /* F_DUPFD_CLOEXEC */, 0);
    if (fd < 0) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);  // out of descriptors
    const char* guest = granted.preopens[i].guest_path;
    slots[3 * count] = NewDescriptor((int32_t)fd, kFlagRead | kFlagMutateDirectory, kTypeDirectory);
    slots[3 * count + 1] = reinterpret_cast<uintptr_t>(guest);
    slots[3 * count + 2] = StringLength(guest);
    ++count;
  }
  results[0] = reinterpret_cast<uintptr_t>(slots);
  results[1] = count;
}
