// The preview1 descriptor table (FdTable.h): one array indexed by guest fd,
// grown from the page allocator. Numbers are handed out as Wasmtime does:
// the highest number freed by fd_close or fd_renumber first, else one past
// the highest in use.
#include "wasi/preview1/FdTable.h"

#include "core/Capabilities.h"
#include "core/Output.h"
#include "core/PageAllocator.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/preview1/Types.h"

namespace wacc_rt::p1 {
namespace {

// Far beyond what a program opens.
constexpr uint32_t kMaxFds = 1u << 20;

struct Slot {
  FdEntry entry;
  uint8_t freed;  // free because it was closed or renumbered away (reused first)
};

Slot* gSlots = nullptr;
uint32_t gCapacity = 0;
uint32_t gEnd = 0;  // one past the highest slot ever used
bool gInitialized = false;

bool Reserve(uint32_t count) {
  if (count <= gCapacity) return true;
  if (count > kMaxFds) return false;
  uint32_t capacity = gCapacity == 0 ? 64 : gCapacity;
  while (capacity < count) capacity *= 2;
  void* grown = gSlots == nullptr ? AllocatePages(capacity * sizeof(Slot))
                                  : ReallocatePages(gSlots, gCapacity * sizeof(Slot), capacity * sizeof(Slot));
  if (grown == nullptr) return false;
  gSlots = static_cast<Slot*>(grown);
  gCapacity = capacity;
  return true;
}

void Place(uint32_t fd, const FdEntry& entry) {
  gSlots[fd].entry = entry;
  gSlots[fd].freed = 0;
  if (fd >= gEnd) gEnd = fd + 1;
}

// Drops the 0.2 resource behind an entry.
void Release(const FdEntry& entry) {
  switch (entry.kind) {
    case FdKind::kStdin: wacc_host_wasi_io_streams_resource_drop_input_stream(entry.rep); break;
    case FdKind::kStdout:
    case FdKind::kStderr: wacc_host_wasi_io_streams_resource_drop_output_stream(entry.rep); break;
    case FdKind::kDirectory:
    case FdKind::kFile: wacc_host_wasi_filesystem_types_resource_drop_descriptor(entry.rep); break;
    case FdKind::kFree: break;
  }
}

// Whether the standard descriptor has a terminal, asked as a 0.2 guest would.
bool IsTerminal(void (*get)(uint64_t*), void (*drop)(uint32_t)) {
  uint64_t results[2];
  get(results);
  if (results[0] == 0) return false;
  drop((uint32_t)results[1]);
  return true;
}

FdEntry Stdio(FdKind kind, uint32_t rep, bool terminal) {
  return FdEntry{kind, 0, 0, (uint8_t)(terminal ? 1 : 0), -1, rep, 0};
}

}  // namespace

void InitFdTable() {
  if (gInitialized) return;
  gInitialized = true;
  uint64_t results[2];
  const struct wacc_capabilities& granted = capabilities();
  if (!Reserve(3 + granted.preopen_count)) return;
  wacc_host_wasi_cli_stdin_get_stdin(results);
  Place(0, Stdio(FdKind::kStdin, (uint32_t)results[0],
                 IsTerminal(wacc_host_wasi_cli_terminal_stdin_get_terminal_stdin,
                            wacc_host_wasi_cli_terminal_input_resource_drop_terminal_input)));
  wacc_host_wasi_cli_stdout_get_stdout(results);
  Place(1, Stdio(FdKind::kStdout, (uint32_t)results[0],
                 IsTerminal(wacc_host_wasi_cli_terminal_stdout_get_terminal_stdout,
                            wacc_host_wasi_cli_terminal_output_resource_drop_terminal_output)));
  wacc_host_wasi_cli_stderr_get_stderr(results);
  Place(2, Stdio(FdKind::kStderr, (uint32_t)results[0],
                 IsTerminal(wacc_host_wasi_cli_terminal_stderr_get_terminal_stderr,
                            wacc_host_wasi_cli_terminal_output_resource_drop_terminal_output)));
  // The 0.2 preopens, in --dir order: the same descriptors (and the same
  // refusal to start when one cannot be opened) as for components.
  wacc_host_wasi_filesystem_preopens_get_directories(results);
  const auto* slots = reinterpret_cast<const uint64_t*>(results[0]);
  for (uint32_t i = 0; i < results[1]; ++i)
    Place(3 + i, FdEntry{FdKind::kDirectory, 0, 0, 0, (int32_t)i, (uint32_t)slots[3 * i], 0});
}

FdEntry* LookupFd(uint32_t fd) {
  if (fd >= gEnd || gSlots[fd].entry.kind == FdKind::kFree) return nullptr;
  return &gSlots[fd].entry;
}

FdEntry* AnyFd(uint32_t fd, uint32_t* error) {
  FdEntry* entry = LookupFd(fd);
  if (entry == nullptr) *error = kBadf;
  return entry;
}

FdEntry* FileFd(uint32_t fd, uint32_t* error) {
  FdEntry* entry = LookupFd(fd);
  if (entry != nullptr && entry->kind == FdKind::kFile) return entry;
  *error = kBadf;
  return nullptr;
}

FdEntry* DirectoryFd(uint32_t fd, uint32_t* error) {
  FdEntry* entry = LookupFd(fd);
  if (entry != nullptr && entry->kind == FdKind::kDirectory) return entry;
  *error = kBadf;
  return nullptr;
}

FdEntry* SeekableFd(uint32_t fd, uint32_t* error) {
  FdEntry* entry = LookupFd(fd);
  if (entry != nullptr && entry->kind == FdKind::kFile) return entry;
  bool stdio = entry != nullptr && entry->kind != FdKind::kDirectory;
  *error = stdio ? kSpipe : kBadf;
  return nullptr;
}

bool AddFd(const FdEntry& entry, uint32_t* fd) {
  for (uint32_t i = gEnd; i-- > 0;) {
    if (gSlots[i].entry.kind == FdKind::kFree && gSlots[i].freed) {
      Place(i, entry);
      *fd = i;
      return true;
    }
  }
  uint32_t next = gEnd;
  while (next > 0 && gSlots[next - 1].entry.kind == FdKind::kFree) --next;
  if (!Reserve(next + 1)) return false;
  Place(next, entry);
  *fd = next;
  return true;
}

void CloseFd(uint32_t fd) {
  FdEntry* entry = LookupFd(fd);
  if (entry == nullptr) return;
  Release(*entry);
  gSlots[fd].entry = FdEntry{};
  gSlots[fd].freed = 1;
}

uint32_t RenumberFd(uint32_t from, uint32_t to) {
  // As Wasmtime: both must be open; what `to` held is closed.
  if (LookupFd(from) == nullptr || LookupFd(to) == nullptr) return kBadf;
  if (from == to) return kSuccess;
  CloseFd(to);
  Place(to, gSlots[from].entry);
  gSlots[from].entry = FdEntry{};
  gSlots[from].freed = 1;
  return kSuccess;
}

const char* PreopenName(int32_t preopen, uint32_t* length) {
  const char* name = capabilities().preopens[preopen].guest_path;
  *length = (uint32_t)StringLength(name);
  return name;
}

}  // namespace wacc_rt::p1
