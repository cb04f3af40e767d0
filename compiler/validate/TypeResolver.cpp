// Resolving type definitions: value, function, instance and component types
// from the binary's syntax (indices into a scope's type index space) to the
// validator's self-contained types.
//
// Component and instance type declarations are resolved by recursion on
// their nesting, which the reader bounds (kMaxTypeNesting); value types refer
// only to earlier entries, so resolving one never recurses.
#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "compiler/validate/Names.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {
namespace {

using binary::AliasDef;
using binary::ExternDesc;
using binary::Sort;
using binary::TypeDecl;
using binary::TypeDef;

absl::StatusOr<TypeEntry> TypeAt(const TypeScope& scope, uint32_t index, size_t offset) {
  if (index >= scope.types.size())
    return InputError(offset, "type index %u out of bounds (%u types defined)", index, scope.types.size());
  return scope.types[index];
}

const char* EntryKindName(TypeEntry::Kind kind) {
  switch (kind) {
    case TypeEntry::Kind::Value: return "a value type";
    case TypeEntry::Kind::Func: return "a function type";
    case TypeEntry::Kind::Resource: return "a resource type";
    case TypeEntry::Kind::Instance: return "an instance type";
    case TypeEntry::Kind::Component: return "a component type";
  }
  return "?";
}

absl::StatusOr<TypeEntry> TypeOfKind(const TypeScope& scope, uint32_t index, TypeEntry::Kind kind, size_t offset) {
  WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeAt(scope, index, offset));
  if (e.kind != kind)
    return InputError(offset, "type %u is %s, expected %s", index, EntryKindName(e.kind), EntryKindName(kind));
  return e;
}

// Labels of records, variants, flags, enums and parameters: kebab-case and
// distinct.
template <typename Names>
absl::Status CheckLabels(const Names& names, const char* what, size_t offset) {
  absl::flat_hash_set<std::string> seen;
  for (const std::string& n : names) {
    if (!IsLabel(n)) return InputError(offset, "%s name '%s' is not a kebab-case label", what, n);
    std::string folded;
    for (char c : n) folded.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
    if (!seen.insert(folded).second) return InputError(offset, "duplicate %s name '%s'", what, n);
  }
  return absl::OkStatus();
}

// Records what a reference to an (already resolved) value type needs visible.
void AddRefs(const binary::ValTypeRef& ref, const TypeScope& scope, NameRefsBuilder& refs) {
  if (!ref.isPrimitive) refs.refer(scope.types[ref.typeIndex]);
}

// Also collects in `inner` the names the type's contents refer to.
absl::StatusOr<TypeRef> ResolveDefinedValType(TypeContext& ctx, const binary::DefinedValType& d, const TypeScope& scope,
                                              size_t offset, NameRefs& innerRefs) {
  NameRefsBuilder inner;
  using DK = binary::DefinedValType::Kind;
  using VK = ValueType::Kind;
  auto valType = [&](const binary::ValTypeRef& r) -> absl::StatusOr<TypeRef> {
    WACC_ASSIGN_OR_RETURN(TypeRef t, ResolveValType(ctx, r, scope, offset));
    AddRefs(r, scope, inner);
    return t;
  };
  ValueType v;
  std::vector<std::string> names;
  switch (d.kind) {
    case DK::Primitive: return ctx.primitive(d.prim);
    case DK::Record: {
      v.kind = VK::Record;
      for (const auto& f : d.fields) {
        WACC_ASSIGN_OR_RETURN(TypeRef t, valType(f.type));
        v.fields.push_back({f.name, t});
        names.push_back(f.name);
      }
      WACC_RETURN_IF_ERROR(CheckLabels(names, "record field", offset));
      break;
    }
    case DK::Variant: {
      v.kind = VK::Variant;
      for (const auto& c : d.cases) {
        TypeRef t = nullptr;
        if (c.type) {
          WACC_ASSIGN_OR_RETURN(t, valType(*c.type));
        }
        v.fields.push_back({c.name, t});
        names.push_back(c.name);
      }
      WACC_RETURN_IF_ERROR(CheckLabels(names, "variant case", offset));
      break;
    }
    case DK::Tuple: {
      v.kind = VK::Tuple;
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
      if (d.kind == DK::Flags && d.labels.size() > 32)
        return InputError(offset, "flags type has %u labels, at most 32 are allowed", d.labels.size());
      WACC_RETURN_IF_ERROR(CheckLabels(d.labels, d.kind == DK::Flags ? "flag" : "enum case", offset));
      v.labels = d.labels;
      break;
    case DK::Result: {
      v.kind = VK::Result;
      if (d.ok) {
        WACC_ASSIGN_OR_RETURN(v.ok, valType(*d.ok));
      }
      if (d.err) {
        WACC_ASSIGN_OR_RETURN(v.err, valType(*d.err));
      }
      break;
    }
    case DK::Own:
    case DK::Borrow: {
      v.kind = d.kind == DK::Own ? VK::Own : VK::Borrow;
      WACC_ASSIGN_OR_RETURN(TypeEntry r, TypeAt(scope, d.resourceTypeIndex, offset));
      if (r.kind != TypeEntry::Kind::Resource)
        return InputError(offset, "%s of type %u, which is %s; expected a resource type",
                          d.kind == DK::Own ? "own" : "borrow", d.resourceTypeIndex, EntryKindName(r.kind));
      v.resource = r.resource;
      inner.referName(r.name);
      break;
    }
    case DK::FixedList: return UnsupportedError(offset, "fixed-length lists");
    case DK::Map: {
      // list<tuple<K, V>> as far as the ABI goes, a type of its own as far
      // as typing goes.
      ValueType pair;
      pair.kind = VK::Tuple;
      WACC_ASSIGN_OR_RETURN(TypeRef key, valType(d.element));
      WACC_ASSIGN_OR_RETURN(TypeRef value, valType(d.mapValue));
      pair.fields = {{"", key}, {"", value}};
      v.kind = VK::List;
      v.isMap = true;
      WACC_ASSIGN_OR_RETURN(v.element, ctx.intern(std::move(pair), offset));
      break;
    }
    case DK::Stream:
    case DK::Future:
      v.kind = d.kind == DK::Stream ? VK::Stream : VK::Future;
      if (d.payload) {
        // component-model#607: streams of char are reserved for now (a
        // stream of text may get its own type).
        if (d.kind == DK::Stream && d.payload->isPrimitive && d.payload->prim == binary::PrimValType::Char)
          return InputError(offset, "`stream<char>` is not valid at this time");
        WACC_ASSIGN_OR_RETURN(v.element, valType(*d.payload));
        // A temporary limitation of the ABI (component-model#607).
        if (d.kind == DK::Stream && v.element == ctx.primitive(binary::PrimValType::Char))
          return InputError(offset, "`stream<char>` is not valid");
        if (ctx.info(v.element).containsBorrow)
          return InputError(offset, "%s payload %s contains a borrow handle",
                            d.kind == DK::Stream ? "stream" : "future", ctx.str(v.element));
      }
      break;
  }
  innerRefs = inner.build();
  return ctx.intern(std::move(v), offset);
}

absl::StatusOr<FuncTypePtr> ResolveFuncType(TypeContext& ctx, const binary::ComponentFuncType& f,
                                            const TypeScope& scope, size_t offset, NameRefs& funcRefs) {
  NameRefsBuilder refs;
  if (!f.namedResults.empty())
    return UnsupportedError(offset, "functions with named results (pre-0.2 component encoding)");
  auto sig = std::make_shared<FuncSignature>();
  sig->isAsync = f.isAsync;
  std::vector<std::string> names;
  for (const auto& p : f.params) {
    WACC_ASSIGN_OR_RETURN(TypeRef t, ResolveValType(ctx, p.type, scope, offset));
    sig->params.push_back({p.name, t});
    names.push_back(p.name);
    AddRefs(p.type, scope, refs);
  }
  WACC_RETURN_IF_ERROR(CheckLabels(names, "parameter", offset));
  if (f.result) {
    WACC_ASSIGN_OR_RETURN(sig->result, ResolveValType(ctx, *f.result, scope, offset));
    AddRefs(*f.result, scope, refs);
    // A borrowed handle lives only for the call; returning one would
    // outlive it.
    if (ctx.info(sig->result).containsBorrow)
      return InputError(offset, "function result %s contains a borrow handle; borrows may only be parameters",
                        ctx.str(sig->result));
  }
  funcRefs = refs.build();
  return FuncTypePtr(std::move(sig));
}

absl::Status DeclareAlias(const TypeDecl& decl, TypeScope& local) {
  const AliasDef& a = decl.alias;
  if (a.target == AliasDef::Target::Outer) {
    const TypeScope* s = &local;
    bool crossesComponent = false;
    for (uint32_t i = 0; i < a.outerCount && s; ++i) {
      crossesComponent |= s->isComponent;
      s = s->parent;
    }
    if (!s) return InputError(decl.offset, "outer alias count %u exceeds the nesting depth", a.outerCount);
    if (a.sort.sort == Sort::Type) {
      WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeAt(*s, a.outerIndex, decl.offset));
      if (crossesComponent && RefersToResources(e))
        return InputError(decl.offset,
                          "outer alias of type %u across a component boundary: it transitively refers to resources",
                          a.outerIndex);
      local.types.push_back(std::move(e));
      return absl::OkStatus();
    }
    if (a.sort.sort == Sort::Core && a.sort.coreSort == binary::CoreSort::Type) {
      if (a.outerIndex >= s->coreTypes.size())
        return InputError(decl.offset, "core type index %u out of bounds (%u core types defined)", a.outerIndex,
                          s->coreTypes.size());
      local.coreTypes.push_back(s->coreTypes[a.outerIndex]);
      return absl::OkStatus();
    }
    return InputError(decl.offset, "outer alias of a %s in a type declaration; only types may be aliased",
                      binary::SortName(a.sort.sort, a.sort.coreSort));
  }
  if (a.target == AliasDef::Target::InstanceExport) {
    if (a.instanceIndex >= local.instances.size())
      return InputError(decl.offset, "instance index %u out of bounds (%u instances declared)", a.instanceIndex,
                        local.instances.size());
    const ExternType* e = local.instances[a.instanceIndex]->find(a.name);
    if (!e) return InputError(decl.offset, "instance %u has no export named '%s'", a.instanceIndex, a.name);
    if (a.sort.sort != Sort::Type || e->kind != ExternType::Kind::Type)
      return UnsupportedError(decl.offset, "alias of an instance's %s export in a type declaration",
                              binary::SortName(a.sort.sort, a.sort.coreSort));
    local.types.push_back(e->type);
    return absl::OkStatus();
  }
  return InputError(decl.offset, "core export alias in a type declaration");
}

// The declarations of an instance type (`component` false) or a component
// type, in a new scope inside `scope`.
absl::Status ResolveDecls(TypeContext& ctx, const TypeDef& def, const TypeScope& scope, InstanceType* instance,
                          ComponentType* component) {
  TypeScope local;
  local.parent = &scope;
  ExternNames names;
  VisibleNames visible;  // component types only
  for (const TypeDecl& decl : def.decls) {
    switch (decl.kind) {
      case TypeDecl::Kind::CoreType: {
        WACC_ASSIGN_OR_RETURN(CoreTypeEntry t, ResolveCoreType(*decl.coreType, local));
        local.coreTypes.push_back(std::move(t));
        break;
      }
      case TypeDecl::Kind::Type: {
        if (decl.type->kind == TypeDef::Kind::Resource)
          return InputError(decl.offset, "resource types can only be defined by a component, not declared in a type");
        WACC_ASSIGN_OR_RETURN(TypeEntry e, ResolveTypeDef(ctx, *decl.type, local));
        local.types.push_back(std::move(e));
        break;
      }
      case TypeDecl::Kind::Alias: WACC_RETURN_IF_ERROR(DeclareAlias(decl, local)); break;
      case TypeDecl::Kind::Import:
      case TypeDecl::Kind::Export: {
        bool isImport = decl.kind == TypeDecl::Kind::Import;
        if (isImport && !component) return InputError(decl.offset, "an instance type cannot declare imports");
        WACC_ASSIGN_OR_RETURN(ExternType t, ResolveExternDesc(ctx, decl.desc, local, decl.name, decl.offset));
        if (t.kind == ExternType::Kind::Instance) {
          // Each declared instance has resources of its own.
          WACC_ASSIGN_OR_RETURN(t.instance, FreshenInstance(ctx, *t.instance, decl.offset));
        }
        WACC_RETURN_IF_ERROR(names.add(ctx, isImport, decl.name, t, decl.offset, decl.attrs));
        if (component) {
          std::string why = CheckVisibility(visible, isImport, t);
          if (!why.empty()) return InputError(decl.offset, "%s '%s': %s", isImport ? "import" : "export", decl.name, why);
        }
        PushToScope(local, t);
        uint32_t depth = ExternDepth(t) + 1;
        if (depth > kMaxTypeDepth)
          return InputError(decl.offset, "instance and component types nested deeper than %u levels", kMaxTypeDepth);
        if (instance) {
          instance->add(decl.name, std::move(t));
        } else {
          component->depth = std::max(component->depth, depth);
          (isImport ? component->imports : component->exports).push_back({decl.name, std::move(t)});
        }
        break;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TypeRef> ResolveValType(TypeContext& ctx, const binary::ValTypeRef& ref, const TypeScope& scope,
                                       size_t offset) {
  if (ref.isPrimitive) return ctx.primitive(ref.prim);
  WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeOfKind(scope, ref.typeIndex, TypeEntry::Kind::Value, offset));
  return e.value;
}

absl::StatusOr<TypeEntry> ResolveTypeDef(TypeContext& ctx, const TypeDef& def, const TypeScope& scope) {
  TypeEntry entry;
  entry.name = ctx.newName();
  switch (def.kind) {
    case TypeDef::Kind::DefinedVal: {
      entry.kind = TypeEntry::Kind::Value;
      WACC_ASSIGN_OR_RETURN(entry.value, ResolveDefinedValType(ctx, def.value, scope, def.offset, entry.inner));
      return entry;
    }
    case TypeDef::Kind::Func: {
      entry.kind = TypeEntry::Kind::Func;
      WACC_ASSIGN_OR_RETURN(entry.func, ResolveFuncType(ctx, def.func, scope, def.offset, entry.inner));
      return entry;
    }
    case TypeDef::Kind::Instance: {
      auto instance = std::make_shared<InstanceType>();
      WACC_RETURN_IF_ERROR(ResolveDecls(ctx, def, scope, instance.get(), nullptr));
      entry.kind = TypeEntry::Kind::Instance;
      entry.instance = std::move(instance);
      return entry;
    }
    case TypeDef::Kind::Component: {
      auto component = std::make_shared<ComponentType>();
      component->firstOwn = ctx.numResources();
      WACC_RETURN_IF_ERROR(ResolveDecls(ctx, def, scope, nullptr, component.get()));
      component->endOwn = ctx.numResources();
      entry.kind = TypeEntry::Kind::Component;
      entry.component = std::move(component);
      return entry;
    }
    case TypeDef::Kind::Resource: break;
  }
  return InputError(def.offset, "resource types can only be defined by a component");
}

absl::StatusOr<ExternType> ResolveExternDesc(TypeContext& ctx, const ExternDesc& desc, const TypeScope& scope,
                                             const std::string& name, size_t offset) {
  ExternType t;
  switch (desc.kind) {
    case ExternDesc::Kind::CoreModule: {
      if (desc.typeIndex >= scope.coreTypes.size())
        return InputError(offset, "core type index %u out of bounds (%u core types defined)", desc.typeIndex,
                          scope.coreTypes.size());
      const CoreTypeEntry& core = scope.coreTypes[desc.typeIndex];
      if (!core.isModule) return InputError(offset, "core type index %u is not a module type", desc.typeIndex);
      t.kind = ExternType::Kind::Module;
      t.module = core.module;
      return t;
    }
    case ExternDesc::Kind::Value: return UnsupportedError(offset, "component values");
    case ExternDesc::Kind::Func: {
      t.kind = ExternType::Kind::Func;
      WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeOfKind(scope, desc.typeIndex, TypeEntry::Kind::Func, offset));
      t.func = e.func;
      t.funcRefs = e.inner;
      return t;
    }
    case ExternDesc::Kind::Instance: {
      t.kind = ExternType::Kind::Instance;
      WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeOfKind(scope, desc.typeIndex, TypeEntry::Kind::Instance, offset));
      t.instance = e.instance;
      return t;
    }
    case ExternDesc::Kind::Component: {
      t.kind = ExternType::Kind::Component;
      WACC_ASSIGN_OR_RETURN(TypeEntry e, TypeOfKind(scope, desc.typeIndex, TypeEntry::Kind::Component, offset));
      t.component = e.component;
      return t;
    }
    case ExternDesc::Kind::Type: {
      t.kind = ExternType::Kind::Type;
      if (desc.bound == ExternDesc::TypeBound::SubResource) {
        t.type.kind = TypeEntry::Kind::Resource;
        t.type.resource = ctx.newResource(name);
        t.abstract = true;
      } else {
        WACC_ASSIGN_OR_RETURN(t.type, TypeAt(scope, desc.typeIndex, offset));
      }
      // A new index entry (the import's or export's), with its own name.
      t.type.name = ctx.newName();
      return t;
    }
  }
  return absl::InternalError("unknown extern kind");
}

void PushToScope(TypeScope& scope, const ExternType& type) {
  if (type.kind == ExternType::Kind::Type) scope.types.push_back(type.type);
  if (type.kind == ExternType::Kind::Instance) scope.instances.push_back(type.instance);
}

namespace {

bool ValueRefersToResources(TypeRef t) {
  if (!t) return false;
  if (t->kind == ValueType::Kind::Own || t->kind == ValueType::Kind::Borrow) return true;
  for (const ValueType::Field& f : t->fields)
    if (ValueRefersToResources(f.type)) return true;
  return ValueRefersToResources(t->element) || ValueRefersToResources(t->ok) || ValueRefersToResources(t->err);
}

bool FuncRefersToResources(const FuncSignature& sig) {
  for (const auto& p : sig.params)
    if (ValueRefersToResources(p.type)) return true;
  return ValueRefersToResources(sig.result);
}

bool ExternRefersToResources(const ExternType& t) {
  switch (t.kind) {
    case ExternType::Kind::Module: return false;
    case ExternType::Kind::Func: return FuncRefersToResources(*t.func);
    case ExternType::Kind::Type: return RefersToResources(t.type);
    case ExternType::Kind::Instance:
      for (const NamedExtern& e : t.instance->exports)
        if (ExternRefersToResources(e.type)) return true;
      return false;
    case ExternType::Kind::Component:
      for (const auto* list : {&t.component->imports, &t.component->exports})
        for (const NamedExtern& e : *list)
          if (ExternRefersToResources(e.type)) return true;
      return false;
  }
  return false;
}

}  // namespace

// Types nest only as deep as the reader and resolver allow (kMaxTypeDepth).
bool RefersToResources(const TypeEntry& type) {
  switch (type.kind) {
    case TypeEntry::Kind::Value: return ValueRefersToResources(type.value);
    case TypeEntry::Kind::Func: return FuncRefersToResources(*type.func);
    case TypeEntry::Kind::Resource: return true;
    case TypeEntry::Kind::Instance: {
      ExternType e;
      e.kind = ExternType::Kind::Instance;
      e.instance = type.instance;
      return ExternRefersToResources(e);
    }
    case TypeEntry::Kind::Component: {
      ExternType e;
      e.kind = ExternType::Kind::Component;
      e.component = type.component;
      return ExternRefersToResources(e);
    }
  }
  return false;
}

}  // namespace wacc::validate
