#include "compiler/codegen/FunctionNameTable.h"

#include "absl/strings/str_cat.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

namespace wacc::codegen {

namespace {

constexpr const char* kNameAttribute = "wacc-wasm-name";
constexpr const char* kCodeSection = "wacc_code";
constexpr const char* kNameSection = "wacc_function_names";

llvm::Constant* NameString(llvm::Module& module, llvm::StringRef name) {
  llvm::Constant* text = llvm::ConstantDataArray::getString(module.getContext(), name);
  auto* global = new llvm::GlobalVariable(module, text->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, text, "wasm.name");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  global->setAlignment(llvm::Align(1));
  return global;
}

}  // namespace

void SetWasmFunctionName(llvm::Function& f, std::string_view name) {
  f.addFnAttr(kNameAttribute, llvm::StringRef(name.data(), name.size()));
}

void AddFunctionNameTable(llvm::Module& module) {
  llvm::LLVMContext& c = module.getContext();
  auto* ptr = llvm::PointerType::getUnqual(c);
  auto* entryType = llvm::StructType::get(c, {ptr, ptr});
  std::vector<llvm::Constant*> entries;
  for (llvm::Function& f : module) {
    if (f.isDeclaration() || f.hasAvailableExternallyLinkage()) continue;
    f.setSection(kCodeSection);
    llvm::Constant* name = llvm::ConstantPointerNull::get(ptr);
    if (f.hasFnAttribute(kNameAttribute))
      name = NameString(module, f.getFnAttribute(kNameAttribute).getValueAsString());
    entries.push_back(llvm::ConstantStruct::get(entryType, {&f, name}));
  }
  if (entries.empty()) return;
  auto* arrayType = llvm::ArrayType::get(entryType, entries.size());
  auto* table = new llvm::GlobalVariable(module, arrayType, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
                                         llvm::ConstantArray::get(arrayType, entries), "wacc.function_names");
  table->setSection(kNameSection);
  table->setAlignment(llvm::Align(8));
  // Nothing references the entries but the runtime's __start_/__stop_
  // symbols: llvm.used marks the section SHF_GNU_RETAIN for --gc-sections.
  llvm::appendToUsed(module, {table});
}

}  // namespace wacc::codegen
