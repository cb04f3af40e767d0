// Loading the WIT given with --wit and choosing the world to embed.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "compiler/wit/WitModel.h"

namespace wacc::embed {

struct LoadedWorld {
  wit::WitModel model;
  size_t world = 0;  // index into model.worlds
};

// Reads every .wit file below `witPath` and picks `worldName` ("name" in the
// main package, else anywhere if unique; or "ns:pkg/name[@version]"); with no
// name, the main package's only world, else wasi:cli/command, else the only
// world of all.
absl::StatusOr<LoadedWorld> LoadWorld(const std::string& witPath, const std::string& worldName);

}  // namespace wacc::embed
