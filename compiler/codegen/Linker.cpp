#include "compiler/codegen/Linker.h"

#include "absl/strings/str_cat.h"
#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace wacc::codegen {

absl::StatusOr<std::string> RuntimeArchivePath(const TargetInfo& target, const char* argv0) {
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, &anchor);
  llvm::SmallString<256> path(llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
  llvm::sys::path::append(path, "lib", "wacc", target.runtimeName, "libwacc_rt.a");
  if (!llvm::sys::fs::exists(path))
    return absl::NotFoundError(
        absl::StrCat("the runtime for ", target.runtimeName, " is missing (expected ", path.str().str(), ")"));
  return path.str().str();
}

absl::Status LinkExecutable(const TargetInfo& target, const std::string& objectPath, const std::string& runtimeArchive,
                            const std::string& outputPath, bool strip) {
  return LinkExecutable(target, std::vector<std::string>{objectPath}, runtimeArchive, outputPath, strip);
}

absl::Status LinkExecutable(const TargetInfo& target, const std::vector<std::string>& objectPaths,
                            const std::string& runtimeArchive, const std::string& outputPath, bool strip) {
  std::vector<const char*> args = {"ld.lld",
                                   "-m",
                                   target.emulation.c_str(),
                                   "-static",
                                   "--gc-sections",
                                   "-e",
                                   "_start",
                                   "-z",
                                   "noexecstack",
                                   "--build-id=none",
                                   "--no-undefined",
                                   "-o",
                                   outputPath.c_str()};
  for (const std::string& object : objectPaths) args.push_back(object.c_str());
  args.push_back(runtimeArchive.c_str());
  if (strip) args.push_back("--strip-all");
  std::string diagnostics;
  llvm::raw_string_ostream diag(diagnostics);
  lld::Result result = lld::lldMain(args, llvm::nulls(), diag, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0) return absl::InternalError("linking failed: " + diagnostics);
  return absl::OkStatus();
}

}  // namespace wacc::codegen
