#include "compiler/driver/RunCommand.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "compiler/codegen/Target.h"
#include "compiler/driver/CachePruning.h"
#include "compiler/driver/Compile.h"
#include "compiler/driver/CompileCache.h"
#include "compiler/driver/Diagnostics.h"
#include "compiler/driver/Options.h"
#include "compiler/support/Status.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/TargetParser/Host.h"

extern char** environ;

namespace wacc::driver {

namespace {

// The runtime folder name of this machine's own architecture: executables
// for any other target run under qemu-user, as binfmt_misc would do.
#if defined(__x86_64__)
constexpr std::string_view kHostRuntime = "x86_64-linux-gnu";
#elif defined(__aarch64__)
constexpr std::string_view kHostRuntime = "aarch64-linux-gnu";
#else
constexpr std::string_view kHostRuntime = "";
#endif

// `name` in a directory of $PATH, or "".
std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':')) {
    std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// How to start the program: directly, or through an emulator.
struct Launcher {
  std::string emulator;  // "" for this machine's own executables
  std::string argv0;     // the program's argv[0] (RunArguments::argv0)
  std::vector<std::string> args;

  // argv for executing `program` (a path): qemu-user takes the program's
  // argv[0] as "-0 <argv0>".
  std::vector<char*> argv(const std::string& program) const {
    std::vector<const char*> out;
    if (!emulator.empty())
      out = {emulator.c_str(), "-0", argv0.c_str(), program.c_str()};
    else
      out = {argv0.c_str()};
    for (const std::string& arg : args) out.push_back(arg.c_str());
    out.push_back(nullptr);
    // execv's argv is char* const[] for C's sake; nothing writes through it.
    std::vector<char*> mutableOut;
    for (const char* s : out) mutableOut.push_back(const_cast<char*>(s));
    return mutableOut;
  }

  // Replaces this process; returns errno when it could not.
  int exec(const std::string& program) const {
    std::vector<char*> args = argv(program);
    execv(emulator.empty() ? program.c_str() : emulator.c_str(), args.data());
    return errno;
  }
};

absl::Status ExecError(const std::string& program, int error) {
  return absl::InternalError(absl::StrCat("cannot run '", program, "': ", std::strerror(error)));
}

// --no-cache: compile into a temporary file, keep it open, delete it, and
// execute the open file (fexecve), so nothing is left behind.
absl::Status RunUncached(Options& options, const Launcher& launcher, const char* argv0) {
  llvm::SmallString<256> path;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("wacc-run", "", path))
    return absl::PermissionDeniedError("cannot create a temporary file: " + ec.message());
  options.output = path.str().str();
  absl::Status compiled = Compile(options, argv0);
  // Close-on-exec unless an emulator must open it by name after the exec.
  int fd = compiled.ok() ? open(options.output.c_str(), O_RDONLY | (launcher.emulator.empty() ? O_CLOEXEC : 0)) : -1;
  int openError = errno;
  unlink(options.output.c_str());
  WACC_RETURN_IF_ERROR(compiled);
  if (fd < 0) return ExecError(options.output, openError);
  if (launcher.emulator.empty()) {
    std::vector<char*> args = launcher.argv("");
    fexecve(fd, args.data(), environ);
    return ExecError(options.output, errno);
  }
  return ExecError(launcher.emulator, launcher.exec(absl::StrCat("/proc/self/fd/", fd)));
}

absl::Status Run(RunOptions& run, const char* argv0) {
  Options& options = run.compile;
  options.emit = EmitKind::Executable;
  WACC_ASSIGN_OR_RETURN(codegen::TargetInfo target, codegen::LookupTarget(options.target));
  Launcher launcher{"", run.arguments.argv0, run.arguments.programArgs};
  if (target.runtimeName != kHostRuntime) {
    std::string qemu = absl::StrCat("qemu-", target.runtimeName.substr(0, target.runtimeName.find('-')));
    launcher.emulator = FindOnPath(qemu);
    if (launcher.emulator.empty())
      return absl::FailedPreconditionError(
          absl::StrCat("cannot run ", target.runtimeName, " executables on this machine: no ", qemu, " on PATH"));
  }
  if (!run.useCache) return RunUncached(options, launcher, argv0);

  std::string directory = CacheDirectory();
  if (directory.empty())
    return absl::FailedPreconditionError("no cache directory ($XDG_CACHE_HOME and $HOME are unset); use --no-cache");
  // The launcher (wacc) computes the same key with the same code, so what
  // is compiled here it finds next time without starting this compiler.
  std::string extra;
  if (options.cpu == "native") {
    extra = llvm::sys::getHostCPUName().str();
    for (const auto& feature : llvm::sys::getHostCPUFeatures())
      if (feature.second) absl::StrAppend(&extra, ",", feature.first().str());
  }
  std::string key = CacheKey(run.arguments, ToolDirectory(), extra);
  if (key.empty()) {
    int fd = open(options.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(absl::StrCat(std::strerror(errno), ": '", options.input, "'"));
    close(fd);
    return absl::InvalidArgumentError(absl::StrCat("'", options.input, "' is not a regular file"));
  }
  std::string path = absl::StrCat(directory, "/", key);
  // The launcher has tried this already unless the executable is another
  // architecture's (or --cpu=native); an emulator would start even without
  // its file: look first.
  if (launcher.emulator.empty() || access(path.c_str(), F_OK) == 0) {
    int error = launcher.exec(path);
    if (error != ENOENT) return ExecError(path, error);
  }
  if (std::error_code ec = llvm::sys::fs::create_directories(directory))
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create the cache directory '", directory, "': ", ec.message()));
  // Compile writes a temporary file beside `path` and renames it into place:
  // concurrent runs of the same input each compile and the last rename wins,
  // and no run ever sees a partial executable.
  options.output = path;
  WACC_RETURN_IF_ERROR(Compile(options, argv0));
  PruneCache(directory, key, CacheLimitBytes());
  return ExecError(path, launcher.exec(path));
}

}  // namespace

int RunMain(int argc, char** argv) {
  auto run = ParseRunOptions(argc, argv);
  if (!run.ok()) return ReportError(run.status(), "");
  return ReportError(Run(*run, argv[0]), run->compile.input);
}

}  // namespace wacc::driver
