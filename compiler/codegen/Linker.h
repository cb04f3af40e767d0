// Linking the program's object with the bundled runtime into a static
// executable, with lld running inside the compiler's process.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compiler/codegen/Target.h"

namespace wacc::codegen {

// The bundled runtime archive for `target`: <bindir>/../lib/wacc/<target>/libwacc_rt.a.
absl::StatusOr<std::string> RuntimeArchivePath(const TargetInfo& target, const char* argv0);

// Links the objects and the runtime into `outputPath`; `strip` drops symbols.
absl::Status LinkExecutable(const TargetInfo& target, const std::vector<std::string>& objectPaths,
                            const std::string& runtimeArchive, const std::string& outputPath, bool strip);
absl::Status LinkExecutable(const TargetInfo& target, const std::string& objectPath, const std::string& runtimeArchive,
                            const std::string& outputPath, bool strip);

}  // namespace wacc::codegen
