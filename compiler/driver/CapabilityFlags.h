// The capability flags of wacc (--dir, --env, --inherit-env,
// --inherit-network, and Wasmtime's `-S inherit-env,inherit-network`), parsed before absl sees the command line because
// they repeat and their values may contain ',' (which absl list flags split on).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/codegen/CapabilityTable.h"

namespace wacc::driver {

// The lines --help prints for these flags.
extern const char* const kCapabilityUsage;

// Removes the capability flags (both "--dir X" and "--dir=X" forms, "-S X"
// and "-SX") from
// `args` into `capabilities`; returns the remaining arguments.
absl::StatusOr<std::vector<std::string>> ExtractCapabilityFlags(const std::vector<std::string>& args,
                                                                codegen::Capabilities& capabilities);

}  // namespace wacc::driver
