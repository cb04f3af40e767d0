#include "compiler/codegen/CodeTableJumps.h"

#include <optional>
#include <string>
#include <vector>

#include "compiler/lower/InstanceState.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Triple.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-code-table-jumps=0: calls load their code, as before (A/B).
llvm::cl::opt<bool> gEnabled("wacc-code-table-jumps", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("call frozen tables' code through jump tables"));

// One entry: a 5-byte `jmp rel32` (x86-64) or a 4-byte `b` (AArch64), padded.
constexpr uint64_t kEntryBytes = 8;
// Jump tables of a module together, in entries (8 bytes each): a scattered
// signature of a large table would otherwise cost a page per few hundred
// functions of code.
constexpr uint64_t kMaxModuleEntries = 1u << 15;
// A jump table spans its first to its last non-null slot; the null ones
// between are dead bytes. At most this many per non-null one.
constexpr uint64_t kMaxEntriesPerTarget = 4;

// The slots [first, end) from the first to the last non-null entry, and
// their code (null where the slot would trap).
struct Span {
  uint64_t first = 0;
  std::vector<llvm::Function*> code;
};

std::optional<Span> NonNullSpan(const llvm::GlobalVariable& codes) {
  auto* type = llvm::dyn_cast<llvm::ArrayType>(codes.getValueType());
  if (!type || !codes.hasInitializer()) return std::nullopt;
  const llvm::Constant* init = codes.getInitializer();
  std::optional<uint64_t> first;
  uint64_t end = 0, targets = 0;
  std::vector<llvm::Function*> code(type->getNumElements(), nullptr);
  for (uint64_t i = 0; i < code.size(); ++i) {
    const llvm::Constant* entry = init->getAggregateElement(unsigned(i));
    if (!entry) return std::nullopt;
    if (entry->isNullValue()) continue;
    // The descriptor's code is a function (or its C-convention thunk).
    auto* f = llvm::dyn_cast<llvm::Function>(const_cast<llvm::Constant*>(entry)->stripPointerCasts());
    if (!f) return std::nullopt;
    code[i] = f;
    if (!first) first = i;
    end = i + 1;
    ++targets;
  }
  if (!first || end - *first > kMaxEntriesPerTarget * targets) return std::nullopt;
  return Span{*first, std::vector<llvm::Function*>(code.begin() + *first, code.begin() + end)};
}

// The naked function whose entry k jumps to span.code[k].
llvm::Function* BuildJumpTable(llvm::Module& module, const llvm::GlobalVariable& codes, const Span& span) {
  const llvm::Triple& triple = module.getTargetTriple();
  bool x86 = triple.getArch() == llvm::Triple::x86_64;
  if (!x86 && triple.getArch() != llvm::Triple::aarch64) return nullptr;
  llvm::LLVMContext& c = module.getContext();
  std::string text, constraints;
  std::vector<llvm::Value*> operands;
  llvm::DenseMap<llvm::Function*, unsigned> operandOf;
  llvm::StringRef section;
  for (llvm::Function* target : span.code) {
    // Each entry at its multiple of 8 whatever the assembler makes of the
    // jump (it may relax one to a 2-byte form).
    text += ".balign 8\n";
    if (!target) {
      text += x86 ? "ud2\n" : "brk #0x1\n";  // never called: a null slot traps before its call
      continue;
    }
    if (section.empty()) section = target->getSection();
    auto [it, inserted] = operandOf.try_emplace(target, unsigned(operands.size()));
    if (inserted) {
      operands.push_back(target);
      constraints += constraints.empty() ? "s" : ",s";
    }
    std::string operand = std::to_string(it->second);
    text += x86 ? "jmp ${" + operand + ":c}@plt\n" : "b $" + operand + "\n";
  }
  std::vector<llvm::Type*> types(operands.size(), llvm::PointerType::getUnqual(c));
  auto* jumps = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), false),
                                       llvm::GlobalValue::InternalLinkage, codes.getName() + ".jumps", module);
  jumps->addFnAttr(llvm::Attribute::Naked);
  jumps->addFnAttr(llvm::Attribute::NoUnwind);  // no .eh_frame entry
  jumps->addFnAttr(llvm::Attribute::NoInline);
  jumps->setAlignment(llvm::Align(kEntryBytes));
  jumps->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  if (!section.empty()) jumps->setSection(section);  // with the code it jumps to (FunctionNameTable.cpp)
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "", jumps));
  auto* asmType = llvm::FunctionType::get(b.getVoidTy(), types, false);
  b.CreateCall(llvm::InlineAsm::get(asmType, text, constraints, /*hasSideEffects=*/true), operands);
  b.CreateUnreachable();
  return jumps;
}

// A call whose callee is `load (gep codes, index)`, and that index (i64).
struct Site {
  llvm::CallBase* call;
  llvm::LoadInst* load;
  llvm::GetElementPtrInst* gep;
  llvm::Value* index;
};

std::vector<Site> CallSites(llvm::GlobalVariable& codes) {
  std::vector<Site> sites;
  for (llvm::User* user : codes.users()) {
    auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(user);
    if (!gep || gep->getPointerOperand() != &codes) continue;
    llvm::Value* index = nullptr;
    if (gep->getNumIndices() == 1 && gep->getSourceElementType()->isPointerTy())
      index = gep->getOperand(1);
    else if (gep->getNumIndices() == 2 && gep->getSourceElementType() == codes.getValueType())
      if (auto* zero = llvm::dyn_cast<llvm::ConstantInt>(gep->getOperand(1)); zero && zero->isZero())
        index = gep->getOperand(2);
    if (!index || !index->getType()->isIntegerTy()) continue;
    for (llvm::User* gepUser : gep->users()) {
      auto* load = llvm::dyn_cast<llvm::LoadInst>(gepUser);
      if (!load || load->isVolatile() || !load->getType()->isPointerTy() || load->getPointerOperand() != gep) continue;
      for (llvm::User* loadUser : load->users())
        if (auto* call = llvm::dyn_cast<llvm::CallBase>(loadUser); call && call->getCalledOperand() == load)
          sites.push_back({call, load, gep, index});
    }
  }
  return sites;
}

}  // namespace

llvm::PreservedAnalyses CodeTableJumpsPass::run(llvm::Module& module, llvm::ModuleAnalysisManager&) {
  if (!gEnabled) return llvm::PreservedAnalyses::all();
  uint64_t entries = 0;
  bool changed = false;
  for (llvm::GlobalVariable& codes : llvm::make_early_inc_range(module.globals())) {
    if (!codes.getMetadata(lower::kCodeTableMetadata)) continue;
    std::vector<Site> sites = CallSites(codes);
    if (sites.empty()) continue;
    std::optional<Span> span = NonNullSpan(codes);
    if (!span || entries + span->code.size() > kMaxModuleEntries) continue;
    llvm::Function* jumps = BuildJumpTable(module, codes, *span);
    if (!jumps) return llvm::PreservedAnalyses::all();
    entries += span->code.size();
    changed = true;
    for (const Site& site : sites) {
      llvm::IRBuilder<> b(site.call);
      // GEP indices narrower than a pointer are sign-extended.
      llvm::Value* slot = b.CreateSExtOrTrunc(site.index, b.getInt64Ty());
      if (span->first) slot = b.CreateSub(slot, b.getInt64(span->first));
      llvm::Value* offset = b.CreateShl(slot, llvm::Log2_64(kEntryBytes));
      site.call->setCalledOperand(b.CreateGEP(b.getInt8Ty(), jumps, offset, "jump"));
    }
    // The loads and addresses nothing else uses (several calls may share one).
    llvm::SetVector<llvm::Instruction*> loads, geps;
    for (const Site& site : sites) {
      loads.insert(site.load);
      geps.insert(site.gep);
    }
    for (llvm::Instruction* load : loads)
      if (load->use_empty()) load->eraseFromParent();
    for (llvm::Instruction* gep : geps)
      if (gep->use_empty()) gep->eraseFromParent();
    // Another partition may still load from the table (it has only its
    // declaration, so no jump table there): keep what other modules see.
    if (codes.use_empty() && codes.isDiscardableIfUnused()) codes.eraseFromParent();
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
