// Path resolution for wasi:filesystem that never leaves the directory it
// starts from: `..` above it, absolute paths and symlinks whose target lies
// outside are refused with EPERM (not-permitted). The kernel enforces it
// with openat2(RESOLVE_BENEATH); where openat2 is missing (old kernels,
// qemu-user), an equivalent walk opens one component at a time with
// O_NOFOLLOW and expands symlinks itself.
#pragma once

#include <stdint.h>

namespace wacc_rt {

inline constexpr uint32_t kMaxPathLength = 4095;

// Opens guest `path` (UTF-8, not NUL-terminated) beneath `directory` with
// open(2) `flags` (O_CLOEXEC is added) and `mode`. `followFinal` decides
// whether a symlink as the last component is followed (else O_NOFOLLOW).
// Returns the new descriptor or -errno.
long OpenBeneath(int directory, const char* path, uint32_t length, int flags, int mode, bool followFinal);

// The directory holding a path's last component, resolved beneath
// `directory`, and that component's name (NUL-terminated, never empty; may
// be "." or ".."). Without slashes, unless `keepTrailingSlash` and the path
// ends in slashes: then the name ends in one, so that the *at system call
// applies POSIX's rule that such a path names a directory ("file/" is
// not-directory to unlink, "new/" no-entry to symlink and link). Only for
// calls whose last component the kernel does not follow even with a
// trailing slash (mkdirat, unlinkat, symlinkat and linkat's new path,
// renameat): a trailing slash makes the kernel follow a symlink, unconfined.
// `fd` must be released with releaseParent.
struct ParentPath {
  int fd;
  bool ownsFd;
  char name[kMaxPathLength + 1];
};
long OpenParent(int directory, const char* path, uint32_t length, ParentPath* parent, bool keepTrailingSlash = false);
void ReleaseParent(ParentPath* parent);

}  // namespace wacc_rt
