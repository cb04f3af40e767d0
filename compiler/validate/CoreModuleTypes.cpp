// Core module types (Explainer.md `core:moduletype`, "Subtyping"): the type
// of a module definition, of a module type declaration, and when a module
// of one type may stand where another is expected.
//
// A module's type lists its imports ((module, name) pairs, each with a core
// item type) and its exports. Matching one module type against another runs
// core wasm's import matching in both directions: the actual module may
// import fewer things than the expected type says (the instantiator supplies
// what the expected type names, so each of the actual module's imports must
// be satisfiable by it: imports are contravariant), and must export at least
// what the expected type promises, each a subtype (exports are covariant).
#include "absl/strings/str_cat.h"
#include "compiler/validate/CanonRules.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {

using binary::ExternalKind;

const CoreExtern* CoreModuleType::findImport(absl::string_view module, absl::string_view name) const {
  for (const Import& i : imports)
    if (i.module == module && i.name == name) return &i.type;
  return nullptr;
}

namespace {

CoreExtern FromDesc(const binary::CoreExternDesc& desc, const binary::FuncType* func) {
  CoreExtern x;
  x.kind = desc.kind;
  if (func) x.func = *func;
  x.table = desc.table;
  x.memory = desc.memory;
  x.memory.is64 = desc.kind == ExternalKind::Memory && desc.is64;
  x.memory.shared = desc.kind == ExternalKind::Memory && desc.shared;
  x.global = desc.global;
  x.is64 = desc.is64;
  x.shared = desc.shared;
  return x;
}

bool LimitsWithin(const binary::Limits& actual, const binary::Limits& expected) {
  if (actual.min < expected.min) return false;
  if (!expected.max) return true;
  return actual.max && *actual.max <= *expected.max;
}

std::string LimitsToString(const binary::Limits& l) {
  return l.max ? absl::StrCat(l.min, " ", *l.max) : absl::StrCat(l.min);
}

}  // namespace

std::string CoreExternToString(const CoreExtern& type) {
  switch (type.kind) {
    case ExternalKind::Func: return CoreFuncTypeToString(type.func);
    case ExternalKind::Table:
      return absl::StrCat("(table ", type.is64 ? "i64 " : "", LimitsToString(type.table.limits), " ",
                          binary::ValTypeName(type.table.elemType), ")");
    case ExternalKind::Memory:
      return absl::StrCat("(memory ", type.is64 ? "i64 " : "", LimitsToString(type.memory.limits),
                          type.shared ? " shared" : "", ")");
    case ExternalKind::Global:
      return type.global.isMutable ? absl::StrCat("(global (mut ", binary::ValTypeName(type.global.type), "))")
                                   : absl::StrCat("(global ", binary::ValTypeName(type.global.type), ")");
  }
  return "?";
}

CoreModuleTypePtr ModuleTypeOf(const binary::CoreModule& module) {
  auto type = std::make_shared<CoreModuleType>();
  for (const binary::CoreImport& imp : module.imports) {
    CoreExtern x;
    x.kind = imp.kind;
    if (imp.kind == ExternalKind::Func) x.func = module.types[imp.funcTypeIndex];
    x.table = imp.table;
    x.memory = imp.memory;
    x.is64 = imp.kind == ExternalKind::Memory && imp.memory.is64;
    x.shared = imp.kind == ExternalKind::Memory && imp.memory.shared;
    x.global = imp.global;
    type->imports.push_back({imp.module, imp.name, std::move(x)});
  }
  for (const binary::CoreExport& e : module.exports) {
    CoreExtern x;
    x.kind = e.kind;
    switch (e.kind) {
      case ExternalKind::Func: x.func = module.funcType(e.index); break;
      case ExternalKind::Table: x.table = module.tables[e.index]; break;
      case ExternalKind::Memory:
        x.memory = module.memories[e.index];
        x.is64 = x.memory.is64;
        x.shared = x.memory.shared;
        break;
      case ExternalKind::Global: x.global = module.globals[e.index]; break;
    }
    // The core reader rejects duplicate export names.
    if (type->exportIndex.emplace(e.name, type->exports.size()).second) type->exports.push_back({e.name, x});
  }
  return type;
}

absl::StatusOr<CoreTypeEntry> ResolveCoreType(const binary::CoreTypeDef& def, const TypeScope& scope) {
  CoreTypeEntry entry;
  if (def.kind == binary::CoreTypeDef::Kind::Func) {
    entry.func = def.func;
    return entry;
  }
  entry.isModule = true;
  auto type = std::make_shared<CoreModuleType>();
  // The module type's own core type index space: its function types and
  // what it aliases from the enclosing scopes (count 1 is the component or
  // component/instance type the module type is written in).
  std::vector<CoreTypeEntry> types;
  auto funcType = [&](const binary::ModuleTypeDecl& decl) -> absl::StatusOr<const binary::FuncType*> {
    if (decl.desc.kind != ExternalKind::Func) return nullptr;
    const CoreTypeEntry& t = types[decl.desc.funcTypeIndex];  // bounds checked by the reader
    if (t.isModule) return InputError(decl.offset, "core type index %u is not a function type", decl.desc.funcTypeIndex);
    return &t.func;
  };
  for (const binary::ModuleTypeDecl& decl : def.decls) {
    switch (decl.kind) {
      case binary::ModuleTypeDecl::Kind::Type: {
        CoreTypeEntry t;
        t.func = decl.func;
        types.push_back(std::move(t));
        break;
      }
      case binary::ModuleTypeDecl::Kind::Alias: {
        if (decl.outerCount == 0) {
          if (decl.outerIndex >= types.size())
            return InputError(decl.offset, "core type index %u out of bounds (%u core types declared)",
                              decl.outerIndex, types.size());
          types.push_back(types[decl.outerIndex]);
          break;
        }
        const TypeScope* s = &scope;
        for (uint32_t i = 1; i < decl.outerCount && s; ++i) s = s->parent;
        if (!s) return InputError(decl.offset, "invalid outer alias count of %u", decl.outerCount);
        if (decl.outerIndex >= s->coreTypes.size())
          return InputError(decl.offset, "core type index %u out of bounds (%u core types defined)", decl.outerIndex,
                            s->coreTypes.size());
        types.push_back(s->coreTypes[decl.outerIndex]);
        break;
      }
      case binary::ModuleTypeDecl::Kind::Import: {
        WACC_ASSIGN_OR_RETURN(const binary::FuncType* f, funcType(decl));
        type->imports.push_back({decl.module, decl.name, FromDesc(decl.desc, f)});
        break;
      }
      case binary::ModuleTypeDecl::Kind::Export: {
        WACC_ASSIGN_OR_RETURN(const binary::FuncType* f, funcType(decl));
        type->exportIndex.emplace(decl.name, type->exports.size());  // names are unique (the reader checks)
        type->exports.push_back({decl.name, FromDesc(decl.desc, f)});
        break;
      }
    }
  }
  entry.module = std::move(type);
  return entry;
}

std::string CoreExternMismatch(const CoreExtern& actual, const CoreExtern& expected) {
  if (actual.kind != expected.kind)
    return absl::StrCat("expected a ", binary::ExternalKindName(expected.kind), ", found a ",
                        binary::ExternalKindName(actual.kind));
  auto differ = [&] {
    return absl::StrCat("expected ", CoreExternToString(expected), ", found ", CoreExternToString(actual));
  };
  switch (expected.kind) {
    case ExternalKind::Func: return actual.func == expected.func ? "" : differ();
    case ExternalKind::Table:
      if (actual.table.elemType != expected.table.elemType || actual.is64 != expected.is64 ||
          !LimitsWithin(actual.table.limits, expected.table.limits))
        return differ();
      return "";
    case ExternalKind::Memory:
      if (actual.is64 != expected.is64 || actual.shared != expected.shared ||
          !LimitsWithin(actual.memory.limits, expected.memory.limits))
        return differ();
      return "";
    case ExternalKind::Global:
      if (actual.global.type != expected.global.type || actual.global.isMutable != expected.global.isMutable)
        return differ();
      return "";
  }
  return "unknown kind";
}

std::string CoreModuleMismatch(const CoreModuleType& actual, const CoreModuleType& expected) {
  for (const CoreModuleType::Import& imp : actual.imports) {
    const CoreExtern* given = expected.findImport(imp.module, imp.name);
    if (!given) return absl::StrCat("missing expected import `", imp.module, "::", imp.name, "`");
    // Whatever satisfies the expected import must satisfy the actual one.
    std::string why = CoreExternMismatch(*given, imp.type);
    if (!why.empty()) return absl::StrCat("type mismatch in import `", imp.module, "::", imp.name, "`: ", why);
  }
  for (const auto& [name, want] : expected.exports) {
    const CoreExtern* have = actual.findExport(name);
    if (!have) return absl::StrCat("missing expected export `", name, "`");
    std::string why = CoreExternMismatch(*have, want);
    if (!why.empty()) return absl::StrCat("type mismatch in export `", name, "`: ", why);
  }
  return "";
}

}  // namespace wacc::validate
