// Tail bodies: the code of a module that makes tail calls.
//
// `return_call f` (WebAssembly 3.0's tail calls) must not grow the stack,
// whatever f's signature: a loop of mutually recursive functions that each
// end in a return_call runs in constant space. LLVM guarantees that only for
// a call marked `musttail` (or `tail` in tail position) between two
// functions of the `tailcc` convention, under which the callee pops its own
// stack arguments, so the two signatures need not agree. Everything else in
// wacc (the canonical ABI's adapters, instantiation, exports, the runtime)
// calls core functions with the C convention.
//
// So a module with any tail call gets, for each function it defines, a
// second function, its tail body, with the `tailcc` convention and the
// function's code, and the function's symbol becomes a C-convention entry
// that only calls the tail body; every existing caller keeps working, and
// LLVM inlines the entry wherever a C caller calls it directly. Direct calls
// and tail calls go straight to a tail body when the callee has one (in this
// module or, through an import, another); a funcref's descriptor carries the
// tail body beside the C entry, for return_call_indirect. A tail call to a
// function without a tail body (a host function, an adapter, a module
// without tail calls) is an ordinary call followed by a return: such a
// callee makes no tail calls of its own, so no loop of tail calls passes
// through it.
//
// Every other function has LLVM's "disable-tail-calls" attribute
// (KeepCallsOnStack), which a tail body cannot have: it would turn the tail
// calls back into calls. A tail body's ordinary calls are marked `notail`
// instead, so that they too stay calls. Modules without tail calls are
// translated exactly as before.
#include "compiler/binary/Instruction.h"
#include "compiler/lower/InstanceState.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::lower {

void KeepCallsOnStack(llvm::Function& f) {
  if (f.getCallingConv() != llvm::CallingConv::Tail) f.addFnAttr("disable-tail-calls", "true");
}

bool UsesTailCalls(const binary::CoreModule& module) {
  for (const binary::FunctionBody& body : module.bodies) {
    binary::InstructionReader reader(binary::ByteReader(body.code, body.codeOffset));
    while (!reader.atEnd()) {
      absl::StatusOr<binary::Instruction> inst = reader.next();
      if (!inst.ok()) break;  // translation reports it
      if (inst->opcode == binary::Opcode::ReturnCall || inst->opcode == binary::Opcode::ReturnCallIndirect) return true;
    }
  }
  return false;
}

void DeclareTailBodies(InstanceState& s) {
  const binary::CoreModule& m = s.module;
  for (uint32_t i = m.numImportedFuncs; i < m.funcs.size(); ++i) {
    llvm::Function* entry = s.symbols.funcs[i];
    llvm::Function* body = llvm::Function::Create(entry->getFunctionType(), llvm::GlobalValue::InternalLinkage,
                                                  entry->getName() + ".tail", s.ctx.module());
    body->setCallingConv(llvm::CallingConv::Tail);
    body->setDoesNotThrow();
    s.ctx.setTailBody(entry, body);

    llvm::IRBuilder<> b(llvm::BasicBlock::Create(s.ctx.context(), "entry", entry));
    std::vector<llvm::Value*> args;
    for (llvm::Argument& a : entry->args()) args.push_back(&a);
    llvm::CallInst* call = b.CreateCall(body, args);
    call->setCallingConv(llvm::CallingConv::Tail);
    if (entry->getReturnType()->isVoidTy())
      b.CreateRetVoid();
    else
      b.CreateRet(call);
  }
}

}  // namespace wacc::lower
