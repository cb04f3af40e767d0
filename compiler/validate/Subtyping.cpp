// Subtyping of extern types and instantiation of component types.
//
// The rules (Explainer.md "Type checking", as wasmparser decides them):
// - value types and function types match only when equal (parameter names,
//   parameter and result types), resources compared by identity after the
//   expected side's abstract resources are bound;
// - an instance type is a subtype of another when it has every export of the
//   other, each a subtype (extra exports are fine);
// - a component type is a subtype when it needs no import the other does not
//   provide (each of its imports a supertype of the other's) and has every
//   export of the other;
// - a `(sub resource)` expected type accepts any resource and binds it; an
//   `(eq T)` one needs exactly T.
// Checks walk instance and component types by recursion on their nesting,
// which ResolveDecls and the validator bound by kMaxTypeDepth.
#include "absl/strings/str_cat.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {
namespace {

ResourceId Bound(const ResourceMap& map, ResourceId expected) {
  auto it = map.find(expected);
  return it == map.end() ? expected : it->second;
}

bool ValuesMatch(TypeRef actual, TypeRef expected, const ResourceMap& map) {
  return component::TypesEqual(expected, actual, [&](ResourceId e, ResourceId a) { return Bound(map, e) == a; });
}

std::string CheckEntry(const TypeContext& ctx, const TypeEntry& actual, const TypeEntry& expected, ResourceMap& map) {
  auto mismatch = [&] {
    ExternType a, e;
    a.kind = e.kind = ExternType::Kind::Type;
    a.type = actual;
    e.type = expected;
    return absl::StrCat("expected ", ctx.str(e), ", found ", ctx.str(a));
  };
  if (actual.kind != expected.kind) return mismatch();
  switch (expected.kind) {
    case TypeEntry::Kind::Value: return ValuesMatch(actual.value, expected.value, map) ? "" : mismatch();
    case TypeEntry::Kind::Func: return SignaturesMatch(*actual.func, *expected.func, map) ? "" : mismatch();
    case TypeEntry::Kind::Resource: return Bound(map, expected.resource) == actual.resource ? "" : mismatch();
    case TypeEntry::Kind::Instance: {
      ExternType a, e;
      a.kind = e.kind = ExternType::Kind::Instance;
      a.instance = actual.instance;
      e.instance = expected.instance;
      return CheckSubtype(ctx, a, e, map);
    }
    case TypeEntry::Kind::Component: {
      ExternType a, e;
      a.kind = e.kind = ExternType::Kind::Component;
      a.component = actual.component;
      e.component = expected.component;
      return CheckSubtype(ctx, a, e, map);
    }
  }
  return "unknown type kind";
}

// An imported type's name -> the argument's (external visibility).
using NameMap = absl::flat_hash_map<NameId, NameId>;

void BindNames(const ExternType& actual, const ExternType& expected, NameMap& map) {
  if (actual.kind != expected.kind) return;
  if (expected.kind == ExternType::Kind::Type) map[expected.type.name] = actual.type.name;
  if (expected.kind == ExternType::Kind::Instance)
    for (const NamedExtern& e : expected.instance->exports)
      if (const ExternType* a = actual.instance->find(e.name)) BindNames(*a, e.type, map);
}

// Rewrites the types of an instantiated component's exports: resources bound
// by the instantiation become the arguments', resources the component owns
// become fresh (each instance has its own), others stay. Likewise the names
// of imported types become the arguments' names, so an export of the
// instance that refers to them is visible where the arguments are.
class Substitution {
 public:
  Substitution(TypeContext& ctx, const ResourceMap& bound, const NameMap& names, ResourceId firstOwn,
               ResourceId endOwn)
      : ctx_(ctx), bound_(bound), names_(names), firstOwn_(firstOwn), endOwn_(endOwn) {}

  absl::StatusOr<ExternType> apply(const ExternType& t, size_t offset) {
    ExternType out = t;
    switch (t.kind) {
      case ExternType::Kind::Module: return out;
      case ExternType::Kind::Func: {
        WACC_ASSIGN_OR_RETURN(out.func, func(*t.func, offset));
        out.funcRefs = refs(t.funcRefs);
        return out;
      }
      case ExternType::Kind::Type: {
        WACC_ASSIGN_OR_RETURN(out.type, entry(t.type, offset));
        out.abstract = false;  // a concrete resource of the new instance
        return out;
      }
      case ExternType::Kind::Instance: {
        WACC_ASSIGN_OR_RETURN(out.instance, instance(*t.instance, offset));
        return out;
      }
      case ExternType::Kind::Component: {
        WACC_ASSIGN_OR_RETURN(out.component, component(*t.component, offset));
        return out;
      }
    }
    return out;
  }

  absl::StatusOr<InstanceTypePtr> instance(const InstanceType& t, size_t offset) {
    auto out = std::make_shared<InstanceType>();
    for (const NamedExtern& e : t.exports) {
      WACC_ASSIGN_OR_RETURN(ExternType s, apply(e.type, offset));
      out->add(e.name, std::move(s));
    }
    return InstanceTypePtr(std::move(out));
  }

 private:
  // `in` with the bound names replaced; nodes are rebuilt once each.
  // Recursion on the DAG's depth (value type nesting, at most kMaxTypeDepth).
  NameRefs refs(const NameRefs& in) {
    if (!in || names_.empty()) return in;
    auto m = nameMemo_.find(in.get());
    if (m != nameMemo_.end()) return m->second;
    auto out = std::make_shared<NameNode>(*in);
    bool changed = false;
    for (NameId& n : out->names) {
      auto it = names_.find(n);
      if (it != names_.end()) {
        n = it->second;
        changed = true;
      }
    }
    for (NameRefs& part : out->parts) {
      NameRefs p = refs(part);
      changed |= p != part;
      part = std::move(p);
    }
    NameRefs result = changed ? NameRefs(std::move(out)) : in;
    nameMemo_.emplace(in.get(), result);
    return result;
  }

  ResourceId resource(ResourceId id) {
    auto b = bound_.find(id);
    if (b != bound_.end()) return b->second;
    // A component type nested in the exports keeps its own resources: they
    // are made fresh when it is instantiated in turn.
    for (auto [first, end] : kept_)
      if (id >= first && id < end) return id;
    if (id < firstOwn_ || id >= endOwn_) return id;
    auto [it, inserted] = fresh_.try_emplace(id, 0);
    if (inserted) it->second = ctx_.newResource(ctx_.resources()[id].name);
    return it->second;
  }

  absl::StatusOr<TypeRef> value(TypeRef t, size_t offset) {
    if (!t) return t;
    auto m = memo_.find(t);
    if (m != memo_.end()) return m->second;
    ValueType v = *t;
    for (ValueType::Field& f : v.fields) {
      WACC_ASSIGN_OR_RETURN(f.type, value(f.type, offset));
    }
    WACC_ASSIGN_OR_RETURN(v.element, value(v.element, offset));
    WACC_ASSIGN_OR_RETURN(v.ok, value(v.ok, offset));
    WACC_ASSIGN_OR_RETURN(v.err, value(v.err, offset));
    if (v.kind == ValueType::Kind::Own || v.kind == ValueType::Kind::Borrow) v.resource = resource(v.resource);
    TypeRef out = t;
    if (v.kind != ValueType::Kind::Primitive) {
      WACC_ASSIGN_OR_RETURN(out, ctx_.intern(std::move(v), offset));
    }
    memo_.emplace(t, out);
    return out;
  }

  absl::StatusOr<FuncTypePtr> func(const FuncSignature& sig, size_t offset) {
    auto out = std::make_shared<FuncSignature>(sig);
    for (auto& p : out->params) {
      WACC_ASSIGN_OR_RETURN(p.type, value(p.type, offset));
    }
    WACC_ASSIGN_OR_RETURN(out->result, value(out->result, offset));
    return FuncTypePtr(std::move(out));
  }

  absl::StatusOr<TypeEntry> entry(const TypeEntry& e, size_t offset) {
    TypeEntry out = e;
    out.inner = refs(e.inner);
    switch (e.kind) {
      case TypeEntry::Kind::Value: {
        WACC_ASSIGN_OR_RETURN(out.value, value(e.value, offset));
        break;
      }
      case TypeEntry::Kind::Func: {
        WACC_ASSIGN_OR_RETURN(out.func, func(*e.func, offset));
        break;
      }
      case TypeEntry::Kind::Resource: out.resource = resource(e.resource); break;
      case TypeEntry::Kind::Instance: {
        WACC_ASSIGN_OR_RETURN(out.instance, instance(*e.instance, offset));
        break;
      }
      case TypeEntry::Kind::Component: {
        WACC_ASSIGN_OR_RETURN(out.component, component(*e.component, offset));
        break;
      }
    }
    return out;
  }

  absl::StatusOr<ComponentTypePtr> component(const ComponentType& t, size_t offset) {
    kept_.emplace_back(t.firstOwn, t.endOwn);
    auto out = std::make_shared<ComponentType>(t);
    for (auto* list : {&out->imports, &out->exports})
      for (NamedExtern& e : *list) {
        absl::StatusOr<ExternType> s = apply(e.type, offset);
        if (!s.ok()) {
          kept_.pop_back();
          return s.status();
        }
        e.type = *std::move(s);
      }
    kept_.pop_back();
    return ComponentTypePtr(std::move(out));
  }

  TypeContext& ctx_;
  const ResourceMap& bound_;
  const NameMap& names_;
  ResourceId firstOwn_, endOwn_;
  std::vector<std::pair<ResourceId, ResourceId>> kept_;
  absl::flat_hash_map<ResourceId, ResourceId> fresh_;
  absl::flat_hash_map<TypeRef, TypeRef> memo_;
  absl::flat_hash_map<const NameNode*, NameRefs> nameMemo_;  // keys held by the types being rewritten
};

}  // namespace

bool SignaturesMatch(const FuncSignature& actual, const FuncSignature& expected, const ResourceMap& map) {
  if (actual.params.size() != expected.params.size()) return false;
  for (size_t i = 0; i < actual.params.size(); ++i) {
    if (actual.params[i].name != expected.params[i].name) return false;
    if (!ValuesMatch(actual.params[i].type, expected.params[i].type, map)) return false;
  }
  if (!actual.result != !expected.result) return false;
  return !actual.result || ValuesMatch(actual.result, expected.result, map);
}

std::string CheckSubtype(const TypeContext& ctx, const ExternType& actual, const ExternType& expected,
                         ResourceMap& map) {
  if (actual.kind != expected.kind)
    return absl::StrCat("expected a ", ExternKindName(expected.kind), ", found a ", ExternKindName(actual.kind));
  switch (expected.kind) {
    case ExternType::Kind::Module: return CoreModuleMismatch(*actual.module, *expected.module);
    case ExternType::Kind::Func:
      if (SignaturesMatch(*actual.func, *expected.func, map)) return "";
      return absl::StrCat("expected ", ctx.str(*expected.func), ", found ", ctx.str(*actual.func));
    case ExternType::Kind::Type:
      if (expected.abstract) {
        if (actual.type.kind != TypeEntry::Kind::Resource)
          return absl::StrCat("expected a resource type, found ", ctx.str(actual));
        map[expected.type.resource] = actual.type.resource;
        return "";
      }
      return CheckEntry(ctx, actual.type, expected.type, map);
    case ExternType::Kind::Instance:
      for (const NamedExtern& e : expected.instance->exports) {
        const ExternType* a = actual.instance->find(e.name);
        if (!a) return absl::StrCat("the instance has no export named '", e.name, "'");
        std::string why = CheckSubtype(ctx, *a, e.type, map);
        if (!why.empty()) return absl::StrCat("export '", e.name, "': ", why);
      }
      return "";
    case ExternType::Kind::Component: {
      // The actual component may need fewer imports, each of a supertype of
      // what the expected one is given. Imports are checked the other way
      // round, so their abstract resources bind the actual component's to
      // the expected one's; its exports, checked the usual way, see the
      // same pairs reversed (an export of own<X> matches own<X'> when the
      // two components import X and X' in the same place).
      ResourceMap imports = map;
      for (const NamedExtern& need : actual.component->imports) {
        const NamedExtern* given = nullptr;
        for (const NamedExtern& i : expected.component->imports)
          if (i.name == need.name) given = &i;
        if (!given) return absl::StrCat("the component imports '", need.name, "', which is not provided");
        std::string why = CheckSubtype(ctx, given->type, need.type, imports);
        if (!why.empty()) return absl::StrCat("import '", need.name, "': ", why);
      }
      ResourceMap exports = map;
      for (const auto& [actualResource, expectedResource] : imports)
        if (!map.contains(actualResource)) exports[expectedResource] = actualResource;
      for (const NamedExtern& e : expected.component->exports) {
        const NamedExtern* have = nullptr;
        for (const NamedExtern& x : actual.component->exports)
          if (x.name == e.name) have = &x;
        if (!have) return absl::StrCat("the component has no export named '", e.name, "'");
        std::string why = CheckSubtype(ctx, have->type, e.type, exports);
        if (!why.empty()) return absl::StrCat("export '", e.name, "': ", why);
      }
      return "";
    }
  }
  return "unknown kind";
}

absl::StatusOr<InstanceTypePtr> Instantiate(TypeContext& ctx, const ComponentType& component,
                                            const absl::flat_hash_map<std::string, ExternType>& args, size_t offset) {
  ResourceMap map;
  NameMap names;
  for (const NamedExtern& import : component.imports) {
    auto arg = args.find(import.name);
    if (arg == args.end())
      return InputError(offset, "instantiation is missing an argument for import '%s' (a %s)", import.name,
                        ctx.str(import.type));
    std::string why = CheckSubtype(ctx, arg->second, import.type, map);
    if (!why.empty())
      return InputError(offset, "instantiation argument '%s' does not match the import's type: %s", import.name, why);
    BindNames(arg->second, import.type, names);
  }
  Substitution subst(ctx, map, names, component.firstOwn, component.endOwn);
  InstanceType exports;
  for (const NamedExtern& e : component.exports) exports.add(e.name, e.type);
  return subst.instance(exports, offset);
}

namespace {

absl::StatusOr<InstanceTypePtr> Freshen(TypeContext& ctx, const InstanceType& type, ResourceMap map, size_t offset) {
  for (const NamedExtern& e : type.exports)
    if (e.type.kind == ExternType::Kind::Type && e.type.abstract)
      map[e.type.type.resource] = ctx.newResource(ctx.resources()[e.type.type.resource].name);
  static const NameMap kNoNames;
  auto out = std::make_shared<InstanceType>();
  for (const NamedExtern& e : type.exports) {
    ExternType t = e.type;
    if (t.kind == ExternType::Kind::Instance) {
      // Its own copy of the nested instance's resources.
      WACC_ASSIGN_OR_RETURN(t.instance, Freshen(ctx, *e.type.instance, map, offset));
    } else {
      // Only resources in `map` change (the own range is empty).
      Substitution subst(ctx, map, kNoNames, 0, 0);
      WACC_ASSIGN_OR_RETURN(t, subst.apply(e.type, offset));
      t.abstract = e.type.abstract;
    }
    out->add(e.name, std::move(t));
  }
  return InstanceTypePtr(std::move(out));
}

}  // namespace

absl::StatusOr<InstanceTypePtr> FreshenInstance(TypeContext& ctx, const InstanceType& type, size_t offset) {
  return Freshen(ctx, type, {}, offset);
}

}  // namespace wacc::validate
