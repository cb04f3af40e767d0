// The WebAssembly proposals beyond 2.0 that a core module may use, each of
// which the user can turn off as with Wasmtime's `-W <name>=n`.
//
// All are on by default, as in `wasmtime run`. Off, a module that uses one is
// refused as WebAssembly 2.0 refuses it. That matters for multi-memory and
// memory64, which change the binary format itself: a memory index after
// memory.size, grow, fill, copy and init is a LEB128 instead of a zero byte,
// bit 6 of a memarg's flags announces one, and a memarg's offset is a u64.
// The 2.0 spec suite requires the first two to be malformed, so it runs
// with multi-memory off; an offset of 2^32 or more it requires to be refused
// is refused with memory64 on too (as invalid for a 32-bit memory).
//
// The validator applies these (CoreValidator.h); the stages after it read
// every validated body the same way whatever the setting, because a body
// valid under 2.0's encoding decodes identically under 3.0's.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace wacc::binary {

struct Features {
  bool multiMemory = true;    // multi-memory: several memories per module
  bool memory64 = true;       // memory64: memories addressed by i64
  bool tailCall = true;       // return_call, return_call_indirect
  bool extendedConst = true;  // i32/i64 add, sub, mul in constant expressions
  bool relaxedSimd = true;    // the 20 relaxed SIMD instructions
  bool threads = true;        // shared memories and atomic instructions
};

// Applies one `-W` value: a comma-separated list of `<name>[=y|n]` (also
// yes/no, true/false), names as Wasmtime spells them (FeatureNames()).
absl::Status ApplyFeatureSettings(absl::string_view settings, Features& features);

// "multi-memory, memory64, tail-call, ...", for errors; and
// `-W help`'s text, one line per name with what it turns on.
std::string FeatureNames();
std::string FeatureHelp();

}  // namespace wacc::binary
