#include "compiler/codegen/MemoryBase.h"

#include "compiler/lower/RuntimeABI.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Instructions.h"

namespace wacc::codegen {

llvm::GlobalVariable* MemoryOfBase(llvm::Value* base) {
  using lower::RuntimeABI;
  auto* load = llvm::dyn_cast<llvm::LoadInst>(base);
  if (!load) return nullptr;
  const llvm::DataLayout& dl = load->getDataLayout();
  int64_t offset = 0;
  auto* memory = llvm::dyn_cast_if_present<llvm::GlobalVariable>(
      llvm::GetPointerBaseWithConstantOffset(load->getPointerOperand(), offset, dl));
  if (!memory) return nullptr;
  auto* type = llvm::dyn_cast<llvm::StructType>(memory->getValueType());
  if (!type || !type->hasName() || !type->getName().starts_with(RuntimeABI::kMemoryTypeName) ||
      type->getNumElements() <= RuntimeABI::kMemoryPages ||
      !type->getElementType(RuntimeABI::kMemoryPages)->isIntegerTy(64))
    return nullptr;
  if (offset != int64_t(dl.getStructLayout(type)->getElementOffset(RuntimeABI::kMemoryBase))) return nullptr;
  return memory;
}

}  // namespace wacc::codegen
