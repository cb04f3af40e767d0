// Reading the clocks without entering the kernel.
//
// Linux maps a small shared object, the vDSO, into every process and names
// its ELF header in the auxiliary vector (AT_SYSINFO_EHDR). Its
// clock_gettime (`__vdso_clock_gettime` on x86-64, `__kernel_clock_gettime`
// on AArch64) reads the time from a page the kernel keeps current and the
// CPU's counter: ~20 ns where the system call costs ~200 ns and more on a
// loaded machine (and a chance to be descheduled). A libc finds it when the
// program starts; the runtime has no libc, so InitClock does what its
// dynamic loader would for this one symbol: the header's program headers
// give the load bias and the dynamic section, whose symbol table (sized by
// DT_HASH: both kernels link their vDSO with a SysV hash table, x86-64's
// beside a GNU one) is searched by name. Anything unexpected, or no vDSO at all (qemu-user 7
// gives AArch64 programs none; a kernel can be booted without one), leaves
// the system call in place: the vDSO is a speed-up, never a requirement.
// The vDSO's own functions fall back to the system call for clocks they do
// not handle and return -errno as the system call does.
#include "core/Clock.h"

#include "core/Auxv.h"
#include "core/Syscall.h"

namespace wacc_rt {
namespace {

using VdsoClockGettime = long (*)(long clock, ClockTime* time);

// Set once at start-up (before any snapshot, so a restore keeps it).
VdsoClockGettime gVdsoClockGettime = nullptr;

#if defined(__x86_64__)
constexpr const char kClockSymbol[] = "__vdso_clock_gettime";
#else
constexpr const char kClockSymbol[] = "__kernel_clock_gettime";
#endif

constexpr uint32_t kPtLoad = 1, kPtDynamic = 2;
constexpr int64_t kDtNull = 0, kDtHash = 4, kDtStrtab = 5, kDtSymtab = 6;

template <typename T>
T Read(uintptr_t at) {
  T value;
  __builtin_memcpy(&value, reinterpret_cast<const void*>(at), sizeof value);
  return value;
}

bool NameIs(const char* name, const char* wanted) {
  for (; *wanted; ++name, ++wanted)
    if (*name != *wanted) return false;
  return *name == 0;
}

VdsoClockGettime FindClockGettime(uintptr_t image) {
  static const uint8_t kMagic[5] = {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */};
  for (int i = 0; i < 5; ++i)
    if (Read<uint8_t>(image + i) != kMagic[i]) return nullptr;
  uint64_t phoff = Read<uint64_t>(image + 32);
  uint16_t phentsize = Read<uint16_t>(image + 54), phnum = Read<uint16_t>(image + 56);
  bool loaded = false;
  uintptr_t bias = 0, dynamic = 0;
  for (uint16_t i = 0; i < phnum; ++i) {
    uintptr_t ph = image + phoff + (uintptr_t)i * phentsize;
    uint32_t type = Read<uint32_t>(ph);
    uint64_t offset = Read<uint64_t>(ph + 8), vaddr = Read<uint64_t>(ph + 16);
    if (type == kPtLoad && !loaded) {
      bias = image + offset - vaddr;
      loaded = true;
    } else if (type == kPtDynamic) {
      dynamic = vaddr;
    }
  }
  if (!loaded || !dynamic) return nullptr;
  uintptr_t strtab = 0, symtab = 0, hash = 0;
  for (uintptr_t d = bias + dynamic;; d += 16) {
    int64_t tag = Read<int64_t>(d);
    uint64_t value = Read<uint64_t>(d + 8);
    if (tag == kDtNull) break;
    if (tag == kDtStrtab) strtab = bias + value;
    if (tag == kDtSymtab) symtab = bias + value;
    if (tag == kDtHash) hash = bias + value;
  }
  if (!strtab || !symtab || !hash) return nullptr;
  // DT_HASH's second word is the symbol count (nchain).
  uint32_t count = Read<uint32_t>(hash + 4);
  for (uint32_t i = 0; i < count; ++i) {
    uintptr_t sym = symtab + (uintptr_t)i * 24;  // Elf64_Sym
    uint32_t name = Read<uint32_t>(sym);
    uint8_t info = Read<uint8_t>(sym + 4);
    uint16_t section = Read<uint16_t>(sym + 6);
    uint64_t value = Read<uint64_t>(sym + 8);
    if (section == 0 /* SHN_UNDEF */ || (info & 0xf) != 2 /* STT_FUNC */) continue;
    if (NameIs(reinterpret_cast<const char*>(strtab + name), kClockSymbol))
      return reinterpret_cast<VdsoClockGettime>(bias + value);
  }
  return nullptr;
}

}  // namespace

void InitClock(const uintptr_t* auxv) {
  uintptr_t image = AuxvValue(auxv, kAtSysinfoEhdr);
  gVdsoClockGettime = image ? FindClockGettime(image) : nullptr;
}

long ClockGettime(int clock, ClockTime* time) {
  if (gVdsoClockGettime) return gVdsoClockGettime(clock, time);
  return syscall(arch::kSysClockGettime, clock, (long)time);
}

uint64_t MonotonicNanoseconds() {
  ClockTime now{};
  ClockGettime(kClockIdMonotonic, &now);
  return (uint64_t)now.seconds * 1000000000u + (uint64_t)now.nanoseconds;
}

bool ClockUsesVdso() { return gVdsoClockGettime != nullptr; }

}  // namespace wacc_rt
