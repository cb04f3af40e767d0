// What a preview1 module must be, and why.
//
// Most WebAssembly binaries that target WASI are not components but plain
// core modules from a `wasm32-wasi` (`wasm32-wasip1`) toolchain: wasi-libc,
// Rust's std, AssemblyScript, TinyGo. Such a module talks to the outside
// world only through function imports of the module `wasi_snapshot_preview1`
// (or of its predecessor `wasi_unstable`, which Wasmtime still accepts), and
// the host is given the module's linear memory, exported as `memory`, to read
// and write the buffers those functions take by pointer. The program runs by
// calling its `_start` export; it ends when `_start` returns (status 0) or
// when it calls `proc_exit`.
//
// So wacc accepts a core module as a program when:
//   - every import is a function of one of those two modules, named in
//     wacc/Preview1Functions.def and of exactly the core type listed there
//     (an import is bound statically to the runtime's wacc_p1_<name>, or
//     wacc_p0_<name> for wasi_unstable's functions whose ABI changed; a
//     type mismatch would be a call through the wrong signature);
//   - it imports no memory, table or global: nothing would provide them
//     (a module that imports its memory is a library, not a command);
//   - what it exports to be run has the type Wasmtime can call: `_start`
//     (or the export named "", which Wasmtime prefers) of type [] -> [];
//     `_initialize` (a reactor's), run first, likewise; with `--invoke NAME`,
//     the function NAME instead of `_start`, whose parameters the command
//     line gives (so numbers: i32, i64, f32, f64) and whose results are
//     printed (any type). A module with none of them is only instantiated
//     (its start function runs), as `wasmtime run` does;
//   - it exports a memory named `memory` if it imports anything: the
//     runtime needs it for every pointer a preview1 function takes, even if
//     the program never calls one.
// Everything else is the core module's own business, checked by the core
// validator first (binary/CoreValidator.h). Each failure names the import or
// export, at its offset, with what was expected instead; a missing export is
// reported at the export section (or the module's start when it has none).
#include "compiler/component/Preview1Functions.h"
#include "compiler/validate/Validator.h"

namespace wacc::validate {

namespace {

absl::Status CheckImport(const binary::CoreModule& module, const binary::CoreImport& import) {
  if (import.module != component::kPreview1Module && import.module != component::kPreview0Module) {
    // "wasi:cli/stdout@0.2.0": a module written for a component, which
    // --wit wraps into one.
    bool interfaceName = import.module.find(':') != std::string::npos && import.module.find('/') != std::string::npos;
    return InputError(import.offset,
                      "unknown import '%s' '%s': a preview1 module may import only wasi_snapshot_preview1 and "
                      "wasi_unstable functions%s",
                      import.module, import.name,
                      interfaceName ? " (a core module that imports WIT interfaces needs --wit <dir>)" : "");
  }
  if (import.kind != binary::ExternalKind::Func)
    return InputError(import.offset, "import '%s' '%s' is a %s: a preview1 module may import only functions",
                      import.module, import.name, binary::ExternalKindName(import.kind));
  const component::Preview1Function* function = component::FindPreview1Function(import.module, import.name);
  if (!function)
    return InputError(import.offset, "unknown import '%s' '%s': not a %s function", import.module, import.name,
                      import.module);
  const binary::FuncType& type = module.types[import.funcTypeIndex];
  if (type != function->type)
    return InputError(import.offset, "import '%s' '%s' has type %s, expected %s", import.module, import.name,
                      component::CoreFuncTypeToString(type), component::CoreFuncTypeToString(function->type));
  return absl::OkStatus();
}

// Where to report an export that is not there.
size_t MissingExportOffset(const binary::CoreModule& module) {
  constexpr int kExportSection = 7;
  return module.sectionOffsets[kExportSection] ? module.sectionOffsets[kExportSection] : module.fileOffset;
}

// An export the program runs without arguments: `_start`, "" or `_initialize`.
absl::Status CheckNullaryExport(const binary::CoreModule& module, const binary::CoreExport& e) {
  if (e.kind != binary::ExternalKind::Func)
    return InputError(e.offset, "export '%s' is a %s, expected a function", e.name, binary::ExternalKindName(e.kind));
  const binary::FuncType& type = module.funcType(e.index);
  if (!type.params.empty() || !type.results.empty())
    return InputError(e.offset, "export '%s' has type %s, expected () -> ()", e.name,
                      component::CoreFuncTypeToString(type));
  return absl::OkStatus();
}

absl::Status CheckInvoked(const binary::CoreModule& module, std::string_view invoke) {
  const binary::CoreExport* e = module.findExport(invoke);
  if (!e) return InputError(MissingExportOffset(module), "module has no export named '%s' (--invoke)", invoke);
  if (e->kind != binary::ExternalKind::Func)
    return InputError(e->offset, "export '%s' is a %s, expected a function (--invoke)", e->name,
                      binary::ExternalKindName(e->kind));
  for (binary::ValType param : module.funcType(e->index).params)
    if (param == binary::ValType::V128 || binary::IsRefType(param))
      return InputError(e->offset,
                        "export '%s' takes a %s, which --invoke cannot take from the command line (as Wasmtime, "
                        "only i32, i64, f32 and f64)",
                        e->name, binary::ValTypeName(param));
  return absl::OkStatus();
}

absl::Status CheckExports(const binary::CoreModule& module, std::string_view invoke) {
  if (const binary::CoreExport* initialize = module.findExport("_initialize"))
    WACC_RETURN_IF_ERROR(CheckNullaryExport(module, *initialize));
  if (!invoke.empty()) {
    WACC_RETURN_IF_ERROR(CheckInvoked(module, invoke));
  } else if (const binary::CoreExport* start = component::Preview1EntryExport(module)) {
    WACC_RETURN_IF_ERROR(CheckNullaryExport(module, *start));
  }
  // The host functions read and write the guest's memory through this
  // export; a module that imports none needs none, and Wasmtime runs it.
  const binary::CoreExport* memory = module.findExport("memory");
  if (!memory && module.imports.empty()) return absl::OkStatus();
  if (!memory)
    return InputError(MissingExportOffset(module),
                      "module has no 'memory' export: a preview1 module that imports WASI functions must export "
                      "its linear memory");
  if (memory->kind != binary::ExternalKind::Memory)
    return InputError(memory->offset, "export 'memory' is a %s, expected a memory",
                      binary::ExternalKindName(memory->kind));
  // Preview1's pointers are i32s: there is no 64-bit WASI preview1.
  if (module.memories[memory->index].is64 && !module.imports.empty())
    return InputError(memory->offset, "export 'memory' is a 64-bit memory (memory64); preview1 needs a 32-bit one");
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidatePreview1Module(const binary::CoreModule& module, std::string_view invoke) {
  for (const binary::CoreImport& import : module.imports) WACC_RETURN_IF_ERROR(CheckImport(module, import));
  return CheckExports(module, invoke);
}

}  // namespace wacc::validate
