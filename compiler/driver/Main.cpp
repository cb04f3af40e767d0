// wacc: WebAssembly component -> static native executable.
#include <cstring>

#include "compiler/driver/Compile.h"
#include "compiler/driver/Diagnostics.h"
#include "compiler/driver/Options.h"
#include "compiler/driver/RunCommand.h"

int main(int argc, char** argv) {
  if (argc > 1 && (!std::strcmp(argv[1], "run") || !std::strcmp(argv[1], "serve")))
    return wacc::driver::RunMain(argc, argv);
  auto options = wacc::driver::ParseOptions(argc, argv);
  if (!options.ok()) return wacc::driver::ReportError(options.status(), "");
  absl::Status status = wacc::driver::Compile(*options, argv[0]);
  if (!status.ok()) return wacc::driver::ReportError(status, options->input);
  return 0;
}
