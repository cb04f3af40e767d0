// A trailing or leading zero count whose operand a dominating branch has
// shown to be non-zero is marked as such (`llvm.cttz`/`llvm.ctlz` with
// is_zero_poison = true), so that code generation need not handle zero.
//
// Why: wasm's i32/i64.ctz and clz are defined at zero (32 or 64), so every
// count wacc translates says "zero is not poison", where clang's native
// build of __builtin_ctz says the opposite. On x86-64 without BMI (wacc's
// default CPU) a count defined at zero costs a `mov $64` before the
// `tzcnt`/`bsf` and, for clz, a `cmov` after `bsr`; AArch64's `rbit; clz`
// gives 64 anyway (no change). Programs count bits in loops guarded by the
// operand being non-zero: zstd's row match finder walks a match mask with
// `for (; m > 0; m &= m - 1) pos = ctz(m)` (69M iterations).
//
// InstCombine already sets the flag when ValueTracking proves the operand
// non-zero, but ValueTracking uses dominating conditions for pointers only,
// and a loop's mask is a phi whose back-edge value is tested one block
// before the latch. So here, for each count with the flag false, the
// operand is non-zero at the count if (up to one level of phi: each
// incoming value at the end of its incoming block)
//   - ValueTracking says so (constants, `or` with a non-zero value, ...), or
//   - a branch on `icmp eq/ne W, K` (alone, or or-ed / and-ed with another
//     condition: SimplifyCFG merges a loop's exits so) whose edge to the
//     side where W != K dominates the point, where V == 0 exactly when W == K through a chain
//     of bijections: `xor` or `add`/`sub` of a constant, a rotate
//     (`fshl`/`fshr` of one value), `bswap`, `bitreverse`, `zext`/`sext`,
//     `trunc nuw` (it drops only zeros).
// And a count is marked whatever dominates it when every use of it is a
// select that takes its other operand where the count's operand is zero
// (`select (icmp eq W, K), x, count`, W == K as above): the value at zero
// is never chosen, and a select does not pass on the poison of the arm it
// does not choose. InstCombine does this only when the compare is of the
// count's own operand; wasm32's split 64-bit count compares the i64 mask and
// counts its `trunc nuw` (zstd's row finders with 16-entry rows: the `mov
// $32` before `bsf` goes).
// The flag only lets the backend assume what the branch established; the
// count's result is the same for every value the operand can have there.
// At the end of the IR pipeline, with the other late passes.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class NonZeroCountsPass : public llvm::PassInfoMixin<NonZeroCountsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
