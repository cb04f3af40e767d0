#include "compiler/lower/ProgramContext.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

namespace wacc::lower {

ProgramContext::ProgramContext(llvm::Module& module, const TranslateOptions& options)
    : module_(module), options_(options), runtime_(module) {
  llvm::Triple triple(options.targetTriple.empty() ? llvm::sys::getDefaultTargetTriple() : options.targetTriple);
  aarch64_ = triple.isAArch64();
}

llvm::Type* ProgramContext::valType(binary::ValType t) {
  llvm::LLVMContext& c = context();
  switch (t) {
    case binary::ValType::I32: return llvm::Type::getInt32Ty(c);
    case binary::ValType::I64: return llvm::Type::getInt64Ty(c);
    case binary::ValType::F32: return llvm::Type::getFloatTy(c);
    case binary::ValType::F64: return llvm::Type::getDoubleTy(c);
    case binary::ValType::V128: return llvm::FixedVectorType::get(llvm::Type::getInt32Ty(c), 4);
    case binary::ValType::FuncRef:
    case binary::ValType::ExternRef: return llvm::PointerType::getUnqual(c);
  }
  return llvm::Type::getInt32Ty(c);  // unreachable for validated input
}

llvm::Type* ProgramContext::resultType(const binary::FuncType& t) {
  if (t.results.empty()) return llvm::Type::getVoidTy(context());
  if (t.results.size() == 1) return valType(t.results[0]);
  std::vector<llvm::Type*> fields;
  for (binary::ValType r : t.results) fields.push_back(valType(r));
  return llvm::StructType::get(context(), fields);
}

llvm::FunctionType* ProgramContext::functionType(const binary::FuncType& t) {
  std::vector<llvm::Type*> params;
  for (binary::ValType p : t.params) params.push_back(valType(p));
  return llvm::FunctionType::get(resultType(t), params, false);
}

uint32_t ProgramContext::signatureId(const binary::FuncType& t) {
  // Key: params, a separator, results (value type codes are all nonzero).
  std::string key;
  for (binary::ValType p : t.params) key.push_back(static_cast<char>(p));
  key.push_back('\0');
  for (binary::ValType r : t.results) key.push_back(static_cast<char>(r));
  auto [it, inserted] = signatureIds_.try_emplace(key, static_cast<uint32_t>(signatureIds_.size()));
  return it->second;
}

llvm::StructType* ProgramContext::funcRefDescriptorType() {
  if (!descriptorType_) {
    llvm::Type* ptr = llvm::PointerType::getUnqual(context());
    descriptorType_ =
        llvm::StructType::create(context(), {ptr, llvm::Type::getInt32Ty(context()), ptr}, "wacc.funcref");
  }
  return descriptorType_;
}

llvm::StructType* ProgramContext::tableType() {
  if (!tableType_) {
    auto* i32 = llvm::Type::getInt32Ty(context());
    tableType_ = llvm::StructType::create(context(), {llvm::PointerType::getUnqual(context()), i32, i32}, "wacc.table");
  }
  return tableType_;
}

// call_indirect always calls with the C convention; a function defined with
// another one (an adapter, say) is reached through a C-convention thunk.
llvm::Function* ProgramContext::cConventionThunk(llvm::Function* f) {
  llvm::Function* thunk =
      llvm::Function::Create(f->getFunctionType(), llvm::GlobalValue::InternalLinkage, f->getName() + ".ccc", module_);
  thunk->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context(), "entry", thunk));
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : thunk->args()) args.push_back(&a);
  llvm::CallInst* call = b.CreateCall(f, args);
  call->setCallingConv(f->getCallingConv());
  if (f->getReturnType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(call);
  return thunk;
}

llvm::Constant* ProgramContext::funcRef(llvm::Function* f, const binary::FuncType& t) {
  auto it = funcRefs_.find(f);
  if (it != funcRefs_.end()) return it->second;
  llvm::Function* code = f->getCallingConv() == llvm::CallingConv::C ? f : cConventionThunk(f);
  llvm::Constant* tailCode = tailBody(f);
  if (!tailCode) tailCode = llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(context()));
  llvm::Constant* init = llvm::ConstantStruct::get(
      funcRefDescriptorType(),
      {code, llvm::ConstantInt::get(llvm::Type::getInt32Ty(context()), signatureId(t)), tailCode});
  auto* descriptor = new llvm::GlobalVariable(module_, funcRefDescriptorType(), /*isConstant=*/true,
                                              llvm::GlobalValue::InternalLinkage, init, f->getName() + ".ref");
  descriptor->setAlignment(llvm::Align(8));
  funcRefs_[f] = descriptor;
  return descriptor;
}

}  // namespace wacc::lower
