// The embed stage: a core module whose imports and exports follow the
// component model's core naming, plus a WIT world, in; the component that
// `wasm-tools component embed` + `component new` would make of them, out
// (as bytes, which the driver then reads like any input component).
//
// The core module names what it needs as wit-component's "legacy" mangling
// does (BuildTargets.md's predecessor, still what toolchains emit):
//   import "wasi:cli/stdout@0.2.0" "get-stdout"                 an interface function
//   import "wasi:io/streams@0.2.0" "[resource-drop]output-stream"  a resource's drop
//   export "wasi:cli/run@0.2.0#run"                            an exported interface function
//   export "cabi_post_wasi:cli/run@0.2.0#run"                  its post-return
//   export "memory", "cabi_realloc" (or "cabi_import_realloc" /
//          "cabi_export_realloc"), "_initialize"
// An import's interface matches the world's by name and a semver-compatible
// version (0.2.0 binds to 0.2.12), as wit-component matches them; an export's
// must be exact. Exports of other names (`_start`, `__heap_base`, ...) are
// ignored, as wit-component ignores them; but one that names an interface
// function ("…#…") the world does not export is an error here, where
// wit-component would drop it silently.
//
// Errors are InputError at the offending import or export entry of the core
// module (its file offset): an interface or function the world lacks, a core
// type that is not the canonical ABI's flattening of the WIT function's, a
// world export the module does not provide. WIT errors name the .wit file,
// line and column.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/binary/Features.h"

namespace wacc::embed {

struct EmbedRequest {
  // A .wit file or a directory: every .wit file below it is read; the files
  // directly in it form the main package (its `deps/` folders the others).
  std::string witPath;
  // "name" or "ns:pkg/name[@version]"; empty: the main package's only
  // world, else wasi:cli/command, else the only world there is.
  std::string world;
  binary::Features features;  // the proposals the core module may use
};

// `coreModule` is the binary module as read from the input file (offsets in
// errors are its offsets). The result is a component binary.
absl::StatusOr<std::vector<uint8_t>> EmbedWorld(std::span<const uint8_t> coreModule, const EmbedRequest& request);

}  // namespace wacc::embed
