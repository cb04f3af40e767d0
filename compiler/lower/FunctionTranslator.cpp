#include "compiler/lower/FunctionTranslator.h"

#include "llvm/IR/MDBuilder.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::ValType;

FunctionTranslator::FunctionTranslator(InstanceState& state, uint32_t funcIndex)
    : state_(state),
      ctx_(state.ctx),
      funcIndex_(funcIndex),
      function_(DirectCallee(state, funcIndex)),
      b_(ctx_.context()) {}

llvm::Function* DirectCallee(InstanceState& state, uint32_t funcIndex) {
  llvm::Function* f = state.symbols.funcs[funcIndex];
  llvm::Function* body = state.ctx.tailBody(f);
  return body ? body : f;
}

llvm::BasicBlock* FunctionTranslator::newBlock(const char* name) {
  return llvm::BasicBlock::Create(ctx_.context(), name, function_);
}

absl::Status FunctionTranslator::setUpEntry() {
  b_.SetInsertPoint(newBlock("entry"));
  nameConstant_ = ctx_.runtime().cString(state_.funcNames[funcIndex_]);
  const binary::FuncType& sig = funcType(funcIndex_);
  const binary::FunctionBody& body = state_.module.body(funcIndex_);
  localTypes_ = sig.params;
  localTypes_.insert(localTypes_.end(), body.locals.begin(), body.locals.end());
  // Locals live in allocas; mem2reg turns them into SSA values.
  for (size_t i = 0; i < localTypes_.size(); ++i) {
    llvm::Type* t = type(localTypes_[i]);
    llvm::AllocaInst* slot = b_.CreateAlloca(t, nullptr, "local");
    if (i < sig.params.size())
      b_.CreateStore(function_->getArg(i), slot);
    else
      b_.CreateStore(llvm::Constant::getNullValue(t), slot);
    locals_.push_back(slot);
  }
  ControlFrame frame;
  frame.kind = ControlFrame::Function;
  frame.results = sig.results;
  frame.target = newBlock("return");
  frame.targetPhis = makePhis(frame.target, frame.results);
  frames_.push_back(std::move(frame));
  return absl::OkStatus();
}

absl::Status FunctionTranslator::translate() {
  WACC_RETURN_IF_ERROR(setUpEntry());
  const binary::FunctionBody& body = state_.module.body(funcIndex_);
  binary::InstructionReader reader(binary::ByteReader(body.code, body.codeOffset));
  while (!frames_.empty()) {
    if (reader.atEnd()) return InputError(reader.offset(), "function body ends before its final `end`");
    WACC_ASSIGN_OR_RETURN(Instruction inst, reader.next());
    WACC_RETURN_IF_ERROR(lower(inst));
  }
  return absl::OkStatus();
}

absl::Status FunctionTranslator::lower(const Instruction& inst) {
  using binary::Opcode;
  if (unreachable_) {
    // Only structure matters in dead code: track nesting to find our else/end.
    switch (inst.opcode) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If: ++skipDepth_; return absl::OkStatus();
      case Opcode::Else:
        if (skipDepth_ > 0) return absl::OkStatus();
        return lowerElse(inst);
      case Opcode::End:
        if (skipDepth_ > 0) {
          --skipDepth_;
          return absl::OkStatus();
        }
        return lowerEnd(inst);
      default: return absl::OkStatus();
    }
  }
  WACC_ASSIGN_OR_RETURN(bool handled, lowerControl(inst));
  if (handled) return absl::OkStatus();
  if (lowerVariable(inst) || lowerNumeric(inst) || lowerConversion(inst) || lowerMemory(inst) || lowerTable(inst) ||
      lowerAtomic(inst))
    return absl::OkStatus();
  WACC_ASSIGN_OR_RETURN(handled, lowerSimd(inst));
  if (handled) return absl::OkStatus();
  return UnsupportedError(inst.offset, "instruction %s", binary::OpcodeName(inst.opcode));
}

llvm::Value* FunctionTranslator::pop() {
  // Validation guarantees the stack is deep enough; guard anyway so a
  // validator gap cannot crash the compiler.
  if (stack_.empty()) return llvm::PoisonValue::get(b_.getInt32Ty());
  llvm::Value* v = stack_.back();
  stack_.pop_back();
  return v;
}

std::vector<llvm::Value*> FunctionTranslator::popN(size_t n) {
  std::vector<llvm::Value*> values(n);
  for (size_t i = n; i-- > 0;) values[i] = pop();
  return values;
}

std::vector<llvm::Value*> FunctionTranslator::peekN(size_t n) {
  std::vector<llvm::Value*> values = popN(n);
  for (llvm::Value* v : values) push(v);
  return values;
}

void FunctionTranslator::markUnreachable() {
  unreachable_ = true;
  skipDepth_ = 0;
  size_t height = frames_.back().height;
  if (stack_.size() > height) stack_.resize(height);
}

std::vector<llvm::PHINode*> FunctionTranslator::makePhis(llvm::BasicBlock* block, const std::vector<ValType>& types) {
  std::vector<llvm::PHINode*> phis;
  llvm::IRBuilder<> pb(block);
  for (ValType t : types) phis.push_back(pb.CreatePHI(type(t), 2));
  return phis;
}

void FunctionTranslator::addBranchIncoming(ControlFrame& frame, llvm::BasicBlock* from) {
  std::vector<llvm::Value*> values = peekN(frame.targetPhis.size());
  for (size_t i = 0; i < values.size(); ++i) frame.targetPhis[i]->addIncoming(values[i], from);
}

void FunctionTranslator::blockSignature(const binary::BlockType& bt, std::vector<ValType>& params,
                                        std::vector<ValType>& results) const {
  params.clear();
  results.clear();
  switch (bt.kind) {
    case binary::BlockType::Empty: break;
    case binary::BlockType::Value: results.push_back(bt.valType); break;
    case binary::BlockType::TypeIndex:
      if (bt.typeIndex < state_.module.types.size()) {
        params = state_.module.types[bt.typeIndex].params;
        results = state_.module.types[bt.typeIndex].results;
      }
      break;
  }
}

llvm::BasicBlock* FunctionTranslator::trapBlock(uint32_t reason) {
  auto it = trapBlocks_.find(reason);
  if (it != trapBlocks_.end()) return it->second;
  llvm::BasicBlock* block = newBlock("trap");
  llvm::IRBuilder<> tb(block);
  ctx_.runtime().emitTrap(tb, reason, nameConstant_);
  trapBlocks_[reason] = block;
  return block;
}

void FunctionTranslator::trapIf(llvm::Value* cond, uint32_t reason) {
  llvm::BasicBlock* cont = newBlock("ok");
  llvm::MDBuilder md(ctx_.context());
  b_.CreateCondBr(cond, trapBlock(reason), cont, md.createUnlikelyBranchWeights());
  b_.SetInsertPoint(cont);
}

void FunctionTranslator::trapAlways(uint32_t reason) {
  b_.CreateBr(trapBlock(reason));
  markUnreachable();
}

void FunctionTranslator::emitReturnCall(llvm::FunctionCallee callee, llvm::CallingConv::ID cc,
                                        const binary::FuncType& type, const std::vector<llvm::Value*>& args) {
  llvm::CallInst* call = b_.CreateCall(callee, args);
  call->setCallingConv(cc);
  // Between two tailcc functions a `tail` call followed by `ret` is
  // guaranteed to be made without growing the stack (LangRef: tailcc).
  // Not `musttail`: LLVM 22's x86-64 backend does not store the stack
  // arguments of a musttail call whose callee has more of them than its
  // caller (a plain `tail` call moves the return address and stores them).
  if (cc == llvm::CallingConv::Tail && function_->getCallingConv() == llvm::CallingConv::Tail)
    call->setTailCallKind(llvm::CallInst::TCK_Tail);
  if (call->getType()->isVoidTy())
    b_.CreateRetVoid();
  else
    b_.CreateRet(call);
}

void FunctionTranslator::emitCall(llvm::FunctionCallee callee, llvm::CallingConv::ID cc, const binary::FuncType& type,
                                  bool noInline) {
  std::vector<llvm::Value*> args = popN(type.params.size());
  llvm::CallInst* call = b_.CreateCall(callee, args);
  call->setCallingConv(cc);
  if (noInline) call->setIsNoInline();
  // A tail body has no "disable-tail-calls" (KeepCallsOnStack).
  if (function_->getCallingConv() == llvm::CallingConv::Tail) call->setTailCallKind(llvm::CallInst::TCK_NoTail);
  if (type.results.size() == 1) {
    push(call);
  } else {
    for (unsigned i = 0; i < type.results.size(); ++i) push(b_.CreateExtractValue(call, i));
  }
}

}  // namespace wacc::lower
