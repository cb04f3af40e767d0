#include "compiler/codegen/ProgramEmitter.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "compiler/abi/Adapters.h"
#include "compiler/codegen/FunctionNameTable.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "compiler/wit/HostInterfaces.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::codegen {

using component::ComponentFunc;
using component::ComponentInstanceIndex;
using component::CoreDef;
using component::CoreInstanceIndex;
using component::InstantiationPlan;
using component::Trampoline;
using component::TrampolineIndex;

namespace {

// Whether the program uses the async ABI anywhere: an async built-in, an
// `async` canonical option or function type.
bool UsesAsync(const InstantiationPlan& plan) {
  for (const Trampoline& t : plan.trampolines)
    if (t.kind == Trampoline::Kind::Builtin || t.options.isAsync) return true;
  for (const ComponentFunc& f : plan.funcs)
    if (f.signature.isAsync || f.options.isAsync) return true;
  return false;
}

// What every defined function gets, once its body is complete.
void FinishFunction(llvm::Function& f) {
  // Generated code never unwinds, and a frame larger than the runtime's
  // stack guard region must touch its pages in order so that overflow
  // always faults in the guard (reported as "call stack exhausted").
  f.setDoesNotThrow();
  f.addFnAttr("probe-stack", "inline-asm");
  lower::KeepCallsOnStack(f);
  // Every function starts on a cache line, so its speed does not depend
  // on the size of the code placed before it: the same machine code of
  // bench/programs/interp.c ran in 0.9 s or 1.5 s by address alone (its
  // dispatch block crossing a 64-byte line or not). Costs ~2 KiB a program.
  f.setAlignment(llvm::Align(64));
}

// Completes each core function as it is translated (its trap name and
// attributes), before a stream may write it out and delete its body.
class FinishingObserver : public lower::BodyObserver {
 public:
  explicit FinishingObserver(lower::BodyObserver* next) : next_(next) {}
  size_t smallBodyBytes() const override { return next_ ? next_->smallBodyBytes() : 0; }
  absl::Status translated(llvm::Function& f, const binary::CoreModule& module, uint32_t index) override {
    SetWasmFunctionName(f, module.displayName(index));
    FinishFunction(f);
    if (next_) {
      std::string problems;
      llvm::raw_string_ostream os(problems);
      if (llvm::verifyFunction(f, &os)) return absl::InternalError("generated invalid IR: " + problems);
      return next_->translated(f, module, index);
    }
    return absl::OkStatus();
  }

 private:
  lower::BodyObserver* next_;
};

class ProgramEmitter {
 public:
  ProgramEmitter(llvm::Module& module, const InstantiationPlan& plan, const lower::TranslateOptions& options,
                 ExportCallers* callers = nullptr, lower::BodyObserver* stream = nullptr)
      : module_(module),
        plan_(plan),
        ctx_(module, options),
        finishing_(stream),
        callers_(callers),
        usesAsync_(UsesAsync(plan)) {
    ctx_.setBodyObserver(&finishing_);
  }

  absl::Status emit();

 private:
  absl::Status translateInstances();
  lower::CoreImportBinding bind(const binary::CoreImport& import, const CoreDef& def);
  llvm::Function* trampolineFunction(TrampolineIndex index);
  absl::Status emitTrampolines();
  absl::Status emitMain();
  absl::Status emitRunMain(const component::PlannedExport& run);
  absl::Status emitServeMain(const component::PlannedExport& handle);
  absl::Status emitServeAsyncMain(const component::PlannedExport& handle);
  absl::Status emitPreview1Main();
  void emitInvoke(llvm::IRBuilder<>& b, const component::Preview1Entry& entry);
  absl::Status emitExportCallers();
  llvm::Function* emitCallerRealloc(llvm::GlobalVariable* memory, llvm::GlobalVariable* top);
  void emitPreview1Host(const Trampoline& t, llvm::Function* f);

  llvm::Function* func(const CoreDef& def);
  llvm::GlobalVariable* memory(const CoreDef& def) { return symbols_[def.instance].memories[def.index]; }
  llvm::GlobalVariable* handleTable(ComponentInstanceIndex componentInstance);
  llvm::GlobalVariable* mayEnterFlag(ComponentInstanceIndex componentInstance);
  llvm::GlobalVariable* mayLeaveFlag(ComponentInstanceIndex componentInstance);
  abi::AdapterContext adapterContext(const component::ResolvedCanonOptions& options,
                                     ComponentInstanceIndex componentInstance, std::string debugName);
  llvm::FunctionCallee hostFunction(const std::string& symbol, llvm::FunctionType* type);

  llvm::Module& module_;
  const InstantiationPlan& plan_;
  lower::ProgramContext ctx_;
  FinishingObserver finishing_;
  component::IndexedVector<CoreInstanceIndex, lower::CoreInstanceSymbols> symbols_;
  std::vector<llvm::Function*> trampolines_;
  std::vector<llvm::GlobalVariable*> handleTables_;
  std::vector<llvm::GlobalVariable*> mayEnterFlags_;
  std::vector<llvm::GlobalVariable*> mayLeaveFlags_;
  ExportCallers* callers_;
  bool usesAsync_;
};

absl::Status ProgramEmitter::emit() {
  trampolines_.assign(plan_.trampolines.size(), nullptr);
  // A driver calling exports is one more component instance, after the plan's.
  size_t instances = plan_.numComponentInstances + (callers_ ? 1 : 0);
  handleTables_.assign(instances, nullptr);
  mayEnterFlags_.assign(instances, nullptr);
  mayLeaveFlags_.assign(instances, nullptr);
  WACC_RETURN_IF_ERROR(translateInstances());
  WACC_RETURN_IF_ERROR(emitTrampolines());
  WACC_RETURN_IF_ERROR(callers_ ? emitExportCallers() : emitMain());
  for (llvm::Function& f : module_)
    if (!f.isDeclaration()) FinishFunction(f);
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(module_, &os)) return absl::InternalError("generated invalid IR: " + problems);
  return absl::OkStatus();
}

llvm::Function* ProgramEmitter::func(const CoreDef& def) {
  if (def.kind == CoreDef::Kind::Trampoline) return trampolineFunction(def.trampoline);
  return symbols_[def.instance].funcs[def.index];
}

llvm::GlobalVariable* ProgramEmitter::mayLeaveFlag(ComponentInstanceIndex componentInstance) {
  llvm::GlobalVariable*& flag = mayLeaveFlags_[componentInstance.value()];
  if (!flag) {
    llvm::Type* i8 = llvm::Type::getInt8Ty(module_.getContext());
    flag =
        new llvm::GlobalVariable(module_, i8, false, llvm::GlobalValue::InternalLinkage, llvm::ConstantInt::get(i8, 1),
                                 absl::StrCat("may_leave.c", componentInstance.value()));
  }
  return flag;
}

llvm::GlobalVariable* ProgramEmitter::mayEnterFlag(ComponentInstanceIndex componentInstance) {
  llvm::GlobalVariable*& flag = mayEnterFlags_[componentInstance.value()];
  if (!flag) {
    llvm::Type* i8 = llvm::Type::getInt8Ty(module_.getContext());
    flag =
        new llvm::GlobalVariable(module_, i8, false, llvm::GlobalValue::InternalLinkage, llvm::ConstantInt::get(i8, 1),
                                 absl::StrCat("may_enter.c", componentInstance.value()));
  }
  return flag;
}

llvm::GlobalVariable* ProgramEmitter::handleTable(ComponentInstanceIndex componentInstance) {
  llvm::GlobalVariable*& table = handleTables_[componentInstance.value()];
  if (!table) {
    llvm::StructType* type = ctx_.runtime().handleTableType();
    table = new llvm::GlobalVariable(module_, type, false, llvm::GlobalValue::InternalLinkage,
                                     llvm::Constant::getNullValue(type),
                                     absl::StrCat("handles.c", componentInstance.value()));
    table->setAlignment(llvm::Align(8));
  }
  return table;
}

llvm::FunctionCallee ProgramEmitter::hostFunction(const std::string& symbol, llvm::FunctionType* type) {
  llvm::FunctionCallee callee = module_.getOrInsertFunction(symbol, type);
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) f->setDoesNotThrow();
  return callee;
}

// The adapter's LLVM function, declared on first use so core instances can
// import it before its body (which needs their memories) is emitted.
llvm::Function* ProgramEmitter::trampolineFunction(TrampolineIndex index) {
  llvm::Function*& f = trampolines_[index.value()];
  if (f) return f;
  const Trampoline& t = plan_.trampolines[index];
  auto& c = module_.getContext();
  llvm::Type* i32 = llvm::Type::getInt32Ty(c);
  llvm::FunctionType* type = nullptr;
  std::string name;
  switch (t.kind) {
    case Trampoline::Kind::LowerHostImport:
    case Trampoline::Kind::LowerLifted: {
      const ComponentFunc& callee = plan_.funcs[t.func];
      type = t.options.isAsync ? abi::AsyncLoweredCoreType(c, callee.signature)
                               : abi::LoweredCoreType(c, callee.signature);
      name = absl::StrCat("lower.", callee.funcName.empty() ? absl::StrCat(t.func.value()) : callee.funcName);
      break;
    }
    case Trampoline::Kind::ResourceNew:
      type = llvm::FunctionType::get(i32, {i32}, false);
      name = absl::StrCat("resource.new.", t.resource);
      break;
    case Trampoline::Kind::ResourceRep:
      type = llvm::FunctionType::get(i32, {i32}, false);
      name = absl::StrCat("resource.rep.", t.resource);
      break;
    case Trampoline::Kind::ResourceDrop:
      type = llvm::FunctionType::get(llvm::Type::getVoidTy(c), {i32}, false);
      name = absl::StrCat("resource.drop.", t.resource);
      break;
    case Trampoline::Kind::Preview1Host:
      type = ctx_.functionType(t.preview1->type);
      name = absl::StrCat("preview1.", t.preview1->name);
      break;
    case Trampoline::Kind::Builtin:
      type = abi::BuiltinCoreType(c, t.builtin, t.builtinType);
      name = binary::CanonBuiltinName(t.builtin);
      break;
  }
  f = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, name, module_);
  f->setDoesNotThrow();
  return f;
}

lower::CoreImportBinding ProgramEmitter::bind(const binary::CoreImport& import, const CoreDef& def) {
  lower::CoreImportBinding binding;
  binding.kind = import.kind;
  switch (import.kind) {
    case binary::ExternalKind::Func: binding.func = func(def); break;
    case binary::ExternalKind::Table: binding.table = symbols_[def.instance].tables[def.index]; break;
    case binary::ExternalKind::Memory: binding.memory = symbols_[def.instance].memories[def.index]; break;
    case binary::ExternalKind::Global: binding.global = symbols_[def.instance].globals[def.index]; break;
  }
  return binding;
}

absl::Status ProgramEmitter::translateInstances() {
  for (CoreInstanceIndex i : plan_.coreInstances.indices()) {
    const component::PlannedCoreInstance& inst = plan_.coreInstances[i];
    std::vector<lower::CoreImportBinding> bindings;
    for (size_t k = 0; k < inst.module->imports.size(); ++k) {
      const binary::CoreImport& import = inst.module->imports[k];
      lower::CoreImportBinding binding = bind(import, inst.imports[k]);
      if (binding.func) {
        llvm::FunctionType* expected = ctx_.functionType(inst.module->types[import.funcTypeIndex]);
        if (binding.func->getFunctionType() != expected)
          return InputError(import.offset,
                            "import '%s' '%s' has a core type that does not match the function given for it",
                            import.module, import.name);
      }
      bindings.push_back(binding);
    }
    WACC_ASSIGN_OR_RETURN(
        lower::CoreInstanceSymbols symbols,
        lower::TranslateCoreInstance(ctx_, *inst.module, absl::StrCat("i", i.value(), "."), bindings));
    symbols_.push_back(std::move(symbols));
  }
  return absl::OkStatus();
}

abi::AdapterContext ProgramEmitter::adapterContext(const component::ResolvedCanonOptions& options,
                                                   ComponentInstanceIndex componentInstance, std::string debugName) {
  abi::AdapterContext a{ctx_, plan_.resources};
  if (options.memory) a.memory = memory(*options.memory);
  if (options.realloc) a.realloc = func(*options.realloc);
  if (options.postReturn) a.postReturn = func(*options.postReturn);
  a.handleTable = handleTable(componentInstance);
  a.componentInstance = componentInstance;
  a.mayEnter = mayEnterFlag(componentInstance);
  a.mayLeave = mayLeaveFlag(componentInstance);
  a.stringEncoding = options.stringEncoding;
  a.debugName = std::move(debugName);
  a.asyncTasks = usesAsync_;
  return a;
}

absl::Status ProgramEmitter::emitTrampolines() {
  for (TrampolineIndex i : plan_.trampolines.indices()) {
    const Trampoline& t = plan_.trampolines[i];
    llvm::Function* f = trampolineFunction(i);
    switch (t.kind) {
      case Trampoline::Kind::LowerHostImport: {
        const ComponentFunc& callee = plan_.funcs[t.func];
        abi::AdapterContext a =
            adapterContext(t.options, t.componentInstance, absl::StrCat(callee.instanceName, "#", callee.funcName));
        absl::Status supported = abi::CheckHostAdapterSupported(callee.signature, a);
        if (!supported.ok())
          return InputError(t.offset, "cannot lower '%s' '%s': %s", callee.instanceName, callee.funcName,
                            supported.message());
        llvm::FunctionCallee host = hostFunction(wit::HostSymbolName(callee.instanceName, callee.funcName),
                                                 abi::HostFunctionType(module_.getContext(), callee.signature));
        if (t.options.isAsync || callee.signature.isAsync)
          abi::EmitAsyncHostImportAdapter(a, callee.signature, f, host, t.options.isAsync);
        else
          abi::EmitHostImportAdapter(a, callee.signature, f, host);
        break;
      }
      case Trampoline::Kind::LowerLifted: {
        const ComponentFunc& callee = plan_.funcs[t.func];
        std::string name = absl::StrCat("adapter of lifted function #", t.func.value());
        // An `async`-typed callee lifted sync still enters its instance
        // through Task.enter_implicit_thread (backpressure, the exclusive
        // lock) when a sync lower calls it: the async adapter runs it on a
        // fiber of its own that waits there (as the driver's call does).
        if (t.options.isAsync || callee.options.isAsync || (callee.signature.isAsync && usesAsync_)) {
          abi::AdapterContext from = adapterContext(t.options, t.componentInstance, name);
          abi::AdapterContext to = adapterContext(callee.options, callee.componentInstance, name);
          absl::Status supported =
              abi::CheckAsyncFusedAdapterSupported(callee.signature, from, to, t.options.isAsync,
                                                   callee.options.isAsync, callee.options.callback.has_value());
          // Both sides sync: the sync adapter's option requirements hold too.
          if (supported.ok() && !t.options.isAsync && !callee.options.isAsync)
            supported = abi::CheckFusedAdapterSupported(callee.signature, from, to);
          if (!supported.ok())
            return InputError(t.offset, "cannot lower a function lifted at 0x%x: %s", callee.offset,
                              supported.message());
          llvm::Function* callback = callee.options.callback ? func(*callee.options.callback) : nullptr;
          abi::EmitAsyncFusedAdapter(from, to, callee.signature, f, func(callee.coreFunc), callback, t.options.isAsync,
                                     callee.options.isAsync);
          break;
        }
        abi::AdapterContext from = adapterContext(t.options, t.componentInstance, name);
        abi::AdapterContext to = adapterContext(callee.options, callee.componentInstance, name);
        absl::Status supported = abi::CheckFusedAdapterSupported(callee.signature, from, to);
        if (!supported.ok())
          return InputError(t.offset, "cannot lower a function lifted at 0x%x: %s", callee.offset, supported.message());
        abi::EmitFusedAdapter(from, to, callee.signature, f, func(callee.coreFunc));
        break;
      }
      case Trampoline::Kind::ResourceNew:
      case Trampoline::Kind::ResourceRep:
      case Trampoline::Kind::ResourceDrop: {
        abi::AdapterContext a = adapterContext({}, t.componentInstance, "resource");
        if (t.kind == Trampoline::Kind::ResourceNew)
          abi::EmitResourceNew(a, t.resource, f);
        else if (t.kind == Trampoline::Kind::ResourceRep)
          abi::EmitResourceRep(a, t.resource, f);
        else {
          const component::ResourceInfo& info = plan_.resources[t.resource];
          llvm::FunctionCallee dtor;
          if (info.isHost) {
            auto& c = module_.getContext();
            dtor = hostFunction(wit::HostSymbolName(info.versionedInterfaceName(), "[resource-drop]" + info.name),
                                llvm::FunctionType::get(llvm::Type::getVoidTy(c), {llvm::Type::getInt32Ty(c)}, false));
          } else if (auto it = plan_.destructors.find(t.resource); it != plan_.destructors.end()) {
            dtor = func(it->second);
          }
          abi::EmitResourceDrop(a, t.resource, f, dtor);
        }
        break;
      }
      case Trampoline::Kind::Preview1Host: emitPreview1Host(t, f); break;
      case Trampoline::Kind::Builtin: {
        abi::AdapterContext a = adapterContext(t.options, t.componentInstance, binary::CanonBuiltinName(t.builtin));
        if (t.table) a.table = symbols_[t.table->instance].tables[t.table->index];
        absl::Status supported = abi::CheckBuiltinSupported(t.builtin, t.builtinType, a);
        if (!supported.ok())
          return InputError(t.offset, "cannot compile canon %s: %s", binary::CanonBuiltinName(t.builtin),
                            supported.message());
        // A copy's flag is its `async` option (the others' is their byte).
        abi::EmitBuiltin(a, t.builtin, t.builtinType, t.immediate, t.flag || t.options.isAsync, f);
        break;
      }
    }
  }
  return absl::OkStatus();
}

// A preview1 import takes the host function's own core values: the
// trampoline only forwards them (and is inlined into its callers). The
// runtime symbol's type is the import's, both being Preview1.h's.
void ProgramEmitter::emitPreview1Host(const Trampoline& t, llvm::Function* f) {
  llvm::FunctionCallee host = hostFunction(std::string(t.preview1->symbol), f->getFunctionType());
  if (t.preview1->noReturn) {
    if (auto* declaration = llvm::dyn_cast<llvm::Function>(host.getCallee())) declaration->setDoesNotReturn();
    f->setDoesNotReturn();
  }
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module_.getContext(), "entry", f));
  std::vector<llvm::Value*> args;
  for (llvm::Argument& arg : f->args()) args.push_back(&arg);
  llvm::CallInst* call = b.CreateCall(host, args);
  if (t.preview1->noReturn) {
    call->setDoesNotReturn();
    b.CreateUnreachable();
  } else if (f->getReturnType()->isVoidTy()) {
    b.CreateRetVoid();
  } else {
    b.CreateRet(call);
  }
}

// wacc_main of a preview1 module, as `wasmtime run` runs one: give the
// runtime the exported memory (a module that imports no host function may
// have none), instantiate, run `_initialize` if there is one, then `_start`
// (returning is exit status 0; proc_exit ends the process with the guest's
// status itself), or the function --invoke names (emitInvoke), or nothing.
absl::Status ProgramEmitter::emitPreview1Main() {
  auto& c = module_.getContext();
  llvm::Function* main = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getInt32Ty(c), false),
                                                llvm::GlobalValue::ExternalLinkage, "wacc_main", module_);
  main->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", main));
  // The runtime is given the memory first (its address: the instance sets
  // its base), as a start function may call WASI functions already.
  const component::Preview1Entry& entry = *plan_.preview1;
  if (entry.memory) b.CreateCall(ctx_.runtime().preview1Init(), {memory(*entry.memory)});
  for (const lower::CoreInstanceSymbols& s : symbols_) b.CreateCall(s.instantiate, {});
  // Out of wacc_main, so that a fault in them is attributed to a wasm
  // function (FunctionNameTable.h).
  if (entry.initialize) b.CreateCall(func(*entry.initialize), {})->setIsNoInline();
  if (entry.start && entry.invoke.empty()) b.CreateCall(func(*entry.start), {})->setIsNoInline();
  if (entry.start && !entry.invoke.empty()) emitInvoke(b, entry);
  b.CreateRet(b.getInt32(0));
  return absl::OkStatus();
}

// --invoke: each parameter from the command line, the call, each result
// printed (the runtime's wacc_rt_invoke_*, core/Invoke.cpp).
void ProgramEmitter::emitInvoke(llvm::IRBuilder<>& b, const component::Preview1Entry& entry) {
  lower::RuntimeABI& rt = ctx_.runtime();
  const binary::FuncType& type = entry.invokeType;
  b.CreateCall(rt.invokeBegin(), {rt.cString(entry.invoke), b.getInt32(uint32_t(type.params.size()))});
  std::vector<llvm::Value*> args;
  for (size_t i = 0; i < type.params.size(); ++i) {
    llvm::FunctionCallee parse;
    switch (type.params[i]) {
      case binary::ValType::I32: parse = rt.invokeArgI32(); break;
      case binary::ValType::I64: parse = rt.invokeArgI64(); break;
      case binary::ValType::F32: parse = rt.invokeArgF32(); break;
      case binary::ValType::F64: parse = rt.invokeArgF64(); break;
      default: break;  // rejected by the validator (Preview1Module.cpp)
    }
    args.push_back(b.CreateCall(parse, {b.getInt32(uint32_t(i))}));
  }
  llvm::Function* invoked = func(*entry.start);
  llvm::CallInst* call = b.CreateCall(invoked, args);
  call->setCallingConv(invoked->getCallingConv());
  call->setIsNoInline();
  if (type.results.empty()) return;
  b.CreateCall(rt.invokeResults(), {});
  for (size_t i = 0; i < type.results.size(); ++i) {
    llvm::Value* value = type.results.size() == 1 ? call : b.CreateExtractValue(call, unsigned(i));
    switch (type.results[i]) {
      case binary::ValType::I32: b.CreateCall(rt.invokePrintI32(), {value}); break;
      case binary::ValType::I64: b.CreateCall(rt.invokePrintI64(), {value}); break;
      case binary::ValType::F32: b.CreateCall(rt.invokePrintF32(), {value}); break;
      case binary::ValType::F64: b.CreateCall(rt.invokePrintF64(), {value}); break;
      case binary::ValType::V128: {
        llvm::Value* halves = b.CreateBitCast(value, llvm::FixedVectorType::get(b.getInt64Ty(), 2));
        b.CreateCall(rt.invokePrintV128(),
                     {b.CreateExtractElement(halves, uint64_t(0)), b.CreateExtractElement(halves, uint64_t(1))});
        break;
      }
      case binary::ValType::FuncRef:
      case binary::ValType::ExternRef: {
        llvm::Value* isNull = b.CreateZExt(b.CreateIsNull(value), b.getInt32Ty());
        b.CreateCall(rt.invokePrintRef(), {b.getInt32(type.results[i] == binary::ValType::ExternRef), isNull});
        break;
      }
    }
  }
}

absl::Status ProgramEmitter::emitMain() {
  ProgramEntry entry = SelectProgramEntry(plan_);
  switch (entry.kind) {
    case ProgramEntry::Kind::Preview1Start: return emitPreview1Main();
    case ProgramEntry::Kind::HttpServer: return emitServeMain(*entry.exported);
    case ProgramEntry::Kind::AsyncHttpServer: return emitServeAsyncMain(*entry.exported);
    case ProgramEntry::Kind::Run: return emitRunMain(*entry.exported);
    case ProgramEntry::Kind::None: break;
  }
  return absl::InvalidArgumentError(
      "the component does not export 'wasi:cli/run' with a 'run' function: it is not a wasi:cli/command");
}

// wacc_main of a wasi:cli/command: instantiate, call run, exit with its result.
absl::Status ProgramEmitter::emitRunMain(const component::PlannedExport& run) {
  const ComponentFunc& lifted = plan_.funcs[run.func];
  if (lifted.kind != ComponentFunc::Kind::Lifted)
    return UnsupportedError(lifted.offset, "re-exporting a host function as wasi:cli/run");

  auto& c = module_.getContext();
  llvm::Function* main = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getInt32Ty(c), false),
                                                llvm::GlobalValue::ExternalLinkage, "wacc_main", module_);
  main->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", main));
  for (const lower::CoreInstanceSymbols& s : symbols_) b.CreateCall(s.instantiate, {});
  abi::AdapterContext a =
      adapterContext(lifted.options, lifted.componentInstance, absl::StrCat(run.instanceName, "#run"));
  llvm::Function* guestRun = func(lifted.coreFunc);
  if (lifted.options.isAsync) {
    llvm::Function* callback = lifted.options.callback ? func(*lifted.options.callback) : nullptr;
    b.CreateRet(abi::EmitAsyncRunExportCall(a, b, guestRun, callback));
  } else {
    b.CreateRet(abi::EmitRunExportCall(a, b, guestRun));
  }
  // Keep the guest's code out of wacc_main, so that a fault in it is
  // attributed to a wasm function (FunctionNameTable.h).
  for (llvm::User* user : guestRun->users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(user); call && call->getFunction() == main) call->setIsNoInline();
  return absl::OkStatus();
}

// wacc_main of a wasi:http/proxy component (incoming-handler, no run): an
// HTTP server. `wacc.http.handle(request, outparam)` lowers the two host
// reps into the guest as own handles and calls `handle`; wacc_main
// instantiates and gives it to the runtime's server (wasi/http/Server.cpp),
// which calls it once per request.
absl::Status ProgramEmitter::emitServeMain(const component::PlannedExport& handle) {
  const ComponentFunc& lifted = plan_.funcs[handle.func];
  if (lifted.kind != ComponentFunc::Kind::Lifted)
    return UnsupportedError(lifted.offset, "re-exporting a host function as wasi:http/incoming-handler");
  if (lifted.options.isAsync) return UnsupportedError(lifted.offset, "an async-lifted wasi:http/incoming-handler");
  if (absl::Status s = abi::CheckHostExportCallSupported(lifted.signature); !s.ok())
    return UnsupportedError(lifted.offset, "%s", s.message());
  auto& c = module_.getContext();
  auto* i32 = llvm::Type::getInt32Ty(c);
  llvm::Function* handler = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), {i32, i32}, false),
                                                   llvm::GlobalValue::InternalLinkage, "wacc.http.handle", module_);
  abi::AdapterContext a =
      adapterContext(lifted.options, lifted.componentInstance, absl::StrCat(handle.instanceName, "#handle"));
  llvm::Function* guestHandle = func(lifted.coreFunc);
  abi::EmitHostExportCall(a, lifted.signature, handler, guestHandle);

  llvm::Function* main = llvm::Function::Create(llvm::FunctionType::get(i32, false), llvm::GlobalValue::ExternalLinkage,
                                                "wacc_main", module_);
  main->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", main));
  for (const lower::CoreInstanceSymbols& s : symbols_) b.CreateCall(s.instantiate, {});
  b.CreateRet(b.CreateCall(ctx_.runtime().httpServe(), {handler}));
  // Keep the guest's code out of the handler, so that a fault in it is
  // attributed to a wasm function (FunctionNameTable.h).
  for (llvm::User* user : guestHandle->users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(user); call && call->getFunction() == handler)
      call->setIsNoInline();
  return absl::OkStatus();
}

// wacc_main of a wasi:http/service component (0.3: an async-lifted
// handler#handle, no run): an HTTP server serving concurrent requests in
// this one instance, each an async call of `handle`.
// `wacc.http.handle.start(request, *task)` lowers the host's request into
// the guest and starts the call's task (abi::EmitAsyncHostExportStart);
// the runtime's server (wasi/http/p3/Service.cpp) learns of its result
// through the task.
absl::Status ProgramEmitter::emitServeAsyncMain(const component::PlannedExport& handle) {
  const ComponentFunc& lifted = plan_.funcs[handle.func];
  if (lifted.kind != ComponentFunc::Kind::Lifted)
    return UnsupportedError(lifted.offset, "re-exporting a host function as wasi:http/handler");
  if (!lifted.options.isAsync) return UnsupportedError(lifted.offset, "a sync-lifted wasi:http/handler#handle");
  if (absl::Status s = abi::CheckAsyncHostExportStartSupported(lifted.signature); !s.ok())
    return UnsupportedError(lifted.offset, "%s", s.message());
  auto& c = module_.getContext();
  auto* i32 = llvm::Type::getInt32Ty(c);
  auto* ptr = llvm::PointerType::getUnqual(c);
  llvm::Function* start = llvm::Function::Create(llvm::FunctionType::get(i32, {i32, ptr}, false),
                                                 llvm::GlobalValue::InternalLinkage, "wacc.http.handle.start", module_);
  abi::AdapterContext a =
      adapterContext(lifted.options, lifted.componentInstance, absl::StrCat(handle.instanceName, "#handle"));
  llvm::Function* guestHandle = func(lifted.coreFunc);
  llvm::Function* callback = lifted.options.callback ? func(*lifted.options.callback) : nullptr;
  abi::EmitAsyncHostExportStart(a, lifted.signature, start, guestHandle, callback);

  llvm::Function* main = llvm::Function::Create(llvm::FunctionType::get(i32, false), llvm::GlobalValue::ExternalLinkage,
                                                "wacc_main", module_);
  main->setDoesNotThrow();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", main));
  for (const lower::CoreInstanceSymbols& s : symbols_) b.CreateCall(s.instantiate, {});
  b.CreateRet(b.CreateCall(ctx_.runtime().httpServeAsync(), {start}));
  return absl::OkStatus();
}

// The driver's realloc: i32(old, oldSize, align, newSize) bumping `top`,
// copying the old contents when asked to grow an allocation.
llvm::Function* ProgramEmitter::emitCallerRealloc(llvm::GlobalVariable* memory, llvm::GlobalVariable* top) {
  auto& c = module_.getContext();
  auto* i32 = llvm::Type::getInt32Ty(c);
  llvm::Function* f = llvm::Function::Create(llvm::FunctionType::get(i32, {i32, i32, i32, i32}, false),
                                             llvm::GlobalValue::InternalLinkage, "caller.realloc", module_);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", f));
  llvm::Value* align = f->getArg(2);
  llvm::Value* start =
      b.CreateAnd(b.CreateAdd(b.CreateLoad(i32, top), b.CreateSub(align, b.getInt32(1))), b.CreateNeg(align));
  b.CreateStore(b.CreateAdd(start, f->getArg(3)), top);
  llvm::Value* base = b.CreateLoad(
      b.getPtrTy(), b.CreateStructGEP(ctx_.runtime().memoryType(), memory, lower::RuntimeABI::kMemoryBase));
  llvm::Value* copy = b.CreateSelect(b.CreateICmpULT(f->getArg(1), f->getArg(3)), f->getArg(1), f->getArg(3));
  b.CreateMemCpy(b.CreateGEP(b.getInt8Ty(), base, b.CreateZExt(start, b.getInt64Ty())), llvm::MaybeAlign(1),
                 b.CreateGEP(b.getInt8Ty(), base, b.CreateZExt(f->getArg(0), b.getInt64Ty())), llvm::MaybeAlign(1),
                 b.CreateZExt(copy, b.getInt64Ty()));
  b.CreateRet(start);
  return f;
}

absl::Status ProgramEmitter::emitExportCallers() {
  auto& c = module_.getContext();
  auto* i32 = llvm::Type::getInt32Ty(c);
  llvm::StructType* memoryType = ctx_.runtime().memoryType();
  callers_->memory = new llvm::GlobalVariable(module_, memoryType, false, llvm::GlobalValue::InternalLinkage,
                                              llvm::Constant::getNullValue(memoryType), "caller.memory");
  callers_->top = new llvm::GlobalVariable(module_, i32, false, llvm::GlobalValue::InternalLinkage,
                                           llvm::ConstantInt::get(i32, 0), "caller.top");
  llvm::Function* realloc = emitCallerRealloc(callers_->memory, callers_->top);

  callers_->instantiate = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), false),
                                                 llvm::GlobalValue::InternalLinkage, "instantiate", module_);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", callers_->instantiate));
  for (const lower::CoreInstanceSymbols& s : symbols_) b.CreateCall(s.instantiate, {});
  b.CreateRetVoid();

  ComponentInstanceIndex driver(plan_.numComponentInstances);
  for (const component::PlannedExport& e : plan_.exports) {
    const ComponentFunc& lifted = plan_.funcs[e.func];
    std::string name = e.instanceName.empty() ? e.funcName : absl::StrCat(e.instanceName, "#", e.funcName);
    callers_->exports.push_back(nullptr);
    callers_->problems.emplace_back();
    if (lifted.kind != ComponentFunc::Kind::Lifted) {
      callers_->problems.back() = "it re-exports an import";
      continue;
    }
    abi::AdapterContext from = adapterContext({}, driver, name);
    from.memory = callers_->memory;
    from.realloc = realloc;
    abi::AdapterContext to = adapterContext(lifted.options, lifted.componentInstance, name);
    // An `async`-typed export runs as a task that may block and, lifted
    // sync or with a callback, holds its instance's exclusive lock: it goes
    // through the async adapter even when lifted sync (on a fiber of its own,
    // Task.enter_implicit_thread taking the lock).
    bool asAsync = lifted.options.isAsync || (lifted.signature.isAsync && to.asyncTasks);
    absl::Status supported = asAsync ? abi::CheckAsyncFusedAdapterSupported(lifted.signature, from, to, false,
                                                                            lifted.options.isAsync,
                                                                            lifted.options.callback.has_value())
                                     : abi::CheckFusedAdapterSupported(lifted.signature, from, to);
    if (!supported.ok()) {
      callers_->problems.back() = std::string(supported.message());
      continue;
    }
    llvm::Function* f = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), {i32, i32}, false),
                                               llvm::GlobalValue::InternalLinkage, "call." + name, module_);
    if (asAsync) {
      // The driver waits for its task.return (or a sync lift's results)
      // as a sync caller in another component would.
      llvm::Function* callback = lifted.options.callback ? func(*lifted.options.callback) : nullptr;
      abi::EmitAsyncFusedAdapter(from, to, lifted.signature, f, func(lifted.coreFunc), callback, false,
                                 lifted.options.isAsync, true);
    } else {
      abi::EmitExportCall(from, to, lifted.signature, f, func(lifted.coreFunc));
    }
    callers_->exports.back() = f;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<llvm::Module>> EmitExportCallers(llvm::LLVMContext& context,
                                                                const InstantiationPlan& plan,
                                                                const lower::TranslateOptions& options,
                                                                ExportCallers& callers) {
  auto module = std::make_unique<llvm::Module>("wacc.program", context);
  ProgramEmitter emitter(*module, plan, options, &callers);
  WACC_RETURN_IF_ERROR(emitter.emit());
  return module;
}

ProgramEntry SelectProgramEntry(const component::InstantiationPlan& plan) {
  if (plan.preview1) return {ProgramEntry::Kind::Preview1Start, nullptr};
  // A wasi:http/service component is a server even when it also exports
  // run (Rust's wasm32-wasip3 binaries all do, with a stub `main`), as
  // `wasmtime serve` serves it.
  for (const component::PlannedExport& e : plan.exports)
    if (e.funcName == "handle" && absl::StartsWith(e.instanceName, "wasi:http/handler@0.3."))
      return {ProgramEntry::Kind::AsyncHttpServer, &e};
  // A component exporting run@0.2.x and run@0.3.x runs 0.3's, as Wasmtime does.
  const component::PlannedExport* run = plan.findExport("wasi:cli/run", "run");
  for (const component::PlannedExport& e : plan.exports)
    if (e.funcName == "run" && absl::StartsWith(e.instanceName, "wasi:cli/run@0.3.")) run = &e;
  if (run) return {ProgramEntry::Kind::Run, run};
  if (const component::PlannedExport* handle = plan.findExport("wasi:http/incoming-handler", "handle"))
    return {ProgramEntry::Kind::HttpServer, handle};
  return {};
}

absl::StatusOr<std::unique_ptr<llvm::Module>> EmitProgram(llvm::LLVMContext& context, const InstantiationPlan& plan,
                                                          const lower::TranslateOptions& options) {
  auto module = std::make_unique<llvm::Module>("wacc.program", context);
  ProgramEmitter emitter(*module, plan, options);
  WACC_RETURN_IF_ERROR(emitter.emit());
  return module;
}

absl::Status EmitProgram(llvm::Module& module, const InstantiationPlan& plan, const lower::TranslateOptions& options,
                         lower::BodyObserver& stream) {
  ProgramEmitter emitter(module, plan, options, nullptr, &stream);
  return emitter.emit();
}

}  // namespace wacc::codegen
