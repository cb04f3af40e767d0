// block, loop, if/else/end, br, br_if, br_table, return, call,
// call_indirect, return_call, return_call_indirect, unreachable, nop, drop,
// select.
#include <optional>
#include <utility>

#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/MDBuilder.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;
using binary::ValType;

absl::Status FunctionTranslator::lowerBlockStart(const Instruction& inst) {
  if (frames_.size() >= kMaxControlDepth)
    return UnsupportedError(inst.offset, "blocks nested deeper than %d", kMaxControlDepth);
  ControlFrame frame;
  frame.offset = inst.offset;
  blockSignature(inst.blockType, frame.params, frame.results);
  frame.height = stack_.size() >= frame.params.size() ? stack_.size() - frame.params.size() : 0;
  switch (inst.opcode) {
    case Opcode::Block:
      frame.kind = ControlFrame::Block;
      frame.target = newBlock("block.end");
      frame.targetPhis = makePhis(frame.target, frame.results);
      break;
    case Opcode::Loop: {
      frame.kind = ControlFrame::Loop;
      frame.target = newBlock("loop");
      frame.targetPhis = makePhis(frame.target, frame.params);
      addBranchIncoming(frame, b_.GetInsertBlock());
      b_.CreateBr(frame.target);
      b_.SetInsertPoint(frame.target);
      // Inside the loop its parameters are the header's phis.
      popN(frame.params.size());
      for (llvm::PHINode* phi : frame.targetPhis) push(phi);
      break;
    }
    default: {  // If
      llvm::Value* cond = b_.CreateICmpNE(pop(), b_.getInt32(0));
      frame.kind = ControlFrame::If;
      frame.height = stack_.size() >= frame.params.size() ? stack_.size() - frame.params.size() : 0;
      frame.target = newBlock("if.end");
      frame.targetPhis = makePhis(frame.target, frame.results);
      frame.elseBlock = newBlock("if.else");
      frame.ifParams = peekN(frame.params.size());
      llvm::BasicBlock* thenBlock = newBlock("if.then");
      b_.CreateCondBr(cond, thenBlock, frame.elseBlock);
      b_.SetInsertPoint(thenBlock);
      break;
    }
  }
  frames_.push_back(std::move(frame));
  return absl::OkStatus();
}

absl::Status FunctionTranslator::lowerElse(const Instruction& inst) {
  ControlFrame& frame = frames_.back();
  if (frame.kind != ControlFrame::If || frame.sawElse) return InputError(inst.offset, "`else` without `if`");
  if (!unreachable_) {
    addBranchIncoming(frame, b_.GetInsertBlock());
    b_.CreateBr(frame.target);
  }
  frame.sawElse = true;
  stack_.resize(std::min(stack_.size(), frame.height));
  for (llvm::Value* v : frame.ifParams) push(v);
  b_.SetInsertPoint(frame.elseBlock);
  unreachable_ = false;
  skipDepth_ = 0;
  return absl::OkStatus();
}

absl::Status FunctionTranslator::lowerEnd(const Instruction& inst) {
  ControlFrame& frame = frames_.back();
  if (frame.kind == ControlFrame::Loop) {
    // Nothing branches to a loop's end: fall through with the stack as is.
    frames_.pop_back();
    return absl::OkStatus();
  }
  if (!unreachable_) {
    addBranchIncoming(frame, b_.GetInsertBlock());
    b_.CreateBr(frame.target);
  }
  if (frame.kind == ControlFrame::If && !frame.sawElse) {
    // An if without else passes its parameters through (params == results).
    b_.SetInsertPoint(frame.elseBlock);
    for (size_t i = 0; i < frame.targetPhis.size() && i < frame.ifParams.size(); ++i)
      frame.targetPhis[i]->addIncoming(frame.ifParams[i], frame.elseBlock);
    b_.CreateBr(frame.target);
  }
  stack_.resize(std::min(stack_.size(), frame.height));
  llvm::BasicBlock* end = frame.target;
  bool reachable = !end->hasNPredecessors(0);
  if (reachable) {
    b_.SetInsertPoint(end);
    for (llvm::PHINode* phi : frame.targetPhis) push(phi);
    unreachable_ = false;
  } else {
    end->eraseFromParent();
    unreachable_ = true;
  }
  skipDepth_ = 0;
  bool isFunction = frame.kind == ControlFrame::Function;
  std::vector<ValType> results = frame.results;
  frames_.pop_back();
  if (isFunction && reachable) {
    std::vector<llvm::Value*> values = popN(results.size());
    if (results.empty()) {
      b_.CreateRetVoid();
    } else if (results.size() == 1) {
      b_.CreateRet(values[0]);
    } else {
      llvm::Value* aggregate = llvm::PoisonValue::get(function_->getReturnType());
      for (unsigned i = 0; i < values.size(); ++i) aggregate = b_.CreateInsertValue(aggregate, values[i], i);
      b_.CreateRet(aggregate);
    }
  }
  return absl::OkStatus();
}

void FunctionTranslator::lowerBrTable(const Instruction& inst) {
  llvm::Value* index = pop();
  std::span<const uint32_t> targets = inst.brTableTargets;
  if (targets.empty()) return;  // the reader always yields the default
  // Each distinct target gets its own edge block so the target's phis see
  // one incoming value per predecessor.
  std::map<uint32_t, llvm::BasicBlock*> edges;
  llvm::BasicBlock* from = b_.GetInsertBlock();
  auto edgeTo = [&](uint32_t depth) {
    auto it = edges.find(depth);
    if (it != edges.end()) return it->second;
    llvm::BasicBlock* edge = newBlock("br_table.edge");
    ControlFrame& frame = frameAt(std::min<uint32_t>(depth, frames_.size() - 1));
    addBranchIncoming(frame, edge);
    llvm::BranchInst::Create(frame.target, edge);
    edges[depth] = edge;
    return edge;
  };
  llvm::BasicBlock* defaultEdge = edgeTo(targets.back());
  b_.SetInsertPoint(from);
  llvm::SwitchInst* sw = b_.CreateSwitch(index, defaultEdge, targets.size() - 1);
  for (size_t i = 0; i + 1 < targets.size(); ++i) {
    if (targets[i] == targets.back()) continue;
    sw->addCase(b_.getInt32(static_cast<uint32_t>(i)), edgeTo(targets[i]));
  }
  markUnreachable();
}

namespace {

// The slots [first, first + count) of a frozen table's code table for one
// signature, if its non-null entries are exactly those.
std::optional<std::pair<uint64_t, uint64_t>> OneRunOfSlots(const llvm::GlobalVariable& codes) {
  const llvm::Constant* init = codes.getInitializer();
  uint64_t n = llvm::cast<llvm::ArrayType>(codes.getValueType())->getNumElements();
  std::optional<uint64_t> first, end;
  for (uint64_t i = 0; i < n; ++i) {
    const llvm::Constant* entry = init->getAggregateElement(unsigned(i));
    if (!entry) return std::nullopt;
    if (entry->isNullValue()) {
      if (first && !end) end = i;
    } else {
      if (end) return std::nullopt;  // a second run
      if (!first) first = i;
    }
  }
  if (!first) return std::make_pair(uint64_t(0), uint64_t(0));
  return std::make_pair(*first, end.value_or(n) - *first);
}

}  // namespace

void FunctionTranslator::lowerCallIndirect(const Instruction& inst) {
  const binary::FuncType& sig = state_.module.types[inst.index];
  llvm::Value* index = pop();
  if (llvm::GlobalVariable* codes = SignatureCodeTable(state_, inst.index2, sig)) {
    // A frozen table (FrozenTables.cpp): one load from this signature's
    // code table; an index past its end or a null entry means the general
    // checks below would trap, so they run only then, to say why. When this
    // signature's entries are one run of slots (as a C program's functions
    // of one type often are), a single range test on the index replaces
    // both the bounds and the null test. Not for a run of one: the call then
    // becomes a direct call LLVM inlines, which in large functions only
    // moved their register allocation (pcre2's match +2% instructions;
    // bench/NOTES.md). Otherwise the code is what it was, the bounds test
    // trapping at once.
    uint64_t slots = llvm::cast<llvm::ArrayType>(codes->getValueType())->getNumElements();
    auto run = OneRunOfSlots(*codes);
    bool ranged = run && run->second >= 2;
    llvm::MDNode* unlikely = llvm::MDBuilder(ctx_.context()).createUnlikelyBranchWeights();
    if (!ranged) trapIf(b_.CreateICmpUGE(index, b_.getInt32(uint32_t(slots))), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
    llvm::BasicBlock* wrong = newBlock("call_indirect.wrong");
    llvm::BasicBlock* call = newBlock("call_indirect");
    llvm::Value* code = nullptr;
    if (ranged) {
      llvm::Value* offset = b_.CreateSub(index, b_.getInt32(uint32_t(run->first)));
      b_.CreateCondBr(b_.CreateICmpUGE(offset, b_.getInt32(uint32_t(run->second))), wrong, call, unlikely);
      b_.SetInsertPoint(call);
      code = b_.CreateLoad(b_.getPtrTy(),
                           b_.CreateInBoundsGEP(b_.getPtrTy(), codes, b_.CreateZExt(index, b_.getInt64Ty())), "code");
      wrong->moveAfter(call);
      b_.SetInsertPoint(wrong);
      trapIf(b_.CreateICmpUGE(index, b_.getInt32(uint32_t(slots))), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
    } else {
      code = b_.CreateLoad(b_.getPtrTy(),
                           b_.CreateInBoundsGEP(b_.getPtrTy(), codes, b_.CreateZExt(index, b_.getInt64Ty())), "code");
      b_.CreateCondBr(b_.CreateICmpEQ(code, llvm::ConstantPointerNull::get(b_.getPtrTy())), wrong, call, unlikely);
      b_.SetInsertPoint(wrong);
    }
    llvm::Value* ref = b_.CreateLoad(b_.getPtrTy(), tableElementAddress(inst.index2, index), "funcref");
    trapIf(b_.CreateICmpEQ(ref, llvm::ConstantPointerNull::get(b_.getPtrTy())), WACC_TRAP_UNINITIALIZED_ELEMENT);
    b_.CreateBr(trapBlock(WACC_TRAP_INDIRECT_CALL_TYPE));
    b_.SetInsertPoint(call);
    emitCall(llvm::FunctionCallee(ctx_.functionType(sig), code), llvm::CallingConv::C, sig);
    return;
  }
  llvm::Value* ref = checkedFuncRef(inst.index2, index, sig);
  llvm::Value* code = b_.CreateLoad(
      b_.getPtrTy(), b_.CreateStructGEP(ctx_.funcRefDescriptorType(), ref, ProgramContext::kDescriptorCode), "code");
  emitCall(llvm::FunctionCallee(ctx_.functionType(sig), code), llvm::CallingConv::C, sig);
}

llvm::Value* FunctionTranslator::checkedFuncRef(uint32_t tableIndex, llvm::Value* index, const binary::FuncType& sig) {
  llvm::Value* size = tableField(tableIndex, ProgramContext::kTableSize);
  trapIf(b_.CreateICmpUGE(index, size), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
  llvm::Value* ref = b_.CreateLoad(b_.getPtrTy(), tableElementAddress(tableIndex, index), "funcref");
  trapIf(b_.CreateICmpEQ(ref, llvm::ConstantPointerNull::get(b_.getPtrTy())), WACC_TRAP_UNINITIALIZED_ELEMENT);
  llvm::Value* sigId =
      b_.CreateLoad(b_.getInt32Ty(),
                    b_.CreateStructGEP(ctx_.funcRefDescriptorType(), ref, ProgramContext::kDescriptorSignature), "sig");
  trapIf(b_.CreateICmpNE(sigId, b_.getInt32(ctx_.signatureId(sig))), WACC_TRAP_INDIRECT_CALL_TYPE);
  return ref;
}

// A funcref with a tail body is tail-called through it; one without (its
// function makes no tail calls: TailCalls.cpp) is called and returned from.
// Frozen tables' code tables hold C entries only, so this always takes the
// general path.
void FunctionTranslator::lowerReturnCallIndirect(const Instruction& inst) {
  const binary::FuncType& sig = state_.module.types[inst.index];
  llvm::Value* ref = checkedFuncRef(inst.index2, pop(), sig);
  llvm::StructType* descriptor = ctx_.funcRefDescriptorType();
  llvm::Value* tailCode = b_.CreateLoad(
      b_.getPtrTy(), b_.CreateStructGEP(descriptor, ref, ProgramContext::kDescriptorTailCode), "tail_code");
  llvm::BasicBlock* viaTailBody = newBlock("return_call_indirect.tail");
  llvm::BasicBlock* viaEntry = newBlock("return_call_indirect.c");
  b_.CreateCondBr(b_.CreateICmpEQ(tailCode, llvm::ConstantPointerNull::get(b_.getPtrTy())), viaEntry, viaTailBody);
  std::vector<llvm::Value*> args = popN(sig.params.size());
  b_.SetInsertPoint(viaTailBody);
  emitReturnCall(llvm::FunctionCallee(ctx_.functionType(sig), tailCode), llvm::CallingConv::Tail, sig, args);
  b_.SetInsertPoint(viaEntry);
  llvm::Value* code =
      b_.CreateLoad(b_.getPtrTy(), b_.CreateStructGEP(descriptor, ref, ProgramContext::kDescriptorCode), "code");
  emitReturnCall(llvm::FunctionCallee(ctx_.functionType(sig), code), llvm::CallingConv::C, sig, args);
}

absl::StatusOr<bool> FunctionTranslator::lowerControl(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::Nop: return true;
    case Opcode::Unreachable: trapAlways(WACC_TRAP_UNREACHABLE); return true;
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: WACC_RETURN_IF_ERROR(lowerBlockStart(inst)); return true;
    case Opcode::Else: WACC_RETURN_IF_ERROR(lowerElse(inst)); return true;
    case Opcode::End: WACC_RETURN_IF_ERROR(lowerEnd(inst)); return true;
    case Opcode::Br:
    case Opcode::Return: {
      uint32_t depth = inst.opcode == Opcode::Br ? inst.index : frames_.size() - 1;
      if (depth >= frames_.size()) return InputError(inst.offset, "branch depth %u out of range", depth);
      ControlFrame& frame = frameAt(depth);
      addBranchIncoming(frame, b_.GetInsertBlock());
      b_.CreateBr(frame.target);
      markUnreachable();
      return true;
    }
    case Opcode::BrIf: {
      if (inst.index >= frames_.size()) return InputError(inst.offset, "branch depth %u out of range", inst.index);
      llvm::Value* cond = b_.CreateICmpNE(pop(), b_.getInt32(0));
      ControlFrame& frame = frameAt(inst.index);
      addBranchIncoming(frame, b_.GetInsertBlock());
      llvm::BasicBlock* cont = newBlock("br_if.cont");
      b_.CreateCondBr(cond, frame.target, cont);
      b_.SetInsertPoint(cont);
      return true;
    }
    case Opcode::BrTable:
      for (uint32_t t : inst.brTableTargets)
        if (t >= frames_.size()) return InputError(inst.offset, "branch depth %u out of range", t);
      lowerBrTable(inst);
      return true;
    case Opcode::Call:
    case Opcode::ReturnCall: {
      if (inst.index >= state_.symbols.funcs.size())
        return InputError(inst.offset, "call to unknown function %u", inst.index);
      llvm::Function* callee = DirectCallee(state_, inst.index);
      if (inst.opcode == Opcode::Call) {
        emitCall(callee, callee->getCallingConv(), funcType(inst.index));
      } else {
        emitReturnCall(callee, callee->getCallingConv(), funcType(inst.index),
                       popN(funcType(inst.index).params.size()));
        markUnreachable();
      }
      return true;
    }
    case Opcode::CallIndirect: lowerCallIndirect(inst); return true;
    case Opcode::ReturnCallIndirect:
      lowerReturnCallIndirect(inst);
      markUnreachable();
      return true;
    case Opcode::Drop:
      // A dropped load still traps: memoryLoad() keeps every load (Memory.cpp).
      pop();
      return true;
    case Opcode::Select:
    case Opcode::SelectT: {
      llvm::Value* cond = b_.CreateICmpNE(pop(), b_.getInt32(0));
      llvm::Value* ifFalse = pop();
      llvm::Value* ifTrue = pop();
      push(b_.CreateSelect(cond, ifTrue, ifFalse));
      return true;
    }
    default: return false;
  }
}

}  // namespace wacc::lower
