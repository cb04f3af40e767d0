#include "compiler/codegen/ShadowFrameSinking.h"

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/Analysis/BlockFrequencyInfo.h"
#include "llvm/Analysis/BranchProbabilityInfo.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

namespace wacc::codegen {
namespace {

// -mllvm -wacc-sink-shadow-frames=0: for A/B measurements.
llvm::cl::opt<bool> gEnabled("wacc-sink-shadow-frames", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("sink the stores that publish shadow stack frames"));

// Functions larger than this keep their frames as the wasm has them. The
// gains are all in small functions (malloc, Lua's table accessors); in
// large ones (zlib's inflate, PCRE2's DFA matcher, SQLite's VDBE: 4,600 and
// more instructions) the moved stores changed register allocation of hot
// loops and added 0.3-1.5% to the programs' instructions (bench/NOTES.md).
constexpr unsigned kMaxInstructions = 3000;

using llvm::BasicBlock;
using llvm::CallBase;
using llvm::Function;
using llvm::GlobalVariable;
using llvm::Instruction;

const llvm::Value* LoadedFrom(const Instruction& i) {
  auto* load = llvm::dyn_cast<llvm::LoadInst>(&i);
  return load ? load->getPointerOperand() : nullptr;
}

const llvm::Value* StoredTo(const Instruction& i) {
  auto* store = llvm::dyn_cast<llvm::StoreInst>(&i);
  return store ? store->getPointerOperand() : nullptr;
}

// Intrinsics and inline asm cannot name a global whose address is never
// taken, and call nothing back (wacc emits no intrinsic that could).
bool IsTransparentCall(const CallBase& call) {
  if (call.isInlineAsm()) return true;
  const Function* callee = call.getCalledFunction();
  return callee && callee->isIntrinsic();
}

// A global only loads and stores of it reach: every use is a plain load or
// store with the global as the address.
bool OnlyLoadedAndStored(const GlobalVariable& g) {
  if (g.isConstant()) return false;
  for (const llvm::User* user : g.users()) {
    if (auto* load = llvm::dyn_cast<llvm::LoadInst>(user)) {
      if (!load->isSimple()) return false;
    } else if (auto* store = llvm::dyn_cast<llvm::StoreInst>(user)) {
      if (!store->isSimple() || store->getValueOperand() == &g) return false;
    } else {
      return false;
    }
  }
  return true;
}

// Calls between the module's functions, whatever the global.
struct CallGraph {
  absl::flat_hash_map<const Function*, std::vector<const Function*>> callees;  // defined ones
  absl::flat_hash_map<const Function*, std::vector<const Function*>> callers;
  absl::flat_hash_set<const Function*> callsUnknown;  // indirect calls, declarations

  explicit CallGraph(const llvm::Module& module) {
    for (const Function& f : module) {
      if (f.isDeclaration()) continue;
      for (const BasicBlock& block : f)
        for (const Instruction& i : block) {
          auto* call = llvm::dyn_cast<CallBase>(&i);
          if (!call || IsTransparentCall(*call)) continue;
          const Function* callee = call->getCalledFunction();
          if (!callee || callee->isDeclaration()) {
            callsUnknown.insert(&f);
          } else {
            callees[&f].push_back(callee);
            callers[callee].push_back(&f);
          }
        }
    }
  }
};

// The entry value of `g`, if `f`'s entry block reads it first: its first
// access of `g` or call that is not transparent is a load of `g`.
const llvm::LoadInst* EntryLoad(const Function& f, const GlobalVariable& g) {
  for (const Instruction& i : f.getEntryBlock()) {
    if (LoadedFrom(i) == &g) return llvm::cast<llvm::LoadInst>(&i);
    if (StoredTo(i) == &g) return nullptr;
    if (auto* call = llvm::dyn_cast<CallBase>(&i); call && !IsTransparentCall(*call)) return nullptr;
  }
  return nullptr;
}

// What each function may do to one global, over the whole module.
class GlobalEffects {
 public:
  GlobalEffects(const llvm::Module& module, const CallGraph& graph, const GlobalVariable& g) {
    absl::flat_hash_set<const Function*> stores;
    std::vector<const Function*> work;
    for (const llvm::User* user : g.users()) {
      const Function* f = llvm::cast<Instruction>(user)->getFunction();
      if (llvm::isa<llvm::StoreInst>(user)) stores.insert(f);
      if (mayAccess_.insert(f).second) work.push_back(f);
    }
    for (const Function* f : graph.callsUnknown)
      if (mayAccess_.insert(f).second) work.push_back(f);
    // May access: a caller of something that may.
    while (!work.empty()) {
      const Function* f = work.back();
      work.pop_back();
      if (auto it = graph.callers.find(f); it != graph.callers.end())
        for (const Function* caller : it->second)
          if (mayAccess_.insert(caller).second) work.push_back(caller);
    }
    // Preserves on return: restores its entry value before every return,
    // or stores nothing and calls only functions that preserve it. The
    // greatest such set: start from every function and take out the ones
    // that break the rule.
    for (const Function& f : module)
      if (!f.isDeclaration() && !(stores.contains(&f) ? RestoresEntryValue(f, g) : !graph.callsUnknown.contains(&f)))
        if (broken_.insert(&f).second) work.push_back(&f);
    while (!work.empty()) {
      const Function* f = work.back();
      work.pop_back();
      if (auto it = graph.callers.find(f); it != graph.callers.end())
        for (const Function* caller : it->second)
          if (!stores.contains(caller) && broken_.insert(caller).second) work.push_back(caller);
    }
  }

  bool mayAccess(const Function* f) const { return !f || f->isDeclaration() || mayAccess_.contains(f); }
  bool preserves(const Function* f) const { return f && !f->isDeclaration() && !broken_.contains(f); }

 private:
  static bool RestoresEntryValue(const Function& f, const GlobalVariable& g) {
    const llvm::LoadInst* entry = EntryLoad(f, g);
    if (!entry) return false;
    for (const BasicBlock& block : f) {
      auto* ret = llvm::dyn_cast<llvm::ReturnInst>(block.getTerminator());
      if (!ret) continue;
      const Instruction* last = nullptr;  // the last store of g or call before the return
      for (auto i = ret->getReverseIterator(); i != block.rend(); ++i) {
        auto* call = llvm::dyn_cast<CallBase>(&*i);
        if (StoredTo(*i) == &g || (call && !IsTransparentCall(*call))) {
          last = &*i;
          break;
        }
      }
      auto* store = llvm::dyn_cast_or_null<llvm::StoreInst>(last);
      if (!store || store->getPointerOperand() != &g || store->getValueOperand() != entry) return false;
    }
    return true;
  }

  absl::flat_hash_set<const Function*> mayAccess_;
  absl::flat_hash_set<const Function*> broken_;
};

// What the original program and the transformed one hold in the global
// (ShadowFrameSinking.h).
enum class State : uint8_t { kUnreached, kPending, kFresh, kMixed, kSynced };

bool OriginalHoldsNew(State s) { return s == State::kPending || s == State::kFresh || s == State::kMixed; }
bool NeedsStore(State s) { return s == State::kPending || s == State::kMixed; }

// One function's entry store of one global, sunk.
class Sinking {
 public:
  Sinking(Function& f, const GlobalVariable& g, llvm::LoadInst& entryLoad, llvm::StoreInst& entryStore,
          const GlobalEffects& effects, llvm::FunctionAnalysisManager& fam)
      : f_(f),
        g_(g),
        old_(&entryLoad),
        new_(entryStore.getValueOperand()),
        entryStore_(entryStore),
        effects_(effects),
        fam_(fam) {}

  bool run() {
    if (!classify()) return false;
    if (!flow()) return false;
    plan();
    if (!profitable()) return false;
    apply();
    return true;
  }

 private:
  enum class Kind : uint8_t { kOther, kLoad, kRestore, kStore, kCall, kEndCall };
  struct Insertion {
    Instruction* before;  // or an edge
    BasicBlock* from;
    BasicBlock* to;
    llvm::Value* value;
  };

  Kind kindOf(const Instruction& i) const {
    if (auto it = kinds_.find(&i); it != kinds_.end()) return it->second;
    return Kind::kOther;
  }

  // Kinds of the instructions that matter; false if the function has
  // control flow this pass does not handle.
  bool classify() {
    for (BasicBlock& block : f_) {
      if (!llvm::isa<llvm::ReturnInst, llvm::BranchInst, llvm::SwitchInst, llvm::UnreachableInst>(
              block.getTerminator()))
        return false;
      for (Instruction& i : block) {
        if (&i == &entryStore_ || &i == old_) continue;
        if (LoadedFrom(i) == &g_) {
          if (i.getType() != new_->getType()) return false;
          kinds_[&i] = Kind::kLoad;
        } else if (StoredTo(i) == &g_) {
          kinds_[&i] = Kind::kStore;
        } else if (auto* call = llvm::dyn_cast<CallBase>(&i)) {
          // Nothing may go between a musttail call and its return.
          if (auto* c = llvm::dyn_cast<llvm::CallInst>(call); c && c->isMustTailCall()) return false;
          if (IsTransparentCall(*call) || !effects_.mayAccess(call->getCalledFunction())) continue;
          kinds_[&i] = effects_.preserves(call->getCalledFunction()) ? Kind::kCall : Kind::kEndCall;
          if (!call->doesNotReturn()) returningCalls_.push_back(&block);
        }
      }
      // A restore: `store %old` with nothing after it but a return.
      if (!llvm::isa<llvm::ReturnInst>(block.getTerminator())) continue;
      for (auto i = block.getTerminator()->getReverseIterator(); i != block.rend(); ++i) {
        Kind kind = kindOf(*i);
        if (kind == Kind::kOther) continue;
        if (kind == Kind::kStore && llvm::cast<llvm::StoreInst>(*i).getValueOperand() == old_) {
          kinds_[&*i] = Kind::kRestore;
          restores_.push_back(llvm::cast<llvm::StoreInst>(&*i));
        }
        break;
      }
    }
    return true;
  }

  // The state after `block` entered in `state`; records the changes when
  // `record` (the last pass).
  State transfer(BasicBlock& block, State state, bool record) {
    auto i = block.begin();
    if (&block == entryStore_.getParent()) {
      i = std::next(entryStore_.getIterator());
      state = State::kPending;
    }
    for (; i != block.end(); ++i) {
      switch (kindOf(*i)) {
        case Kind::kOther:
          break;
        case Kind::kLoad:
          if (record && OriginalHoldsNew(state)) forwarded_.push_back(llvm::cast<llvm::LoadInst>(&*i));
          break;
        case Kind::kRestore:
          if (record && (state == State::kPending || movedRestores_.contains(&*i)))
            deleted_.push_back(&*i);
          else if (record)
            keptRestores_.push_back(&*i);
          state = State::kSynced;
          break;
        case Kind::kStore:
          state = State::kSynced;
          break;
        case Kind::kCall:
        case Kind::kEndCall:
          if (record && NeedsStore(state)) insertions_.push_back({&*i, nullptr, nullptr, new_});
          state = kindOf(*i) == Kind::kCall && OriginalHoldsNew(state) ? State::kFresh : State::kSynced;
          break;
      }
    }
    // A return without a restore: the caller sees the global.
    if (llvm::isa<llvm::ReturnInst>(block.getTerminator()) && NeedsStore(state)) {
      if (record) insertions_.push_back({block.getTerminator(), nullptr, nullptr, new_});
      state = State::kFresh;
    }
    return state;
  }

  // Blocks whose first instruction that matters is a restore: their
  // incoming edges need no store of %new.
  bool startsWithRestore(const BasicBlock& block) const {
    if (&block == entryStore_.getParent()) return false;
    for (const Instruction& i : block) {
      Kind kind = kindOf(i);
      if (kind != Kind::kOther) return kind == Kind::kRestore;
    }
    return false;
  }

  State join(BasicBlock& block) const {
    bool any = false, synced = false, same = true;
    State first = State::kUnreached;
    for (BasicBlock* pred : llvm::predecessors(&block)) {
      State s = out_.lookup(pred);
      if (s == State::kUnreached) continue;
      if (!any) first = s;
      any = true;
      synced |= s == State::kSynced;
      same &= s == first;
    }
    if (!any) return State::kUnreached;
    if (synced) return State::kSynced;
    if (loopHeadersToSync_.contains(&block)) return State::kFresh;
    return same ? first : State::kMixed;
  }

  // The data flow to its fixed point; false on irreducible control flow.
  bool flow() {
    llvm::LoopInfo& loops = fam_.getResult<llvm::LoopAnalysis>(f_);
    // A loop with a call that observes the global and returns is entered
    // synced, so that nothing is stored on its iterations.
    for (BasicBlock* block : returningCalls_)
      for (llvm::Loop* loop = loops.getLoopFor(block); loop; loop = loop->getParentLoop())
        loopHeadersToSync_.insert(loop->getHeader());
    llvm::ReversePostOrderTraversal<Function*> rpo(&f_);
    order_.assign(rpo.begin(), rpo.end());
    absl::flat_hash_map<const BasicBlock*, size_t> index;
    for (size_t k = 0; k < order_.size(); ++k) index[order_[k]] = k;
    for (BasicBlock* block : order_)
      for (BasicBlock* succ : llvm::successors(block))
        if (index[succ] <= index[block]) {
          llvm::Loop* loop = loops.getLoopFor(succ);
          if (!loop || loop->getHeader() != succ || !loop->contains(block)) return false;
        }
    // The states only move up (pending, fresh < mixed < synced); the bound is
    // a guard.
    for (bool changed = true; changed;) {
      if (++rounds_ > 64) return false;
      changed = false;
      for (BasicBlock* block : order_) {
        State in = block == &f_.getEntryBlock() ? State::kPending : join(*block);
        if (in == State::kUnreached) continue;
        in_[block] = in;
        State out = transfer(*block, in, false);
        if (out_[block] != out) {
          out_[block] = out;
          changed = true;
        }
      }
    }
    return true;
  }

  // What to insert and delete, from the fixed point.
  void plan() {
    for (BasicBlock* block : order_) {
      if (!in_.contains(block)) continue;
      State in = in_[block];
      if (startsWithRestore(*block)) {
        // Drop the restore where the global still holds %old; keep it on the
        // other incoming edges.
        std::vector<BasicBlock*> others;
        bool pending = false;
        for (BasicBlock* pred : llvm::predecessors(block)) {
          State s = out_.lookup(pred);
          if (s == State::kUnreached) continue;
          if (s == State::kPending)
            pending = true;
          else if (std::find(others.begin(), others.end(), pred) == others.end())
            others.push_back(pred);
        }
        if (pending && !others.empty()) {
          for (const Instruction& i : *block)
            if (kindOf(i) == Kind::kRestore) {
              movedRestores_.insert(&i);
              break;
            }
          for (BasicBlock* pred : others) insertions_.push_back({nullptr, pred, block, old_});
        }
      } else if (in == State::kSynced || in == State::kFresh) {
        std::vector<BasicBlock*> done;
        for (BasicBlock* pred : llvm::predecessors(block))
          if (NeedsStore(out_.lookup(pred)) && std::find(done.begin(), done.end(), pred) == done.end()) {
            done.push_back(pred);
            insertions_.push_back({nullptr, pred, block, new_});
          }
      }
      transfer(*block, in, true);
    }
  }

  // The stores the change executes against those it removes, by the static
  // block frequencies.
  bool profitable() {
    auto& frequencies = fam_.getResult<llvm::BlockFrequencyAnalysis>(f_);
    auto& probabilities = fam_.getResult<llvm::BranchProbabilityAnalysis>(f_);
    auto freq = [&](const BasicBlock* b) { return frequencies.getBlockFreq(b).getFrequency(); };
    uint64_t before = freq(entryStore_.getParent()), after = 0;
    for (const llvm::StoreInst* restore : restores_) before += freq(restore->getParent());
    for (const Instruction* restore : keptRestores_) after += freq(restore->getParent());
    for (const Insertion& at : insertions_)
      after += at.before ? freq(at.before->getParent())
                         : (frequencies.getBlockFreq(at.from) * probabilities.getEdgeProbability(at.from, at.to))
                               .getFrequency();
    return after < before;
  }

  void apply() {
    for (const Insertion& at : insertions_) {
      Instruction* before = at.before;
      if (!before) {
        if (at.from->getUniqueSuccessor() == at.to) {
          before = at.from->getTerminator();
        } else if (at.to->getUniquePredecessor() == at.from) {
          before = &*at.to->getFirstInsertionPt();
        } else {
          BasicBlock* middle = llvm::SplitCriticalEdge(
              at.from, at.to, llvm::CriticalEdgeSplittingOptions().setMergeIdenticalEdges());
          before = middle->getTerminator();
        }
      }
      new llvm::StoreInst(at.value, const_cast<GlobalVariable*>(&g_), before->getIterator());
    }
    for (llvm::LoadInst* load : forwarded_) {
      load->replaceAllUsesWith(new_);
      load->eraseFromParent();
    }
    for (Instruction* i : deleted_) i->eraseFromParent();
    entryStore_.eraseFromParent();
  }

  Function& f_;
  const GlobalVariable& g_;
  llvm::LoadInst* old_;
  llvm::Value* new_;
  llvm::StoreInst& entryStore_;
  const GlobalEffects& effects_;
  llvm::FunctionAnalysisManager& fam_;

  absl::flat_hash_map<const Instruction*, Kind> kinds_;
  std::vector<BasicBlock*> returningCalls_;
  std::vector<llvm::StoreInst*> restores_;
  absl::flat_hash_set<const BasicBlock*> loopHeadersToSync_;
  std::vector<BasicBlock*> order_;
  int rounds_ = 0;
  llvm::DenseMap<const BasicBlock*, State> in_, out_;

  std::vector<Insertion> insertions_;
  std::vector<llvm::LoadInst*> forwarded_;
  std::vector<Instruction*> deleted_;
  std::vector<const Instruction*> keptRestores_;
  absl::flat_hash_set<const Instruction*> movedRestores_;
};

// The entry store of `g` in `f`: `%old = load g` then `store %new, g` in the
// entry block, before any call that is not transparent.
llvm::StoreInst* EntryStore(Function& f, const GlobalVariable& g, llvm::LoadInst*& entryLoad) {
  entryLoad = nullptr;
  for (Instruction& i : f.getEntryBlock()) {
    if (LoadedFrom(i) == &g && !entryLoad) {
      entryLoad = llvm::cast<llvm::LoadInst>(&i);
    } else if (StoredTo(i) == &g) {
      return entryLoad ? llvm::cast<llvm::StoreInst>(&i) : nullptr;
    } else if (auto* call = llvm::dyn_cast<CallBase>(&i); call && !IsTransparentCall(*call)) {
      return nullptr;
    }
  }
  return nullptr;
}

}  // namespace

llvm::PreservedAnalyses ShadowFrameSinkingPass::run(llvm::Module& module, llvm::ModuleAnalysisManager& analyses) {
  if (!gEnabled) return llvm::PreservedAnalyses::all();
  // The functions that publish a frame of each global.
  std::vector<const GlobalVariable*> globals;
  for (const GlobalVariable& g : module.globals())
    if (OnlyLoadedAndStored(g)) globals.push_back(&g);
  if (globals.empty()) return llvm::PreservedAnalyses::all();
  std::vector<std::pair<const GlobalVariable*, std::vector<Function*>>> work;
  for (const GlobalVariable* g : globals) {
    std::vector<Function*> functions;
    absl::flat_hash_set<const Function*> seen;
    for (const llvm::User* user : g->users()) {
      Function* f = const_cast<Function*>(llvm::cast<Instruction>(user)->getFunction());
      llvm::LoadInst* load;
      if (!f->hasAvailableExternallyLinkage() && !f->hasOptNone() && seen.insert(f).second && EntryStore(*f, *g, load))
        functions.push_back(f);
    }
    if (!functions.empty()) work.emplace_back(g, std::move(functions));
  }
  if (work.empty()) return llvm::PreservedAnalyses::all();

  CallGraph graph(module);
  auto& fam = analyses.getResult<llvm::FunctionAnalysisManagerModuleProxy>(module).getManager();
  bool changed = false;
  for (auto& [g, functions] : work) {
    GlobalEffects effects(module, graph, *g);
    for (Function* f : functions) {
      llvm::LoadInst* load;
      llvm::StoreInst* store = EntryStore(*f, *g, load);
      if (!store || f->getInstructionCount() > kMaxInstructions) continue;
      if (Sinking(*f, *g, *load, *store, effects, fam).run()) {
        changed = true;
        fam.invalidate(*f, llvm::PreservedAnalyses::none());
      }
    }
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
