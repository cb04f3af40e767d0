#include "compiler/codegen/AddressIntegers.h"

#include "llvm/Analysis/ScalarEvolutionExpressions.h"

namespace wacc::codegen {

bool IsNegativeAddressConstant(const llvm::SCEV* part) {
  auto* c = llvm::dyn_cast<llvm::SCEVConstant>(part);
  return c && c->getAPInt().isNegative();
}

const llvm::SCEV* WidenAddressPart(llvm::ScalarEvolution& se, const llvm::SCEV* part, llvm::Type* i64) {
  return IsNegativeAddressConstant(part) ? se.getSignExtendExpr(part, i64) : se.getZeroExtendExpr(part, i64);
}

llvm::Value* EmitExactAddressCheck(llvm::IRBuilder<>& b, llvm::Value* ok, llvm::Value* greatest, llvm::Value* least,
                                   const llvm::Twine& fitsName, const llvm::Twine& aboveName) {
  auto both = [&](llvm::Value* holds) { ok = ok ? b.CreateAnd(ok, holds) : holds; };
  if (greatest) both(b.CreateICmpULE(greatest, b.getInt64(0xffffffffu), fitsName));
  if (least) both(b.CreateICmpSGE(least, b.getInt64(0), aboveName));
  return ok;
}

}  // namespace wacc::codegen
