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
#include <cstdio>

#include "compiler/scriptrun/RunnerMain.h"
#include "compiler/spectest/FileRunner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"

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

}  // namespace

int main(int argc, char** argv) {
  llvm::InitLLVM init(argc, argv);

  wacc::scriptrun::CommonArguments common;
  RunnerOptions options;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (wacc::scriptrun::ParseCommonArgument(arg, common, options))
      continue;
    else if (!arg.empty() && arg[0] == '-')
      return Usage("unknown option '" + arg + "'");
    else
      roots.push_back(arg);
  }
  if (roots.empty()) return Usage("no suite directory given");
  if (absl::Status prepared = wacc::scriptrun::PrepareRunner(common, argv[0], "wacc-spectest", options);
      !prepared.ok())
    return Usage(std::string(prepared.message()));

  std::vector<SpecFile> files;
  for (const std::string& root : roots) {
    if (!llvm::sys::fs::exists(root)) return Usage("'" + root + "' does not exist");
    CollectFiles(root, files);
  }

  std::vector<FileResult> results = wacc::scriptrun::RunFilesInOrder<FileResult>(
      files.size(), common.jobs,
      [&](size_t i) { return wacc::spectest::RunSpecFile(files[i].jsonPath, files[i].displayName, options); },
      [](const FileResult& r) { wacc::scriptrun::PrintFileResult(r); });
  llvm::sys::fs::remove_directories(options.workDirectory);

  size_t passed = 0, failed = 0, skipped = 0, textRejected = 0, textAccepted = 0;
  for (const FileResult& r : results) {
    passed += r.passed, failed += r.failed, skipped += r.skipped;
    textRejected += r.textMalformedRejected, textAccepted += r.textMalformedAccepted;
  }
  std::printf("spec: %zu passed, %zu failed, %zu skipped; text malformed: %zu rejected, %zu accepted\n", passed, failed,
              skipped, textRejected, textAccepted);
  return failed == 0 ? 0 : 1;
}
