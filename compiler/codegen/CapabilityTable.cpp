#include "compiler/codegen/CapabilityTable.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::codegen {
namespace {

llvm::Constant* CString(llvm::Module& module, const std::string& text) {
  llvm::LLVMContext& context = module.getContext();
  auto* data = llvm::ConstantDataArray::getString(context, text, /*AddNull=*/true);
  return new llvm::GlobalVariable(module, data->getType(), /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage, data,
                                  "wacc.capability.str");
}

// A private constant array of `elementType` (or a null pointer when empty).
llvm::Constant* Array(llvm::Module& module, llvm::StructType* elementType, std::vector<llvm::Constant*> elements,
                      const char* name) {
  if (elements.empty()) return llvm::ConstantPointerNull::get(llvm::PointerType::get(module.getContext(), 0));
  auto* type = llvm::ArrayType::get(elementType, elements.size());
  return new llvm::GlobalVariable(module, type, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
                                  llvm::ConstantArray::get(type, elements), name);
}

}  // namespace

void AddCapabilityTable(llvm::Module& module, const Capabilities& capabilities) {
  if (capabilities.grantsNothing()) return;
  llvm::LLVMContext& context = module.getContext();
  auto* ptr = llvm::PointerType::get(context, 0);
  auto* i32 = llvm::Type::getInt32Ty(context);
  // struct wacc_preopen / wacc_env_entry: two pointers each.
  auto* pairType = llvm::StructType::get(context, {ptr, ptr});
  // struct wacc_capabilities, field for field.
  auto* tableType = llvm::StructType::get(context, {i32, i32, ptr, ptr, i32, i32, ptr});

  std::vector<llvm::Constant*> preopens;
  for (const Capabilities::Preopen& preopen : capabilities.preopens) {
    preopens.push_back(
        llvm::ConstantStruct::get(pairType, {CString(module, preopen.hostPath), CString(module, preopen.guestPath)}));
  }
  std::vector<llvm::Constant*> env;
  for (const Capabilities::EnvEntry& entry : capabilities.env) {
    llvm::Constant* value = entry.value ? CString(module, *entry.value) : llvm::ConstantPointerNull::get(ptr);
    env.push_back(llvm::ConstantStruct::get(pairType, {CString(module, entry.name), value}));
  }
  llvm::Constant* table = llvm::ConstantStruct::get(
      tableType, {llvm::ConstantInt::get(i32, preopens.size()), llvm::ConstantInt::get(i32, env.size()),
                  Array(module, pairType, preopens, "wacc.capability.preopens"),
                  Array(module, pairType, env, "wacc.capability.env"),
                  llvm::ConstantInt::get(i32, capabilities.inheritEnv ? 1 : 0),
                  llvm::ConstantInt::get(i32, capabilities.inheritNetwork ? 1 : 0),
                  capabilities.tlsCaFile.empty() ? llvm::ConstantPointerNull::get(ptr)
                                                 : CString(module, capabilities.tlsCaFile)});
  new llvm::GlobalVariable(module, tableType, /*isConstant=*/true, llvm::GlobalValue::ExternalLinkage, table,
                           "wacc_capabilities");
}

}  // namespace wacc::codegen
