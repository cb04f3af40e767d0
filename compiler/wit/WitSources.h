// Finding and loading WIT text: from a directory tree (tests, wacc-wit) or
// from the copy of wit/ compiled into wacc.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/wit/WitModel.h"

namespace wacc::wit {

struct WitSource {
  std::string fileName;  // for diagnostics
  std::string folder;    // files of one folder share their package
  std::string text;
};

// Every *.wit file below `dir`, in a stable (sorted) order; or `dir`
// itself when it names a file.
absl::StatusOr<std::vector<WitSource>> ReadWitDirectory(const std::string& dir);

// A WIT package as wit-parser lays one out: the *.wit files directly in `dir`
// are the main package and `dir/deps/` holds its dependencies (read whole).
// A folder with no *.wit files of its own (jco's folder of package folders)
// is read whole, as ReadWitDirectory does; so is `dir` naming a file.
absl::StatusOr<std::vector<WitSource>> ReadWitPackage(const std::string& dir);

// wit/ as compiled into wacc (EmbeddedWit.h).
std::vector<WitSource> EmbeddedWitSources();

// Parses and resolves `sources` together.
absl::StatusOr<WitModel> LoadWit(const std::vector<WitSource>& sources);

}  // namespace wacc::wit
