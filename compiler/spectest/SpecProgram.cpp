#include "compiler/spectest/SpecProgram.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/binary/CoreReader.h"
#include "compiler/binary/CoreValidator.h"
#include "compiler/codegen/FunctionNameTable.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "compiler/spectest/SpecInstances.h"
#include "compiler/text/TextToBinary.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/Path.h"
#include "wacc/Runtime.h"

namespace wacc::spectest {

namespace {

using binary::ExternalKind;
using binary::ValType;
using Kind = SpecCommand::Kind;

// The driver's result buffer, in 64-bit words (a v128 takes two).
constexpr uint32_t kMaxResultWords = 256;

CommandVerdict Verdict(CommandVerdict::Kind kind, std::string reason = "") { return {kind, std::move(reason)}; }
CommandVerdict Failed(std::string reason) { return Verdict(CommandVerdict::Kind::Failed, std::move(reason)); }
CommandVerdict Passed() { return Verdict(CommandVerdict::Kind::Passed); }

bool LimitsMatch(const binary::Limits& actual, const binary::Limits& wanted) {
  if (actual.min < wanted.min) return false;
  if (!wanted.max) return true;
  return actual.max && *actual.max <= *wanted.max;
}

// Import matching as the spec's linking defines it ("extern type matching").
bool ImportMatches(const binary::CoreModule& m, const binary::CoreImport& import, const ExternItem& item) {
  if (import.kind != item.kind) return false;
  switch (import.kind) {
    case ExternalKind::Func: return m.types[import.funcTypeIndex] == item.funcType;
    case ExternalKind::Table:
      return import.table.elemType == item.table.elemType && LimitsMatch(item.table.limits, import.table.limits);
    case ExternalKind::Memory:
      return item.memory.is64 == import.memory.is64 && item.memory.shared == import.memory.shared &&
             LimitsMatch(item.memory.limits, import.memory.limits);
    case ExternalKind::Global:
      return import.global.type == item.global.type && import.global.isMutable == item.global.isMutable;
  }
  return false;
}

// An imported memory or table whose declared minimum is above the
// exporter's declared one: it matches only if the exporter has grown enough
// by the time the importer is instantiated, which only the run time knows.
struct SizeCheck {
  ExternItem item;
  uint64_t min = 0;
};

unsigned WordsOf(ValType t) { return t == ValType::V128 ? 2 : 1; }

class SpecProgramBuilder {
 public:
  SpecProgramBuilder(llvm::LLVMContext& context, const SpecScript& script, std::string directory,
                     const lower::TranslateOptions& options, const binary::Features& features)
      : module_(std::make_unique<llvm::Module>("wacc.spectest", context)),
        script_(script),
        directory_(std::move(directory)),
        options_(options),
        features_(features),
        ctx_(*module_, options),
        main_(context) {}

  absl::StatusOr<SpecProgram> build();

 private:
  // Reading, validating and linking a module file.
  absl::Status load(const SpecCommand& command, SpecInstance& instance);
  absl::StatusOr<std::vector<ExternItem>> link(const binary::CoreModule& m, std::vector<SizeCheck>* deferred);
  void emitSizeChecks(llvm::IRBuilder<>& b, const std::vector<SizeCheck>& checks);
  absl::Status translate(SpecInstance& instance, const std::vector<ExternItem>& imports, uint32_t index);
  absl::Status trialTranslate(const binary::CoreModule& m, const std::vector<ExternItem>& imports);

  CommandVerdict runModule(uint32_t index, const SpecCommand& command);
  CommandVerdict runRegister(const SpecCommand& command);
  CommandVerdict runAction(uint32_t index, const SpecCommand& command);
  CommandVerdict checkRejected(const SpecCommand& command);
  CommandVerdict checkUnlinkable(uint32_t index, const SpecCommand& command);
  CommandVerdict runUninstantiable(uint32_t index, const SpecCommand& command);

  // Adds the driver step: catch traps around `thunk`, report for `index`.
  void emitStep(uint32_t index, llvm::Function* thunk, uint32_t words);
  llvm::Function* newThunk(uint32_t index);
  llvm::Constant* argument(const SpecValue& value, ValType type);
  void storeResult(llvm::IRBuilder<>& b, llvm::Value* value, ValType type, uint32_t& word, llvm::Value* out);
  SpecInstance* instanceNamed(const std::string& name);

  std::unique_ptr<llvm::Module> module_;
  const SpecScript& script_;
  std::string directory_;
  lower::TranslateOptions options_;
  binary::Features features_;
  lower::ProgramContext ctx_;
  SpectestHost host_;
  std::vector<std::unique_ptr<SpecInstance>> instances_;
  absl::flat_hash_map<std::string, SpecInstance*> named_, registered_;
  SpecInstance* current_ = nullptr;
  llvm::IRBuilder<> main_;
  llvm::GlobalVariable* results_ = nullptr;
  llvm::FunctionCallee catchTrap_, report_;
};

absl::StatusOr<SpecProgram> SpecProgramBuilder::build() {
  llvm::LLVMContext& c = module_->getContext();
  auto* i32 = llvm::Type::getInt32Ty(c);
  catchTrap_ = ctx_.runtime().catchTrap();
  report_ = ctx_.runtime().spectestReport();
  auto* resultsType = llvm::ArrayType::get(main_.getInt64Ty(), kMaxResultWords);
  results_ = new llvm::GlobalVariable(*module_, resultsType, false, llvm::GlobalValue::InternalLinkage,
                                      llvm::ConstantAggregateZero::get(resultsType), "spectest.results");
  results_->setAlignment(llvm::Align(16));

  llvm::Function* main = llvm::Function::Create(llvm::FunctionType::get(i32, false), llvm::GlobalValue::ExternalLinkage,
                                                "wacc_main", *module_);
  main_.SetInsertPoint(llvm::BasicBlock::Create(c, "entry", main));
  host_ = EmitSpectestHost(ctx_);
  main_.CreateCall(host_.instantiate);

  SpecProgram program;
  for (uint32_t i = 0; i < script_.commands.size(); ++i) {
    const SpecCommand& command = script_.commands[i];
    CommandVerdict verdict;
    switch (command.kind) {
      case Kind::Module: verdict = runModule(i, command); break;
      case Kind::Register: verdict = runRegister(command); break;
      case Kind::Action:
      case Kind::AssertReturn:
      case Kind::AssertTrap:
      case Kind::AssertExhaustion: verdict = runAction(i, command); break;
      case Kind::AssertInvalid:
      case Kind::AssertMalformed: verdict = checkRejected(command); break;
      case Kind::AssertUnlinkable: verdict = checkUnlinkable(i, command); break;
      case Kind::AssertUninstantiable: verdict = runUninstantiable(i, command); break;
    }
    program.verdicts.push_back(std::move(verdict));
  }
  main_.CreateRet(main_.getInt32(0));
  for (llvm::Function& f : *module_) {
    if (f.isDeclaration()) continue;
    f.setDoesNotThrow();
    f.addFnAttr("probe-stack", "inline-asm");
    lower::KeepCallsOnStack(f);
  }
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*module_, &os)) return absl::InternalError("generated invalid IR: " + problems);
  program.module = std::move(module_);
  return program;
}

absl::Status SpecProgramBuilder::load(const SpecCommand& command, SpecInstance& instance) {
  std::string path = (llvm::Twine(directory_) + "/" + command.filename).str();
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) return absl::NotFoundError(absl::StrCat(buffer.getError().message(), ": ", path));
  instance.bytes = std::move(*buffer);
  // Text modules (wast2json writes only assert_malformed ones as text) take
  // the compiler's text path; the binary they become is read like any other.
  if (command.moduleType == "text") {
    std::span<const uint8_t> text(reinterpret_cast<const uint8_t*>(instance.bytes->getBufferStart()),
                                  instance.bytes->getBufferSize());
    WACC_ASSIGN_OR_RETURN(std::vector<uint8_t> assembled, text::TextToBinary(command.filename, text));
    instance.bytes = llvm::MemoryBuffer::getMemBufferCopy(
        llvm::StringRef(reinterpret_cast<const char*>(assembled.data()), assembled.size()), command.filename);
  }
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(instance.bytes->getBufferStart()),
                                 instance.bytes->getBufferSize());
  WACC_ASSIGN_OR_RETURN(instance.module, binary::ReadCoreModule(binary::ByteReader(bytes)));
  return binary::ValidateCoreModule(*instance.module, features_);
}

absl::StatusOr<std::vector<ExternItem>> SpecProgramBuilder::link(const binary::CoreModule& m,
                                                                 std::vector<SizeCheck>* deferred) {
  std::vector<ExternItem> items;
  for (const binary::CoreImport& import : m.imports) {
    const absl::flat_hash_map<std::string, ExternItem>* exports = nullptr;
    if (import.module == "spectest")
      exports = &host_.exports;
    else if (auto it = registered_.find(import.module); it != registered_.end())
      exports = &it->second->exports;
    auto item = exports ? exports->find(import.name) : decltype(exports->find(import.name)){};
    if (!exports || item == exports->end())
      return absl::NotFoundError(absl::StrFormat("unknown import \"%s\" \"%s\"", import.module, import.name));
    bool matches = ImportMatches(m, import, item->second);
    if (!matches && deferred && (import.kind == ExternalKind::Memory || import.kind == ExternalKind::Table)) {
      binary::ExternalKind kind = import.kind;
      ExternItem relaxed = item->second;
      binary::Limits& limits = kind == ExternalKind::Memory ? relaxed.memory.limits : relaxed.table.limits;
      limits.min = ~uint64_t(0);
      if (ImportMatches(m, import, relaxed)) {
        deferred->push_back(
            {item->second, kind == ExternalKind::Memory ? import.memory.limits.min : import.table.limits.min});
        matches = true;
      }
    }
    if (!matches)
      return absl::InvalidArgumentError(
          absl::StrFormat("incompatible import type for \"%s\" \"%s\"", import.module, import.name));
    items.push_back(item->second);
  }
  return items;
}

std::vector<lower::CoreImportBinding> Bindings(const std::vector<ExternItem>& imports) {
  std::vector<lower::CoreImportBinding> bindings;
  for (const ExternItem& item : imports) {
    lower::CoreImportBinding b;
    b.kind = item.kind;
    b.func = item.func;
    if (item.kind == ExternalKind::Memory) b.memory = item.cell;
    if (item.kind == ExternalKind::Table) b.table = item.cell;
    if (item.kind == ExternalKind::Global) b.global = item.cell;
    bindings.push_back(b);
  }
  return bindings;
}

// Translation can fail part-way (an unsupported instruction) and would then
// leave a half-built instance in the program, so every module is first
// translated into a scratch module against stand-ins of its imports.
absl::Status SpecProgramBuilder::trialTranslate(const binary::CoreModule& m, const std::vector<ExternItem>& imports) {
  llvm::Module scratch("wacc.spectest.trial", module_->getContext());
  lower::ProgramContext ctx(scratch, options_);
  std::vector<ExternItem> standIns = imports;
  for (size_t i = 0; i < standIns.size(); ++i) {
    ExternItem& item = standIns[i];
    std::string name = absl::StrCat("import", i);
    if (item.kind == ExternalKind::Func) {
      item.func =
          llvm::Function::Create(ctx.functionType(item.funcType), llvm::GlobalValue::ExternalLinkage, name, scratch);
      continue;
    }
    llvm::Type* type = item.kind == ExternalKind::Memory  ? static_cast<llvm::Type*>(ctx.runtime().memoryType())
                       : item.kind == ExternalKind::Table ? ctx.tableType()
                                                          : ctx.valType(item.global.type);
    item.cell = new llvm::GlobalVariable(scratch, type, false, llvm::GlobalValue::ExternalLinkage, nullptr, name);
  }
  return lower::TranslateCoreInstance(ctx, m, "trial.", Bindings(standIns)).status();
}

absl::Status SpecProgramBuilder::translate(SpecInstance& instance, const std::vector<ExternItem>& imports,
                                           uint32_t index) {
  const binary::CoreModule& m = *instance.module;
  WACC_RETURN_IF_ERROR(trialTranslate(m, imports));
  WACC_ASSIGN_OR_RETURN(instance.symbols,
                        lower::TranslateCoreInstance(ctx_, m, absl::StrCat("m", index, "."), Bindings(imports)));
  for (uint32_t f = m.numImportedFuncs; f < instance.symbols.funcs.size(); ++f)
    codegen::SetWasmFunctionName(*instance.symbols.funcs[f], m.displayName(f));
  // Entities' actual types: an import's is the exporter's, not the declared one.
  std::vector<binary::TableType> tables;
  std::vector<binary::MemoryType> memories;
  for (size_t i = 0; i < m.imports.size(); ++i) {
    if (m.imports[i].kind == ExternalKind::Table) tables.push_back(imports[i].table);
    if (m.imports[i].kind == ExternalKind::Memory) memories.push_back(imports[i].memory);
  }
  for (size_t i = m.numImportedTables; i < m.tables.size(); ++i) tables.push_back(m.tables[i]);
  for (size_t i = m.numImportedMemories; i < m.memories.size(); ++i) memories.push_back(m.memories[i]);
  for (const binary::CoreExport& e : m.exports) {
    ExternItem item;
    item.kind = e.kind;
    switch (e.kind) {
      case ExternalKind::Func:
        item.func = instance.symbols.funcs[e.index];
        item.funcType = m.funcType(e.index);
        break;
      case ExternalKind::Table:
        item.cell = instance.symbols.tables[e.index];
        item.table = tables[e.index];
        break;
      case ExternalKind::Memory:
        item.cell = instance.symbols.memories[e.index];
        item.memory = memories[e.index];
        break;
      case ExternalKind::Global:
        item.cell = instance.symbols.globals[e.index];
        item.global = m.globals[e.index];
        break;
    }
    instance.exports[e.name] = std::move(item);
  }
  return absl::OkStatus();
}

void SpecProgramBuilder::emitSizeChecks(llvm::IRBuilder<>& b, const std::vector<SizeCheck>& checks) {
  for (const SizeCheck& check : checks) {
    llvm::Value* size;
    if (check.item.kind == ExternalKind::Memory) {
      size = b.CreateLoad(b.getInt64Ty(), b.CreateStructGEP(ctx_.runtime().memoryType(), check.item.cell,
                                                            lower::RuntimeABI::kMemoryPages));
    } else {
      size = b.CreateZExt(b.CreateLoad(b.getInt32Ty(), b.CreateStructGEP(ctx_.tableType(), check.item.cell,
                                                                         lower::ProgramContext::kTableSize)),
                          b.getInt64Ty());
    }
    llvm::Function* f = b.GetInsertBlock()->getParent();
    llvm::BasicBlock* ok = llvm::BasicBlock::Create(b.getContext(), "size.ok", f);
    llvm::BasicBlock* fail = llvm::BasicBlock::Create(b.getContext(), "size.fail", f);
    b.CreateCondBr(b.CreateICmpUGE(size, b.getInt64(check.min)), ok, fail);
    b.SetInsertPoint(fail);
    ctx_.runtime().emitTrap(b, kIncompatibleImportOutcome, nullptr);
    b.SetInsertPoint(ok);
  }
}

llvm::Function* SpecProgramBuilder::newThunk(uint32_t index) {
  auto& c = module_->getContext();
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(c), {llvm::PointerType::getUnqual(c)}, false);
  auto* f = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, absl::StrCat("command", index), *module_);
  f->addFnAttr(llvm::Attribute::NoInline);
  return f;
}

void SpecProgramBuilder::emitStep(uint32_t index, llvm::Function* thunk, uint32_t words) {
  llvm::Value* outcome = main_.CreateCall(catchTrap_, {thunk, results_});
  main_.CreateCall(report_, {main_.getInt32(index), outcome, results_, main_.getInt32(words)});
}

CommandVerdict SpecProgramBuilder::runModule(uint32_t index, const SpecCommand& command) {
  auto instance = std::make_unique<SpecInstance>();
  SpecInstance* raw = instance.get();
  instances_.push_back(std::move(instance));
  current_ = raw;
  if (!command.name.empty()) named_[command.name] = raw;
  absl::Status status = load(command, *raw);
  absl::StatusOr<std::vector<ExternItem>> imports;
  std::vector<SizeCheck> checks;
  if (status.ok()) {
    imports = link(*raw->module, &checks);
    status = imports.status();
  }
  if (status.ok()) status = translate(*raw, *imports, index);
  if (!status.ok()) {
    raw->brokenReason = absl::StrCat("module at line ", command.line, ": ", status.message());
    return Failed(std::string(status.message()));
  }
  llvm::Function* thunk = newThunk(index);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module_->getContext(), "entry", thunk));
  emitSizeChecks(b, checks);
  b.CreateCall(raw->symbols.instantiate);
  b.CreateRetVoid();
  emitStep(index, thunk, 0);
  return Verdict(CommandVerdict::Kind::Run);
}

SpecInstance* SpecProgramBuilder::instanceNamed(const std::string& name) {
  if (name.empty()) return current_;
  auto it = named_.find(name);
  return it == named_.end() ? nullptr : it->second;
}

CommandVerdict SpecProgramBuilder::runRegister(const SpecCommand& command) {
  SpecInstance* instance = instanceNamed(command.name);
  if (!instance) return Failed("no module to register");
  if (!instance->brokenReason.empty()) return Failed(instance->brokenReason);
  registered_[command.as] = instance;
  return Passed();
}

llvm::Constant* SpecProgramBuilder::argument(const SpecValue& value, ValType type) {
  llvm::LLVMContext& c = module_->getContext();
  auto* ptr = llvm::PointerType::getUnqual(c);
  switch (type) {
    case ValType::I32: return llvm::ConstantInt::get(llvm::Type::getInt32Ty(c), value.bits[0] & 0xffffffff);
    case ValType::I64: return llvm::ConstantInt::get(llvm::Type::getInt64Ty(c), value.bits[0]);
    case ValType::F32:
      return llvm::ConstantFP::get(c, llvm::APFloat(llvm::APFloat::IEEEsingle(), llvm::APInt(32, value.bits[0])));
    case ValType::F64:
      return llvm::ConstantFP::get(c, llvm::APFloat(llvm::APFloat::IEEEdouble(), llvm::APInt(64, value.bits[0])));
    case ValType::V128: {
      uint32_t lanes[4] = {uint32_t(value.bits[0]), uint32_t(value.bits[0] >> 32), uint32_t(value.bits[1]),
                           uint32_t(value.bits[1] >> 32)};
      return llvm::ConstantDataVector::get(c, llvm::ArrayRef<uint32_t>(lanes, 4));
    }
    case ValType::FuncRef:
    case ValType::ExternRef:
      // Host reference n is the (never dereferenced) pointer n + 1, so that
      // ref.extern 0 is not null.
      if (value.isNull) return llvm::ConstantPointerNull::get(ptr);
      return llvm::ConstantExpr::getIntToPtr(llvm::ConstantInt::get(llvm::Type::getInt64Ty(c), value.bits[0] + 1), ptr);
  }
  return nullptr;
}

void SpecProgramBuilder::storeResult(llvm::IRBuilder<>& b, llvm::Value* value, ValType type, uint32_t& word,
                                     llvm::Value* out) {
  auto* i64 = b.getInt64Ty();
  auto slot = [&](uint32_t i) { return b.CreateConstInBoundsGEP1_32(i64, out, i); };
  switch (type) {
    case ValType::I32: b.CreateStore(b.CreateZExt(value, i64), slot(word++)); return;
    case ValType::I64: b.CreateStore(value, slot(word++)); return;
    case ValType::F32: b.CreateStore(b.CreateZExt(b.CreateBitCast(value, b.getInt32Ty()), i64), slot(word++)); return;
    case ValType::F64: b.CreateStore(b.CreateBitCast(value, i64), slot(word++)); return;
    case ValType::V128: {
      llvm::Value* halves = b.CreateBitCast(value, llvm::FixedVectorType::get(i64, 2));
      b.CreateStore(b.CreateExtractElement(halves, uint64_t(0)), slot(word++));
      b.CreateStore(b.CreateExtractElement(halves, uint64_t(1)), slot(word++));
      return;
    }
    case ValType::FuncRef:
    case ValType::ExternRef: b.CreateStore(b.CreatePtrToInt(value, i64), slot(word++)); return;
  }
}

CommandVerdict SpecProgramBuilder::runAction(uint32_t index, const SpecCommand& command) {
  const SpecAction& action = command.action;
  SpecInstance* instance = instanceNamed(action.module);
  if (!instance) return Failed("no module '" + action.module + "'");
  if (!instance->brokenReason.empty()) return Failed(instance->brokenReason);
  auto it = instance->exports.find(action.field);
  if (it == instance->exports.end()) return Failed("no export '" + action.field + "'");
  const ExternItem& item = it->second;

  if (action.kind == SpecAction::Kind::Get && item.kind != ExternalKind::Global)
    return Failed("export '" + action.field + "' is not a global");
  if (action.kind == SpecAction::Kind::Invoke && item.kind != ExternalKind::Func)
    return Failed("export '" + action.field + "' is not a function");
  const binary::FuncType& type = item.funcType;
  if (action.kind == SpecAction::Kind::Invoke) {
    uint32_t resultWords = 0;
    for (ValType r : type.results) resultWords += WordsOf(r);
    if (action.args.size() != type.params.size() || resultWords > kMaxResultWords)
      return Failed(absl::StrFormat("'%s' takes %d arguments and returns %d words; %d arguments given", action.field,
                                    type.params.size(), resultWords, action.args.size()));
  }

  llvm::Function* thunk = newThunk(index);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module_->getContext(), "entry", thunk));
  llvm::Value* out = thunk->getArg(0);
  uint32_t words = 0;
  if (action.kind == SpecAction::Kind::Get) {
    storeResult(b, b.CreateLoad(ctx_.valType(item.global.type), item.cell), item.global.type, words, out);
  } else {
    std::vector<llvm::Value*> args;
    for (size_t i = 0; i < type.params.size(); ++i) args.push_back(argument(action.args[i], type.params[i]));
    llvm::CallInst* call = b.CreateCall(item.func, args);
    call->setCallingConv(item.func->getCallingConv());
    // Run the function's own code with run-time arguments, not a copy of it
    // folded for these constants.
    call->setIsNoInline();
    if (type.results.size() == 1) {
      storeResult(b, call, type.results[0], words, out);
    } else {
      for (unsigned i = 0; i < type.results.size(); ++i)
        storeResult(b, b.CreateExtractValue(call, i), type.results[i], words, out);
    }
  }
  b.CreateRetVoid();
  emitStep(index, thunk, words);
  return Verdict(CommandVerdict::Kind::Run);
}

CommandVerdict SpecProgramBuilder::checkRejected(const SpecCommand& command) {
  // Malformed text is the text path's to reject (wabt's parser, or wacc's
  // reader and validator after it), as malformed binaries are the reader's.
  SpecInstance scratch;
  absl::Status status = load(command, scratch);
  // A file that cannot be read rejects nothing.
  if (absl::IsNotFound(status)) return Failed(std::string(status.message()));
  if (status.ok()) {
    CommandVerdict verdict = Failed(absl::StrCat("module was accepted; expected \"", command.text, "\""));
    verdict.accepted = true;
    return verdict;
  }
  return Passed();
}

CommandVerdict SpecProgramBuilder::checkUnlinkable(uint32_t index, const SpecCommand& command) {
  SpecInstance scratch;
  absl::Status status = load(command, scratch);
  if (!status.ok()) return Failed(absl::StrCat("module is invalid: ", status.message()));
  std::vector<SizeCheck> checks;
  if (!link(*scratch.module, &checks).ok()) return Passed();
  if (checks.empty()) return Failed(absl::StrCat("module linked; expected \"", command.text, "\""));
  llvm::Function* thunk = newThunk(index);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module_->getContext(), "entry", thunk));
  emitSizeChecks(b, checks);
  b.CreateRetVoid();
  emitStep(index, thunk, 0);
  return Verdict(CommandVerdict::Kind::Run);
}

CommandVerdict SpecProgramBuilder::runUninstantiable(uint32_t index, const SpecCommand& command) {
  auto instance = std::make_unique<SpecInstance>();
  SpecInstance& raw = *instance;
  instances_.push_back(std::move(instance));
  absl::Status status = load(command, raw);
  absl::StatusOr<std::vector<ExternItem>> imports;
  std::vector<SizeCheck> checks;
  if (status.ok()) {
    imports = link(*raw.module, &checks);
    status = imports.status();
  }
  if (status.ok()) status = translate(raw, *imports, index);
  if (!status.ok()) return Failed(std::string(status.message()));
  llvm::Function* thunk = newThunk(index);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module_->getContext(), "entry", thunk));
  emitSizeChecks(b, checks);
  b.CreateCall(raw.symbols.instantiate);
  b.CreateRetVoid();
  emitStep(index, thunk, 0);
  return Verdict(CommandVerdict::Kind::Run);
}

}  // namespace

absl::StatusOr<SpecProgram> BuildSpecProgram(llvm::LLVMContext& context, const SpecScript& script,
                                             const std::string& directory, const lower::TranslateOptions& options,
                                             const binary::Features& features) {
  SpecProgramBuilder builder(context, script, directory, options, features);
  return builder.build();
}

}  // namespace wacc::spectest
