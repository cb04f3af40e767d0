// How the versioning passes read a 32-bit wasm address as an integer
// (AddressWrapVersioning.h over ScalarEvolution's recurrences,
// AddressRangeVersioning.h over trees of leaves with bounds): one model,
// stated here once.
//
// A wasm address is an i32 sum E, zero-extended and added to the memory
// base. Read each i32 part of E as an integer: a constant whose i32 is
// negative as its signed value (`p + -2`, `sp + -48`: read as 2^32 - 48 it
// would make every shadow-stack address exceed 2^32 for any real stack
// pointer, and a loop would be copied behind a check that never holds), any
// other part as its unsigned value. add, shl and mul are ring operations
// mod 2^32, so the sum U of those integers in unbounded arithmetic is
// congruent to E mod 2^32, and zext(E) == U exactly when 0 <= U < 2^32.
// Where U moves monotonically over a loop's iterations (or with each varying
// leaf between 0 and its bound), the check before the loop needs only its
// least and greatest values in that range. Then every access computes the
// same address in i64 as in i32: an access out of bounds still faults (guard
// pages) or fails its bounds check at the same access, with the same
// address.
#pragma once

#include <cstdint>

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::codegen {

// The integer an i32 constant part of an address stands for: its signed
// value when negative, else its unsigned one.
inline int64_t AddressConstant(const llvm::APInt& c) {
  return c.isNegative() ? c.getSExtValue() : int64_t(c.getZExtValue());
}

// The same reading of an i32 part as a SCEV widened to `i64`: sign-extended
// if it is a negative constant, zero-extended otherwise.
const llvm::SCEV* WidenAddressPart(llvm::ScalarEvolution& se, const llvm::SCEV* part, llvm::Type* i64);

// True when `part` is a constant read as a negative integer.
bool IsNegativeAddressConstant(const llvm::SCEV* part);

// The run-time check that an address's integer is exact (as an i1): its
// greatest value (i64) at most 2^32 - 1 and, when `least` is given (some
// part may be negative), its least at least 0. `ok` accumulates: the result
// is `ok and ...`, or just the new comparisons when `ok` is null.
llvm::Value* EmitExactAddressCheck(llvm::IRBuilder<>& b, llvm::Value* ok, llvm::Value* greatest, llvm::Value* least,
                                   const llvm::Twine& fitsName = "", const llvm::Twine& aboveName = "");

}  // namespace wacc::codegen
