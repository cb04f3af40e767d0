// wacc: WebAssembly component -> static native executable.
#include <cstdio>

#include "compiler/driver/Compile.h"
#include "compiler/driver/Options.h"

int main(int argc, char** argv) {
  auto options = wacc::driver::ParseOptions(argc, argv);
  if (!options.ok()) {
    std::fprintf(stderr, "wacc: error: %s\n", std::string(options.status().message()).c_str());
    return 1;
  }
  absl::Status status = wacc::driver::Compile(*options, argv[0]);
  if (!status.ok()) {
    // Input diagnostics start with their offset ("0x1f: ..."): name the file
    // in front, as clang does.
    std::string message(status.message());
    bool aboutInput = message.rfind("0x", 0) == 0;
    std::fprintf(stderr, "wacc: error: %s%s%s\n", aboutInput ? options->input.c_str() : "", aboutInput ? ":" : "",
                 message.c_str());
    return 1;
  }
  return 0;
}
