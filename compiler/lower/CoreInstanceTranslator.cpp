#include "compiler/lower/CoreInstanceTranslator.h"

#include "absl/strings/str_cat.h"
#include "compiler/lower/FunctionTranslator.h"
#include "compiler/lower/InstanceState.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::ConstExpr;
using binary::ExternalKind;

namespace {

// Tables are preallocated (in .bss) up to a capacity so table.grow needs no
// allocator: the declared maximum when it is small enough, otherwise room
// for kGrowthCapacity entries.
constexpr uint64_t kMaxStaticCapacity = 1u << 20;
constexpr uint64_t kGrowthCapacity = 1u << 16;
constexpr uint64_t kMaxTableMinimum = 1u << 24;

llvm::GlobalVariable* NewGlobal(llvm::Module& m, llvm::Type* type, llvm::Constant* init, const std::string& name,
                                bool isConstant = false) {
  return new llvm::GlobalVariable(m, type, isConstant, llvm::GlobalValue::InternalLinkage, init, name);
}

absl::Status CheckBinding(const binary::CoreImport& import, const CoreImportBinding& binding) {
  bool bound = binding.kind == import.kind && ((import.kind == ExternalKind::Func && binding.func) ||
                                               (import.kind == ExternalKind::Memory && binding.memory) ||
                                               (import.kind == ExternalKind::Table && binding.table) ||
                                               (import.kind == ExternalKind::Global && binding.global));
  if (!bound)
    return InputError(import.offset, "import \"%s\" \"%s\" (%s) is not satisfied", import.module, import.name,
                      binary::ExternalKindName(import.kind));
  return absl::OkStatus();
}

absl::Status DeclareFunctions(InstanceState& s, const std::vector<CoreImportBinding>& imports) {
  const binary::CoreModule& m = s.module;
  uint32_t importedFunc = 0;
  for (size_t i = 0; i < m.imports.size(); ++i) {
    WACC_RETURN_IF_ERROR(CheckBinding(m.imports[i], imports[i]));
    if (m.imports[i].kind == ExternalKind::Func) {
      s.symbols.funcs.push_back(imports[i].func);
      s.funcNames.push_back(m.funcNames.contains(importedFunc)
                                ? m.funcNames.at(importedFunc)
                                : absl::StrCat(m.imports[i].module, ".", m.imports[i].name));
      ++importedFunc;
    }
  }
  for (uint32_t i = m.numImportedFuncs; i < m.funcs.size(); ++i) {
    std::string name = m.funcNames.contains(i) ? m.funcNames.at(i) : absl::StrCat("func", i);
    llvm::Function* f = llvm::Function::Create(s.ctx.functionType(m.funcType(i)), llvm::GlobalValue::InternalLinkage,
                                               s.prefix + name, s.ctx.module());
    f->setDoesNotThrow();
    s.symbols.funcs.push_back(f);
    // The fault handler's name for it (codegen's function name table) too.
    s.funcNames.push_back(m.displayName(i));
  }
  return absl::OkStatus();
}

void DeclareMemories(InstanceState& s, const std::vector<CoreImportBinding>& imports) {
  for (size_t i = 0; i < s.module.imports.size(); ++i)
    if (s.module.imports[i].kind == ExternalKind::Memory) s.symbols.memories.push_back(imports[i].memory);
  llvm::StructType* type = s.ctx.runtime().memoryType();
  for (size_t i = s.module.numImportedMemories; i < s.module.memories.size(); ++i)
    s.symbols.memories.push_back(
        NewGlobal(s.ctx.module(), type, llvm::ConstantAggregateZero::get(type), absl::StrCat(s.prefix, "memory", i)));
}

absl::Status DeclareTables(InstanceState& s, const std::vector<CoreImportBinding>& imports) {
  for (size_t i = 0; i < s.module.imports.size(); ++i)
    if (s.module.imports[i].kind == ExternalKind::Table) s.symbols.tables.push_back(imports[i].table);
  llvm::LLVMContext& c = s.ctx.context();
  for (size_t i = s.module.numImportedTables; i < s.module.tables.size(); ++i) {
    const binary::Limits& limits = s.module.tables[i].limits;
    if (limits.min > kMaxTableMinimum)
      return UnsupportedError(s.module.fileOffset, "table %d has %d initial elements (at most %d supported)", i,
                              limits.min, kMaxTableMinimum);
    uint64_t capacity =
        limits.max && *limits.max <= kMaxStaticCapacity
            ? *limits.max
            : std::max<uint64_t>(limits.min, std::min<uint64_t>(limits.max.value_or(UINT32_MAX), kGrowthCapacity));
    auto* arrayType = llvm::ArrayType::get(llvm::PointerType::getUnqual(c), capacity);
    llvm::GlobalVariable* elements = NewGlobal(s.ctx.module(), arrayType, llvm::ConstantAggregateZero::get(arrayType),
                                               absl::StrCat(s.prefix, "table", i, ".elements"));
    auto* i32 = llvm::Type::getInt32Ty(c);
    llvm::Constant* init = llvm::ConstantStruct::get(
        s.ctx.tableType(), {elements, llvm::ConstantInt::get(i32, limits.min), llvm::ConstantInt::get(i32, capacity)});
    s.symbols.tables.push_back(NewGlobal(s.ctx.module(), s.ctx.tableType(), init, absl::StrCat(s.prefix, "table", i)));
  }
  return absl::OkStatus();
}

void DeclareGlobals(InstanceState& s, const std::vector<CoreImportBinding>& imports) {
  for (size_t i = 0; i < s.module.imports.size(); ++i)
    if (s.module.imports[i].kind == ExternalKind::Global) s.symbols.globals.push_back(imports[i].global);
  for (size_t i = s.module.numImportedGlobals; i < s.module.globals.size(); ++i) {
    llvm::Type* type = s.ctx.valType(s.module.globals[i].type);
    size_t defined = i - s.module.numImportedGlobals;
    llvm::Constant* init =
        defined < s.module.globalInits.size() ? ConstantOf(s, s.module.globalInits[defined]) : nullptr;
    // A global.get initialiser is stored by instantiate; start from zero.
    if (!init || init->getType() != type) init = llvm::Constant::getNullValue(type);
    s.symbols.globals.push_back(NewGlobal(s.ctx.module(), type, init, absl::StrCat(s.prefix, "global", i)));
  }
}

void DeclareSegments(InstanceState& s) {
  llvm::LLVMContext& c = s.ctx.context();
  auto* i32 = llvm::Type::getInt32Ty(c);
  auto* ptr = llvm::PointerType::getUnqual(c);
  for (size_t i = 0; i < s.module.datas.size(); ++i) {
    const binary::DataSegment& d = s.module.datas[i];
    llvm::Constant* bytes = llvm::ConstantDataArray::get(c, llvm::ArrayRef<uint8_t>(d.bytes.data(), d.bytes.size()));
    SegmentStorage storage;
    storage.contents = NewGlobal(s.ctx.module(), bytes->getType(), bytes, absl::StrCat(s.prefix, "data", i), true);
    storage.contents->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    storage.contents->setAlignment(llvm::Align(1));
    uint32_t length = d.mode == binary::SegmentMode::Passive ? d.bytes.size() : 0;
    storage.length = NewGlobal(s.ctx.module(), i32, llvm::ConstantInt::get(i32, length),
                               absl::StrCat(s.prefix, "data", i, ".length"));
    s.datas.push_back(storage);
  }
  for (size_t i = 0; i < s.module.elems.size(); ++i) {
    const binary::ElemSegment& e = s.module.elems[i];
    std::vector<llvm::Constant*> items;
    bool allConstant = true;
    for (const ConstExpr& item : e.items) {
      llvm::Constant* v = ConstantOf(s, item);
      allConstant &= v != nullptr;
      items.push_back(v && v->getType() == ptr ? v : llvm::ConstantPointerNull::get(ptr));
    }
    auto* arrayType = llvm::ArrayType::get(ptr, items.size());
    SegmentStorage storage;
    storage.contents = NewGlobal(s.ctx.module(), arrayType, llvm::ConstantArray::get(arrayType, items),
                                 absl::StrCat(s.prefix, "elem", i), allConstant);
    uint32_t length = e.mode == binary::SegmentMode::Passive ? e.items.size() : 0;
    storage.length = NewGlobal(s.ctx.module(), i32, llvm::ConstantInt::get(i32, length),
                               absl::StrCat(s.prefix, "elem", i, ".length"));
    s.elems.push_back(storage);
  }
}

// An extended constant expression's value, built with `b` (whose constant
// folder folds what is constant). Null when it reads a global and
// `readGlobals` is false, or when it is malformed (the reader rejects that).
llvm::Value* EvaluateExtended(InstanceState& s, llvm::IRBuilder<>& b, const ConstExpr& expr, bool readGlobals) {
  std::vector<llvm::Value*> stack;
  for (const binary::ConstOp& op : expr.ops) {
    using K = binary::ConstOp::Kind;
    if (op.kind == K::I32Const || op.kind == K::I64Const) {
      stack.push_back(op.kind == K::I32Const ? b.getInt32(uint32_t(op.bits)) : b.getInt64(op.bits));
      continue;
    }
    if (op.kind == K::GlobalGet) {
      if (!readGlobals || op.index >= s.symbols.globals.size()) return nullptr;
      stack.push_back(b.CreateLoad(s.ctx.valType(s.module.globals[op.index].type), s.symbols.globals[op.index]));
      continue;
    }
    if (stack.size() < 2) return nullptr;
    llvm::Value* rhs = stack.back();
    stack.pop_back();
    llvm::Value* lhs = stack.back();
    stack.back() = op.kind == K::I32Add || op.kind == K::I64Add   ? b.CreateAdd(lhs, rhs)
                   : op.kind == K::I32Sub || op.kind == K::I64Sub ? b.CreateSub(lhs, rhs)
                                                                  : b.CreateMul(lhs, rhs);
  }
  return stack.size() == 1 ? stack[0] : nullptr;
}

// The value of a constant expression inside instantiate.
llvm::Value* EvaluateAtInstantiation(InstanceState& s, llvm::IRBuilder<>& b, const ConstExpr& expr,
                                     binary::ValType type) {
  if (llvm::Constant* c = ConstantOf(s, expr)) return c;
  if (expr.kind == ConstExpr::Kind::Extended)
    if (llvm::Value* v = EvaluateExtended(s, b, expr, /*readGlobals=*/true)) return v;
  if (expr.index < s.symbols.globals.size())
    return b.CreateLoad(s.ctx.valType(s.module.globals[expr.index].type), s.symbols.globals[expr.index]);
  return llvm::Constant::getNullValue(s.ctx.valType(type));
}

class InstantiateBuilder {
 public:
  explicit InstantiateBuilder(InstanceState& s) : s_(s), b_(s.ctx.context()) {}

  llvm::Function* build() {
    auto* type = llvm::FunctionType::get(b_.getVoidTy(), false);
    f_ = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, s_.prefix + "instantiate", s_.ctx.module());
    f_->setDoesNotThrow();
    // Memory bases are loaded with !invariant.load everywhere else; keeping
    // the code that sets them in its own frame keeps that claim true.
    f_->addFnAttr(llvm::Attribute::NoInline);
    name_ = s_.ctx.runtime().cString(s_.prefix + "instantiate");
    b_.SetInsertPoint(llvm::BasicBlock::Create(s_.ctx.context(), "entry", f_));
    initMemories();
    initGlobals();
    fillElemItems();
    runActiveElems();
    runActiveDatas();
    if (s_.module.start && *s_.module.start < s_.symbols.funcs.size()) {
      llvm::Function* start = s_.symbols.funcs[*s_.module.start];
      llvm::CallInst* call = b_.CreateCall(start);
      call->setCallingConv(start->getCallingConv());
      call->setIsNoInline();
    }
    b_.CreateRetVoid();
    return f_;
  }

 private:
  void initMemories() {
    for (size_t i = s_.module.numImportedMemories; i < s_.module.memories.size(); ++i) {
      const binary::Limits& limits = s_.module.memories[i].limits;
      b_.CreateCall(s_.ctx.runtime().memoryInit(),
                    {s_.symbols.memories[i], b_.getInt64(limits.min), b_.getInt64(limits.max.value_or(65536))});
    }
  }

  void initGlobals() {
    for (size_t i = s_.module.numImportedGlobals; i < s_.module.globals.size(); ++i) {
      size_t defined = i - s_.module.numImportedGlobals;
      if (defined >= s_.module.globalInits.size() || ConstantOf(s_, s_.module.globalInits[defined])) continue;
      b_.CreateStore(EvaluateAtInstantiation(s_, b_, s_.module.globalInits[defined], s_.module.globals[i].type),
                     s_.symbols.globals[i]);
    }
  }

  void fillElemItems() {
    for (size_t i = 0; i < s_.module.elems.size(); ++i) {
      const binary::ElemSegment& e = s_.module.elems[i];
      llvm::Type* arrayType = s_.elems[i].contents->getValueType();
      for (size_t j = 0; j < e.items.size(); ++j) {
        if (ConstantOf(s_, e.items[j])) continue;
        llvm::Value* slot = b_.CreateConstInBoundsGEP2_64(arrayType, s_.elems[i].contents, 0, j);
        b_.CreateStore(EvaluateAtInstantiation(s_, b_, e.items[j], e.elemType), slot);
      }
    }
  }

  void trapUnless(llvm::Value* inBounds, uint32_t reason) {
    llvm::BasicBlock* ok = llvm::BasicBlock::Create(s_.ctx.context(), "ok", f_);
    llvm::BasicBlock* trap = llvm::BasicBlock::Create(s_.ctx.context(), "trap", f_);
    b_.CreateCondBr(inBounds, ok, trap, llvm::MDBuilder(s_.ctx.context()).createLikelyBranchWeights());
    b_.SetInsertPoint(trap);
    s_.ctx.runtime().emitTrap(b_, reason, name_);
    b_.SetInsertPoint(ok);
  }

  // Active segments behave like table.init / memory.init followed by a drop:
  // out of range traps here, after earlier segments took effect.
  void runActiveElems() {
    auto* i64 = b_.getInt64Ty();
    auto* ptr = b_.getPtrTy();
    uint64_t pointerBytes = s_.ctx.module().getDataLayout().getPointerSize();
    for (size_t i = 0; i < s_.module.elems.size(); ++i) {
      const binary::ElemSegment& e = s_.module.elems[i];
      if (e.mode != binary::SegmentMode::Active || e.tableIndex >= s_.symbols.tables.size()) continue;
      llvm::GlobalVariable* table = s_.symbols.tables[e.tableIndex];
      llvm::Value* offset = b_.CreateZExt(EvaluateAtInstantiation(s_, b_, e.offset, binary::ValType::I32), i64);
      llvm::Value* size = b_.CreateZExt(
          b_.CreateLoad(b_.getInt32Ty(), b_.CreateStructGEP(s_.ctx.tableType(), table, ProgramContext::kTableSize)),
          i64);
      llvm::Value* count = b_.getInt64(e.items.size());
      trapUnless(b_.CreateICmpULE(b_.CreateAdd(offset, count), size), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      llvm::Value* elements =
          b_.CreateLoad(ptr, b_.CreateStructGEP(s_.ctx.tableType(), table, ProgramContext::kTableElements));
      b_.CreateMemCpy(b_.CreateInBoundsGEP(ptr, elements, offset), llvm::MaybeAlign(pointerBytes), s_.elems[i].contents,
                      llvm::MaybeAlign(pointerBytes), e.items.size() * pointerBytes);
    }
  }

  void runActiveDatas() {
    auto* i64 = b_.getInt64Ty();
    llvm::StructType* memType = s_.ctx.runtime().memoryType();
    for (size_t i = 0; i < s_.module.datas.size(); ++i) {
      const binary::DataSegment& d = s_.module.datas[i];
      if (d.mode != binary::SegmentMode::Active || d.memoryIndex >= s_.symbols.memories.size()) continue;
      llvm::GlobalVariable* memory = s_.symbols.memories[d.memoryIndex];
      binary::ValType addressType = s_.module.memories[d.memoryIndex].addressType();
      llvm::Value* offset = b_.CreateZExt(EvaluateAtInstantiation(s_, b_, d.offset, addressType), i64);
      llvm::Value* pages = b_.CreateLoad(i64, b_.CreateStructGEP(memType, memory, RuntimeABI::kMemoryPages));
      llvm::Value* size = b_.CreateShl(pages, 16);
      llvm::Value* count = b_.getInt64(d.bytes.size());
      // offset <= size and count <= size - offset: no sum to overflow when
      // the offset is a 64-bit memory's.
      trapUnless(b_.CreateICmpULE(offset, size), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
      trapUnless(b_.CreateICmpULE(count, b_.CreateSub(size, offset)), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
      // A plain load: this function runs before the base is invariant.
      llvm::Value* base = b_.CreateLoad(b_.getPtrTy(), b_.CreateStructGEP(memType, memory, RuntimeABI::kMemoryBase));
      b_.CreateMemCpy(b_.CreateInBoundsGEP(b_.getInt8Ty(), base, offset), llvm::MaybeAlign(1), s_.datas[i].contents,
                      llvm::MaybeAlign(1), d.bytes.size());
    }
  }

  InstanceState& s_;
  llvm::IRBuilder<> b_;
  llvm::Function* f_ = nullptr;
  llvm::Constant* name_ = nullptr;
};

}  // namespace

llvm::Constant* ConstantOf(InstanceState& s, const ConstExpr& expr) {
  llvm::LLVMContext& c = s.ctx.context();
  switch (expr.kind) {
    case ConstExpr::Kind::I32Const: return llvm::ConstantInt::get(llvm::Type::getInt32Ty(c), expr.bits[0] & 0xffffffff);
    case ConstExpr::Kind::I64Const: return llvm::ConstantInt::get(llvm::Type::getInt64Ty(c), expr.bits[0]);
    case ConstExpr::Kind::F32Const:
      return llvm::ConstantFP::get(
          c, llvm::APFloat(llvm::APFloat::IEEEsingle(), llvm::APInt(32, expr.bits[0] & 0xffffffff)));
    case ConstExpr::Kind::F64Const:
      return llvm::ConstantFP::get(c, llvm::APFloat(llvm::APFloat::IEEEdouble(), llvm::APInt(64, expr.bits[0])));
    case ConstExpr::Kind::V128Const: {
      uint32_t lanes[4] = {uint32_t(expr.bits[0]), uint32_t(expr.bits[0] >> 32), uint32_t(expr.bits[1]),
                           uint32_t(expr.bits[1] >> 32)};
      return llvm::ConstantDataVector::get(c, llvm::ArrayRef<uint32_t>(lanes, 4));
    }
    case ConstExpr::Kind::RefNull: return llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(c));
    case ConstExpr::Kind::RefFunc:
      if (expr.index >= s.symbols.funcs.size()) return llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(c));
      return s.ctx.funcRef(s.symbols.funcs[expr.index], s.module.funcType(expr.index));
    case ConstExpr::Kind::GlobalGet: return nullptr;
    case ConstExpr::Kind::Extended: {
      // Without global.get, folded: IRBuilder's constant folder returns
      // constants and inserts nothing.
      llvm::IRBuilder<> b(c);
      return llvm::dyn_cast_or_null<llvm::Constant>(EvaluateExtended(s, b, expr, /*readGlobals=*/false));
    }
  }
  return nullptr;
}

absl::StatusOr<CoreInstanceSymbols> TranslateCoreInstance(ProgramContext& ctx, const binary::CoreModule& module,
                                                          std::string_view symbolPrefix,
                                                          const std::vector<CoreImportBinding>& imports) {
  if (imports.size() != module.imports.size())
    return InputError(module.fileOffset, "module has %d imports but %d bindings were given", module.imports.size(),
                      imports.size());
  InstanceState state{ctx, module, std::string(symbolPrefix), {}, {}, {}, {}, {}, {}, 0};
  WACC_RETURN_IF_ERROR(DeclareFunctions(state, imports));
  if (UsesTailCalls(module)) DeclareTailBodies(state);
  DeclareMemories(state, imports);
  WACC_RETURN_IF_ERROR(DeclareTables(state, imports));
  DeclareGlobals(state, imports);
  DeclareSegments(state);
  FindFrozenTables(state);
  BodyObserver* observer = ctx.bodyObserver();
  size_t smallBytes = observer ? observer->smallBodyBytes() : 0;
  // Small bodies first when the observer asks (BodyObserver), then the rest.
  for (int pass = smallBytes ? 0 : 1; pass < 2; ++pass)
    for (uint32_t i = module.numImportedFuncs; i < module.funcs.size(); ++i) {
      if (smallBytes && (module.body(i).code.size() <= smallBytes) != (pass == 0)) continue;
      FunctionTranslator translator(state, i);
      WACC_RETURN_IF_ERROR(translator.translate());
      if (observer) WACC_RETURN_IF_ERROR(observer->translated(translator.function(), module, i));
    }
  state.symbols.instantiate = InstantiateBuilder(state).build();
  return std::move(state.symbols);
}

}  // namespace wacc::lower
