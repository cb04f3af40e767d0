// Component values between a script and the canonical ABI's memory layout:
// arguments are stored into an image of the driver's linear memory at
// compile time, results are loaded back from the bytes the program
// reported. Both sides meet as canonical text ("{a: 1, b: \"x\"}"), which
// is what is compared and what failure messages show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/component/ValueTypes.h"
#include "compiler/wast/WastScript.h"

namespace wacc::wast {

// Bytes of the driver's memory starting at address `base`.
struct MemoryImage {
  uint32_t base = 0;
  std::string bytes;

  // Reserves `size` bytes aligned to `align`; returns their address.
  uint32_t allocate(uint32_t size, uint32_t align);
  uint32_t end() const { return base + uint32_t(bytes.size()); }
};

// Stores `values` as the tuple of a function's parameters into `image`;
// returns the tuple's address.
absl::StatusOr<uint32_t> StoreArguments(const std::vector<WastValue>& values,
                                        const std::vector<component::FuncSignature::Param>& params, MemoryImage& image);

// The canonical text of `value` read as a value of `type`.
absl::StatusOr<std::string> ExpectedText(const WastValue& value, component::TypeRef type);

// The canonical text of the value of `type` at `address` in `memory`.
absl::StatusOr<std::string> LoadedText(component::TypeRef type, uint32_t address, const MemoryImage& memory);

}  // namespace wacc::wast
