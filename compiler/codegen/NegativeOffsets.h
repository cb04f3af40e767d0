// Negative constant offsets folded into the access, the guard below the
// memory catching the wrap.
//
// Wasm's static offsets are unsigned, so clang's wasm backend folds only
// non-negative constants into a load or store; `p[-1]`, `sp[-2]`,
// `&node->link - offsetof(...)` become `i32.add x, -k` and an access at
// offset 0. wacc translates that to `membase + zext(x - k)`: the subtraction
// must wrap in 32 bits, so it is its own instruction (x86: `lea -k(%rx), %ecx;
// mov (%base,%rcx)` where native code has `mov -k(%rx)`), one per access
// (an interpreter's operand stack is read at sp[-1], sp[-2] ... in every
// handler).
//
// The runtime keeps WACC_MEMORY_GUARD_BELOW inaccessible bytes below each
// memory's base and never lets a memory reach 4 GiB (wacc/Runtime.h). Then
// for 0 < k <= WACC_MEMORY_GUARD_BELOW, `membase + zext(x) - k` accesses
// the same bytes as `membase + zext(x - k)` whenever x >= k, and when x < k
// (the subtraction wraps) wasm's address is at least 2^32 - k, beyond the
// end of the memory, so the access traps, and ours starts in the guard
// below, so it faults; the fault handler reports the same trap. This pass
// rewrites the pointer of each load (and, on x86-64, store) of that shape at
// the end of the IR pipeline; instruction selection then folds -k into the
// addressing mode, and the accesses at several offsets from one x share
// `membase + zext(x)`.
//
// The constant may also sit one add below the top, `zext((y - k) + z)` with
// `y - k` used only there (a three-term sum such as zstd's `match + ml - 3`,
// associated as `(ml - 3) + match` because `match` is used elsewhere): i32
// addition is associative mod 2^32, so that is `zext((y + z) - k)` and the
// same argument holds with x = y + z, an add built at the access (x86 would
// otherwise split the three-operand `lea` into `lea; add`).
//
// Only at offset 0: with a static offset d > 0 wasm's address of a wrapped
// x - k is 2^32 - k + x + d, still out of bounds, but ours would be x - k +
// d, which may be inside the memory. Stores on AArch64 are left alone: a
// store that straddles the guard and the memory's first page may write the
// bytes in the page before it faults (the architecture allows it), bytes
// wasm's address never names; x86 writes nothing when any byte faults.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class NegativeOffsetsPass : public llvm::PassInfoMixin<NegativeOffsetsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
