// How component validation works.
//
// A component is a sequence of definitions, each appending to one of the
// component's index spaces and referring only to earlier entries. The
// validator walks the definitions in order and keeps, per index space, the
// *type* of every entry — never a value:
//   core funcs        their core function type (for a `canon lower` or a
//                     resource built-in, the type the canonical ABI gives it)
//   core tables, memories, globals   their core types
//   core types        a function type, or a module type (CoreModuleTypes.cpp)
//   core modules      their module type: a definition's imports and exports,
//                     or what an import of one declares
//   core instances    a map from export name to kind and core type
//   types             a resolved TypeEntry: a value type, a function type, a
//                     resource (by identity), an instance or a component type
//   funcs             their component function type
//   instances         an InstanceType: export name -> ExternType
//   components        a ComponentType: imports and exports, as ExternTypes
// so every index is bounds-checked where it is used, and every use is
// type-checked against what the definition says it needs.
//
// Resources are identities (ResourceIds from one counter). A `(resource ...)`
// definition makes a new one; so does a `(sub resource)` import or exported
// type declaration, which stands for whatever resource the importer will be
// given: such a resource is *abstract*.
//
// Each nested component is validated once, where it is defined, with its
// imports taken at their declared types; the result is its ComponentType.
// Instantiating it (possibly several times) only checks the arguments:
// walking its imports in order, an argument must be a subtype of the import
// (ValidationTypes.h: value and function types equal, instances with at least
// the expected exports, resources by identity), and an abstract resource
// import is bound to the argument's resource, so later imports that mention
// it are compared against that resource. The new instance's type is the
// component's exports with the bound resources substituted and the
// component's own resources replaced by fresh ones (resources are
// generative: two instances' resource types differ). So a nested component
// importing `func(char) -> char` given a `func(u32) -> u32` fails here,
// although both lower to the same core signature.
//
// Types also have an identity per index entry (NameId), for the external
// visibility rule: an import or export may mention only types imported or
// exported before it (Visibility.cpp). Exporting or importing a type makes
// a new entry with a new name; aliases and bags of exports keep the entry's.
// An imported instance gets fresh resources for the `(sub resource)` types
// its type declares, so one instance type imported twice stands for two
// instances whose resources differ.
//
// Canon definitions are checked against the canonical ABI (CanonRules.h):
// a lifted core function must have exactly the flattened type, and the
// options the flattening needs (memory, realloc, post-return) must be there
// with the right core types. Import and export names follow Names.h.
//
// No recursion on depth the input chooses: nested components are walked
// with an explicit stack of frames (their nesting is also bounded by the
// reader), type declarations recurse on a nesting the reader bounds, and
// value, instance and component types deeper than kMaxTypeDepth are
// rejected, which bounds the recursive subtype checks and substitutions.
#include "compiler/validate/Validator.h"

#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "compiler/validate/CanonRules.h"
#include "compiler/validate/Names.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {
namespace {

using binary::AliasDef;
using binary::CanonDef;
using binary::Component;
using binary::CoreSort;
using binary::Definition;
using binary::ExternalKind;
using binary::FuncType;
using binary::Sort;
using binary::SortIndex;
using binary::TypeDef;
using binary::ValType;

using CoreInstanceType = absl::flat_hash_map<std::string, CoreExtern>;

template <typename T>
absl::StatusOr<T> At(const std::vector<T>& space, uint32_t index, size_t offset, const char* what) {
  if (index >= space.size())
    return InputError(offset, "%s index %u out of bounds (%u defined)", what, index, space.size());
  return space[index];
}

// One component being validated.
struct Frame {
  const Component* component = nullptr;
  size_t next = 0;  // the next definition to validate
  Frame* parent = nullptr;

  TypeScope types;
  std::vector<FuncType> coreFuncs;
  std::vector<binary::TableType> coreTables;
  std::vector<binary::MemoryType> coreMemories;
  std::vector<binary::GlobalType> coreGlobals;
  std::vector<CoreModuleTypePtr> coreModules;
  std::vector<std::shared_ptr<const CoreInstanceType>> coreInstances;
  struct Func {
    FuncTypePtr type;
    NameRefs refs;  // the names its parameters and result need visible
  };
  std::vector<Func> funcs;
  std::vector<InstanceTypePtr> instances;
  std::vector<ComponentTypePtr> components;

  absl::flat_hash_set<ResourceId> definedResources;  // by this component's type section
  std::shared_ptr<ComponentType> self = std::make_shared<ComponentType>();
  ExternNames names;
  VisibleNames visible;
};

class Validator {
 public:
  absl::Status run(const Component& root);

 private:
  absl::Status step(Frame& frame, const Definition& def);
  absl::Status coreInstance(Frame& frame, const binary::CoreInstanceDef& def);
  absl::Status instance(Frame& frame, const binary::InstanceDef& def);
  absl::Status alias(Frame& frame, const AliasDef& def);
  absl::Status type(Frame& frame, const TypeDef& def);
  absl::Status canon(Frame& frame, const CanonDef& def);
  absl::Status import(Frame& frame, const binary::ImportDef& def);
  absl::Status exportDef(Frame& frame, const binary::ExportDef& def);

  absl::StatusOr<ExternType> item(Frame& frame, const SortIndex& ref, size_t offset);
  void push(Frame& frame, const ExternType& type);
  absl::StatusOr<CoreExtern> coreItem(Frame& frame, CoreSort sort, uint32_t index, size_t offset);
  absl::StatusOr<FuncType> builtin(Frame& frame, const CanonDef& def);
  absl::StatusOr<ResolvedOptions> options(Frame& frame, const binary::CanonOptions& o, size_t offset);
  absl::StatusOr<ResourceId> resourceType(Frame& frame, uint32_t index, size_t offset);

  TypeContext ctx_;
};

// --- The explicit stack of components -------------------------------------------

absl::Status Validator::run(const Component& root) {
  std::vector<std::unique_ptr<Frame>> stack;
  auto push = [&](const Component* c, Frame* parent) {
    auto f = std::make_unique<Frame>();
    f->component = c;
    f->parent = parent;
    f->types.parent = parent ? &parent->types : nullptr;
    f->types.isComponent = true;
    f->self->firstOwn = ctx_.numResources();
    stack.push_back(std::move(f));
  };
  push(&root, nullptr);
  while (!stack.empty()) {
    Frame& frame = *stack.back();
    if (frame.next == frame.component->definitions.size()) {
      frame.self->endOwn = ctx_.numResources();
      ComponentTypePtr done = frame.self;
      stack.pop_back();
      if (stack.empty()) return absl::OkStatus();
      stack.back()->components.push_back(std::move(done));
      continue;
    }
    const Definition& def = frame.component->definitions[frame.next++];
    if (def.kind == Definition::Kind::Component) {
      // Validated where it is defined, before the definitions after it.
      push(frame.component->components[def.index].get(), &frame);
      continue;
    }
    WACC_RETURN_IF_ERROR(step(frame, def));
  }
  return absl::OkStatus();
}

absl::Status Validator::step(Frame& frame, const Definition& def) {
  const Component& c = *frame.component;
  switch (def.kind) {
    case Definition::Kind::CoreModule: {
      // Binary.md: a core module in a component may not import one
      // (module, name) pair twice, since the pair is mangled into one
      // name ("module:name") when it is instantiated.
      const binary::CoreModule& m = *c.coreModules[def.index];
      absl::flat_hash_set<std::pair<std::string, std::string>> seen;
      for (const binary::CoreImport& import : m.imports)
        if (!seen.insert({import.module, import.name}).second)
          return InputError(import.offset, "duplicate import name `%s:%s`", import.module, import.name);
      frame.coreModules.push_back(ModuleTypeOf(m));
      return absl::OkStatus();
    }
    case Definition::Kind::CoreInstance: return coreInstance(frame, c.coreInstances[def.index]);
    case Definition::Kind::CoreType: {
      WACC_ASSIGN_OR_RETURN(CoreTypeEntry t, ResolveCoreType(c.coreTypes[def.index], frame.types));
      frame.types.coreTypes.push_back(std::move(t));
      return absl::OkStatus();
    }
    case Definition::Kind::Instance: return instance(frame, c.instances[def.index]);
    case Definition::Kind::Alias: return alias(frame, c.aliases[def.index]);
    case Definition::Kind::Type: return type(frame, c.types[def.index]);
    case Definition::Kind::Canon: return canon(frame, c.canons[def.index]);
    case Definition::Kind::Start: return UnsupportedError(c.starts[def.index].offset, "component start function");
    case Definition::Kind::Import: return import(frame, c.imports[def.index]);
    case Definition::Kind::Export: return exportDef(frame, c.exports[def.index]);
    case Definition::Kind::Component: break;  // handled by run()
  }
  return absl::InternalError("unexpected definition kind");
}

// --- Core instances --------------------------------------------------------------

absl::Status Validator::coreInstance(Frame& frame, const binary::CoreInstanceDef& def) {
  auto type = std::make_shared<CoreInstanceType>();
  if (def.kind == binary::CoreInstanceDef::Kind::FromExports) {
    for (const auto& e : def.exports) {
      WACC_ASSIGN_OR_RETURN(CoreExtern x, coreItem(frame, e.item.sort, e.item.index, def.offset));
      if (!type->emplace(e.name, x).second) return InputError(def.offset, "core instance exports '%s' twice", e.name);
    }
    frame.coreInstances.push_back(std::move(type));
    return absl::OkStatus();
  }

  WACC_ASSIGN_OR_RETURN(CoreModuleTypePtr module, At(frame.coreModules, def.moduleIndex, def.offset, "core module"));
  absl::flat_hash_map<std::string, const CoreInstanceType*> args;
  for (const auto& a : def.args) {
    WACC_ASSIGN_OR_RETURN(auto inst, At(frame.coreInstances, a.instanceIndex, def.offset, "core instance"));
    if (!args.emplace(a.name, inst.get()).second)
      return InputError(def.offset, "core instantiation argument '%s' given twice", a.name);
  }
  for (const CoreModuleType::Import& imp : module->imports) {
    auto arg = args.find(imp.module);
    if (arg == args.end())
      return InputError(def.offset, "core instantiation is missing an argument for import module '%s'", imp.module);
    auto e = arg->second->find(imp.name);
    if (e == arg->second->end())
      return InputError(def.offset, "core instantiation argument '%s' has no export named '%s'", imp.module, imp.name);
    std::string why = CoreExternMismatch(e->second, imp.type);
    if (!why.empty())
      return InputError(def.offset, "import '%s' '%s' does not match the argument: %s", imp.module, imp.name, why);
  }
  for (const auto& [name, x] : module->exports) type->emplace(name, x);
  frame.coreInstances.push_back(std::move(type));
  return absl::OkStatus();
}

absl::StatusOr<CoreExtern> Validator::coreItem(Frame& frame, CoreSort sort, uint32_t index, size_t offset) {
  CoreExtern x;
  switch (sort) {
    case CoreSort::Func: {
      x.kind = ExternalKind::Func;
      WACC_ASSIGN_OR_RETURN(x.func, At(frame.coreFuncs, index, offset, "core func"));
      return x;
    }
    case CoreSort::Table: {
      x.kind = ExternalKind::Table;
      WACC_ASSIGN_OR_RETURN(x.table, At(frame.coreTables, index, offset, "core table"));
      return x;
    }
    case CoreSort::Memory: {
      x.kind = ExternalKind::Memory;
      WACC_ASSIGN_OR_RETURN(x.memory, At(frame.coreMemories, index, offset, "core memory"));
      return x;
    }
    case CoreSort::Global: {
      x.kind = ExternalKind::Global;
      WACC_ASSIGN_OR_RETURN(x.global, At(frame.coreGlobals, index, offset, "core global"));
      return x;
    }
    default: return UnsupportedError(offset, "core %s as an instance export", binary::CoreSortName(sort));
  }
}

// --- Component instances -----------------------------------------------------------

absl::StatusOr<ExternType> Validator::item(Frame& frame, const SortIndex& ref, size_t offset) {
  ExternType t;
  switch (ref.sort) {
    case Sort::Func: {
      t.kind = ExternType::Kind::Func;
      WACC_ASSIGN_OR_RETURN(Frame::Func f, At(frame.funcs, ref.index, offset, "func"));
      t.func = std::move(f.type);
      t.funcRefs = std::move(f.refs);
      return t;
    }
    case Sort::Type: {
      t.kind = ExternType::Kind::Type;
      WACC_ASSIGN_OR_RETURN(t.type, At(frame.types.types, ref.index, offset, "type"));
      return t;
    }
    case Sort::Instance: {
      t.kind = ExternType::Kind::Instance;
      WACC_ASSIGN_OR_RETURN(t.instance, At(frame.instances, ref.index, offset, "instance"));
      return t;
    }
    case Sort::Component: {
      t.kind = ExternType::Kind::Component;
      WACC_ASSIGN_OR_RETURN(t.component, At(frame.components, ref.index, offset, "component"));
      return t;
    }
    case Sort::Core:
      if (ref.coreSort == CoreSort::Module) {
        t.kind = ExternType::Kind::Module;
        WACC_ASSIGN_OR_RETURN(t.module, At(frame.coreModules, ref.index, offset, "core module"));
        return t;
      }
      return UnsupportedError(offset, "passing a core %s between components", binary::CoreSortName(ref.coreSort));
    case Sort::Value: return UnsupportedError(offset, "component values");
  }
  return absl::InternalError("unknown sort");
}

void Validator::push(Frame& frame, const ExternType& t) {
  switch (t.kind) {
    case ExternType::Kind::Module: frame.coreModules.push_back(t.module); break;
    case ExternType::Kind::Func: frame.funcs.push_back({t.func, t.funcRefs}); break;
    case ExternType::Kind::Type: frame.types.types.push_back(t.type); break;
    case ExternType::Kind::Instance: frame.instances.push_back(t.instance); break;
    case ExternType::Kind::Component: frame.components.push_back(t.component); break;
  }
}

absl::Status Validator::instance(Frame& frame, const binary::InstanceDef& def) {
  if (def.kind == binary::InstanceDef::Kind::FromExports) {
    auto type = std::make_shared<InstanceType>();
    ExternNames names = ExternNames::ForBag();
    for (const auto& e : def.exports) {
      WACC_ASSIGN_OR_RETURN(ExternType t, item(frame, e.item, def.offset));
      WACC_RETURN_IF_ERROR(names.add(ctx_, false, e.name, t, def.offset, e.attrs));
      // A bag of exports keeps the items' own type entries (and names), as
      // wasmparser does: it defines no index spaces of its own.
      type->add(e.name, std::move(t));
    }
    if (type->depth > kMaxTypeDepth)
      return InputError(def.offset, "instances nested deeper than %u levels", kMaxTypeDepth);
    frame.instances.push_back(std::move(type));
    return absl::OkStatus();
  }
  WACC_ASSIGN_OR_RETURN(ComponentTypePtr component, At(frame.components, def.componentIndex, def.offset, "component"));
  absl::flat_hash_map<std::string, ExternType> args;
  for (const auto& a : def.args) {
    WACC_ASSIGN_OR_RETURN(ExternType t, item(frame, a.item, def.offset));
    if (!args.emplace(a.name, std::move(t)).second)
      return InputError(def.offset, "instantiation argument '%s' given twice", a.name);
  }
  WACC_ASSIGN_OR_RETURN(InstanceTypePtr result, Instantiate(ctx_, *component, args, def.offset));
  frame.instances.push_back(std::move(result));
  return absl::OkStatus();
}

// --- Aliases ------------------------------------------------------------------------

absl::Status Validator::alias(Frame& frame, const AliasDef& def) {
  switch (def.target) {
    case AliasDef::Target::InstanceExport: {
      WACC_ASSIGN_OR_RETURN(InstanceTypePtr inst, At(frame.instances, def.instanceIndex, def.offset, "instance"));
      const ExternType* e = inst->find(def.name);
      if (!e) return InputError(def.offset, "instance %u has no export named '%s'", def.instanceIndex, def.name);
      bool sameSort = def.sort.sort == Sort::Core
                          ? e->kind == ExternType::Kind::Module && def.sort.coreSort == CoreSort::Module
                          : (def.sort.sort == Sort::Func && e->kind == ExternType::Kind::Func) ||
                                (def.sort.sort == Sort::Type && e->kind == ExternType::Kind::Type) ||
                                (def.sort.sort == Sort::Instance && e->kind == ExternType::Kind::Instance) ||
                                (def.sort.sort == Sort::Component && e->kind == ExternType::Kind::Component);
      if (!sameSort)
        return InputError(def.offset, "export '%s' is of sort %s, not %s", def.name, ExternKindName(e->kind),
                          binary::SortName(def.sort.sort, def.sort.coreSort));
      push(frame, *e);
      return absl::OkStatus();
    }
    case AliasDef::Target::CoreInstanceExport: {
      WACC_ASSIGN_OR_RETURN(auto inst, At(frame.coreInstances, def.instanceIndex, def.offset, "core instance"));
      auto e = inst->find(def.name);
      if (e == inst->end())
        return InputError(def.offset, "core instance %u has no export named '%s'", def.instanceIndex, def.name);
      const CoreExtern& x = e->second;
      ExternalKind want;
      switch (def.sort.coreSort) {
        case CoreSort::Func: want = ExternalKind::Func; break;
        case CoreSort::Table: want = ExternalKind::Table; break;
        case CoreSort::Memory: want = ExternalKind::Memory; break;
        case CoreSort::Global: want = ExternalKind::Global; break;
        default:
          return UnsupportedError(def.offset, "alias of a core %s export", binary::CoreSortName(def.sort.coreSort));
      }
      if (x.kind != want)
        return InputError(def.offset, "core export '%s' is of sort %s, not %s", def.name,
                          binary::ExternalKindName(x.kind), binary::ExternalKindName(want));
      switch (want) {
        case ExternalKind::Func: frame.coreFuncs.push_back(x.func); break;
        case ExternalKind::Table: frame.coreTables.push_back(x.table); break;
        case ExternalKind::Memory: frame.coreMemories.push_back(x.memory); break;
        case ExternalKind::Global: frame.coreGlobals.push_back(x.global); break;
      }
      return absl::OkStatus();
    }
    case AliasDef::Target::Outer: {
      const Frame* target = &frame;
      for (uint32_t i = 0; i < def.outerCount; ++i) {
        target = target->parent;
        if (!target)
          return InputError(def.offset, "outer alias count %u exceeds the component nesting depth", def.outerCount);
      }
      if (def.sort.sort == Sort::Type) {
        WACC_ASSIGN_OR_RETURN(TypeEntry e, At(target->types.types, def.outerIndex, def.offset, "type"));
        if (def.outerCount > 0 && RefersToResources(e))
          return InputError(def.offset,
                            "outer alias of type %u across a component boundary: it transitively refers to resources",
                            def.outerIndex);
        frame.types.types.push_back(std::move(e));
      } else if (def.sort.sort == Sort::Component) {
        WACC_ASSIGN_OR_RETURN(ComponentTypePtr c, At(target->components, def.outerIndex, def.offset, "component"));
        frame.components.push_back(std::move(c));
      } else if (def.sort.sort == Sort::Core && def.sort.coreSort == CoreSort::Module) {
        WACC_ASSIGN_OR_RETURN(CoreModuleTypePtr m, At(target->coreModules, def.outerIndex, def.offset, "core module"));
        frame.coreModules.push_back(m);
      } else if (def.sort.sort == Sort::Core && def.sort.coreSort == CoreSort::Type) {
        WACC_ASSIGN_OR_RETURN(auto t, At(target->types.coreTypes, def.outerIndex, def.offset, "core type"));
        frame.types.coreTypes.push_back(t);
      } else {
        return InputError(def.offset,
                          "outer alias of a %s; only types, components and core modules and types may "
                          "be aliased from an enclosing component",
                          binary::SortName(def.sort.sort, def.sort.coreSort));
      }
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unknown alias target");
}

// --- Types -------------------------------------------------------------------------------

absl::Status Validator::type(Frame& frame, const TypeDef& def) {
  if (def.kind != TypeDef::Kind::Resource) {
    WACC_ASSIGN_OR_RETURN(TypeEntry e, ResolveTypeDef(ctx_, def, frame.types));
    frame.types.types.push_back(std::move(e));
    return absl::OkStatus();
  }
  if (def.resource.isAsync) return UnsupportedError(def.offset, "async resource destructors");
  if (def.resource.destructor) {
    WACC_ASSIGN_OR_RETURN(FuncType dtor, At(frame.coreFuncs, *def.resource.destructor, def.offset, "core func"));
    FuncType want{{ValType::I32}, {}};
    if (!(dtor == want))
      return InputError(def.offset, "resource destructor must have type %s, found %s", CoreFuncTypeToString(want),
                        CoreFuncTypeToString(dtor));
  }
  TypeEntry e;
  e.kind = TypeEntry::Kind::Resource;
  e.resource = ctx_.newResource("");
  e.name = ctx_.newName();
  frame.definedResources.insert(e.resource);
  frame.types.types.push_back(std::move(e));
  return absl::OkStatus();
}

absl::StatusOr<ResourceId> Validator::resourceType(Frame& frame, uint32_t index, size_t offset) {
  WACC_ASSIGN_OR_RETURN(TypeEntry e, At(frame.types.types, index, offset, "type"));
  if (e.kind != TypeEntry::Kind::Resource) return InputError(offset, "type %u is not a resource type", index);
  return e.resource;
}

// --- Canonical definitions ----------------------------------------------------------

absl::StatusOr<ResolvedOptions> Validator::options(Frame& frame, const binary::CanonOptions& o, size_t offset) {
  ResolvedOptions r;
  r.isAsync = o.isAsync;
  if (o.callback) {
    WACC_ASSIGN_OR_RETURN(r.callback, At(frame.coreFuncs, *o.callback, offset, "core func"));
  }
  if (o.memory) {
    WACC_ASSIGN_OR_RETURN(binary::MemoryType memory, At(frame.coreMemories, *o.memory, offset, "core memory"));
    // The canonical ABI of 64-bit memories passes i64 pointers and lengths;
    // wacc's adapters take i32 ones.
    if (memory.is64) return UnsupportedError(offset, "a 64-bit memory (memory64) as the canonical ABI's 'memory'");
    r.hasMemory = true;
  }
  if (o.realloc) {
    WACC_ASSIGN_OR_RETURN(r.realloc, At(frame.coreFuncs, *o.realloc, offset, "core func"));
  }
  if (o.postReturn) {
    WACC_ASSIGN_OR_RETURN(r.postReturn, At(frame.coreFuncs, *o.postReturn, offset, "core func"));
  }
  return r;
}

absl::Status Validator::canon(Frame& frame, const CanonDef& def) {
  switch (def.kind) {
    case CanonDef::Kind::Lift: {
      WACC_ASSIGN_OR_RETURN(TypeEntry type, At(frame.types.types, def.typeIndex, def.offset, "type"));
      if (type.kind != TypeEntry::Kind::Func)
        return InputError(def.offset, "canon lift needs a function type, but type %u is not one", def.typeIndex);
      WACC_ASSIGN_OR_RETURN(FuncType core, At(frame.coreFuncs, def.funcIndex, def.offset, "core func"));
      WACC_ASSIGN_OR_RETURN(ResolvedOptions o, options(frame, def.options, def.offset));
      WACC_RETURN_IF_ERROR(CheckLift(ctx_, *type.func, core, o, def.offset));
      frame.funcs.push_back({type.func, type.inner});
      return absl::OkStatus();
    }
    case CanonDef::Kind::Lower: {
      WACC_ASSIGN_OR_RETURN(Frame::Func func, At(frame.funcs, def.funcIndex, def.offset, "func"));
      WACC_ASSIGN_OR_RETURN(ResolvedOptions o, options(frame, def.options, def.offset));
      WACC_ASSIGN_OR_RETURN(FuncType core, CheckLower(ctx_, *func.type, o, def.offset));
      frame.coreFuncs.push_back(std::move(core));
      return absl::OkStatus();
    }
    case CanonDef::Kind::ResourceNew:
    case CanonDef::Kind::ResourceRep:
    case CanonDef::Kind::ResourceDrop: {
      WACC_ASSIGN_OR_RETURN(ResourceId r, resourceType(frame, def.typeIndex, def.offset));
      if (def.kind == CanonDef::Kind::ResourceDrop) {
        frame.coreFuncs.push_back(FuncType{{ValType::I32}, {}});
        return absl::OkStatus();
      }
      // Only the component that defines a resource sees its representation.
      if (!frame.definedResources.contains(r))
        return InputError(def.offset, "canon %s: type %u is a resource this component does not define",
                          def.kind == CanonDef::Kind::ResourceNew ? "resource.new" : "resource.rep", def.typeIndex);
      frame.coreFuncs.push_back(FuncType{{ValType::I32}, {ValType::I32}});
      return absl::OkStatus();
    }
    case CanonDef::Kind::Builtin: {
      WACC_ASSIGN_OR_RETURN(FuncType core, builtin(frame, def));
      frame.coreFuncs.push_back(std::move(core));
      return absl::OkStatus();
    }
    case CanonDef::Kind::Other:
      return UnsupportedError(def.offset, "canon opcode 0x%02x (shared-everything threads and async resource drops)",
                              def.opcode);
  }
  return absl::InternalError("unknown canon kind");
}

// The core type of an async built-in (CanonicalABI.md, canon_* of each),
// after checking its immediates.
absl::StatusOr<FuncType> Validator::builtin(Frame& frame, const CanonDef& def) {
  using B = binary::CanonBuiltin;
  const ValType i32 = ValType::I32;
  const char* name = binary::CanonBuiltinName(def.builtin);
  // The stream or future type a built-in names.
  auto payloadType = [&](ValueType::Kind kind) -> absl::StatusOr<TypeRef> {
    WACC_ASSIGN_OR_RETURN(TypeEntry e, At(frame.types.types, def.typeIndex, def.offset, "type"));
    if (e.kind != TypeEntry::Kind::Value || e.value->kind != kind)
      return InputError(def.offset, "canon %s: type %u is not a %s type", name, def.typeIndex,
                        kind == ValueType::Kind::Stream ? "stream" : "future");
    return e.value->element;
  };
  auto copyOptions = [&](ValueType::Kind kind) -> absl::Status {
    WACC_ASSIGN_OR_RETURN(TypeRef payload, payloadType(kind));
    WACC_ASSIGN_OR_RETURN(ResolvedOptions o, options(frame, def.options, def.offset));
    if (o.callback || o.postReturn)
      return InputError(def.offset, "canon %s: only memory, realloc, string-encoding and async options are allowed",
                        name);
    if (payload && !o.hasMemory) return InputError(def.offset, "canon %s needs a 'memory' option", name);
    // Only a reader allocates (the elements are lowered into its memory).
    bool reads = def.builtin == binary::CanonBuiltin::StreamRead || def.builtin == binary::CanonBuiltin::FutureRead;
    if (reads && payload && ctx_.info(payload).containsPtr && !o.realloc)
      return InputError(def.offset, "canon %s needs a 'realloc' option: its elements hold strings or lists", name);
    return absl::OkStatus();
  };
  switch (def.builtin) {
    case B::TaskCancel:
    case B::BackpressureInc:
    case B::BackpressureDec: return FuncType{};
    case B::BackpressureSet: return FuncType{{i32}, {}};
    case B::SubtaskCancel: return FuncType{{i32}, {i32}};
    case B::SubtaskDrop: return FuncType{{i32}, {}};
    case B::TaskReturn: {
      WACC_ASSIGN_OR_RETURN(ResolvedOptions o, options(frame, def.options, def.offset));
      if (o.isAsync || o.callback || o.postReturn)
        return InputError(def.offset,
                          "canon task.return: only memory, realloc and string-encoding options are allowed");
      FuncType core;
      if (def.taskResult) {
        WACC_ASSIGN_OR_RETURN(TypeRef result, ResolveValType(ctx_, *def.taskResult, frame.types, def.offset));
        bool fits = true;
        core.params = FlattenValue(result, 16, &fits);
        if (!fits) core.params = {i32};
        if ((!fits || ctx_.info(result).containsPtr) && !o.hasMemory)
          return InputError(def.offset, "canon task.return needs a 'memory' option");
      }
      return core;
    }
    case B::ContextGet:
    case B::ContextSet:
      if (def.immediate >= 2)
        return InputError(def.offset, "canon %s: context slot %u out of range (there are 2)", name, def.immediate);
      return def.builtin == B::ContextGet ? FuncType{{}, {i32}} : FuncType{{i32}, {}};
    case B::ThreadYield:
    case B::ThreadIndex:
    case B::ThreadSuspend: return FuncType{{}, {i32}};
    case B::ThreadResumeLater: return FuncType{{i32}, {}};
    case B::ThreadSuspendThenResume:
    case B::ThreadYieldThenResume:
    case B::ThreadSuspendThenPromote:
    case B::ThreadYieldThenPromote: return FuncType{{i32}, {i32}};
    case B::ThreadNewIndirect: {
      // canon_thread_new_indirect: the start function takes the i32
      // argument and returns nothing; the table holds funcrefs.
      WACC_ASSIGN_OR_RETURN(CoreTypeEntry t, At(frame.types.coreTypes, def.typeIndex, def.offset, "core type"));
      if (t.isModule || t.func.params != std::vector<ValType>{i32} || !t.func.results.empty())
        return InputError(def.offset, "canon thread.new-indirect: core type %u is not (func (param i32))",
                          def.typeIndex);
      WACC_ASSIGN_OR_RETURN(binary::TableType table, At(frame.coreTables, def.immediate, def.offset, "core table"));
      if (table.elemType != ValType::FuncRef)
        return InputError(def.offset, "canon thread.new-indirect: core table %u does not hold funcrefs",
                          def.immediate);
      return FuncType{{i32, i32}, {i32}};
    }
    case B::StreamNew:
    case B::FutureNew: {
      WACC_RETURN_IF_ERROR(
          payloadType(def.builtin == B::StreamNew ? ValueType::Kind::Stream : ValueType::Kind::Future).status());
      return FuncType{{}, {ValType::I64}};
    }
    case B::StreamRead:
    case B::StreamWrite:
      WACC_RETURN_IF_ERROR(copyOptions(ValueType::Kind::Stream));
      return FuncType{{i32, i32, i32}, {i32}};
    case B::FutureRead:
    case B::FutureWrite: WACC_RETURN_IF_ERROR(copyOptions(ValueType::Kind::Future)); return FuncType{{i32, i32}, {i32}};
    case B::StreamCancelRead:
    case B::StreamCancelWrite:
    case B::FutureCancelRead:
    case B::FutureCancelWrite: {
      bool stream = def.builtin == B::StreamCancelRead || def.builtin == B::StreamCancelWrite;
      WACC_RETURN_IF_ERROR(payloadType(stream ? ValueType::Kind::Stream : ValueType::Kind::Future).status());
      return FuncType{{i32}, {i32}};
    }
    case B::StreamDropReadable:
    case B::StreamDropWritable:
    case B::FutureDropReadable:
    case B::FutureDropWritable: {
      bool stream = def.builtin == B::StreamDropReadable || def.builtin == B::StreamDropWritable;
      WACC_RETURN_IF_ERROR(payloadType(stream ? ValueType::Kind::Stream : ValueType::Kind::Future).status());
      return FuncType{{i32}, {}};
    }
    case B::ErrorContextNew:
    case B::ErrorContextDebugMessage: {
      WACC_ASSIGN_OR_RETURN(ResolvedOptions o, options(frame, def.options, def.offset));
      if (!o.hasMemory) return InputError(def.offset, "canon %s needs a 'memory' option", name);
      if (def.builtin == B::ErrorContextDebugMessage && !o.realloc)
        return InputError(def.offset, "canon %s needs a 'realloc' option", name);
      return def.builtin == B::ErrorContextNew ? FuncType{{i32, i32}, {i32}} : FuncType{{i32, i32}, {}};
    }
    case B::ErrorContextDrop: return FuncType{{i32}, {}};
    case B::WaitableSetNew: return FuncType{{}, {i32}};
    case B::WaitableSetWait:
    case B::WaitableSetPoll:
      WACC_RETURN_IF_ERROR(At(frame.coreMemories, def.immediate, def.offset, "core memory").status());
      return FuncType{{i32, i32}, {i32}};
    case B::WaitableSetDrop: return FuncType{{i32}, {}};
    case B::WaitableJoin: return FuncType{{i32, i32}, {}};
  }
  return absl::InternalError("unknown built-in");
}

// --- Imports and exports ------------------------------------------------------------

absl::Status Validator::import(Frame& frame, const binary::ImportDef& def) {
  WACC_ASSIGN_OR_RETURN(ExternType t, ResolveExternDesc(ctx_, def.desc, frame.types, def.name, def.offset));
  if (t.kind == ExternType::Kind::Instance) {
    WACC_ASSIGN_OR_RETURN(t.instance, FreshenInstance(ctx_, *t.instance, def.offset));
  }
  WACC_RETURN_IF_ERROR(frame.names.add(ctx_, true, def.name, t, def.offset, def.attrs));
  std::string why = CheckVisibility(frame.visible, true, t);
  if (!why.empty()) return InputError(def.offset, "import '%s': %s", def.name, why);
  push(frame, t);
  frame.self->depth = std::max(frame.self->depth, ExternDepth(t) + 1);
  frame.self->imports.push_back({def.name, std::move(t)});
  return absl::OkStatus();
}

absl::Status Validator::exportDef(Frame& frame, const binary::ExportDef& def) {
  WACC_ASSIGN_OR_RETURN(ExternType t, item(frame, def.item, def.offset));
  if (def.ascribedType) {
    // The ascribed type must be a supertype of the item's; it becomes the
    // export's type. A `(sub resource)` ascription exports a new resource
    // (as in wasmparser): outside, it is not the item's, so two exports of
    // one resource, one of them ascribed, differ.
    WACC_ASSIGN_OR_RETURN(ExternType declared,
                          ResolveExternDesc(ctx_, *def.ascribedType, frame.types, def.name, def.offset));
    ResourceMap map;
    std::string why = CheckSubtype(ctx_, t, declared, map);
    if (!why.empty()) return InputError(def.offset, "export '%s' does not match its ascribed type: %s", def.name, why);
    t = std::move(declared);
  }
  // The export is a new type index entry, with a name of its own.
  t = WithFreshName(ctx_, std::move(t));
  WACC_RETURN_IF_ERROR(frame.names.add(ctx_, false, def.name, t, def.offset, def.attrs));
  std::string why = CheckVisibility(frame.visible, false, t);
  if (!why.empty()) return InputError(def.offset, "export '%s': %s", def.name, why);
  push(frame, t);
  uint32_t depth = ExternDepth(t) + 1;
  if (depth > kMaxTypeDepth)
    return InputError(def.offset, "instance and component types nested deeper than %u levels", kMaxTypeDepth);
  frame.self->depth = std::max(frame.self->depth, depth);
  frame.self->exports.push_back({def.name, std::move(t)});
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateComponent(const binary::Component& root) {
  Validator validator;
  return validator.run(root);
}

}  // namespace wacc::validate
