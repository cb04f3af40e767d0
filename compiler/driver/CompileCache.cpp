#include "compiler/driver/CompileCache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "llvm/Support/xxhash.h"

namespace wacc::driver {

namespace {

// The key's text: each field length-prefixed, so no two lists of fields
// spell the same text.
class KeyText {
 public:
  KeyText& add(const std::string& field) {
    text_ += std::to_string(field.size());
    text_ += ':';
    text_ += field;
    return *this;
  }
  KeyText& add(uint64_t value) { return add(std::to_string(value)); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// A file's identity as far as rebuilding it goes ("missing" if absent).
void AddFileIdentity(KeyText& key, const std::string& path) {
  key.add(path);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    key.add("missing");
    return;
  }
  key.add(uint64_t(st.st_size)).add(uint64_t(st.st_ino));
  key.add(uint64_t(st.st_mtim.tv_sec) * 1000000000u + uint64_t(st.st_mtim.tv_nsec));
}

// xxh3-128 of the file's bytes, mapped rather than read.
bool HashFile(const std::string& path, llvm::XXH128_hash_t& hash) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  size_t size = ok ? size_t(st.st_size) : 0;
  void* bytes = ok && size > 0 ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
  close(fd);
  if (!ok || bytes == MAP_FAILED) return false;
  hash = llvm::xxh3_128bits(llvm::ArrayRef(static_cast<const uint8_t*>(bytes), size));
  if (bytes != nullptr) munmap(bytes, size);
  return true;
}

}  // namespace

std::string ToolDirectory() {
  char path[4096];
  ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return ".";
  std::string exe(path, size_t(length));
  size_t slash = exe.rfind('/');
  return slash == std::string::npos ? "." : exe.substr(0, slash);
}

std::string CacheDirectory() {
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/wacc";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') return std::string(home) + "/.cache/wacc";
  return "";
}

std::string CacheKey(const RunArguments& run, const std::string& toolDirectory, const std::string& extra) {
  llvm::XXH128_hash_t input;
  if (!HashFile(run.input, input)) return "";
  KeyText key;
  key.add("wacc run cache 1").add(WACC_VERSION).add(input.low64).add(input.high64);
  // `wacc serve` compiles only a server: its entry is one that was checked.
  key.add(run.serve ? "serve" : "run");
  // Thread counts change how fast the executable is made, not its bytes:
  // leave them (and their values) out, so `-j1` finds what `-j8` compiled.
  std::vector<const std::string*> options;
  for (size_t i = 0; i < run.options.size(); ++i) {
    const std::string& option = run.options[i];
    if (OnlySetsParallelism(option)) {
      if (TakesValue(option)) ++i;
      continue;
    }
    options.push_back(&option);
  }
  key.add(options.size());
  for (const std::string* option : options) key.add(*option);
  key.add(extra);
  AddFileIdentity(key, toolDirectory + "/wacc-compile");
  for (const char* runtime : {"x86_64-linux-gnu", "aarch64-linux-gnu"})
    AddFileIdentity(key, toolDirectory + "/../lib/wacc/" + runtime + "/libwacc_rt.a");
  const std::string& text = key.text();
  llvm::XXH128_hash_t hash =
      llvm::xxh3_128bits(llvm::ArrayRef(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  char name[33];
  std::snprintf(name, sizeof name, "%016" PRIx64 "%016" PRIx64, hash.high64, hash.low64);
  return name;
}

}  // namespace wacc::driver
