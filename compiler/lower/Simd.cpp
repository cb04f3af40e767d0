// 128-bit SIMD. Not implemented yet: every SIMD opcode is reported as
// unsupported, so a module using SIMD fails to compile with a clear error.
#include "compiler/lower/FunctionTranslator.h"

namespace wacc::lower {

absl::StatusOr<bool> FunctionTranslator::lowerSimd(const binary::Instruction& inst) {
  if (binary::OpcodePrefix(inst.opcode) != 0xFD) return false;
  return UnsupportedError(inst.offset, "SIMD instruction %s", binary::OpcodeName(inst.opcode));
}

}  // namespace wacc::lower
