#include "compiler/driver/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace wacc::driver {

namespace {

// A destination that exists and is not a regular file or a folder
// (/dev/null, a pipe) is written through, as clang and lld do: renaming
// over it would replace the device node with the executable.
bool IsSpecialFile(const std::string& path) {
  llvm::sys::fs::file_status status;
  return !llvm::sys::fs::status(path, status) && llvm::sys::fs::exists(status) &&
         !llvm::sys::fs::is_regular_file(status) && !llvm::sys::fs::is_directory(status);
}

}  // namespace

absl::StatusOr<OutputFile> OutputFile::Create(const std::string& destination) {
  llvm::SmallString<256> model(destination);
  model += ".tmp-%%%%%%";
  if (IsSpecialFile(destination)) {  // its folder (/dev) may not take files
    llvm::sys::path::system_temp_directory(true, model);
    llvm::sys::path::append(model, "wacc-output-%%%%%%");
  }
  int fd = -1;
  llvm::SmallString<256> temp;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temp))
    return absl::PermissionDeniedError("cannot create '" + destination + "': " + ec.message());
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  return OutputFile(destination, temp.str().str());
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : destination_(std::move(other.destination_)), temp_(std::move(other.temp_)) {
  other.temp_.clear();
}

OutputFile::~OutputFile() {
  if (!temp_.empty()) llvm::sys::fs::remove(temp_);
}

absl::Status OutputFile::commit(bool executable) {
  if (executable) {
    auto perms = llvm::sys::fs::perms(0755);
    if (std::error_code ec = llvm::sys::fs::setPermissions(temp_, perms))
      return absl::PermissionDeniedError("cannot make '" + destination_ + "' executable: " + ec.message());
  }
  bool special = IsSpecialFile(destination_);
  std::error_code ec = special ? llvm::sys::fs::copy_file(temp_, destination_)
                               : llvm::sys::fs::rename(temp_, destination_);
  if (ec) return absl::PermissionDeniedError("cannot write '" + destination_ + "': " + ec.message());
  if (special) llvm::sys::fs::remove(temp_);
  temp_.clear();
  return absl::OkStatus();
}

}  // namespace wacc::driver
