// Reading a core WebAssembly 2.0 module from its binary encoding.
//
// The reader checks the module's structure: preamble, section ids, order and
// sizes, every section's contents, and the agreement between the function and
// code sections and between the data count and data sections. It does not
// decode function bodies (InstructionReader does that on demand) and does not
// check indices or types: run ValidateCoreModule (CoreValidator.h) on the
// result before trusting it.
#pragma once

#include <memory>

#include "compiler/binary/ByteReader.h"
#include "compiler/binary/CoreModule.h"

namespace wacc::binary {

// Limits that keep a hostile module from exhausting memory.
inline constexpr uint64_t kMaxFunctionLocals = 50000;
// Locals are stored one entry per local, and a few bytes can declare
// thousands, so the module as a whole is capped too.
inline constexpr uint64_t kMaxModuleLocals = uint64_t(1) << 24;

// `reader` spans exactly one module, starting at its preamble (\0asm, version
// 1). Offsets in errors and in the result are the reader's absolute offsets,
// so a module embedded in a component reports positions in the component file.
// Spans in the result point into the reader's buffer, which must outlive it.
absl::StatusOr<std::unique_ptr<CoreModule>> ReadCoreModule(ByteReader reader);

}  // namespace wacc::binary
