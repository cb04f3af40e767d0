// wacc-wast [--target=<triple>] [-O<n>] [-j<n>] [--timeout=<s>] [--jco=<node_modules>]
//           [--legacy-component-indices] <.wast file or dir>...
//
// Runs component-model .wast scripts (the component model's reference tests,
// Wasmtime's misc_testsuite/component-model) through wacc's compiler: see
// FileRunner.h. Prints a line per file, its failures and skip reasons, and
// finally
//   wast: N passed, M failed, K skipped
// Exit status 0 when nothing failed, 1 otherwise, 2 for usage errors.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/Linker.h"
#include "compiler/wast/FileRunner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"

namespace {

using wacc::wast::FileResult;
using wacc::wast::RunnerOptions;

struct WastFile {
  std::string path;
  std::string displayName;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "wacc-wast: %s\nusage: wacc-wast [--target=<triple>] [-O<n>] [-j<n>] [--timeout=<seconds>] "
               "[--jco=<node_modules>] [--legacy-component-indices] <file.wast or directory>...\n",
               problem.c_str());
  return 2;
}

// Every .wast below `root`, named relative to root's parent ("values/strings").
void CollectFiles(const std::string& root, std::vector<WastFile>& files) {
  if (llvm::sys::path::extension(root) == ".wast") {
    // Named with its folder ("values/strings"), as a directory's files are.
    std::string folder = llvm::sys::path::filename(llvm::sys::path::parent_path(root)).str();
    files.push_back({root, (folder.empty() ? "" : folder + "/") + llvm::sys::path::stem(root).str()});
    return;
  }
  std::string base = llvm::sys::path::parent_path(root).str();
  std::vector<WastFile> found;
  std::error_code ec;
  for (llvm::sys::fs::recursive_directory_iterator it(root, ec), end; it != end && !ec; it.increment(ec)) {
    if (llvm::sys::path::extension(it->path()) != ".wast") continue;
    std::string name = it->path().substr(base.empty() ? 0 : base.size() + 1);
    found.push_back({it->path(), name.substr(0, name.size() - 5)});
  }
  std::sort(found.begin(), found.end(), [](const WastFile& a, const WastFile& b) { return a.path < b.path; });
  files.insert(files.end(), found.begin(), found.end());
}

void PrintResult(const FileResult& r) {
  std::printf("%s: %zu passed, %zu failed, %zu skipped (%.1fs)", r.name.c_str(), r.passed, r.failed, r.skipped,
              r.seconds);
  if (r.rejectedByAssembler) std::printf(" [%zu rejected by the assembler]", r.rejectedByAssembler);
  std::printf("\n");
  for (const std::string& m : r.messages) std::printf("%s\n", m.c_str());
  if (r.failed > r.messages.size()) std::printf("  ... and %zu more failures\n", r.failed - r.messages.size());
  for (const auto& [reason, count] : r.skipReasons) std::printf("  skipped %zu: %s\n", count, reason.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  llvm::InitLLVM init(argc, argv);

  std::string targetName = "x86_64-linux-gnu";
  unsigned jobs = 2;
  RunnerOptions options;
  options.jcoModules = WACC_WAST_JCO_MODULES;
  options.assembler = WACC_WAST_ASSEMBLER;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--target=", 0) == 0)
      targetName = arg.substr(9);
    else if (arg.rfind("-O", 0) == 0 && arg.size() == 3 && arg[2] >= '0' && arg[2] <= '3')
      options.optLevel = arg[2] - '0';
    else if (arg.rfind("-j", 0) == 0 && !llvm::StringRef(arg).substr(2).getAsInteger(10, jobs) && jobs > 0)
      continue;
    else if (arg.rfind("--timeout=", 0) == 0 &&
             !llvm::StringRef(arg).substr(10).getAsInteger(10, options.timeoutSeconds))
      continue;
    else if (arg == "--legacy-component-indices")
      options.legacyIndices = true;
    else if (arg.rfind("--jco=", 0) == 0)
      options.jcoModules = arg.substr(6);
    else if (!arg.empty() && arg[0] == '-')
      return Usage("unknown option '" + arg + "'");
    else
      roots.push_back(arg);
  }
  if (roots.empty()) return Usage("no .wast file or directory given");
  // Short names as for wacc: x86_64, aarch64.
  if (targetName.find('-') == std::string::npos) targetName += "-linux-gnu";

  absl::StatusOr<wacc::codegen::TargetInfo> target = wacc::codegen::LookupTarget(targetName);
  if (!target.ok()) return Usage(std::string(target.status().message()));
  options.target = *target;
  absl::StatusOr<std::string> runtime = wacc::codegen::RuntimeArchivePath(options.target, argv[0]);
  if (!runtime.ok()) return Usage(std::string(runtime.status().message()));
  options.runtimeArchive = *runtime;
  if (options.target.runtimeName.rfind("aarch64", 0) == 0 && llvm::sys::getProcessTriple().rfind("aarch64", 0) != 0) {
    llvm::ErrorOr<std::string> qemu = llvm::sys::findProgramByName("qemu-aarch64");
    if (!qemu) return Usage("qemu-aarch64 is needed to run AArch64 tests and was not found");
    options.emulator = *qemu;
  }
  llvm::ErrorOr<std::string> node = llvm::sys::findProgramByName("node");
  if (!node) return Usage("node is needed to assemble component text (with jco) and was not found");
  options.node = *node;
  if (!llvm::sys::fs::exists(options.jcoModules + "/@bytecodealliance/jco"))
    return Usage("jco was not found in '" + options.jcoModules + "' (give --jco=<node_modules>)");
  llvm::SmallString<128> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("wacc-wast", work))
    return Usage("cannot create a temporary directory: " + ec.message());
  options.workDirectory = work.str().str();

  std::vector<WastFile> files;
  for (const std::string& root : roots) {
    if (!llvm::sys::fs::exists(root)) return Usage("'" + root + "' does not exist");
    CollectFiles(root, files);
  }

  // Workers take files in order; results are printed in file order.
  std::vector<FileResult> results(files.size());
  std::vector<bool> done(files.size(), false);
  std::atomic<size_t> nextFile{0};
  size_t nextToPrint = 0;
  std::mutex printMutex;
  auto worker = [&]() {
    for (size_t i = nextFile++; i < files.size(); i = nextFile++) {
      FileResult r = wacc::wast::RunWastFile(files[i].path, files[i].displayName, options);
      std::lock_guard<std::mutex> lock(printMutex);
      results[i] = std::move(r);
      done[i] = true;
      while (nextToPrint < files.size() && done[nextToPrint]) PrintResult(results[nextToPrint++]);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::min<size_t>(jobs, std::max<size_t>(files.size(), 1)); ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  llvm::sys::fs::remove_directories(options.workDirectory);

  size_t passed = 0, failed = 0, skipped = 0;
  for (const FileResult& r : results) passed += r.passed, failed += r.failed, skipped += r.skipped;
  std::printf("wast: %zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
  return failed == 0 ? 0 : 1;
}
