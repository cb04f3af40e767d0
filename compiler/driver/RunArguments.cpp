#include "compiler/driver/RunArguments.h"

#include <cstring>

namespace wacc::driver {

namespace {

// The options that may take their value as the next argument.
constexpr const char* kOptionsWithValue[] = {"-o",     "-S",    "--dir",        "--env", "--tls-ca-file", "--target",
                                             "--emit", "--cpu", "--partitions", "-j",    "--jobs",        "--threads",
                                             "--invoke", "-W",    "--wasm"};

bool TakesValue(const char* arg) {
  for (const char* option : kOptionsWithValue)
    if (!std::strcmp(arg, option)) return true;
  return false;
}

// The HTTP server executable's options (ServerOptions.cpp), which `wacc
// serve` hands to it.
struct ServerOption {
  const char* name;
  bool takesValue;
};
constexpr ServerOption kServerOptions[] = {
    {"--addr", true}, {"--processes", true}, {"--idle-timeout", true}, {"--max-body-size", true},
    {"--fork-per-request", false}};

// How many arguments the server option at `arg` spans: 0 when it is none,
// 2 when its value is the next argument.
int ServerOptionLength(const char* arg) {
  for (const ServerOption& option : kServerOptions) {
    size_t length = std::strlen(option.name);
    if (std::strncmp(arg, option.name, length) != 0) continue;
    if (arg[length] == '=') return 1;
    if (arg[length] == '\0') return option.takesValue ? 2 : 1;
  }
  return 0;
}

}  // namespace

bool OnlySetsParallelism(const std::string& option) {
  for (const char* prefix : {"-j", "--jobs", "--threads"}) {
    size_t length = std::strlen(prefix);
    if (option.compare(0, length, prefix) != 0) continue;
    // "-j", "-j4", "--jobs", "--jobs=4"; not e.g. "--jobsfoo".
    if (option.size() == length || option[length] == '=' || prefix[1] == 'j') return true;
  }
  return false;
}

bool TakesValue(const std::string& option) { return TakesValue(option.c_str()); }

RunArguments SplitRunArguments(int argc, char** argv) {
  RunArguments run;
  run.serve = argc > 1 && !std::strcmp(argv[1], "serve");
  std::vector<std::string> serverOptions;
  int i = 2;
  for (; i < argc; ++i) {
    const char* arg = argv[i];
    if (!std::strcmp(arg, "--")) {
      ++i;
      break;
    }
    if (arg[0] != '-' || !std::strcmp(arg, "-")) break;
    if (!std::strncmp(arg, "--argv0=", 8)) {
      run.argv0 = arg + 8;
      continue;
    }
    if (!std::strcmp(arg, "--argv0") && i + 1 < argc) {
      run.argv0 = argv[++i];
      continue;
    }
    if (int length = run.serve ? ServerOptionLength(arg) : 0) {
      serverOptions.push_back(arg);
      if (length == 2 && i + 1 < argc) serverOptions.push_back(argv[++i]);
      continue;
    }
    run.options.push_back(arg);
    if (TakesValue(arg) && i + 1 < argc) run.options.push_back(argv[++i]);
  }
  run.programArgs = std::move(serverOptions);
  if (i >= argc) return run;
  run.input = argv[i];
  if (run.argv0.empty()) run.argv0 = run.input;
  for (++i; i < argc; ++i) run.programArgs.push_back(argv[i]);
  return run;
}

}  // namespace wacc::driver
