#include "compiler/driver/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace wacc::driver {

absl::StatusOr<OutputFile> OutputFile::Create(const std::string& destination) {
  llvm::SmallString<256> model(destination);
  model += ".tmp-%%%%%%";
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
  if (std::error_code ec = llvm::sys::fs::rename(temp_, destination_))
    return absl::PermissionDeniedError("cannot write '" + destination_ + "': " + ec.message());
  temp_.clear();
  return absl::OkStatus();
}

}  // namespace wacc::driver
