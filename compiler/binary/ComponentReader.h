// Decodes a component binary (the component model's Binary.md, WASI 0.2 era)
// into the syntactic model of Component.h.
//
// The reader checks the binary's shape only: every byte is accounted for,
// every opcode is known, every section has exactly its declared size. Index
// validity and typing are the instantiation planner's job. Core modules
// embedded in the component are read with ReadCoreModule and validated with
// ValidateCoreModule as they are met.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "absl/status/statusor.h"
#include "compiler/binary/Component.h"
#include "compiler/binary/Features.h"

namespace wacc::binary {

// How deeply components may nest inside components, and how deeply type
// definitions may nest inside component and instance types. Deeper input is
// rejected with an error rather than exhausting the stack.
inline constexpr unsigned kMaxComponentNesting = 100;
inline constexpr unsigned kMaxTypeNesting = 100;

// What a wasm file holds, from its preamble: \0asm followed by version 1,
// layer 0 (a core module's 4-byte version 1) or by a component's version
// and layer 1. Anything that is not a core module's preamble, malformed
// input included, is Component, for ReadComponent to diagnose.
enum class BinaryKind : uint8_t { Component, CoreModule };
BinaryKind DetectBinaryKind(std::span<const uint8_t> file);

// Reads a whole component file. The returned model keeps spans (core function
// bodies, data segments) into `file`, which must outlive it. Its core modules
// may use the proposals `features` leaves on.
absl::StatusOr<std::unique_ptr<Component>> ReadComponent(std::span<const uint8_t> file, const Features& features);

}  // namespace wacc::binary
