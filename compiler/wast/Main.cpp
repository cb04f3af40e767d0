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
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "compiler/scriptrun/RunnerMain.h"
#include "compiler/wast/FileRunner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

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

}  // namespace

int main(int argc, char** argv) {
  llvm::InitLLVM init(argc, argv);

  wacc::scriptrun::CommonArguments common;
  RunnerOptions options;
  options.jcoModules = WACC_WAST_JCO_MODULES;
  options.assembler = WACC_WAST_ASSEMBLER;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (wacc::scriptrun::ParseCommonArgument(arg, common, options))
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
  llvm::ErrorOr<std::string> node = llvm::sys::findProgramByName("node");
  if (!node) return Usage("node is needed to assemble component text (with jco) and was not found");
  options.node = *node;
  if (!llvm::sys::fs::exists(options.jcoModules + "/@bytecodealliance/jco"))
    return Usage("jco was not found in '" + options.jcoModules + "' (give --jco=<node_modules>)");
  if (absl::Status prepared = wacc::scriptrun::PrepareRunner(common, argv[0], "wacc-wast", options); !prepared.ok())
    return Usage(std::string(prepared.message()));

  std::vector<WastFile> files;
  for (const std::string& root : roots) {
    if (!llvm::sys::fs::exists(root)) return Usage("'" + root + "' does not exist");
    CollectFiles(root, files);
  }

  std::vector<FileResult> results = wacc::scriptrun::RunFilesInOrder<FileResult>(
      files.size(), common.jobs,
      [&](size_t i) { return wacc::wast::RunWastFile(files[i].path, files[i].displayName, options); },
      [](const FileResult& r) {
        wacc::scriptrun::PrintFileResult(
            r, r.rejectedByAssembler ? absl::StrCat(" [", r.rejectedByAssembler, " rejected by the assembler]") : "");
      });
  llvm::sys::fs::remove_directories(options.workDirectory);

  size_t passed = 0, failed = 0, skipped = 0;
  for (const FileResult& r : results) passed += r.passed, failed += r.failed, skipped += r.skipped;
  std::printf("wast: %zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
  return failed == 0 ? 0 : 1;
}
