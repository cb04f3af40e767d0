#include "compiler/codegen/PartitionStream.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "compiler/support/Status.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::codegen {

namespace {

// Wasm bodies up to this size are translated first: about the size whose
// translation is kImportedFunctionLimit instructions (a large program
// averages 0.8 unoptimised instructions per byte of code).
constexpr size_t kSmallBodyBytes = 100;

}  // namespace

size_t PartitionStream::smallBodyBytes() const { return interprocedural_ ? kSmallBodyBytes : 0; }

absl::Status PartitionStream::translated(llvm::Function& f, const binary::CoreModule&, uint32_t) {
  size_t instructions = f.getInstructionCount();
  pending_.push_back(&f);
  pendingInstructions_ += instructions;
  if (interprocedural_ && instructions <= kImportedFunctionLimit) kept_.insert(&f);
  if (pendingInstructions_ >= limit_) {
    cut(pending_);
    write(partitions_.back());
    for (llvm::Function* g : pending_)
      if (!kept_.contains(g)) {
        g->deleteBody();  // now an external declaration, as later partitions see it
        g->setVisibility(llvm::GlobalValue::HiddenVisibility);
      }
    pending_.clear();
    pendingInstructions_ = 0;
    if (handsOnAsCut()) return sink_(std::move(partitions_.back()));
  }
  return absl::OkStatus();
}

void PartitionStream::cut(const std::vector<llvm::Function*>& bodies) {
  unsigned p = unsigned(partitions_.size());
  partitions_.emplace_back();
  referenced_.emplace_back();
  compiled_.emplace_back();
  ModulePartition& part = partitions_.back().partition;
  for (llvm::Function* f : bodies) {
    own(*f, p);
    part.defined.insert(f->getName().str());
    compiled_[p].insert(f);
    CollectGlobals(*f, referenced_[p]);
  }
  if (interprocedural_)
    for (llvm::Function* f : bodies)
      for (const llvm::Instruction& inst : llvm::instructions(*f)) {
        auto* call = llvm::dyn_cast<llvm::CallBase>(&inst);
        llvm::Function* callee = call ? call->getCalledFunction() : nullptr;
        if (!callee || !kept_.contains(callee)) continue;
        auto owner = owner_.find(callee);
        if (owner == owner_.end() || owner->second == p) continue;
        if (!part.imported.insert(callee->getName().str()).second) continue;
        compiled_[p].insert(callee);
        CollectGlobals(*callee, referenced_[p]);
      }
  placeVariables(p);
}

void PartitionStream::own(llvm::GlobalObject& g, unsigned p) {
  owner_[&g] = p;
  // Any later partition may use it.
  if (handsOnAsCut() && g.hasLocalLinkage()) partitions_[p].partition.externalized.insert(g.getName().str());
}

void PartitionStream::placeVariables(unsigned p) {
  ModulePartition& part = partitions_[p].partition;
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<llvm::GlobalVariable*> candidates;
    for (const llvm::GlobalValue* g : referenced_[p])
      if (auto* v = llvm::dyn_cast<llvm::GlobalVariable>(g); v && v->hasInitializer() && !compiled_[p].contains(v))
        candidates.push_back(const_cast<llvm::GlobalVariable*>(v));
    for (llvm::GlobalVariable* v : candidates) {
      bool copied = IsCopiedConstant(*v);
      if (!copied && owner_.contains(v)) continue;
      if (!v->hasName()) v->setName("wacc.unnamed");
      part.defined.insert(v->getName().str());
      compiled_[p].insert(v);
      if (!copied) own(*v, p);
      initializers_.try_emplace(v, v->getInitializer());
      CollectGlobals(v->getInitializer(), referenced_[p]);
      changed = true;
    }
  }
}

void PartitionStream::write(PartitionBitcode& out) {
  for (llvm::GlobalValue& g : module_.global_values())
    if (!g.hasName()) g.setName("wacc.unnamed");
  // Bodies not translated yet are local declarations, which are not valid
  // IR: they are written as the declarations they are for this partition.
  std::vector<std::pair<llvm::Function*, llvm::GlobalValue::LinkageTypes>> local;
  for (llvm::Function& f : module_)
    if (f.isDeclaration() && f.hasLocalLinkage()) {
      local.emplace_back(&f, f.getLinkage());
      f.setLinkage(llvm::GlobalValue::ExternalLinkage);
      f.setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
  // Variables this partition does not define are declarations once it is
  // loaded (SelectPartition): their initializers are left out of its
  // bitcode, written as those declarations. Every partition's bitcode used
  // to hold all of the program's data (3.2 MB of the JavaScript engine's, in
  // each of its 19 partitions), which the bitcode reader then parses into
  // constants in each partition's context before SelectPartition drops them.
  struct Stripped {
    llvm::GlobalVariable* variable;
    llvm::Constant* initializer;
    llvm::GlobalValue::LinkageTypes linkage;
    llvm::GlobalValue::VisibilityTypes visibility;
  };
  std::vector<Stripped> stripped;
  for (llvm::GlobalVariable& g : module_.globals())
    if (g.hasInitializer() && !out.partition.defined.contains(g.getName().str())) {
      stripped.push_back({&g, g.getInitializer(), g.getLinkage(), g.getVisibility()});
      g.setInitializer(nullptr);
      g.setLinkage(llvm::GlobalValue::ExternalLinkage);
      g.setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
  llvm::raw_svector_ostream os(out.bitcode);
  llvm::WriteBitcodeToFile(module_, os);
  bitcodeBytes_ += out.bitcode.size();
  for (auto [f, linkage] : local) {
    f->setVisibility(llvm::GlobalValue::DefaultVisibility);
    f->setLinkage(linkage);
  }
  for (const Stripped& s : stripped) {
    s.variable->setInitializer(s.initializer);
    s.variable->setLinkage(s.linkage);
    s.variable->setVisibility(s.visibility);
  }
}

absl::Status PartitionStream::finish() {
  std::vector<llvm::Function*> rest;
  for (llvm::Function& f : module_)
    if (!f.isDeclaration() && !owner_.contains(&f)) rest.push_back(&f);
  cut(rest);
  unsigned last = unsigned(partitions_.size() - 1);
  // Data no generated code uses (only the runtime, by name) goes to the last
  // partition, with what its initializer needs.
  for (llvm::GlobalVariable& g : module_.globals())
    if (g.hasInitializer() && !owner_.contains(&g) && !compiled_[last].contains(&g)) referenced_[last].insert(&g);
  placeVariables(last);
  for (auto [v, initializer] : initializers_)
    if (v->getInitializer() != initializer)
      return absl::InternalError("the initializer of '" + v->getName().str() +
                                 "' changed after its partition was written");
  // (Handed on as cut, every partition made its own symbols external, and
  // the earlier ones are handed on.)
  for (unsigned p = 0; interprocedural_ && p < partitions_.size(); ++p) {
    for (const llvm::GlobalValue* g : referenced_[p]) {
      auto owner = owner_.find(g);
      if (owner != owner_.end() && owner->second != p && !compiled_[p].contains(g))
        partitions_[owner->second].partition.externalized.insert(g->getName().str());
    }
    for (const std::string& name : partitions_[p].partition.imported)
      partitions_[owner_.at(module_.getFunction(name))].partition.externalized.insert(name);
  }
  // The earlier partitions were written as they were cut; the last is
  // written once the variables nobody took are placed in it.
  write(partitions_[last]);
  for (llvm::Function& f : module_) f.deleteBody();
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  if (handsOnAsCut()) return sink_(std::move(partitions_[last]));
  for (PartitionBitcode& p : partitions_) WACC_RETURN_IF_ERROR(sink_(std::move(p)));
  return absl::OkStatus();
}

}  // namespace wacc::codegen
