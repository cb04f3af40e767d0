// The data model of a decoded component binary (the component model's
// Binary.md), kept close to the syntax: every definition in section order, so
// the instantiation planner can rebuild the index spaces exactly as the
// binary defines them.
//
// Produced by ReadComponent (ComponentReader.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/binary/CoreModule.h"

namespace wacc::binary {

struct Component;

enum class CoreSort : uint8_t {
  Func = 0x00,
  Table = 0x01,
  Memory = 0x02,
  Global = 0x03,
  Type = 0x10,
  Module = 0x11,
  Instance = 0x12,
};
enum class Sort : uint8_t { Core = 0x00, Func = 0x01, Value = 0x02, Type = 0x03, Component = 0x04, Instance = 0x05 };
const char* CoreSortName(CoreSort sort);
const char* SortName(Sort sort, CoreSort coreSort);

struct CoreSortIndex {
  CoreSort sort = CoreSort::Func;
  uint32_t index = 0;
};

struct SortIndex {
  Sort sort = Sort::Func;
  CoreSort coreSort = CoreSort::Func;  // when sort == Core
  uint32_t index = 0;
};

// --- Core instances -------------------------------------------------------

struct CoreInstanceDef {
  enum class Kind : uint8_t { Instantiate, FromExports };
  Kind kind = Kind::Instantiate;
  uint32_t moduleIndex = 0;  // Instantiate
  struct Arg {
    std::string name;
    uint32_t instanceIndex = 0;
  };
  std::vector<Arg> args;  // Instantiate: (with "name" (instance i))
  struct Export {
    std::string name;
    CoreSortIndex item;
  };
  std::vector<Export> exports;  // FromExports
  size_t offset = 0;
};

// The attributes of an import or export name (Binary.md `externname` with
// 0x02): `implements` says which interface an instance with a plain name
// implements; `external-id` is opaque to validation. Neither takes part in
// name uniqueness or type checking.
struct NameAttributes {
  std::optional<std::string> implements;
  std::optional<std::string> externalId;
};

// --- Component instances ----------------------------------------------------

struct InstanceDef {
  enum class Kind : uint8_t { Instantiate, FromExports };
  Kind kind = Kind::Instantiate;
  uint32_t componentIndex = 0;  // Instantiate
  struct Arg {
    std::string name;
    SortIndex item;
    NameAttributes attrs;  // inline exports
  };
  std::vector<Arg> args;     // Instantiate
  std::vector<Arg> exports;  // FromExports (inline exports)
  size_t offset = 0;
};

// --- Aliases ----------------------------------------------------------------

struct AliasDef {
  enum class Target : uint8_t { InstanceExport, CoreInstanceExport, Outer };
  SortIndex sort;  // which index space the alias adds to (index unused)
  Target target = Target::InstanceExport;
  uint32_t instanceIndex = 0;  // InstanceExport / CoreInstanceExport
  std::string name;            // InstanceExport / CoreInstanceExport
  uint32_t outerCount = 0;     // Outer: how many enclosing components up
  uint32_t outerIndex = 0;     // Outer: index in that component's space
  size_t offset = 0;
};

// --- Types -------------------------------------------------------------------

enum class PrimValType : uint8_t {
  Bool = 0x7f,
  S8 = 0x7e,
  U8 = 0x7d,
  S16 = 0x7c,
  U16 = 0x7b,
  S32 = 0x7a,
  U32 = 0x79,
  S64 = 0x78,
  U64 = 0x77,
  F32 = 0x76,
  F64 = 0x75,
  Char = 0x74,
  String = 0x73,
  ErrorContext = 0x64,
};
const char* PrimValTypeName(PrimValType type);

// A `valtype`: a primitive, or an index into the enclosing type index space.
struct ValTypeRef {
  bool isPrimitive = true;
  PrimValType prim = PrimValType::Bool;
  uint32_t typeIndex = 0;
};

struct DefinedValType {
  enum class Kind : uint8_t {
    Primitive,
    Record,
    Variant,
    List,
    FixedList,
    Map,
    Tuple,
    Flags,
    Enum,
    Option,
    Result,
    Own,
    Borrow,
    Stream,
    Future,
  };
  Kind kind = Kind::Primitive;
  PrimValType prim = PrimValType::Bool;  // Primitive
  struct Field {
    std::string name;
    ValTypeRef type;
  };
  std::vector<Field> fields;  // Record
  struct Case {
    std::string name;
    std::optional<ValTypeRef> type;
  };
  std::vector<Case> cases;             // Variant
  ValTypeRef element;                  // List, FixedList, Option; Map: the key type
  ValTypeRef mapValue;                 // Map
  uint32_t fixedLength = 0;            // FixedList
  std::vector<ValTypeRef> tupleTypes;  // Tuple
  std::vector<std::string> labels;     // Flags, Enum
  std::optional<ValTypeRef> ok, err;   // Result
  uint32_t resourceTypeIndex = 0;      // Own, Borrow
  std::optional<ValTypeRef> payload;   // Stream, Future
};

struct ComponentFuncType {
  struct Param {
    std::string name;
    ValTypeRef type;
  };
  std::vector<Param> params;
  std::optional<ValTypeRef> result;  // none: the function returns nothing
  bool isAsync = false;
  // Older binaries may name several results; kept so the planner can reject
  // them by name rather than misread them.
  std::vector<Param> namedResults;
};

struct ResourceTypeDef {
  ValType rep = ValType::I32;
  std::optional<uint32_t> destructor;  // core func index
  bool isAsync = false;
};

// What an import or export declares about the item.
struct ExternDesc {
  enum class Kind : uint8_t { CoreModule, Func, Value, Type, Component, Instance };
  Kind kind = Kind::Func;
  uint32_t typeIndex = 0;  // CoreModule (core type idx), Func, Component, Instance, Type(Eq)
  enum class TypeBound : uint8_t { Eq, SubResource };
  TypeBound bound = TypeBound::Eq;  // Type
};

struct ImportDef {
  std::string name;  // e.g. "wasi:io/streams@0.2.0"
  NameAttributes attrs;
  ExternDesc desc;
  size_t offset = 0;
};

struct ExportDef {
  std::string name;
  NameAttributes attrs;
  SortIndex item;
  std::optional<ExternDesc> ascribedType;
  size_t offset = 0;
};

struct CoreTypeDef;
struct TypeDef;

// One declaration inside a component or instance type.
struct TypeDecl {
  enum class Kind : uint8_t { CoreType, Type, Alias, Import, Export };
  Kind kind = Kind::Type;
  std::unique_ptr<CoreTypeDef> coreType;  // CoreType
  std::unique_ptr<TypeDef> type;          // Type
  AliasDef alias;                         // Alias (outer, or export of a local instance)
  std::string name;                       // Import / Export
  NameAttributes attrs;                   // Import / Export
  ExternDesc desc;                        // Import / Export
  size_t offset = 0;
};

// The type of a core import or export as a module type declares it.
// Memories and tables may be declared 64-bit or shared there (wacc's core
// modules cannot define such: CoreReader reports them unsupported), so a
// declaration of one only matches another such declaration.
struct CoreExternDesc {
  ExternalKind kind = ExternalKind::Func;
  uint32_t funcTypeIndex = 0;  // Func: in the module type's core type index space
  TableType table;             // Table
  MemoryType memory;           // Memory
  GlobalType global;           // Global
  bool is64 = false;           // Table / Memory
  bool shared = false;         // Memory
};

// One declaration of a module type (Binary.md `core:moduledecl`).
struct ModuleTypeDecl {
  enum class Kind : uint8_t { Import, Type, Alias, Export };
  Kind kind = Kind::Import;
  std::string module;                       // Import
  std::string name;                         // Import / Export
  CoreExternDesc desc;                      // Import / Export
  FuncType func;                            // Type
  uint32_t outerCount = 0, outerIndex = 0;  // Alias (an outer core type alias)
  size_t offset = 0;
};

// A core type: a function type or a module type.
struct CoreTypeDef {
  enum class Kind : uint8_t { Func, Module };
  Kind kind = Kind::Func;
  FuncType func;                      // Func
  std::vector<ModuleTypeDecl> decls;  // Module
  size_t offset = 0;
};

struct TypeDef {
  enum class Kind : uint8_t { DefinedVal, Func, Component, Instance, Resource };
  Kind kind = Kind::DefinedVal;
  DefinedValType value;         // DefinedVal
  ComponentFuncType func;       // Func
  std::vector<TypeDecl> decls;  // Component / Instance
  ResourceTypeDef resource;     // Resource
  size_t offset = 0;
};

// --- Canonical definitions ---------------------------------------------------

enum class StringEncoding : uint8_t { Utf8, Utf16, Latin1Utf16 };

struct CanonOptions {
  StringEncoding stringEncoding = StringEncoding::Utf8;
  std::optional<uint32_t> memory;      // core memory index
  std::optional<uint32_t> realloc;     // core func index
  std::optional<uint32_t> postReturn;  // core func index
  bool isAsync = false;
  std::optional<uint32_t> callback;
};

// The async built-ins of WASI 0.3 (Binary.md, canon opcodes 0x05-0x2d).
enum class CanonBuiltin : uint8_t {
  TaskCancel,
  SubtaskCancel,
  BackpressureSet,
  TaskReturn,
  ContextGet,
  ContextSet,
  ThreadYield,
  SubtaskDrop,
  StreamNew,
  StreamRead,
  StreamWrite,
  StreamCancelRead,
  StreamCancelWrite,
  StreamDropReadable,
  StreamDropWritable,
  FutureNew,
  FutureRead,
  FutureWrite,
  FutureCancelRead,
  FutureCancelWrite,
  FutureDropReadable,
  FutureDropWritable,
  ErrorContextNew,
  ErrorContextDebugMessage,
  ErrorContextDrop,
  WaitableSetNew,
  WaitableSetWait,
  WaitableSetPoll,
  WaitableSetDrop,
  WaitableJoin,
  BackpressureInc,
  BackpressureDec,
  // The cooperative threads of CanonicalABI.md (canon opcodes 0x26-0x2d).
  ThreadIndex,
  ThreadNewIndirect,
  ThreadResumeLater,
  ThreadSuspend,
  ThreadSuspendThenResume,
  ThreadYieldThenResume,
  ThreadSuspendThenPromote,
  ThreadYieldThenPromote,
};
const char* CanonBuiltinName(CanonBuiltin builtin);

struct CanonDef {
  enum class Kind : uint8_t {
    Lift,
    Lower,
    ResourceNew,
    ResourceDrop,
    ResourceRep,
    Builtin,  // an async built-in (`builtin` says which)
    // Recognised so they are rejected by name (shared-everything threads,
    // resource.drop async).
    Other,
  };
  Kind kind = Kind::Lift;
  uint32_t funcIndex = 0;  // Lift: core func; Lower: component func
  uint32_t typeIndex = 0;  // Lift: func type; Resource*: resource type
  CanonOptions options;
  uint8_t opcode = 0;  // the binary opcode, for diagnostics about Other
  // Builtin: which; its stream/future type is typeIndex; task.return's
  // result type (none: no result); context.get/set's slot,
  // waitable-set.wait/poll's memory index or thread.new-indirect's core
  // table (its core function type is typeIndex); the async/cancellable flag.
  CanonBuiltin builtin = CanonBuiltin::TaskCancel;
  std::optional<ValTypeRef> taskResult;
  uint32_t immediate = 0;
  bool flag = false;
  size_t offset = 0;
};

struct StartDef {
  uint32_t funcIndex = 0;
  std::vector<uint32_t> args;
  uint32_t numResults = 0;
  size_t offset = 0;
};

// --- The component ------------------------------------------------------------

// One definition, in binary order. `index` selects the element of the
// per-kind vector of Component named by `kind`.
struct Definition {
  enum class Kind : uint8_t {
    CoreModule,
    CoreInstance,
    CoreType,
    Component,
    Instance,
    Alias,
    Type,
    Canon,
    Start,
    Import,
    Export,
  };
  Kind kind;
  uint32_t index;
};

struct Component {
  std::vector<Definition> definitions;

  std::vector<std::unique_ptr<CoreModule>> coreModules;
  std::vector<CoreInstanceDef> coreInstances;
  std::vector<CoreTypeDef> coreTypes;
  std::vector<std::unique_ptr<Component>> components;
  std::vector<InstanceDef> instances;
  std::vector<AliasDef> aliases;
  std::vector<TypeDef> types;
  std::vector<CanonDef> canons;
  std::vector<StartDef> starts;
  std::vector<ImportDef> imports;
  std::vector<ExportDef> exports;

  std::string name;  // from the component-name custom section, if any
  size_t fileOffset = 0;
};

}  // namespace wacc::binary
