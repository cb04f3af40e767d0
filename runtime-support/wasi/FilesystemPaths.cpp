#include "wasi/FilesystemPaths.h"

#include "wasi/Linux.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

constexpr int kMaxSymlinks = 40;  // as the kernel's MAXSYMLINKS
constexpr int kMaxDepth = 1024;   // directories open at once in the walk

bool gOpenat2Missing = false;

// Copies the guest's path into `buffer` as a C string: -errno if it is
// empty, too long, absolute or contains NUL.
long CopyPath(const char* path, uint32_t length, char* buffer) {
  if (length == 0) return -kEnoent;
  if (length > kMaxPathLength) return -kEnametoolong;
  if (path[0] == '/') return -kEperm;
  for (uint32_t i = 0; i < length; ++i) {
    if (path[i] == '\0') return -kEilseq;
    buffer[i] = path[i];
  }
  buffer[length] = '\0';
  return 0;
}

long Openat2Beneath(int directory, const char* path, int flags, int mode) {
  OpenHow how{(uint64_t)(unsigned)flags, (uint64_t)(unsigned)mode, kResolveBeneath | kResolveNoMagicLinks};
  long fd = RetryInterrupted([&] { return Sys(arch::kSysOpenat2, directory, (long)path, (long)&how, sizeof how); });
  // RESOLVE_BENEATH reports an escape as EXDEV; WASI calls it not-permitted.
  return fd == -kExdev ? -kEperm : fd;
}

// The walk: a stack of open directories (the base is not owned) and the
// path still to resolve; a symlink's target is spliced in front of the rest.
class BeneathWalk {
 public:
  explicit BeneathWalk(int base) : base_(base) {}
  ~BeneathWalk() {
    for (int i = 0; i < depth_; ++i) CloseFd(stack_[i]);
  }

  long run(const char* path, int flags, int mode, bool followFinal) {
    setRemaining(path, "");
    char name[kMaxNameLength + 1];
    for (;;) {
      long nameLength = nextComponent(name);
      if (nameLength < 0) return nameLength;
      if (nameLength == 0) return Sys(arch::kSysDup, current(), 0);  // only slashes left
      bool slashAfter = remaining_[position_] == '/';
      bool last = atEnd();
      long step = last ? finalStep(name, flags, mode, followFinal, slashAfter) : innerStep(name);
      if (step != kContinue) return step;
    }
  }

 private:
  static constexpr long kContinue = 1l << 40;
  static constexpr long kMaxNameLength = 255;

  int current() const { return depth_ == 0 ? base_ : stack_[depth_ - 1]; }
  static bool isDot(const char* n) { return n[0] == '.' && n[1] == '\0'; }
  static bool isDotDot(const char* n) { return n[0] == '.' && n[1] == '.' && n[2] == '\0'; }

  void skipSlashes() {
    while (remaining_[position_] == '/') ++position_;
  }
  bool atEnd() {
    skipSlashes();
    return remaining_[position_] == '\0';
  }

  // Copies the next component into `name`: its length, 0 when none is left.
  long nextComponent(char* name) {
    skipSlashes();
    long length = 0;
    while (remaining_[position_] != '\0' && remaining_[position_] != '/') {
      if (length == kMaxNameLength) return -kEnametoolong;
      name[length++] = remaining_[position_++];
    }
    name[length] = '\0';
    return length;
  }

  // remaining = head + "/" + tail.
  long setRemaining(const char* head, const char* tail) {
    char joined[kMaxPathLength + 1];
    size_t n = 0;
    for (const char* c = head; *c != '\0'; ++c) {
      if (n == kMaxPathLength) return -kEnametoolong;
      joined[n++] = *c;
    }
    if (*tail != '\0') {
      if (n == kMaxPathLength) return -kEnametoolong;
      joined[n++] = '/';
    }
    for (const char* c = tail; *c != '\0'; ++c) {
      if (n == kMaxPathLength) return -kEnametoolong;
      joined[n++] = *c;
    }
    for (size_t i = 0; i < n; ++i) remaining_[i] = joined[i];
    remaining_[n] = '\0';
    position_ = 0;
    return kContinue;
  }

  // The symlink `name` in the current directory, if it is one: its target
  // replaces it in the path (followed by `suffix` when the path is at its
  // end). Returns kContinue after splicing, 0 when `name` is no symlink, or
  // -errno.
  long spliceSymlink(const char* name, const char* suffix = "") {
    char target[kMaxPathLength + 1];
    long length = Sys(arch::kSysReadlinkat, current(), (long)name, (long)target, kMaxPathLength);
    if (length < 0) return 0;  // not a symlink (or missing): the open decides
    target[length] = '\0';
    if (++symlinks_ > kMaxSymlinks) return -kEloop;
    if (target[0] == '/') return -kEperm;
    const char* rest = remaining_ + position_;
    return setRemaining(target, *rest != '\0' ? rest : suffix);
  }

  long innerStep(const char* name) {
    if (isDot(name)) return kContinue;
    if (isDotDot(name)) {
      if (depth_ == 0) return -kEperm;
      CloseFd(stack_[--depth_]);
      return kContinue;
    }
    long spliced = spliceSymlink(name);
    if (spliced != 0) return spliced;
    long fd = RetryInterrupted([&] {
      return Sys(arch::kSysOpenat, current(), (long)name, kOpenPath | kOpenDirectory | kOpenNoFollow | kOpenCloexec);
    });
    if (fd < 0) return fd;
    if (depth_ == kMaxDepth) {
      CloseFd((int)fd);
      return -kEnametoolong;
    }
    stack_[depth_++] = (int)fd;
    return kContinue;
  }

  // `slashAfter`: the path ends in "name/", which names a directory
  // whatever the flags say, and through a symlink (as the kernel resolves
  // it, and openat2 with it); creating it is is-directory, as open(2) says.
  long finalStep(const char* name, int flags, int mode, bool followFinal, bool slashAfter) {
    if (isDotDot(name) && depth_ == 0) return -kEperm;
    if (slashAfter && (flags & kOpenCreate)) return -kEisdir;
    if ((followFinal || slashAfter) && !isDot(name) && !isDotDot(name)) {
      long spliced = spliceSymlink(name, slashAfter ? "/" : "");
      if (spliced != 0) return spliced;
    }
    if (slashAfter) flags |= kOpenDirectory;
    return RetryInterrupted([&] { return Sys(arch::kSysOpenat, current(), (long)name, flags | kOpenNoFollow, mode); });
  }

  int base_;
  char remaining_[kMaxPathLength + 1];
  size_t position_ = 0;
  int depth_ = 0;
  int symlinks_ = 0;
  int stack_[kMaxDepth];
};

long WalkBeneath(int directory, const char* path, int flags, int mode, bool followFinal) {
  BeneathWalk walk(directory);
  return walk.run(path, flags, mode, followFinal);
}

}  // namespace

long OpenBeneath(int directory, const char* path, uint32_t length, int flags, int mode, bool followFinal) {
  char buffer[kMaxPathLength + 1];
  long copied = CopyPath(path, length, buffer);
  if (copied < 0) return copied;
  flags |= kOpenCloexec;
  if ((flags & kOpenCreate) == 0) mode = 0;  // openat2 insists
  if (!gOpenat2Missing) {
    long fd = Openat2Beneath(directory, buffer, followFinal ? flags : flags | kOpenNoFollow, mode);
    if (fd != -kEnosys) return fd;
    gOpenat2Missing = true;
  }
  return WalkBeneath(directory, buffer, flags, mode, followFinal);
}

long OpenParent(int directory, const char* path, uint32_t length, ParentPath* parent, bool keepTrailingSlash) {
  parent->fd = directory;
  parent->ownsFd = false;
  long copied = CopyPath(path, length, parent->name);
  if (copied < 0) return copied;
  // Trailing slashes belong to the last component ("a/b/" names "b").
  uint32_t end = length;
  while (end > 1 && parent->name[end - 1] == '/') --end;
  uint32_t start = end;
  while (start > 0 && parent->name[start - 1] != '/') --start;
  if (start > 0) {
    long fd = OpenBeneath(directory, parent->name, start, kOpenPath | kOpenDirectory, 0, true);
    if (fd < 0) return fd;
    parent->fd = (int)fd;
    parent->ownsFd = true;
  }
  bool trailingSlash = end < length;
  uint32_t n = 0;
  for (uint32_t i = start; i < end; ++i) parent->name[n++] = parent->name[i];
  // There was at least one slash after the name: room for it.
  if (keepTrailingSlash && trailingSlash && parent->name[n - 1] != '/') parent->name[n++] = '/';
  parent->name[n] = '\0';
  return 0;
}

void ReleaseParent(ParentPath* parent) {
  if (parent->ownsFd) CloseFd(parent->fd);
  parent->ownsFd = false;
}

}  // namespace wacc_rt
