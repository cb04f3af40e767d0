// An output file that appears only when complete: written to a temporary
// file beside the destination and renamed over it on commit, removed
// otherwise. A failed compile never leaves a partial output behind. A
// destination that is not a regular file (/dev/null, a pipe) is written
// through instead, its node kept.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace wacc::driver {

class OutputFile {
 public:
  static absl::StatusOr<OutputFile> Create(const std::string& destination);
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  ~OutputFile();

  const std::string& tempPath() const { return temp_; }
  // Renames the temporary file to the destination (made executable if asked).
  absl::Status commit(bool executable);

 private:
  OutputFile(std::string destination, std::string temp)
      : destination_(std::move(destination)), temp_(std::move(temp)) {}
  std::string destination_;
  std::string temp_;
};

}  // namespace wacc::driver
