// The planner instantiates a component at compile time. It runs after the
// validator (compiler/validate), so it assumes valid input: every index is in
// bounds, every alias names an export of the right sort, every instantiation
// has its arguments. What remains here are wacc's own limits
// (UnsupportedError) and InternalErrors for what validation rules out.
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

// Nested instantiations deeper than this are rejected rather than planned
// (a limit on the work, not a validity rule).
constexpr size_t kMaxInstantiationDepth = 100;

struct TypeScope;

// One entry of a component-level type index space.
struct TypeEntry {
  enum class Kind : uint8_t { Value, Func, Resource, Instance, Component };
  Kind kind = Kind::Value;
  TypeRef value = nullptr;              // Value
  std::shared_ptr<FuncSignature> func;  // Func
  ResourceId resource = 0;              // Resource
  const TypeDef* def = nullptr;         // Instance / Component
  const TypeScope* scope = nullptr;     // where `def` was written (for its outer aliases)
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
  FuncIndex func;                           // Func
  TypeEntry type;                           // Type
  std::shared_ptr<InstanceValue> instance;  // Instance
  ComponentClosure component;               // Component
  const CoreModule* module = nullptr;       // Core module
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
  CoreInstanceIndex planIndex;                        // module instance
  absl::flat_hash_map<std::string, CoreDef> exports;  // FromExports
};

// The state of one component instance being instantiated.
struct Frame {
  const Component* component = nullptr;
  const Frame* lexicalParent = nullptr;
  ComponentInstanceIndex instanceId;
  absl::flat_hash_map<std::string, Item> args;
  size_t nextDefinition = 0;
  size_t instantiateOffset = 0;

  TypeScope types;
  std::vector<CoreDef> coreFuncs, coreTables, coreMemories, coreGlobals;
  std::vector<const CoreModule*> coreModules;
  std::vector<CoreInstanceValue> coreInstances;
  std::vector<FuncIndex> funcs;
  std::vector<std::shared_ptr<InstanceValue>> instances;
  std::vector<ComponentClosure> components;
  std::shared_ptr<InstanceValue> exports = std::make_shared<InstanceValue>();
};

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

  CoreDef coreExport(const CoreInstanceValue& inst, const std::string& name);
  CoreDef resolveModuleItem(CoreInstanceIndex planIndex, ExternalKind kind, uint32_t index);
  CoreDef coreItem(Frame& frame, CoreSort sort, uint32_t index);
  Item item(Frame& frame, const SortIndex& ref);
  void pushItem(Frame& frame, const Item& item);
  ResolvedCanonOptions canonOptions(Frame& frame, const binary::CanonOptions& o);

  TypeEntry resolveTypeDef(const TypeDef& def, const TypeScope& scope, Frame* frame);
  TypeRef resolveValType(const binary::ValTypeRef& ref, const TypeScope& scope);
  ResourceId resolveResource(uint32_t index, const TypeScope& scope);
  absl::StatusOr<std::shared_ptr<InstanceValue>> hostInstance(const std::string& name, const TypeEntry& type,
                                                              size_t offset);

  InstantiationPlan& plan_;
  std::deque<std::unique_ptr<Frame>> frames_;  // every frame ever created: lexical parents stay alive
};

// --- Driving the explicit stack ------------------------------------------------

absl::Status Planner::run(const Component& root) {
  auto rootFrame = std::make_unique<Frame>();
  rootFrame->component = &root;
  rootFrame->instanceId = ComponentInstanceIndex(plan_.numComponentInstances++);
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
    case Definition::Kind::CoreInstance: return defineCoreInstance(frame, c.coreInstances[def.index]);
    case Definition::Kind::CoreType: return absl::OkStatus();  // core types only describe; nothing to plan
    case Definition::Kind::Component:
      frame.components.push_back({c.components[def.index].get(), &frame});
      return absl::OkStatus();
    case Definition::Kind::Instance: return defineInstance(frame, c.instances[def.index], pushedChild);
    case Definition::Kind::Alias: return defineAlias(frame, c.aliases[def.index]);
    case Definition::Kind::Type:
      frame.types.types.push_back(resolveTypeDef(c.types[def.index], frame.types, &frame));
      return absl::OkStatus();
    case Definition::Kind::Canon: return defineCanon(frame, c.canons[def.index]);
    case Definition::Kind::Start: return absl::InternalError("start functions are rejected by validation");
    case Definition::Kind::Import: return defineImport(frame, c.imports[def.index]);
    case Definition::Kind::Export: return defineExport(frame, c.exports[def.index]);
  }
  return absl::InternalError("unknown definition kind");
}

absl::Status Planner::finishFrame(Frame& frame) {
  if (frame.lexicalParent != nullptr || frame.instanceId != ComponentInstanceIndex(0)) return absl::OkStatus();
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

CoreDef Planner::resolveModuleItem(CoreInstanceIndex planIndex, ExternalKind kind, uint32_t index) {
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

// Validation guarantees the export exists.
CoreDef Planner::coreExport(const CoreInstanceValue& inst, const std::string& name) {
  if (!inst.isModuleInstance) return inst.exports.at(name);
  const binary::CoreExport* e = plan_.coreInstances[inst.planIndex].module->findExport(name);
  return resolveModuleItem(inst.planIndex, e->kind, e->index);
}

CoreDef Planner::coreItem(Frame& frame, CoreSort sort, uint32_t index) {
  switch (sort) {
    case CoreSort::Table: return frame.coreTables[index];
    case CoreSort::Memory: return frame.coreMemories[index];
    case CoreSort::Global: return frame.coreGlobals[index];
    default: return frame.coreFuncs[index];  // validation admits no other sort
  }
}

absl::Status Planner::defineCoreInstance(Frame& frame, const binary::CoreInstanceDef& def) {
  CoreInstanceValue value;
  if (def.kind == binary::CoreInstanceDef::Kind::FromExports) {
    value.isModuleInstance = false;
    for (const auto& e : def.exports) value.exports[e.name] = coreItem(frame, e.item.sort, e.item.index);
    frame.coreInstances.push_back(std::move(value));
    return absl::OkStatus();
  }

  const CoreModule* module = frame.coreModules[def.moduleIndex];
  PlannedCoreInstance planned;
  planned.module = module;
  planned.componentInstance = frame.instanceId;
  planned.debugName = module->name.empty() ? absl::StrCat("instance", plan_.coreInstances.size()) : module->name;
  for (const binary::CoreImport& imp : module->imports) {
    const binary::CoreInstanceDef::Arg* arg = nullptr;
    for (const auto& a : def.args)
      if (a.name == imp.module) arg = &a;
    if (!arg) return absl::InternalError("core instantiation argument missing after validation");
    planned.imports.push_back(coreExport(frame.coreInstances[arg->instanceIndex], imp.name));
  }
  value.planIndex = plan_.coreInstances.push_back(std::move(planned));
  frame.coreInstances.push_back(std::move(value));
  return absl::OkStatus();
}

// --- Component instances ----------------------------------------------------------

Item Planner::item(Frame& frame, const SortIndex& ref) {
  Item it;
  it.sort = ref.sort;
  it.coreSort = ref.coreSort;
  switch (ref.sort) {
    case Sort::Func: it.func = frame.funcs[ref.index]; break;
    case Sort::Type: it.type = frame.types.types[ref.index]; break;
    case Sort::Instance: it.instance = frame.instances[ref.index]; break;
    case Sort::Component: it.component = frame.components[ref.index]; break;
    case Sort::Core: it.module = frame.coreModules[ref.index]; break;  // validation admits only modules
    case Sort::Value: break;                                           // rejected by validation
  }
  return it;
}

void Planner::pushItem(Frame& frame, const Item& it) {
  switch (it.sort) {
    case Sort::Func: frame.funcs.push_back(it.func); break;
    case Sort::Type: frame.types.types.push_back(it.type); break;
    case Sort::Instance: frame.instances.push_back(it.instance); break;
    case Sort::Component: frame.components.push_back(it.component); break;
    case Sort::Core: frame.coreModules.push_back(it.module); break;
    case Sort::Value: break;
  }
}

absl::Status Planner::defineInstance(Frame& frame, const binary::InstanceDef& def, bool& pushedChild) {
  if (def.kind == binary::InstanceDef::Kind::FromExports) {
    auto value = std::make_shared<InstanceValue>();
    for (const auto& e : def.exports) value->add(e.name, item(frame, e.item));
    frame.instances.push_back(std::move(value));
    return absl::OkStatus();
  }
  ComponentClosure closure = frame.components[def.componentIndex];
  auto child = std::make_unique<Frame>();
  child->component = closure.component;
  child->lexicalParent = closure.lexicalParent;
  child->types.parent = &closure.lexicalParent->types;
  child->instanceId = ComponentInstanceIndex(plan_.numComponentInstances++);
  child->instantiateOffset = def.offset;
  for (const auto& a : def.args) child->args[a.name] = item(frame, a.item);
  frames_.push_back(std::move(child));
  pushedChild = true;  // its exports become this frame's next instance when it finishes
  return absl::OkStatus();
}

// --- Aliases ---------------------------------------------------------------------------

absl::Status Planner::defineAlias(Frame& frame, const AliasDef& def) {
  switch (def.target) {
    case AliasDef::Target::InstanceExport:
      pushItem(frame, frame.instances[def.instanceIndex]->exports.at(def.name));
      return absl::OkStatus();
    case AliasDef::Target::CoreInstanceExport: {
      CoreDef d = coreExport(frame.coreInstances[def.instanceIndex], def.name);
      switch (def.sort.coreSort) {
        case CoreSort::Table: frame.coreTables.push_back(d); break;
        case CoreSort::Memory: frame.coreMemories.push_back(d); break;
        case CoreSort::Global: frame.coreGlobals.push_back(d); break;
        default: frame.coreFuncs.push_back(d); break;  // validation admits no other sort
      }
      return absl::OkStatus();
    }
    case AliasDef::Target::Outer: {
      const Frame* target = &frame;
      for (uint32_t i = 0; i < def.outerCount; ++i) target = target->lexicalParent;
      Item it;
      it.sort = def.sort.sort;
      it.coreSort = def.sort.coreSort;
      if (def.sort.sort == Sort::Type) {
        it.type = target->types.types[def.outerIndex];
      } else if (def.sort.sort == Sort::Component) {
        it.component = target->components[def.outerIndex];
      } else if (def.sort.sort == Sort::Core && def.sort.coreSort == CoreSort::Module) {
        it.module = target->coreModules[def.outerIndex];
      } else {
        return absl::OkStatus();  // core types are not planned
      }
      pushItem(frame, it);
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unknown alias target");
}

// --- Canonical definitions --------------------------------------------------------

ResolvedCanonOptions Planner::canonOptions(Frame& frame, const binary::CanonOptions& o) {
  ResolvedCanonOptions r;
  r.stringEncoding = o.stringEncoding;
  if (o.memory) r.memory = frame.coreMemories[*o.memory];
  if (o.realloc) r.realloc = frame.coreFuncs[*o.realloc];
  if (o.postReturn) r.postReturn = frame.coreFuncs[*o.postReturn];
  r.isAsync = o.isAsync;
  if (o.callback) r.callback = frame.coreFuncs[*o.callback];
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
  d.trampoline = plan_.trampolines.push_back(std::move(t));
  frame.coreFuncs.push_back(d);
  return absl::OkStatus();
}

absl::Status Planner::defineCanon(Frame& frame, const CanonDef& def) {
  switch (def.kind) {
    case CanonDef::Kind::Lift: {
      ComponentFunc f;
      f.kind = ComponentFunc::Kind::Lifted;
      f.signature = *frame.types.types[def.typeIndex].func;
      f.coreFunc = frame.coreFuncs[def.funcIndex];
      f.options = canonOptions(frame, def.options);
      f.componentInstance = frame.instanceId;
      f.offset = def.offset;
      frame.funcs.push_back(plan_.funcs.push_back(std::move(f)));
      return absl::OkStatus();
    }
    case CanonDef::Kind::Lower: {
      FuncIndex func = frame.funcs[def.funcIndex];
      Trampoline t;
      t.kind = plan_.funcs[func].kind == ComponentFunc::Kind::HostImport ? Trampoline::Kind::LowerHostImport
                                                                         : Trampoline::Kind::LowerLifted;
      t.func = func;
      t.options = canonOptions(frame, def.options);
      return addTrampoline(frame, std::move(t), def.offset);
    }
    case CanonDef::Kind::ResourceNew:
    case CanonDef::Kind::ResourceRep:
    case CanonDef::Kind::ResourceDrop: {
      ResourceId r = resolveResource(def.typeIndex, frame.types);
      Trampoline t;
      t.kind = def.kind == CanonDef::Kind::ResourceNew   ? Trampoline::Kind::ResourceNew
               : def.kind == CanonDef::Kind::ResourceRep ? Trampoline::Kind::ResourceRep
                                                         : Trampoline::Kind::ResourceDrop;
      t.resource = r;
      return addTrampoline(frame, std::move(t), def.offset);
    }
    case CanonDef::Kind::Builtin: {
      using B = binary::CanonBuiltin;
      Trampoline t;
      t.kind = Trampoline::Kind::Builtin;
      t.builtin = def.builtin;
      t.immediate = def.immediate;
      t.flag = def.flag;
      t.options = canonOptions(frame, def.options);
      if (def.builtin == B::TaskReturn) {
        if (def.taskResult) t.builtinType = resolveValType(*def.taskResult, frame.types);
      } else if (def.builtin == B::WaitableSetWait || def.builtin == B::WaitableSetPoll) {
        t.options.memory = frame.coreMemories[def.immediate];
      } else if (def.builtin == B::ThreadNewIndirect) {
        t.table = frame.coreTables[def.immediate];
      } else if (def.builtin >= B::StreamNew && def.builtin <= B::FutureDropWritable) {
        t.builtinType = frame.types.types[def.typeIndex].value->element;
      }
      return addTrampoline(frame, std::move(t), def.offset);
    }
    case CanonDef::Kind::Other: return absl::InternalError("shared-everything built-ins are rejected by validation");
  }
  return absl::InternalError("unknown canon kind");
}

// --- Imports and exports --------------------------------------------------------------

absl::Status Planner::defineImport(Frame& frame, const binary::ImportDef& def) {
  if (frame.lexicalParent != nullptr) {
    // A nested component: the instantiation supplies the import.
    auto it = frame.args.find(def.name);
    if (it == frame.args.end()) return absl::InternalError("instantiation argument missing after validation");
    pushItem(frame, it->second);
    return absl::OkStatus();
  }
  if (def.desc.kind != ExternDesc::Kind::Instance)
    return UnsupportedError(def.offset, "import '%s': the host provides only interface (instance) imports", def.name);
  const TypeEntry& type = frame.types.types[def.desc.typeIndex];
  // `(import "label" (implements "ns:pkg/iface") ...)`: the host provides
  // the interface the attribute names.
  const std::string& interfaceName = def.attrs.implements ? *def.attrs.implements : def.name;
  WACC_ASSIGN_OR_RETURN(auto instance, hostInstance(interfaceName, type, def.offset));
  frame.instances.push_back(std::move(instance));
  return absl::OkStatus();
}

absl::Status Planner::defineExport(Frame& frame, const binary::ExportDef& def) {
  Item it = item(frame, def.item);
  frame.exports->add(def.name, it);
  // An export also defines a new index in its sort's index space.
  pushItem(frame, it);
  return absl::OkStatus();
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
      case TypeDecl::Kind::CoreType: break;
      case TypeDecl::Kind::Type: local.types.push_back(resolveTypeDef(*decl.type, local, nullptr)); break;
      case TypeDecl::Kind::Alias: {
        const AliasDef& a = decl.alias;
        if (a.target != AliasDef::Target::Outer || a.sort.sort != Sort::Type)
          return UnsupportedError(decl.offset, "alias other than an outer type alias in an instance type");
        const TypeScope* s = &local;
        for (uint32_t i = 0; i < a.outerCount; ++i) s = s->parent;
        local.types.push_back(s->types[a.outerIndex]);
        break;
      }
      case TypeDecl::Kind::Import: return absl::InternalError("instance type imports are rejected by the reader");
      case TypeDecl::Kind::Export: {
        Item it;
        if (decl.desc.kind == ExternDesc::Kind::Type) {
          it.sort = Sort::Type;
          if (decl.desc.bound == ExternDesc::TypeBound::SubResource) {
            ResourceInfo info;
            info.isHost = true;
            info.interfaceName = std::string(StripVersion(name));
            if (size_t at = name.find('@'); at != std::string::npos) info.interfaceVersion = name.substr(at + 1);
            info.name = decl.name;
            it.type.kind = TypeEntry::Kind::Resource;
            it.type.resource = plan_.resources.size();
            plan_.resources.push_back(std::move(info));
          } else {
            it.type = local.types[decl.desc.typeIndex];
          }
          local.types.push_back(it.type);
        } else if (decl.desc.kind == ExternDesc::Kind::Func) {
          const TypeEntry& ft = local.types[decl.desc.typeIndex];
          ComponentFunc f;
          f.kind = ComponentFunc::Kind::HostImport;
          f.signature = *ft.func;
          f.instanceName = name;
          f.funcName = decl.name;
          f.offset = offset;
          it.sort = Sort::Func;
          it.func = plan_.funcs.push_back(std::move(f));
        } else {
          return UnsupportedError(
              decl.offset, "host instance '%s' exporting a %s", name,
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

TypeRef Planner::resolveValType(const binary::ValTypeRef& ref, const TypeScope& scope) {
  if (ref.isPrimitive) return plan_.types.primitive(ref.prim);
  return scope.types[ref.typeIndex].value;
}

ResourceId Planner::resolveResource(uint32_t index, const TypeScope& scope) { return scope.types[index].resource; }

// Validation has rejected what wacc does not support (async, streams,
// futures, fixed-length lists, error-context) and every malformed type.
TypeEntry Planner::resolveTypeDef(const TypeDef& def, const TypeScope& scope, Frame* frame) {
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
      ResourceInfo info;
      info.definingInstance = frame->instanceId;
      if (def.resource.destructor)
        plan_.destructors[ResourceId(plan_.resources.size())] = frame->coreFuncs[*def.resource.destructor];
      entry.kind = TypeEntry::Kind::Resource;
      entry.resource = plan_.resources.size();
      plan_.resources.push_back(std::move(info));
      return entry;
    }
    case TypeDef::Kind::Func: {
      auto sig = std::make_shared<FuncSignature>();
      for (const auto& p : def.func.params) sig->params.push_back({p.name, resolveValType(p.type, scope)});
      if (def.func.result) sig->result = resolveValType(*def.func.result, scope);
      sig->isAsync = def.func.isAsync;
      entry.kind = TypeEntry::Kind::Func;
      entry.func = std::move(sig);
      return entry;
    }
    case TypeDef::Kind::DefinedVal: break;
  }

  const binary::DefinedValType& d = def.value;
  ValueType v;
  auto valType = [&](const binary::ValTypeRef& r) { return resolveValType(r, scope); };
  switch (d.kind) {
    case DK::Primitive: entry.value = plan_.types.primitive(d.prim); return entry;
    case DK::Record:
    case DK::Variant:
    case DK::Tuple:
      v.kind = d.kind == DK::Record ? VK::Record : d.kind == DK::Variant ? VK::Variant : VK::Tuple;
      for (const auto& f : d.fields) v.fields.push_back({f.name, valType(f.type)});
      for (const auto& c : d.cases) v.fields.push_back({c.name, c.type ? valType(*c.type) : nullptr});
      for (const auto& e : d.tupleTypes) v.fields.push_back({"", valType(e)});
      break;
    case DK::List:
    case DK::Option:
      v.kind = d.kind == DK::List ? VK::List : VK::Option;
      v.element = valType(d.element);
      break;
    case DK::Flags:
    case DK::Enum:
      v.kind = d.kind == DK::Flags ? VK::Flags : VK::Enum;
      v.labels = d.labels;
      break;
    case DK::Result:
      v.kind = VK::Result;
      if (d.ok) v.ok = valType(*d.ok);
      if (d.err) v.err = valType(*d.err);
      break;
    case DK::Own:
    case DK::Borrow:
      v.kind = d.kind == DK::Own ? VK::Own : VK::Borrow;
      v.resource = resolveResource(d.resourceTypeIndex, scope);
      break;
    case DK::Stream:
    case DK::Future:
      v.kind = d.kind == DK::Stream ? VK::Stream : VK::Future;
      if (d.payload) v.element = valType(*d.payload);
      break;
    case DK::FixedList: break;  // rejected by validation
    case DK::Map: {
      ValueType pair;
      pair.kind = VK::Tuple;
      pair.fields = {{"", valType(d.element)}, {"", valType(d.mapValue)}};
      v.kind = VK::List;
      v.isMap = true;
      v.element = plan_.types.intern(std::move(pair));
      break;
    }
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
