// The `spectest` host module every spec script may import from: no-op print
// functions, four immutable globals, a funcref table (10, max 20), and
// `memory` and `shared_memory` (1 page, max 2), with the reference
// interpreter's values.
#include "compiler/spectest/SpecInstances.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::spectest {

namespace {

using binary::ExternalKind;
using binary::ValType;

void AddPrint(lower::ProgramContext& ctx, SpectestHost& host, const char* name, std::vector<ValType> params) {
  ExternItem item;
  item.kind = ExternalKind::Func;
  item.funcType.params = std::move(params);
  item.func = llvm::Function::Create(ctx.functionType(item.funcType), llvm::GlobalValue::InternalLinkage,
                                     std::string("spectest.") + name, ctx.module());
  item.func->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx.context(), "entry", item.func));
  b.CreateRetVoid();
  host.exports[name] = std::move(item);
}

void AddGlobal(lower::ProgramContext& ctx, SpectestHost& host, const char* name, ValType type, llvm::Constant* value) {
  ExternItem item;
  item.kind = ExternalKind::Global;
  item.global = {type, false};
  item.cell = new llvm::GlobalVariable(ctx.module(), value->getType(), false, llvm::GlobalValue::InternalLinkage, value,
                                       std::string("spectest.") + name);
  host.exports[name] = std::move(item);
}

llvm::Constant* FloatBits(llvm::LLVMContext& c, unsigned width, uint64_t bits) {
  const llvm::fltSemantics& semantics = width == 32 ? llvm::APFloat::IEEEsingle() : llvm::APFloat::IEEEdouble();
  return llvm::ConstantFP::get(c, llvm::APFloat(semantics, llvm::APInt(width, bits)));
}

}  // namespace

SpectestHost EmitSpectestHost(lower::ProgramContext& ctx) {
  SpectestHost host;
  llvm::LLVMContext& c = ctx.context();
  AddPrint(ctx, host, "print", {});
  AddPrint(ctx, host, "print_i32", {ValType::I32});
  AddPrint(ctx, host, "print_i64", {ValType::I64});
  AddPrint(ctx, host, "print_f32", {ValType::F32});
  AddPrint(ctx, host, "print_f64", {ValType::F64});
  AddPrint(ctx, host, "print_i32_f32", {ValType::I32, ValType::F32});
  AddPrint(ctx, host, "print_f64_f64", {ValType::F64, ValType::F64});
  AddGlobal(ctx, host, "global_i32", ValType::I32, llvm::ConstantInt::get(llvm::Type::getInt32Ty(c), 666));
  AddGlobal(ctx, host, "global_i64", ValType::I64, llvm::ConstantInt::get(llvm::Type::getInt64Ty(c), 666));
  AddGlobal(ctx, host, "global_f32", ValType::F32, FloatBits(c, 32, 0x4426A666));
  AddGlobal(ctx, host, "global_f64", ValType::F64, FloatBits(c, 64, 0x4084D4CCCCCCCCCDull));

  constexpr uint64_t kTableMin = 10, kTableMax = 20;
  ExternItem table;
  table.kind = ExternalKind::Table;
  table.table = {ValType::FuncRef, {kTableMin, kTableMax}};
  auto* elementsType = llvm::ArrayType::get(llvm::PointerType::getUnqual(c), kTableMax);
  auto* elements = new llvm::GlobalVariable(ctx.module(), elementsType, false, llvm::GlobalValue::InternalLinkage,
                                            llvm::ConstantAggregateZero::get(elementsType), "spectest.table.elements");
  auto* i32 = llvm::Type::getInt32Ty(c);
  table.cell = new llvm::GlobalVariable(
      ctx.module(), ctx.tableType(), false, llvm::GlobalValue::InternalLinkage,
      llvm::ConstantStruct::get(
          ctx.tableType(), {elements, llvm::ConstantInt::get(i32, kTableMin), llvm::ConstantInt::get(i32, kTableMax)}),
      "spectest.table");
  host.exports["table"] = std::move(table);

  // `memory` and (the threads proposal's) `shared_memory`: 1 page, max 2.
  host.instantiate = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), false),
                                            llvm::GlobalValue::InternalLinkage, "spectest.instantiate", ctx.module());
  host.instantiate->addFnAttr(llvm::Attribute::NoInline);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", host.instantiate));
  for (bool shared : {false, true}) {
    ExternItem memory;
    memory.kind = ExternalKind::Memory;
    memory.memory.limits = {1, 2};
    memory.memory.shared = shared;
    llvm::StructType* memoryType = ctx.runtime().memoryType();
    std::string name = shared ? "shared_memory" : "memory";
    memory.cell = new llvm::GlobalVariable(ctx.module(), memoryType, false, llvm::GlobalValue::InternalLinkage,
                                           llvm::ConstantAggregateZero::get(memoryType), "spectest." + name);
    b.CreateCall(ctx.runtime().memoryInit(), {memory.cell, b.getInt64(1), b.getInt64(2)});
    host.exports[name] = std::move(memory);
  }
  b.CreateRetVoid();
  return host;
}

}  // namespace wacc::spectest
