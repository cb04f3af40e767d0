// wacc's command line, parsed with absl flags into one struct.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "compiler/codegen/CapabilityTable.h"

namespace wacc::driver {

enum class EmitKind { Executable, Object, LLVM, Assembly, Plan };

struct Options {
  std::string input;
  std::string output;
  std::string target = "x86_64-linux-gnu";
  int optLevel = 2;
  EmitKind emit = EmitKind::Executable;
  std::string cpu;  // "" baseline, "native"
  bool boundsChecks = false;
  bool strip = true;
  bool timeReport = false;  // --time-report: phase times on stderr
  int partitions = 0;       // --partitions=N; 0: by program size and cores
  codegen::Capabilities capabilities;  // --dir, --env, --inherit-env, --inherit-network
};

// Parses argv; prints --help / --version and exits itself for those.
absl::StatusOr<Options> ParseOptions(int argc, char** argv);

}  // namespace wacc::driver
