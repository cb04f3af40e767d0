// local.get/set/tee, global.get/set.
#include "compiler/lower/FunctionTranslator.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

bool FunctionTranslator::lowerVariable(const Instruction& inst) {
  switch (inst.opcode) {
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee: {
      if (inst.index >= locals_.size()) return false;  // rejected by validation
      llvm::AllocaInst* slot = locals_[inst.index];
      if (inst.opcode == Opcode::LocalGet) {
        push(b_.CreateLoad(slot->getAllocatedType(), slot));
      } else {
        llvm::Value* v = pop();
        b_.CreateStore(v, slot);
        if (inst.opcode == Opcode::LocalTee) push(v);
      }
      return true;
    }
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: {
      if (inst.index >= state_.symbols.globals.size()) return false;
      llvm::GlobalVariable* cell = state_.symbols.globals[inst.index];
      if (inst.opcode == Opcode::GlobalGet)
        push(b_.CreateLoad(type(state_.module.globals[inst.index].type), cell));
      else
        b_.CreateStore(pop(), cell);
      return true;
    }
    default: return false;
  }
}

}  // namespace wacc::lower
