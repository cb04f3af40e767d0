#include "compiler/component/Planner.h"

#include <deque>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace wacc::component {

using binary::AliasDef;
using binary::CanonDef;
using binary::Component;
using binary::CoreModule;
using binary::CoreSort;
using binary::Definition;
using binary::ExternalKind;
using binary::ExternDesc;
using binary::Sort;
using binary::SortIndex;
using binary::TypeDecl;
using binary::TypeDef;

std::string_view StripVersion(std::string_view name) {
  size_t at = name.find('@');
  return at == std::string_view::npos ? name : name.substr(0, at);
}

const PlannedExport* InstantiationPlan::findExport(std::string_view interfaceWithoutVersion,
                                                   std::string_view func) const {
  for (const PlannedExport& e : exports)
    if (StripVersion(e.instanceName) == interfaceWithoutVersion && e.funcName == func) return &e;
  return nullptr;
}

namespace {

// Nested components deeper than this are rejected rather than planned.
constexpr size_t kMaxInstantiationDepth = 100;

struct TypeScope;

// One entry of a component-level type index space.
struct TypeEntry {
  enum class Kind : uint8_t { Value, Func, Resource, Instance, Component };
  Kind kind = Kind::Value;
  TypeRef value = nullptr;          // Value
  std::shared_ptr<FuncSignature> func;  // Func
  ResourceId resource = 0;          // Resource
  const TypeDef* def = nullptr;     // Instance / Component
  const TypeScope* scope = nullptr; // where `def` was written (for its outer aliases)
};

struct TypeScope {
  std::vector<TypeEntry> types;
  const TypeScope* parent = nullptr;  // the lexically enclosing scope
};

struct Frame;
struct InstanceValue;

// A component definition together with where it was written (outer aliases
// inside it resolve against that frame).
struct ComponentClosure {
  const Component* component = nullptr;
  const Frame* lexicalParent = nullptr;
};

// Anything a component instance can export or an instantiation can take.
struct Item {
  Sort sort = Sort::Func;
  CoreSort coreSort = CoreSort::Module;
  uint32_t func = 0;                          // Func: index into plan.funcs
  TypeEntry type;                             // Type
  std::shared_ptr<InstanceValue> instance;    // Instance
  ComponentClosure component;                 // Component
  const CoreModule* module = nullptr;         // Core module
};

struct InstanceValue {
  absl::flat_hash_map<std::string, Item> exports;
  std::vector<std::string> exportOrder;
  void add(const std::string& name, Item item) {
    if (exports.emplace(name, std::move(item)).second) exportOrder.push_back(name);
  }
};

struct CoreInstanceValue {
  bool isModuleInstance = true;
  uint32_t planIndex = 0;  // module instance: index into plan.coreInstances
  absl::flat_hash_map<std::string, CoreDef> exports;  // FromExports
};

// The state of one component instance being instantiated.
struct Frame {
  const Component* component = nullptr;
  const Frame* lexicalParent = nullptr;
  uint32_t instanceId = 0;
  absl::flat_hash_map<std::string, Item> args;
  size_t nextDefinition = 0;
  size_t instantiateOffset = 0;

  TypeScope types;
  std::vector<CoreDef> coreFuncs, coreTables, coreMemories, coreGlobals;
  std::vector<const CoreModule*> coreModules;
  std::vector<CoreInstanceValue> coreInstances;
  std::vector<uint32_t> funcs;
  std::vector<std::shared_ptr<InstanceValue>> instances;
  std::vector<ComponentClosure> components;
  std::shared_ptr<InstanceValue> exports = std::make_shared<InstanceValue>();
};

template <typename T>
absl::StatusOr<T> At(const std::vector<T>& space, uint32_t index, size_t offset, const char* what) {
  if (index >= space.size())
    return InputError(offset, "%s index %u out of bounds (%u defined)", what, index, space.size());
  return space[index];
}

class Planner {
 public:
  explicit Planner(InstantiationPlan& plan) : plan_(plan) {}
  absl::Status run(const Component& root);

 private:
  absl::Status step(Frame& frame, const Definition& def, bool& pushedChild);
  absl::Status finishFrame(Frame& frame);

  absl::Status defineCoreInstance(Frame& frame, const binary::CoreInstanceDef& def);
  absl::Status defineInstance(Frame& frame, const binary::InstanceDef& def, bool& pushedChild);
  absl::Status defineAlias(Frame& frame, const AliasDef& def);
  absl::Status defineCanon(Frame& frame, const CanonDef& def);
  absl::Status addTrampoline(Frame& frame, Trampoline t, size_t offset);
  absl::Status defineImport(Frame& frame, const binary::ImportDef& def);
  absl::Status defineExport(Frame& frame, const binary::ExportDef& def);

  absl::StatusOr<CoreDef> coreExport(const CoreInstanceValue& inst, const std::string& name, size_t offset);
  CoreDef resolveModuleItem(uint32_t planIndex, ExternalKind kind, uint32_t index);
  absl::StatusOr<CoreDef> coreItem(Frame& frame, CoreSort sort, uint32_t index, size_t offset);
  absl::StatusOr<Item> item(Frame& frame, const SortIndex& ref, size_t offset);
  absl::Status pushItem(Frame& frame, const Item& item, size_t offset);
  absl::StatusOr<ResolvedCanonOptions> canonOptions(Frame& frame, const binary::CanonOptions& o, size_t offset);

  absl::StatusOr<TypeEntry> resolveTypeDef(const TypeDef& def, const TypeScope& scope, Frame* frame);
  absl::StatusOr<TypeRef> resolveValType(const binary::ValTypeRef& ref, const TypeScope& scope, size_t offset);
  absl::StatusOr<ResourceId> resolveResource(uint32_t index, const TypeScope& scope, size_t offset);
  absl::StatusOr<std::shared_ptr<InstanceValue>> hostInstance(const std::string& name, const TypeEntry& type,
                                                              size_t offset);

  InstantiationPlan& plan_;
  std::deque<std::unique_ptr<Frame>> frames_;  // every frame ever created: lexical parents stay alive
};

// --- Driving the explicit stack ------------------------------------------------

absl::Status Planner::run(const Component& root) {
  auto rootFrame = std::make_unique<Frame>();
  rootFrame->component = &root;
  rootFrame->instanceId = plan_.numComponentInstances++;
  std::vector<Frame*> stack = {rootFrame.get()};
  frames_.push_back(std::move(rootFrame));

  while (!stack.empty()) {
    Frame& frame = *stack.back();
    if (frame.nextDefinition == frame.component->definitions.size()) {
      WACC_RETURN_IF_ERROR(finishFrame(frame));
      stack.pop_back();
      if (!stack.empty()) stack.back()->instances.push_back(frame.exports);
      continue;
    }
    const Definition& def = frame.component->definitions[frame.nextDefinition++];
    bool pushedChild = false;
    WACC_RETURN_IF_ERROR(step(frame, def, pushedChild));
    if (pushedChild) {
      if (stack.size() >= kMaxInstantiationDepth)
        return InputError(frames_.back()->instantiateOffset, "component instances nested deeper than %u",
                          kMaxInstantiationDepth);
      stack.push_back(frames_.back().get());
    }
  }
  return absl::OkStatus();
}

absl::Status Planner::step(Frame& frame, const Definition& def, bool& pushedChild) {
  const Component& c = *frame.component;
  switch (def.kind) {
    case Definition::Kind::CoreModule:
      frame.coreModules.push_back(c.coreModules[def.index].get());
      return absl::OkStatus();
    case Definition::Kind::CoreInstance:
      return defineCoreInstance(frame, c.coreInstances[def.index]);
    case Definition::Kind::CoreType:
      return absl::OkStatus();  // core types only describe; nothing to plan
    case Definition::Kind::Component:
      frame.components.push_back({c.components[def.index].get(), &frame});
      return absl::OkStatus();
    case Definition::Kind::Instance:
      return defineInstance(frame, c.instances[def.index], pushedChild);
    case Definition::Kind::Alias:
      return defineAlias(frame, c.aliases[def.index]);
    case Definition::Kind::Type: {
      const TypeDef& t = c.types[def.index];
      WACC_ASSIGN_OR_RETURN(TypeEntry entry, resolveTypeDef(t, frame.types, &frame));
      frame.types.types.push_back(std::move(entry));
      return absl::OkStatus();
    }
    case Definition::Kind::Canon:
      return defineCanon(frame, c.canons[def.index]);
    case Definition::Kind::Start:
      return UnsupportedError(c.starts[def.index].offset, "component start function");
    case Definition::Kind::Import:
      return defineImport(frame, c.imports[def.index]);
    case Definition::Kind::Export:
      return defineExport(frame, c.exports[def.index]);
  }
  return absl::InternalError("unknown definition kind");
}

absl::Status Planner::finishFrame(Frame& frame) {
  if (frame.lexicalParent != nullptr || frame.instanceId != 0) return absl::OkStatus();
  // The root: its exports are what the executable runs.
  for (const std::string& name : frame.exports->exportOrder) {
    const Item& it = frame.exports->exports.at(name);
    if (it.sort == Sort::Func) {
      plan_.exports.push_back({"", name, it.func});
    } else if (it.sort == Sort::Instance) {
      for (const std::string& funcName : it.instance->exportOrder) {
        const Item& f = it.instance->exports.at(funcName);
        if (f.sort == Sort::Func) plan_.exports.push_back({name, funcName, f.func});
      }
    }
  }
  return absl::OkStatus();
}

// --- Core instances ----------------------------------------------------------------

CoreDef Planner::resolveModuleItem(uint32_t planIndex, ExternalKind kind, uint32_t index) {
  const PlannedCoreInstance& inst = plan_.coreInstances[planIndex];
  // An export of an imported item is the imported definition itself.
  uint32_t seen = 0;
  for (size_t i = 0; i < inst.module->imports.size(); ++i) {
    if (inst.module->imports[i].kind != kind) continue;
    if (seen++ == index) return inst.imports[i];
  }
  CoreDef d;
  d.kind = CoreDef::Kind::Instance;
  d.sort = kind;
  d.instance = planIndex;
  d.index = index;
  return d;
}

absl::StatusOr<CoreDef> Planner::coreExport(const CoreInstanceValue& inst, const std::string& name, size_t offset) {
  if (!inst.isModuleInstance) {
    auto it = inst.exports.find(name);
    if (it == inst.exports.end()) return InputError(offset, "core instance has no export named '%s'", name);
    return it->second;
  }
  const binary::CoreExport* e = plan_.coreInstances[inst.planIndex].module->findExport(name);
  if (!e) return InputError(offset, "core instance has no export named '%s'", name);
  return resolveModuleItem(inst.planIndex, e->kind, e->index);
}

absl::StatusOr<CoreDef> Planner::coreItem(Frame& frame, CoreSort sort, uint32_t index, size_t offset) {
  switch (sort) {
    case CoreSort::Func: return At(frame.coreFuncs, index, offset, "core func");
    case CoreSort::Table: return At(frame.coreTables, index, offset, "core table");
    case CoreSort::Memory: return At(frame.coreMemories, index, offset, "core memory");
    case CoreSort::Global: return At(frame.coreGlobals, index, offset, "core global");
    default: return UnsupportedError(offset, "core %s as an instance export", binary::CoreSortName(sort));
  }
}

absl::Status Planner::defineCoreInstance(Frame& frame, const binary::CoreInstanceDef& def) {
  CoreInstanceValue value;
  if (def.kind == binary::CoreInstanceDef::Kind::FromExports) {
    value.isModuleInstance = false;
    for (const auto& e : def.exports) {
      WACC_ASSIGN_OR_RETURN(CoreDef d, coreItem(frame, e.item.sort, e.item.index, def.offset));
      value.exports[e.name] = d;
    }
    frame.coreInstances.push_back(std::move(value));
    return absl::OkStatus();
  }

  WACC_ASSIGN_OR_RETURN(const CoreModule* module, At(frame.coreModules, def.moduleIndex, def.offset, "core module"));
  PlannedCoreInstance planned;
  planned.module = module;
  planned.componentInstance = frame.instanceId;
  planned.debugName = module->name.empty() ? absl::StrCat("instance", plan_.coreInstances.size()) : module->name;
  for (const binary::CoreImport& imp : module->imports) {
    const binary::CoreInstanceDef::Arg* arg = nullptr;
    for (const auto& a : def.args)
      if (a.name == imp.module) arg = &a;
    if (!arg)
      return InputError(def.offset, "core instantiation is missing an argument for import module '%s'", imp.module);
    WACC_ASSIGN_OR_RETURN(CoreInstanceValue argInstance,
                          At(frame.coreInstances, arg->instanceIndex, def.offset, "core instance"));
    WACC_ASSIGN_OR_RETURN(CoreDef d, coreExport(argInstance, imp.name, def.offset));
    if (d.sort != imp.kind)
      return InputError(def.offset, "import '%s' '%s' expects a %s, but the argument provides a %s", imp.module,
                        imp.name, binary::ExternalKindName(imp.kind), binary::ExternalKindName(d.sort));
    if (imp.kind == ExternalKind::Func && d.kind == CoreDef::Kind::Instance) {
      const CoreModule& exporter = *plan_.coreInstances[d.instance].module;
      if (!(exporter.funcType(d.index) == module->types[imp.funcTypeIndex]))
        return InputError(def.offset, "import '%s' '%s': function type mismatch", imp.module, imp.name);
    }
    planned.imports.push_back(d);
  }
  value.planIndex = plan_.coreInstances.size();
  plan_.coreInstances.push_back(std::move(planned));
  frame.coreInstances.push_back(std::move(value));
  return absl::OkStatus();
}

// --- Component instances ----------------------------------------------------------

absl::StatusOr<Item> Planner::item(Frame& frame, const SortIndex& ref, size_t offset) {
  Item it;
  it.sort = ref.sort;
  it.coreSort = ref.coreSort;
  switch (ref.sort) {
    case Sort::Func: {
      WACC_ASSIGN_OR_RETURN(it.func, At(frame.funcs, ref.index, offset, "func"));
      return it;
    }
    case Sort::Type: {
      WACC_ASSIGN_OR_RETURN(it.type, At(frame.types.types, ref.index, offset, "type"));
      return it;
    }
    case Sort::Instance: {
      WACC_ASSIGN_OR_RETURN(it.instance, At(frame.instances, ref.index, offset, "instance"));
      return it;
    }
    case Sort::Component: {
      WACC_ASSIGN_OR_RETURN(it.component, At(frame.components, ref.index, offset, "component"));
      return it;
    }
    case Sort::Core:
      if (ref.coreSort == CoreSort::Module) {
        WACC_ASSIGN_OR_RETURN(it.module, At(frame.coreModules, ref.index, offset, "core module"));
        return it;
      }
      return UnsupportedError(offset, "passing a core %s between components", binary::CoreSortName(ref.coreSort));
    case Sort::Value:
      return UnsupportedError(offset, "component values");
  }
  return absl::InternalError("unknown sort");
}

absl::Status Planner::pushItem(Frame& frame, const Item& it, size_t offset) {
  switch (it.sort) {
    case Sort::Func: frame.funcs.push_back(it.func); return absl::OkStatus();
    case Sort::Type: frame.types.types.push_back(it.type); return absl::OkStatus();
    case Sort::Instance: frame.instances.push_back(it.instance); return absl::OkStatus();
    case Sort::Component: frame.components.push_back(it.component); return absl::OkStatus();
    case Sort::Core:
      if (it.coreSort == CoreSort::Module) {
        frame.coreModules.push_back(it.module);
        return absl::OkStatus();
      }
      break;
    case Sort::Value: break;
  }
  return UnsupportedError(offset, "%s items", binary::SortName(it.sort, it.coreSort));
}

absl::Status Planner::defineInstance(Frame& frame, const binary::InstanceDef& def, bool& pushedChild) {
  if (def.kind == binary::InstanceDef::Kind::FromExports) {
    auto value = std::make_shared<InstanceValue>();
    for (const auto& e : def.exports) {
      WACC_ASSIGN_OR_RETURN(Item it, item(frame, e.item, def.offset));
      value->add(e.name, std::move(it));
    }
    frame.instances.push_back(std::move(value));
    return absl::OkStatus();
  }
  WACC_ASSIGN_OR_RETURN(ComponentClosure closure,
                        At(frame.components, def.componentIndex, def.offset, "component"));
  auto child = std::make_unique<Frame>();
  child->component = closure.component;
  child->lexicalParent = closure.lexicalParent;
  child->types.parent = &closure.lexicalParent->types;
  child->instanceId = plan_.numComponentInstances++;
  child->instantiateOffset = def.offset;
  for (const auto& a : def.args) {
    WACC_ASSIGN_OR_RETURN(Item it, item(frame, a.item, def.offset));
    child->args[a.name] = std::move(it);
  }
  frames_.push_back(std::move(child));
  pushedChild = true;  // its exports become this frame's next instance when it finishes
  return absl::OkStatus();
}

// --- Aliases ---------------------------------------------------------------------------

absl::Status Planner::defineAlias(Frame& frame, const AliasDef& def) {
  switch (def.target) {
    case AliasDef::Target::InstanceExport: {
      WACC_ASSIGN_OR_RETURN(auto inst, At(frame.instances, def.instanceIndex, def.offset, "instance"));
      auto it = inst->exports.find(def.name);
      if (it == inst->exports.end()) return InputError(def.offset, "instance has no export named '%s'", def.name);
      if (it->second.sort != def.sort.sort || (def.sort.sort == Sort::Core && it->second.coreSort != def.sort.coreSort))
        return InputError(def.offset, "export '%s' is a %s, not a %s", def.name,
                          binary::SortName(it->second.sort, it->second.coreSort),
                          binary::SortName(def.sort.sort, def.sort.coreSort));
      return pushItem(frame, it->second, def.offset);
    }
    case AliasDef::Target::CoreInstanceExport: {
      WACC_ASSIGN_OR_RETURN(CoreInstanceValue inst,
                            At(frame.coreInstances, def.instanceIndex, def.offset, "core instance"));
      WACC_ASSIGN_OR_RETURN(CoreDef d, coreExport(inst, def.name, def.offset));
      auto expect = [&](ExternalKind k, std::vector<CoreDef>& space) -> absl::Status {
        if (d.sort != k) return InputError(def.offset, "core export '%s' is a %s", def.name, binary::ExternalKindName(d.sort));
        space.push_back(d);
        return absl::OkStatus();
      };
      switch (def.sort.coreSort) {
        case CoreSort::Func: return expect(ExternalKind::Func, frame.coreFuncs);
        case CoreSort::Table: return expect(ExternalKind::Table, frame.coreTables);
        case CoreSort::Memory: return expect(ExternalKind::Memory, frame.coreMemories);
        case CoreSort::Global: return expect(ExternalKind::Global, frame.coreGlobals);
        default: return UnsupportedError(def.offset, "alias of a core %s export", binary::CoreSortName(def.sort.coreSort));
      }
    }
    case AliasDef::Target::Outer: {
      const Frame* target = &frame;
      for (uint32_t i = 0; i < def.outerCount; ++i) {
        target = target->lexicalParent;
        if (!target) return InputError(def.offset, "outer alias count %u exceeds the nesting depth", def.outerCount);
      }
      Item it;
      it.sort = def.sort.sort;
      it.coreSort = def.sort.coreSort;
      if (def.sort.sort == Sort::Type) {
        WACC_ASSIGN_OR_RETURN(it.type, At(target->types.types, def.outerIndex, def.offset, "type"));
      } else if (def.sort.sort == Sort::Component) {
        WACC_ASSIGN_OR_RETURN(it.component, At(target->components, def.outerIndex, def.offset, "component"));
      } else if (def.sort.sort == Sort::Core && def.sort.coreSort == CoreSort::Module) {
        WACC_ASSIGN_OR_RETURN(it.module, At(target->coreModules, def.outerIndex, def.offset, "core module"));
      } else if (def.sort.sort == Sort::Core && def.sort.coreSort == CoreSort::Type) {
        return absl::OkStatus();  // core types are not planned
      } else {
        return InputError(def.offset, "outer alias of a %s is not allowed",
                          binary::SortName(def.sort.sort, def.sort.coreSort));
      }
      return pushItem(frame, it, def.offset);
    }
  }
  return absl::InternalError("unknown alias target");
}

// --- Canonical definitions --------------------------------------------------------

absl::StatusOr<ResolvedCanonOptions> Planner::canonOptions(Frame& frame, const binary::CanonOptions& o,
                                                            size_t offset) {
  if (o.isAsync || o.callback) return UnsupportedError(offset, "async canon options (WASI 0.3)");
  ResolvedCanonOptions r;
  r.stringEncoding = o.stringEncoding;
  if (o.memory) { WACC_ASSIGN_OR_RETURN(r.memory, At(frame.coreMemories, *o.memory, offset, "core memory")); }
  if (o.realloc) { WACC_ASSIGN_OR_RETURN(r.realloc, At(frame.coreFuncs, *o.realloc, offset, "core func")); }
  if (o.postReturn) { WACC_ASSIGN_OR_RETURN(r.postReturn, At(frame.coreFuncs, *o.postReturn, offset, "core func")); }
  return r;
}

// A core function synthesised by `canon`: recorded in the plan and added to
// the frame's core function index space.
absl::Status Planner::addTrampoline(Frame& frame, Trampoline t, size_t offset) {
  t.componentInstance = frame.instanceId;
  t.offset = offset;
  CoreDef d;
  d.kind = CoreDef::Kind::Trampoline;
  d.sort = ExternalKind::Func;
  d.trampoline = plan_.trampolines.size();
  plan_.trampolines.push_back(std::move(t));
  frame.coreFuncs.push_back(d);
  return absl::OkStatus();
}

absl::Status Planner::defineCanon(Frame& frame, const CanonDef& def) {
  switch (def.kind) {
    case CanonDef::Kind::Lift: {
      WACC_ASSIGN_OR_RETURN(TypeEntry type, At(frame.types.types, def.typeIndex, def.offset, "type"));
      if (type.kind != TypeEntry::Kind::Func) return InputError(def.offset, "canon lift needs a function type");
      ComponentFunc f;
      f.kind = ComponentFunc::Kind::Lifted;
      f.signature = *type.func;
      WACC_ASSIGN_OR_RETURN(f.coreFunc, At(frame.coreFuncs, def.funcIndex, def.offset, "core func"));
      WACC_ASSIGN_OR_RETURN(f.options, canonOptions(frame, def.options, def.offset));
      f.componentInstance = frame.instanceId;
      f.offset = def.offset;
      frame.funcs.push_back(plan_.funcs.size());
      plan_.funcs.push_back(std::move(f));
      return absl::OkStatus();
    }
    case CanonDef::Kind::Lower: {
      WACC_ASSIGN_OR_RETURN(uint32_t func, At(frame.funcs, def.funcIndex, def.offset, "func"));
      Trampoline t;
      t.kind = plan_.funcs[func].kind == ComponentFunc::Kind::HostImport ? Trampoline::Kind::LowerHostImport
                                                                         : Trampoline::Kind::LowerLifted;
      t.func = func;
      WACC_ASSIGN_OR_RETURN(t.options, canonOptions(frame, def.options, def.offset));
      return addTrampoline(frame, std::move(t), def.offset);
    }
    case CanonDef::Kind::ResourceNew:
    case CanonDef::Kind::ResourceRep:
    case CanonDef::Kind::ResourceDrop: {
      WACC_ASSIGN_OR_RETURN(ResourceId r, resolveResource(def.typeIndex, frame.types, def.offset));
      Trampoline t;
      t.kind = def.kind == CanonDef::Kind::ResourceNew   ? Trampoline::Kind::ResourceNew
               : def.kind == CanonDef::Kind::ResourceRep ? Trampoline::Kind::ResourceRep
                                                         : Trampoline::Kind::ResourceDrop;
      t.resource = r;
      return addTrampoline(frame, std::move(t), def.offset);
    }
    case CanonDef::Kind::Other:
      return UnsupportedError(def.offset, "canon opcode 0x%02x (async/threads built-ins of WASI 0.3)", def.opcode);
  }
  return absl::InternalError("unknown canon kind");
}

// --- Imports and exports --------------------------------------------------------------

absl::Status Planner::defineImport(Frame& frame, const binary::ImportDef& def) {
  if (frame.lexicalParent != nullptr) {
    // A nested component: the instantiation supplies the import.
    auto it = frame.args.find(def.name);
    if (it == frame.args.end())
      return InputError(def.offset, "instantiation is missing an argument for import '%s'", def.name);
    return pushItem(frame, it->second, def.offset);
  }
  if (def.desc.kind != ExternDesc::Kind::Instance)
    return UnsupportedError(def.offset, "import '%s': the host provides only interface (instance) imports", def.name);
  WACC_ASSIGN_OR_RETURN(TypeEntry type, At(frame.types.types, def.desc.typeIndex, def.offset, "type"));
  if (type.kind != TypeEntry::Kind::Instance)
    return InputError(def.offset, "import '%s' is declared as an instance of a non-instance type", def.name);
  WACC_ASSIGN_OR_RETURN(auto instance, hostInstance(def.name, type, def.offset));
  frame.instances.push_back(std::move(instance));
  return absl::OkStatus();
}

absl::Status Planner::defineExport(Frame& frame, const binary::ExportDef& def) {
  WACC_ASSIGN_OR_RETURN(Item it, item(frame, def.item, def.offset));
  frame.exports->add(def.name, it);
  // An export also defines a new index in its sort's index space.
  return pushItem(frame, it, def.offset);
}

// A host instance: its functions become HostImport functions and each
// abstract resource it exports becomes a host resource.
absl::StatusOr<std::shared_ptr<InstanceValue>> Planner::hostInstance(const std::string& name, const TypeEntry& type,
                                                                      size_t offset) {
  auto instance = std::make_shared<InstanceValue>();
  TypeScope local;
  local.parent = type.scope;
  for (const TypeDecl& decl : type.def->decls) {
    switch (decl.kind) {
      case TypeDecl::Kind::CoreType:
        break;
      case TypeDecl::Kind::Type: {
        WACC_ASSIGN_OR_RETURN(TypeEntry entry, resolveTypeDef(*decl.type, local, nullptr));
        local.types.push_back(std::move(entry));
        break;
      }
      case TypeDecl::Kind::Alias: {
        const AliasDef& a = decl.alias;
        if (a.target != AliasDef::Target::Outer || a.sort.sort != Sort::Type)
          return UnsupportedError(decl.offset, "alias other than an outer type alias in an instance type");
        const TypeScope* s = &local;
        for (uint32_t i = 0; i < a.outerCount && s; ++i) s = s->parent;
        if (!s) return InputError(decl.offset, "outer alias count %u exceeds the nesting depth", a.outerCount);
        WACC_ASSIGN_OR_RETURN(TypeEntry entry, At(s->types, a.outerIndex, decl.offset, "type"));
        local.types.push_back(std::move(entry));
        break;
      }
      case TypeDecl::Kind::Import:
        return InputError(decl.offset, "an instance type cannot declare imports");
      case TypeDecl::Kind::Export: {
        Item it;
        if (decl.desc.kind == ExternDesc::Kind::Type) {
          it.sort = Sort::Type;
          if (decl.desc.bound == ExternDesc::TypeBound::SubResource) {
            ResourceInfo info;
            info.isHost = true;
            info.interfaceName = std::string(StripVersion(name));
            info.name = decl.name;
            it.type.kind = TypeEntry::Kind::Resource;
            it.type.resource = plan_.resources.size();
            plan_.resources.push_back(std::move(info));
          } else {
            WACC_ASSIGN_OR_RETURN(it.type, At(local.types, decl.desc.typeIndex, decl.offset, "type"));
          }
          local.types.push_back(it.type);
        } else if (decl.desc.kind == ExternDesc::Kind::Func) {
          WACC_ASSIGN_OR_RETURN(TypeEntry ft, At(local.types, decl.desc.typeIndex, decl.offset, "type"));
          if (ft.kind != TypeEntry::Kind::Func) return InputError(decl.offset, "function export of a non-function type");
          ComponentFunc f;
          f.kind = ComponentFunc::Kind::HostImport;
          f.signature = *ft.func;
          f.instanceName = name;
          f.funcName = decl.name;
          f.offset = offset;
          it.sort = Sort::Func;
          it.func = plan_.funcs.size();
          plan_.funcs.push_back(std::move(f));
        } else {
          return UnsupportedError(decl.offset, "host instance '%s' exporting a %s", name,
                                  decl.desc.kind == ExternDesc::Kind::Instance ? "nested instance" : "non-function item");
        }
        instance->add(decl.name, std::move(it));
        break;
      }
    }
  }
  return instance;
}

// --- Types -------------------------------------------------------------------------------

absl::StatusOr<TypeRef> Planner::resolveValType(const binary::ValTypeRef& ref, const TypeScope& scope, size_t offset) {
  if (ref.isPrimitive) {
    if (ref.prim == binary::PrimValType::ErrorContext) return UnsupportedError(offset, "error-context (WASI 0.3)");
    return plan_.types.primitive(ref.prim);
  }
  WACC_ASSIGN_OR_RETURN(TypeEntry e, At(scope.types, ref.typeIndex, offset, "type"));
  if (e.kind != TypeEntry::Kind::Value) return InputError(offset, "type %u is not a value type", ref.typeIndex);
  return e.value;
}

absl::StatusOr<ResourceId> Planner::resolveResource(uint32_t index, const TypeScope& scope, size_t offset) {
  WACC_ASSIGN_OR_RETURN(TypeEntry e, At(scope.types, index, offset, "type"));
  if (e.kind != TypeEntry::Kind::Resource) return InputError(offset, "type %u is not a resource type", index);
  return e.resource;
}

absl::StatusOr<TypeEntry> Planner::resolveTypeDef(const TypeDef& def, const TypeScope& scope, Frame* frame) {
  using DK = binary::DefinedValType::Kind;
  using VK = ValueType::Kind;
  TypeEntry entry;
  switch (def.kind) {
    case TypeDef::Kind::Instance:
    case TypeDef::Kind::Component:
      entry.kind = def.kind == TypeDef::Kind::Instance ? TypeEntry::Kind::Instance : TypeEntry::Kind::Component;
      entry.def = &def;
      entry.scope = &scope;
      return entry;
    case TypeDef::Kind::Resource: {
      if (!frame) return InputError(def.offset, "resource types can only be defined by a component");
      if (def.resource.isAsync) return UnsupportedError(def.offset, "async resource destructors");
      ResourceInfo info;
      info.definingInstance = frame->instanceId;
      if (def.resource.destructor) {
        WACC_ASSIGN_OR_RETURN(CoreDef dtor, At(frame->coreFuncs, *def.resource.destructor, def.offset, "core func"));
        plan_.destructors[ResourceId(plan_.resources.size())] = dtor;
      }
      entry.kind = TypeEntry::Kind::Resource;
      entry.resource = plan_.resources.size();
      plan_.resources.push_back(std::move(info));
      return entry;
    }
    case TypeDef::Kind::Func: {
      if (def.func.isAsync) return UnsupportedError(def.offset, "async function types (WASI 0.3)");
      if (!def.func.namedResults.empty())
        return UnsupportedError(def.offset, "functions with named results (pre-0.2 component encoding)");
      auto sig = std::make_shared<FuncSignature>();
      for (const auto& p : def.func.params) {
        WACC_ASSIGN_OR_RETURN(TypeRef t, resolveValType(p.type, scope, def.offset));
        sig->params.push_back({p.name, t});
      }
      if (def.func.result) { WACC_ASSIGN_OR_RETURN(sig->result, resolveValType(*def.func.result, scope, def.offset)); }
      entry.kind = TypeEntry::Kind::Func;
      entry.func = std::move(sig);
      return entry;
    }
    case TypeDef::Kind::DefinedVal:
      break;
  }

  const binary::DefinedValType& d = def.value;
  ValueType v;
  auto valType = [&](const binary::ValTypeRef& r) { return resolveValType(r, scope, def.offset); };
  switch (d.kind) {
    case DK::Primitive:
      if (d.prim == binary::PrimValType::ErrorContext) return UnsupportedError(def.offset, "error-context (WASI 0.3)");
      entry.value = plan_.types.primitive(d.prim);
      return entry;
    case DK::Record:
    case DK::Variant:
    case DK::Tuple: {
      v.kind = d.kind == DK::Record ? VK::Record : d.kind == DK::Variant ? VK::Variant : VK::Tuple;
      for (const auto& f : d.fields) {
        WACC_ASSIGN_OR_RETURN(TypeRef t, valType(f.type));
        v.fields.push_back({f.name, t});
      }
      for (const auto& c : d.cases) {
        TypeRef t = nullptr;
        if (c.type) { WACC_ASSIGN_OR_RETURN(t, valType(*c.type)); }
        v.fields.push_back({c.name, t});
      }
      for (const auto& e : d.tupleTypes) {
        WACC_ASSIGN_OR_RETURN(TypeRef t, valType(e));
        v.fields.push_back({"", t});
      }
      break;
    }
    case DK::List:
    case DK::Option: {
      v.kind = d.kind == DK::List ? VK::List : VK::Option;
      WACC_ASSIGN_OR_RETURN(v.element, valType(d.element));
      break;
    }
    case DK::Flags:
    case DK::Enum:
      v.kind = d.kind == DK::Flags ? VK::Flags : VK::Enum;
      v.labels = d.labels;
      break;
    case DK::Result:
      v.kind = VK::Result;
      if (d.ok) { WACC_ASSIGN_OR_RETURN(v.ok, valType(*d.ok)); }
      if (d.err) { WACC_ASSIGN_OR_RETURN(v.err, valType(*d.err)); }
      break;
    case DK::Own:
    case DK::Borrow: {
      v.kind = d.kind == DK::Own ? VK::Own : VK::Borrow;
      WACC_ASSIGN_OR_RETURN(v.resource, resolveResource(d.resourceTypeIndex, scope, def.offset));
      break;
    }
    case DK::FixedList:
      return UnsupportedError(def.offset, "fixed-length lists");
    case DK::Stream:
    case DK::Future:
      return UnsupportedError(def.offset, "%s types (WASI 0.3)", d.kind == DK::Stream ? "stream" : "future");
  }
  entry.value = plan_.types.intern(std::move(v));
  return entry;
}

}  // namespace

absl::StatusOr<std::unique_ptr<InstantiationPlan>> PlanInstantiation(const Component& root) {
  auto plan = std::make_unique<InstantiationPlan>();
  Planner planner(*plan);
  WACC_RETURN_IF_ERROR(planner.run(root));
  return plan;
}

}  // namespace wacc::component
