// The text front stage: WebAssembly text (.wat, or a .wast that is one
// module) in, the module's binary out, for the binary readers that follow.
// Everything after this stage sees bytes only.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wacc::text {

// Whether a file is text, decided by its content as Wasmtime decides it
// (never by the file name): anything but a binary's `\0asm` preamble whose
// first character after white space is `(` or `;` (every module, component
// and script starts with a form or a comment). Other bytes, an empty file
// among them, go to the binary reader, which says what is wrong with them.
bool IsText(std::span<const uint8_t> file);

// Parses and validates a core module in the text format (WebAssembly 2.0,
// the feature set wacc compiles; `(module binary "...")` too) and returns
// its binary encoding, with a name section for the names the text gives.
// Errors read "<fileName>:<line>:<column>: <what>" (or, inside a
// `(module binary ...)`, "<fileName>: in its binary module: 0x<offset>:
// <what>"), complete messages with no byte offset for the driver to prefix;
// component text is one such error.
absl::StatusOr<std::vector<uint8_t>> TextToBinary(std::string_view fileName, std::span<const uint8_t> text);

}  // namespace wacc::text
