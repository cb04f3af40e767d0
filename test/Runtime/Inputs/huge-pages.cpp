// core/LinearMemory.h: transparent huge pages for linear memory
// (test/Runtime/huge-pages.test). A memory's base is 2 MiB-aligned; where
// the page size is 4 KiB, the range above its first 4 MiB that it may grow
// into is advised MADV_HUGEPAGE, which /proc/self/smaps shows as the "hg"
// flag of that mapping (whatever the kernel's THP policy: the flag records
// the advice); the first 4 MiB are not advised, nor is a memory that cannot
// grow past them. DisableHugePages (a server's snapshot) turns the advice
// into "nh" for every memory made so far and stops it for later ones; a
// page size other than 4 KiB (an AArch64 kernel with 16 or 64 KiB pages)
// turns it off.
#include "TestArgs.h"
#include "TestSupport.h"
#include "core/Auxv.h"
#include "core/LinearMemory.h"
#include "core/Syscall.h"

using namespace wacc_rt;

extern "C" const struct wacc_capabilities wacc_capabilities = {0, 0, nullptr, nullptr, 0, 0};

namespace {

constexpr uintptr_t kMiB = 1 << 20;

char gSmaps[1 << 20];

bool StartsWith(const char* text, const char* prefix) {
  for (; *prefix; ++text, ++prefix)
    if (*text != *prefix) return false;
  return true;
}

uintptr_t ParseHex(const char*& at) {
  uintptr_t value = 0;
  for (;; ++at) {
    char c = *at;
    if (c >= '0' && c <= '9') value = value * 16 + (uintptr_t)(c - '0');
    else if (c >= 'a' && c <= 'f') value = value * 16 + (uintptr_t)(c - 'a' + 10);
    else return value;
  }
}

// The VmFlags line of the mapping that contains `address` has `flag`.
bool MappingHasFlag(uintptr_t address, const char* flag) {
  long fd = syscall(arch::kSysOpenat, -100 /* AT_FDCWD */, (long)"/proc/self/smaps", 0);
  if (IsSyscallError(fd)) return false;
  size_t size = 0;
  for (long got; (got = SysRead((int)fd, gSmaps + size, sizeof gSmaps - 1 - size)) > 0;) size += (size_t)got;
  syscall(arch::kSysClose, fd);
  gSmaps[size] = 0;
  bool inside = false;
  for (const char* line = gSmaps; *line;) {
    const char* at = line;
    uintptr_t begin = ParseHex(at);
    if (*at == '-' && at > line) {  // a mapping's header: begin-end perms ...
      ++at;
      uintptr_t end = ParseHex(at);
      inside = address >= begin && address < end;
    } else if (inside && StartsWith(line, "VmFlags:")) {
      for (at = line + 8; *at && *at != '\n'; ++at)
        if (at[-1] == ' ' && at[0] == flag[0] && at[1] == flag[1] && (at[2] == ' ' || at[2] == '\n')) return true;
      return false;
    }
    while (*line && *line != '\n') ++line;
    if (*line) ++line;
  }
  return false;
}

void Report(const char* label, wacc_memory& memory) {
  uintptr_t base = reinterpret_cast<uintptr_t>(memory.base);
  test_print(label);
  test_print_u64(" aligned=", base % (2 * kMiB) == 0);
  test_print_u64("  low hg=", MappingHasFlag(base, "hg"));
  test_print_u64("  high hg=", MappingHasFlag(base + 4 * kMiB, "hg"));
  test_print_u64("  high nh=", MappingHasFlag(base + 4 * kMiB, "nh"));
}

wacc_memory gGrowable, gSmall, gLater, gLargePages, gSmallPages;

}  // namespace

extern "C" int32_t wacc_main(void) {
  // wacc_rt_start has configured huge pages from the real auxiliary vector.
  wacc_rt_memory_init(&gGrowable, 1, 65536);
  wacc_rt_memory_grow(&gGrowable, 255);  // 16 MiB
  for (uintptr_t at = 0; at < 16 * kMiB; at += 4096) gGrowable.base[at] = 1;
  if (test_case("alignment")) {  // for qemu-user, whose smaps is its own
    test_print_u64("aligned=", reinterpret_cast<uintptr_t>(gGrowable.base) % (2 * kMiB) == 0);
    return 0;
  }
  Report("growable", gGrowable);
  wacc_rt_memory_init(&gSmall, 1, 64);  // at most 4 MiB
  Report("small", gSmall);

  DisableHugePages();
  Report("growable after disable", gGrowable);
  wacc_rt_memory_init(&gLater, 1, 65536);
  Report("made after disable", gLater);

  const uintptr_t largePages[] = {kAtPageSize, 65536, kAtNull, 0};
  ConfigureHugePages(largePages);
  wacc_rt_memory_init(&gLargePages, 1, 65536);
  Report("64 KiB pages", gLargePages);
  const uintptr_t smallPages[] = {kAtPageSize, 4096, kAtNull, 0};
  ConfigureHugePages(smallPages);
  wacc_rt_memory_init(&gSmallPages, 1, 65536);
  Report("4 KiB pages", gSmallPages);
  return 0;
}
