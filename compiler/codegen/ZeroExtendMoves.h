// Removing the register moves that zero-extend a 32-bit value whose upper
// half is already zero (ZeroExtendMoves.cpp has the argument).
#pragma once

namespace wacc::codegen {

// Adds the pass (when -mllvm -wacc-zext-moves asks for it) to every code-
// generation pipeline built from now on in this process at -O1 and above, after LLVM's PeepholeOptimizer (machine SSA,
// before PHI elimination and register coalescing). Idempotent and thread-safe;
// EmitMachineCode calls it before it builds its pipeline.
void RegisterZeroExtendMovesPass();

}  // namespace wacc::codegen
