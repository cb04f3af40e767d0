// mimalloc's options for the compilers, linked into them only when they
// allocate with mimalloc (compiler/CMakeLists.txt).
//
// Large OS pages: mimalloc asks the kernel for transparent huge pages
// (madvise(MADV_HUGEPAGE) on its segments; the kernel's default policy is
// "madvise", so without the request every segment is 4 KiB pages). LLVM
// allocates and frees its IR, machine functions and analyses function by
// function, and with 4 KiB pages a quarter of an -O1 compile was memory
// management: page faults (9% of SQLite's, cpu-clock samples), madvise
// and its TLB shoot-downs between the two compiling threads (2%), and
// mimalloc threading its free lists through freshly faulted pages (5%).
// With 2 MiB pages Lua's -O1 took 17% less CPU time, its user time 16%
// less (the TLB), for 5% more peak RSS (bench/NOTES.md, session 9).
//
// Only a default: MIMALLOC_LARGE_OS_PAGES in the environment (0 or 1)
// decides, as mimalloc documents.
#include <cstdlib>

#include <mimalloc.h>

namespace {

struct MimallocOptions {
  MimallocOptions() {
    if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_set(mi_option_large_os_pages, 1);
  }
} options;

}  // namespace
