// The split of `wacc run`'s command line into wacc's options, the file and
// the program's arguments. Shared by the launcher (compiler/driver/launcher)
// and the compiler, which must agree on it to agree on the cache key: no
// absl, no LLVM.
#pragma once

#include <string>
#include <vector>

namespace wacc::driver {

struct RunArguments {
  std::vector<std::string> options;  // wacc's, as given, up to the file ("--" dropped)
  std::string input;                 // "" when there is no file
  std::vector<std::string> programArgs;
  std::string argv0;  // the program's: --argv0 (not among `options`: the executable is the same), else the file as given
  bool serve = false;  // `wacc serve`: the input must be an HTTP server
};

// argv[1] is "run" or "serve". wacc's options run up to the first argument
// that is not an option or an option's value: the file; the rest is the
// program's, even what looks like an option (as `wasmtime run`). "--" ends
// wacc's options. `--argv0 <name>` (wasmtime's) names the program's argv[0].
// For `serve`, the server's own options (--addr, --processes, ...:
// runtime-support/wasi/http/ServerOptions.cpp) are the program's wherever
// they stand, as `wasmtime serve --addr A handler.wasm` spells them.
RunArguments SplitRunArguments(int argc, char** argv);

// Whether wacc's option `option` takes its value as the next argument when
// not given with '=' (e.g. "-o", "--dir").
bool TakesValue(const std::string& option);

// Whether `option` ("-j4", "--jobs=2", "--threads", …) only says how many
// threads compile: the executable is the same byte for byte whatever it says.
bool OnlySetsParallelism(const std::string& option);

}  // namespace wacc::driver
