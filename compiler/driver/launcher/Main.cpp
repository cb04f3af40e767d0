// wacc: the command users run. It exists so that `wacc run` of an input
// compiled before costs well under a millisecond: the compiler
// (wacc-compile, beside it) links LLVM as a shared library, and just loading
// and initialising that takes tens of milliseconds before main. So this
// small program, which links nothing of LLVM but its xxh3, looks the
// executable up in the cache and execs it; for anything else (a compile,
// --help, a cache miss, an executable this machine cannot run directly) it
// execs wacc-compile with the same arguments, which does the real work
// (compiler/driver/RunCommand.cpp for `run`).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/driver/CompileCache.h"
#include "compiler/driver/RunArguments.h"

namespace {

// Returns when the cache cannot answer; otherwise becomes the program.
void TryCachedRun(int argc, char** argv, const std::string& tools) {
  wacc::driver::RunArguments run = wacc::driver::SplitRunArguments(argc, argv);
  if (run.input.empty()) return;
  for (const std::string& option : run.options) {
    // --cpu=native keys on the host CPU, which only the compiler knows;
    // the others do not run from the cache at all.
    if (option.find("native") != std::string::npos || option == "--no-cache" || option == "--no_cache" ||
        option == "--help" || option == "-h" || option == "--version")
      return;
  }
  std::string directory = wacc::driver::CacheDirectory();
  if (directory.empty()) return;
  std::string key = wacc::driver::CacheKey(run, tools, "");
  if (key.empty()) return;
  std::string path = directory + "/" + key;
  std::vector<char*> args;
  args.push_back(run.argv0.data());
  for (std::string& arg : run.programArgs) args.push_back(arg.data());
  args.push_back(nullptr);
  // ENOENT: not compiled yet; ENOEXEC: another architecture's, which the
  // compiler runs under qemu. Either way the compiler takes over.
  execv(path.c_str(), args.data());
}

}  // namespace

int main(int argc, char** argv) {
  std::string tools = wacc::driver::ToolDirectory();
  if (argc > 1 && (!std::strcmp(argv[1], "run") || !std::strcmp(argv[1], "serve"))) TryCachedRun(argc, argv, tools);
  std::string compiler = tools + "/wacc-compile";
  execv(compiler.c_str(), argv);
  std::fprintf(stderr, "wacc: error: cannot run the compiler '%s': %s\n", compiler.c_str(), std::strerror(errno));
  return 1;
}
