#include "compiler/codegen/ModulePartitioner.h"

#include "absl/container/flat_hash_map.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

namespace wacc::codegen {

// Constant data up to this size is copied rather than shared.
constexpr uint64_t kCopiedConstantBytes = 256;

// Adds the globals `c` refers to (through constant expressions, aggregates).
void CollectGlobals(const llvm::Constant* c, GlobalSet& out) {
  llvm::SmallVector<const llvm::Constant*, 8> worklist = {c};
  absl::flat_hash_set<const llvm::Constant*> seen;
  while (!worklist.empty()) {
    const llvm::Constant* k = worklist.pop_back_val();
    if (auto* g = llvm::dyn_cast<llvm::GlobalValue>(k)) {
      out.insert(g);
      continue;
    }
    if (!seen.insert(k).second) continue;
    for (const llvm::Use& op : k->operands())
      if (auto* child = llvm::dyn_cast<llvm::Constant>(op.get())) worklist.push_back(child);
  }
}

void CollectGlobals(const llvm::Function& f, GlobalSet& out) {
  for (const llvm::Instruction& inst : llvm::instructions(f))
    for (const llvm::Use& op : inst.operands())
      if (auto* c = llvm::dyn_cast<llvm::Constant>(op.get())) CollectGlobals(c, out);
}

bool IsCopiedConstant(const llvm::GlobalVariable& g) {
  if (!g.isConstant() || !g.hasInitializer() || !g.hasLocalLinkage()) return false;
  GlobalSet refs;
  CollectGlobals(g.getInitializer(), refs);
  return refs.empty() && g.getParent()->getDataLayout().getTypeAllocSize(g.getValueType()) <= kCopiedConstantBytes;
}

void Externalize(llvm::GlobalValue& g) {
  if (!g.hasLocalLinkage()) return;
  g.setLinkage(llvm::GlobalValue::ExternalLinkage);
  g.setVisibility(llvm::GlobalValue::HiddenVisibility);
}

namespace {

using InstructionCounts = absl::flat_hash_map<const llvm::Function*, size_t>;

InstructionCounts CountInstructions(const llvm::Module& module) {
  InstructionCounts counts;
  for (const llvm::Function& f : module)
    if (!f.isDeclaration()) counts[&f] = f.getInstructionCount();
  return counts;
}

// Contiguous runs of functions of about equal instruction counts.
absl::flat_hash_map<const llvm::Function*, unsigned> AssignFunctions(const llvm::Module& module,
                                                                     const InstructionCounts& counts, unsigned count) {
  size_t total = 0;
  for (const auto& [f, n] : counts) total += n;
  absl::flat_hash_map<const llvm::Function*, unsigned> owner;
  size_t done = 0;
  for (const llvm::Function& f : module) {
    if (f.isDeclaration()) continue;
    owner[&f] = unsigned(std::min<size_t>(count - 1, done * count / std::max<size_t>(total, 1)));
    done += counts.at(&f);
  }
  return owner;
}

// A variable lives with the first partition using it, a copied constant
// with every user. Initializers refer to more globals (function references
// in tables, descriptors), so this repeats until nothing new is used.
void AssignGlobalVariables(llvm::Module& module, std::vector<ModulePartition>& parts,
                           std::vector<GlobalSet>& referenced, std::vector<GlobalSet>& compiled) {
  unsigned count = unsigned(parts.size());
  auto place = [&](llvm::GlobalVariable& g, unsigned p) {
    parts[p].defined.insert(g.getName().str());
    compiled[p].insert(&g);
    if (g.hasInitializer()) CollectGlobals(g.getInitializer(), referenced[p]);
  };
  absl::flat_hash_set<const llvm::GlobalVariable*> copied;
  for (const llvm::GlobalVariable& g : module.globals())
    if (IsCopiedConstant(g)) copied.insert(&g);
  absl::flat_hash_set<const llvm::GlobalVariable*> placed;
  auto placeUsed = [&] {
    for (bool changed = true; changed;) {
      changed = false;
      for (llvm::GlobalVariable& g : module.globals()) {
        if (g.isDeclaration()) continue;
        bool isCopied = copied.contains(&g);
        if (!isCopied && placed.contains(&g)) continue;
        for (unsigned p = 0; p < count; ++p) {
          if (!referenced[p].contains(&g) || compiled[p].contains(&g)) continue;
          place(g, p);
          placed.insert(&g);
          changed = true;
          if (!isCopied) break;
        }
      }
    }
  };
  placeUsed();
  // Data no generated code uses (only the runtime, by name) goes to the
  // first partition, with what its initializer needs.
  for (llvm::GlobalVariable& g : module.globals())
    if (!g.isDeclaration() && placed.insert(&g).second) place(g, 0);
  placeUsed();
}

}  // namespace

std::vector<ModulePartition> PartitionModule(llvm::Module& module, unsigned count, bool importForInlining) {
  for (llvm::GlobalValue& g : module.global_values())
    if (!g.hasName()) g.setName("wacc.unnamed");
  InstructionCounts sizes = CountInstructions(module);
  absl::flat_hash_map<const llvm::Function*, unsigned> owner = AssignFunctions(module, sizes, count);

  // What each partition's own functions refer to.
  std::vector<GlobalSet> referenced(count);
  for (const auto& [f, p] : owner) CollectGlobals(*f, referenced[p]);

  std::vector<ModulePartition> parts(count);
  std::vector<GlobalSet> compiled(count);  // bodies and initializers present in each partition
  for (const auto& [f, p] : owner) {
    parts[p].defined.insert(f->getName().str());
    compiled[p].insert(f);
  }
  if (importForInlining) {
    for (const auto& [f, p] : owner)
      for (const llvm::Instruction& inst : llvm::instructions(*f)) {
        auto* call = llvm::dyn_cast<llvm::CallBase>(&inst);
        llvm::Function* callee = call ? call->getCalledFunction() : nullptr;
        if (!callee || callee->isDeclaration() || owner.at(callee) == p || sizes.at(callee) > kImportedFunctionLimit)
          continue;
        if (!parts[p].imported.insert(callee->getName().str()).second) continue;
        compiled[p].insert(callee);
        CollectGlobals(*callee, referenced[p]);
      }
  }
  AssignGlobalVariables(module, parts, referenced, compiled);
  // Whatever a partition uses but does not compile itself crosses over.
  for (unsigned p = 0; p < count; ++p) {
    for (const llvm::GlobalValue* g : referenced[p])
      if (!g->isDeclaration() && !compiled[p].contains(g)) Externalize(const_cast<llvm::GlobalValue&>(*g));
    for (const std::string& name : parts[p].imported) Externalize(*module.getFunction(name));
  }
  return parts;
}

llvm::Error SelectPartition(llvm::Module& part, const ModulePartition& p) {
  if (!p.externalized.empty())
    for (llvm::GlobalValue& g : part.global_values())
      if (g.hasLocalLinkage() && p.externalized.contains(g.getName().str())) Externalize(g);
  for (llvm::Function& f : part) {
    if (f.isDeclaration()) continue;
    std::string name = f.getName().str();
    if (p.defined.contains(name)) continue;
    if (p.imported.contains(name)) {
      f.setLinkage(llvm::GlobalValue::AvailableExternallyLinkage);
      continue;
    }
    f.deleteBody();
    f.setVisibility(llvm::GlobalValue::HiddenVisibility);
  }
  for (llvm::GlobalVariable& g : part.globals()) {
    if (g.isDeclaration() || p.defined.contains(g.getName().str())) continue;
    g.setInitializer(nullptr);
    g.setLinkage(llvm::GlobalValue::ExternalLinkage);
    g.setVisibility(llvm::GlobalValue::HiddenVisibility);
  }
  return part.materializeAll();
}

}  // namespace wacc::codegen
