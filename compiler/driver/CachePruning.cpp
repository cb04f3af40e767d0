#include "compiler/driver/CachePruning.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace wacc::driver {

namespace {

struct Entry {
  std::string name;
  uint64_t bytes;
  int64_t lastUsedNs;
};

// CacheKey's names: 32 lower-case hex digits.
bool IsCacheEntryName(const char* name) {
  size_t length = 0;
  for (; name[length] != '\0'; ++length)
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(name[length])) || absl::ascii_isupper(name[length]))
      return false;
  return length == 32;
}

int64_t Nanoseconds(const struct timespec& time) { return int64_t(time.tv_sec) * 1000000000 + time.tv_nsec; }

}  // namespace

uint64_t CacheLimitBytes() {
  const char* text = std::getenv("WACC_CACHE_LIMIT_MB");
  uint64_t megabytes;
  if (text != nullptr && absl::SimpleAtoi(text, &megabytes) && megabytes < (uint64_t(1) << 40))
    return megabytes << 20;
  return kDefaultCacheLimitBytes;
}

void PruneCache(const std::string& directory, const std::string& keep, uint64_t limitBytes) {
  DIR* dir = opendir(directory.c_str());
  if (dir == nullptr) return;
  std::vector<Entry> entries;
  uint64_t total = 0;
  while (const struct dirent* item = readdir(dir)) {
    if (!IsCacheEntryName(item->d_name)) continue;
    struct stat st;
    if (fstatat(dirfd(dir), item->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    // Blocks actually held, not the apparent size.
    uint64_t bytes = uint64_t(st.st_blocks) * 512;
    total += bytes;
    if (item->d_name == keep) continue;
    entries.push_back({item->d_name, bytes, std::max(Nanoseconds(st.st_atim), Nanoseconds(st.st_mtim))});
  }
  if (total > limitBytes) {
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.lastUsedNs < b.lastUsedNs; });
    for (const Entry& entry : entries) {
      if (total <= limitBytes) break;
      // A running executable may be unlinked: it keeps running.
      if (unlinkat(dirfd(dir), entry.name.c_str(), 0) == 0) total -= entry.bytes;
    }
  }
  closedir(dir);
}

}  // namespace wacc::driver
