// Recognising a linear memory's base in optimised IR. The translation reads
// it as `load ptr, (struct.wacc_memory @mem).base` (lower/Memory.cpp,
// invariant: the base never moves); codegen passes whose reasoning holds
// only for accesses into a linear memory (its size, its guard regions) ask
// here whether an address starts from one.
#pragma once

#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Value.h"

namespace wacc::codegen {

// The memory (a global struct wacc_memory) whose base `base` is loaded
// from, or null.
llvm::GlobalVariable* MemoryOfBase(llvm::Value* base);

}  // namespace wacc::codegen
