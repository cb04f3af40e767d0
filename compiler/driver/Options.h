// wacc's command line, parsed with absl flags into one struct.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/binary/Features.h"
#include "compiler/codegen/CapabilityTable.h"
#include "compiler/driver/RunArguments.h"

namespace wacc::driver {

enum class EmitKind { Executable, Object, LLVM, Assembly, Plan, Component };

struct Options {
  std::string input;
  std::string output;
  std::string target = "x86_64-linux-gnu";
  int optLevel = 2;
  EmitKind emit = EmitKind::Executable;
  std::string cpu;  // "" baseline, "native"
  bool boundsChecks = false;
  bool strip = true;
  bool timeReport = false;             // --time-report: phase times on stderr
  int partitions = 0;                  // --partitions=N; 0: by program size and threads
  int partitionSize = 0;               // --partition-size=N (IR instructions); 0: by program size
  int jobs = 0;                        // --jobs=N, -j N, --threads=N; 0: one thread per core
  codegen::Capabilities capabilities;  // --dir, --env, --inherit-env, --inherit-network
  std::string wit;                     // --wit: embed this WIT's world into a core module
  std::string world;                   // --world
  std::string invoke;                  // --invoke: the core module's export to call
  std::vector<std::string> llvmArgs;   // -mllvm <option>, in order
  binary::Features features;           // -W <name>=y|n, as Wasmtime spells it
  bool requireServer = false;          // `wacc serve`: an input that is no HTTP server is an error
};

// Parses argv; prints --help / --version and exits itself for those.
absl::StatusOr<Options> ParseOptions(int argc, char** argv);

// `wacc run [options] <file.wasm> [args...]` (argv[1] is "run"; or "serve",
// RunCommand.h): the same options, less -o and --emit, plus --no-cache and
// --argv0; what follows the file is the program's.
struct RunOptions {
  RunArguments arguments;  // as split (and keyed in the cache)
  Options compile;         // output: left empty (the cache decides)
  bool useCache = true;
};
absl::StatusOr<RunOptions> ParseRunOptions(int argc, char** argv);

}  // namespace wacc::driver
