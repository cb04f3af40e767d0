// wacc-spectest [--target=<triple>] [-O<n>] [-j<n>] <suite-dir or .json>...
//
// Runs the WebAssembly core spec test suite (wast2json output) through
// wacc's compiler: one executable per test file, all of its commands in one
// process. Prints a line per file and finally
//   spec: N passed, M failed, K skipped; text malformed: R rejected, A accepted
// where the last two count the assert_malformed commands whose modules are
// text (among the passed and failed ones): those the text path (wabt's
// parser, then wacc's reader and validator) rejected, and those it accepted.
// Exit status 0 when nothing failed, 1 otherwise, 2 for usage errors.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/Linker.h"
#include "compiler/spectest/FileRunner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"

namespace {

using wacc::spectest::FileResult;
using wacc::spectest::RunnerOptions;

struct SpecFile {
  std::string jsonPath;
  std::string displayName;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "wacc-spectest: %s\nusage: wacc-spectest [--target=<triple>] [-O<n>] [-j<n>] "
               "[--timeout=<seconds>] <suite-dir or file.json>...\n",
               problem.c_str());
  return 2;
}

// Every .json below `root`, named relative to root's parent ("core/address").
void CollectFiles(const std::string& root, std::vector<SpecFile>& files) {
  if (llvm::sys::path::extension(root) == ".json") {
    files.push_back({root, llvm::sys::path::stem(root).str()});
    return;
  }
  std::string base = llvm::sys::path::parent_path(root).str();
  std::vector<SpecFile> found;
  std::error_code ec;
  for (llvm::sys::fs::recursive_directory_iterator it(root, ec), end; it != end && !ec; it.increment(ec)) {
    if (llvm::sys::path::extension(it->path()) != ".json") continue;
    std::string folder = llvm::sys::path::parent_path(it->path()).str();
    std::string name = folder.size() > base.size() ? folder.substr(base.empty() ? 0 : base.size() + 1) : folder;
    found.push_back({it->path(), name});
  }
  std::sort(found.begin(), found.end(), [](const SpecFile& a, const SpecFile& b) { return a.jsonPath < b.jsonPath; });
  files.insert(files.end(), found.begin(), found.end());
}

void PrintResult(const FileResult& r) {
  std::printf("%s: %zu passed, %zu failed, %zu skipped (%.1fs)\n", r.name.c_str(), r.passed, r.failed, r.skipped,
              r.seconds);
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
    else if (!arg.empty() && arg[0] == '-')
      return Usage("unknown option '" + arg + "'");
    else
      roots.push_back(arg);
  }
  if (roots.empty()) return Usage("no suite directory given");

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
  llvm::SmallString<128> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("wacc-spectest", work))
    return Usage("cannot create a temporary directory: " + ec.message());
  options.workDirectory = work.str().str();

  std::vector<SpecFile> files;
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
      FileResult r = wacc::spectest::RunSpecFile(files[i].jsonPath, files[i].displayName, options);
      std::lock_guard<std::mutex> lock(printMutex);
      results[i] = std::move(r);
      done[i] = true;
      while (nextToPrint < files.size() && done[nextToPrint]) PrintResult(results[nextToPrint++]);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::min<size_t>(jobs, std::max<size_t>(files.size(), 1)); ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  llvm::sys::fs::remove(options.workDirectory);

  size_t passed = 0, failed = 0, skipped = 0, textRejected = 0, textAccepted = 0;
  for (const FileResult& r : results) {
    passed += r.passed, failed += r.failed, skipped += r.skipped;
    textRejected += r.textMalformedRejected, textAccepted += r.textMalformedAccepted;
  }
  std::printf("spec: %zu passed, %zu failed, %zu skipped; text malformed: %zu rejected, %zu accepted\n", passed, failed,
              skipped, textRejected, textAccepted);
  return failed == 0 ? 0 : 1;
}
