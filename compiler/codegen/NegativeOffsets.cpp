#include "compiler/codegen/NegativeOffsets.h"

#include <vector>

#include "compiler/codegen/MemoryBase.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/Local.h"
#include "wacc/Runtime.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-negative-offsets=0: every access keeps its 32-bit address (A/B).
llvm::cl::opt<bool> gEnabled("wacc-negative-offsets", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("fold negative constant address offsets into the access"));
// -mllvm -wacc-negative-offsets-nested=0: only a constant at the sum's top (A/B).
llvm::cl::opt<bool> gRecurse("wacc-negative-offsets-nested", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("fold a negative constant one add below the address's top"));

// The access's pointer, if it has the shape `gep i8 membase, zext(x - k)`
// with 0 < k <= the guard below (NegativeOffsets.h): the gep, x and -k.
// Or `zext((y - k) + z)`, the constant one add down (a three-term sum such
// as zstd's `match + ml - 3`, which InstCombine associates as `(ml - 3) +
// match`): i32 addition is associative and commutative mod 2^32, so this is
// `zext((y + z) - k)`, and x is y + z, built at the gep (`z` set).
struct Shape {
  llvm::GetElementPtrInst* gep = nullptr;
  llvm::Value* x = nullptr;
  llvm::Value* z = nullptr;  // when set, x + z stands for x
  int64_t offset = 0;
};

bool Match(llvm::Value* pointer, Shape& shape) {
  using namespace llvm::PatternMatch;
  auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(pointer);
  if (!gep || gep->getNumIndices() != 1 || !gep->getSourceElementType()->isIntegerTy(8) ||
      !MemoryOfBase(gep->getPointerOperand()))
    return false;
  llvm::Value* x;
  llvm::Value* z = nullptr;
  const llvm::APInt* k;
  if (!match(gep->getOperand(1), m_ZExt(m_Add(m_Value(x), m_APInt(k)))) &&
      !(gRecurse && match(gep->getOperand(1), m_ZExt(m_c_Add(m_OneUse(m_Add(m_Value(x), m_APInt(k))), m_Value(z))))))
    return false;
  if (!x->getType()->isIntegerTy(32)) return false;
  int64_t offset = k->getSExtValue();
  if (offset >= 0 || offset < -int64_t(WACC_MEMORY_GUARD_BELOW)) return false;
  shape = {gep, x, z, offset};
  return true;
}

}  // namespace

llvm::PreservedAnalyses NegativeOffsetsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  if (!gEnabled || f.isDeclaration()) return llvm::PreservedAnalyses::all();
  bool stores = f.getParent()->getTargetTriple().getArch() == llvm::Triple::x86_64;
  // Each access whose pointer has the shape, with the shape; a gep several
  // accesses share is rewritten once.
  std::vector<std::pair<llvm::Instruction*, Shape>> accesses;
  for (llvm::BasicBlock& block : f)
    for (llvm::Instruction& inst : block) {
      llvm::Value* pointer = nullptr;
      if (auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst))
        pointer = load->getPointerOperand();
      else if (auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst); store && stores)
        pointer = store->getPointerOperand();
      Shape shape;
      if (pointer && Match(pointer, shape)) accesses.emplace_back(&inst, shape);
    }
  if (accesses.empty()) return llvm::PreservedAnalyses::all();

  llvm::DenseMap<llvm::GetElementPtrInst*, llvm::Value*> rewritten;
  llvm::SmallVector<llvm::WeakTrackingVH, 16> dead;
  for (auto& [access, shape] : accesses) {
    llvm::Value*& pointer = rewritten[shape.gep];
    if (!pointer) {
      // At the gep, which dominates every access that uses it.
      llvm::IRBuilder<> b(shape.gep);
      llvm::Value* base = shape.gep->getPointerOperand();
      llvm::Value* x = shape.z ? b.CreateAdd(shape.x, shape.z) : shape.x;
      llvm::Value* index = b.CreateZExt(x, b.getInt64Ty());
      // membase + zext(x) is inside the reservation, as before; the
      // negative step may leave the memory for the guard below, so it
      // carries no inbounds.
      llvm::Value* at = b.CreateInBoundsGEP(b.getInt8Ty(), base, index);
      pointer = b.CreateGEP(b.getInt8Ty(), at, b.getInt64(shape.offset), shape.gep->getName());
      dead.emplace_back(shape.gep);
    }
    access->setOperand(llvm::isa<llvm::LoadInst>(access) ? llvm::LoadInst::getPointerOperandIndex()
                                                         : llvm::StoreInst::getPointerOperandIndex(),
                       pointer);
  }
  llvm::RecursivelyDeleteTriviallyDeadInstructionsPermissive(dead);
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  return kept;
}

}  // namespace wacc::codegen
