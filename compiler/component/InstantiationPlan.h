// The flat, fully resolved result of instantiating a component at compile
// time: every core instance to create (in creation order) with each of its
// imports bound to a concrete definition, every function synthesised by
// `canon` definitions, and the root component's exported functions.
// A preview1 core module is planned as the same structure: one core
// instance whose imports are Preview1Host trampolines, and its entry point.
//
// Produced by PlanInstantiation (Planner.h); consumed by code generation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/binary/Component.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/component/Index.h"
#include "compiler/component/Preview1Functions.h"
#include "compiler/component/ValueTypes.h"

namespace wacc::component {

// A core item (function, table, memory, global) after resolution: either
// defined by a core instance of the plan, or a function synthesised by a
// `canon` definition (a trampoline).
struct CoreDef {
  enum class Kind : uint8_t { Instance, Trampoline };
  Kind kind = Kind::Instance;
  binary::ExternalKind sort = binary::ExternalKind::Func;
  CoreInstanceIndex instance;  // Instance
  uint32_t index = 0;          // Instance: index in that module's own index space of `sort`
  TrampolineIndex trampoline;  // Trampoline
};

struct PlannedCoreInstance {
  const binary::CoreModule* module = nullptr;
  std::vector<CoreDef> imports;              // one per module import, in order
  ComponentInstanceIndex componentInstance;  // the component instance that created it
  std::string debugName;                     // e.g. "main", "instance3"
};

struct ResolvedCanonOptions {
  binary::StringEncoding stringEncoding = binary::StringEncoding::Utf8;
  std::optional<CoreDef> memory;
  std::optional<CoreDef> realloc;
  std::optional<CoreDef> postReturn;
  bool isAsync = false;
  std::optional<CoreDef> callback;  // async lifts with a callback
};

// A component-level function.
struct ComponentFunc {
  enum class Kind : uint8_t { HostImport, Lifted };
  Kind kind = Kind::HostImport;
  FuncSignature signature;
  // HostImport: the import it came from, e.g. "wasi:io/streams@0.2.0" and
  // "[method]output-stream.blocking-write-and-flush".
  std::string instanceName;
  std::string funcName;
  // Lifted: the core function and how its values are laid out.
  CoreDef coreFunc;
  ResolvedCanonOptions options;
  ComponentInstanceIndex componentInstance;  // Lifted: the instance whose handle table it uses
  size_t offset = 0;                         // file offset of the defining import / canon
};

// A core function synthesised by `canon`, or (Preview1Host) the host
// function a preview1 module's import is bound to.
struct Trampoline {
  enum class Kind : uint8_t {
    LowerHostImport,
    LowerLifted,
    ResourceNew,
    ResourceRep,
    ResourceDrop,
    Preview1Host,
    Builtin,  // an async built-in of WASI 0.3
  };
  Kind kind = Kind::LowerHostImport;
  FuncIndex func;                              // Lower*
  ResolvedCanonOptions options;                // Lower*: the lowering side's options
  ResourceId resource = 0;                     // Resource*
  const Preview1Function* preview1 = nullptr;  // Preview1Host: the runtime function, same core type
  // Builtin: which, and its type operand: a stream's/future's payload
  // (null: none) or task.return's result (null: none); context slot or
  // waitable-set.wait/poll's memory (options.memory); async/cancel flag.
  binary::CanonBuiltin builtin = binary::CanonBuiltin::TaskCancel;
  TypeRef builtinType = nullptr;
  uint32_t immediate = 0;
  bool flag = false;
  std::optional<CoreDef> table;              // thread.new-indirect: the table of start functions
  ComponentInstanceIndex componentInstance;  // whose handle table the trampoline uses
  size_t offset = 0;                         // file offset of the canon definition (Preview1Host: of the import)
};

struct PlannedExport {
  std::string instanceName;  // "wasi:cli/run@0.2.0"
  std::string funcName;      // "run"
  FuncIndex func;
};

// How a preview1 module runs (as `wasmtime run` runs it): the runtime is
// given `memory`, `_initialize` is called if there is one, then `start`.
struct Preview1Entry {
  std::optional<CoreDef> memory;      // the memory exported as `memory`; none if the module imports nothing
  std::optional<CoreDef> initialize;  // a reactor's `_initialize`
  // `_start` (or the export ""), or the function `--invoke` names; none:
  // the module is only instantiated.
  std::optional<CoreDef> start;
  std::string invoke;         // with --invoke: the export's name
  binary::FuncType invokeType;  // and its type (arguments from the command line, results printed)
};

struct InstantiationPlan {
  TypeArena types;
  std::vector<ResourceInfo> resources;                                  // indexed by ResourceId
  absl::flat_hash_map<ResourceId, CoreDef> destructors;                 // guest resources with a destructor
  IndexedVector<CoreInstanceIndex, PlannedCoreInstance> coreInstances;  // in creation order
  IndexedVector<FuncIndex, ComponentFunc> funcs;
  IndexedVector<TrampolineIndex, Trampoline> trampolines;
  std::vector<PlannedExport> exports;
  uint32_t numComponentInstances = 0;
  std::optional<Preview1Entry> preview1;  // set for a preview1 module, which has no exports

  const PlannedExport* findExport(std::string_view interfaceWithoutVersion, std::string_view func) const;
};

// "wasi:cli/run@0.2.3" -> "wasi:cli/run"
std::string_view StripVersion(std::string_view name);

}  // namespace wacc::component
