#include "compiler/driver/Diagnostics.h"

#include <cstdio>

namespace wacc::driver {

int ReportError(const absl::Status& status, const std::string& input) {
  // Input diagnostics start with their offset ("0x1f: ..."): name the file
  // in front, as clang does.
  std::string message(status.message());
  bool aboutInput = message.rfind("0x", 0) == 0;
  std::fprintf(stderr, "wacc: error: %s%s%s\n", aboutInput ? input.c_str() : "", aboutInput ? ":" : "",
               message.c_str());
  return 1;
}

}  // namespace wacc::driver
