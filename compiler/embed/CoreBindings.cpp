// Classifying a core module's imports and exports against a world (see
// CoreBindings.h and the naming rules in Embed.h).
#include "compiler/embed/CoreBindings.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "compiler/abi/CanonicalLayout.h"
#include "compiler/support/Status.h"
#include "compiler/validate/CanonRules.h"

namespace wacc::embed {
namespace {

using binary::CoreExport;
using binary::CoreImport;
using binary::ExternalKind;
using binary::FuncType;
using binary::ValType;

ValType CoreType(abi::FlatType t) {
  switch (t) {
    case abi::FlatType::I32: return ValType::I32;
    case abi::FlatType::I64: return ValType::I64;
    case abi::FlatType::F32: return ValType::F32;
    case abi::FlatType::F64: return ValType::F64;
  }
  return ValType::I32;
}

bool ContainsPointers(component::TypeRef type) {
  bool found = false;
  abi::ForEachNestedType(type, [&](component::TypeRef t) { found |= abi::IsListLike(t); });
  return found;
}

// semver's compatibility track, as wit-parser's version_compat_track: 1.2.3
// -> "1", 0.2.3 -> "0.2", 0.0.3 -> "0.0.3"; a pre-release only matches itself.
std::string CompatTrack(const std::string& version) {
  if (version.find('-') != std::string::npos || version.find('+') != std::string::npos) return version;
  std::vector<std::string> parts = absl::StrSplit(version, '.');
  if (parts.size() != 3) return version;
  if (parts[0] != "0") return parts[0];
  if (parts[1] != "0") return absl::StrCat("0.", parts[1]);
  return version;
}

class Binder {
 public:
  Binder(const binary::CoreModule& module, const wit::WitModel& model, const wit::ResolvedWorld& world)
      : module_(module), model_(model), world_(world) {}

  absl::StatusOr<CoreBindings> run() {
    collectWorldInterfaces();
    WACC_RETURN_IF_ERROR(bindImports());
    WACC_RETURN_IF_ERROR(bindExports());
    WACC_RETURN_IF_ERROR(checkOptions());
    return std::move(out_);
  }

 private:
  std::string signature(const wit::ResolvedFunction& f) const {
    return absl::StrCat(f.name, ": ", component::SignatureToString(f.sig, &model_.resources, &model_.typeNames));
  }

  // The world's imports with the interfaces they `use` (wit-parser adds
  // those to a world as implicit imports), and its exports.
  void collectWorldInterfaces() {
    absl::flat_hash_set<std::string> exported(world_.exports.begin(), world_.exports.end());
    std::vector<std::string> pending(world_.imports.rbegin(), world_.imports.rend());
    for (const std::string& id : world_.exports) {
      if (const wit::ResolvedInterface* iface = model_.findInterface(id)) {
        exports_.push_back(iface);
        pending.insert(pending.end(), iface->dependencies.begin(), iface->dependencies.end());
      }
    }
    absl::flat_hash_set<std::string> seen;
    while (!pending.empty()) {
      std::string id = std::move(pending.back());
      pending.pop_back();
      if (exported.contains(id) || !seen.insert(id).second) continue;
      const wit::ResolvedInterface* iface = model_.findInterface(id);
      if (!iface) continue;  // a world-level function
      imports_.push_back(iface);
      pending.insert(pending.end(), iface->dependencies.begin(), iface->dependencies.end());
    }
  }

  // The imported interface a core import module names: the same name and
  // version, else the same name and a semver-compatible version.
  const wit::ResolvedInterface* importedInterface(const std::string& module) const {
    size_t at = module.find('@');
    std::string id = module.substr(0, at);
    std::string version = at == std::string::npos ? "" : module.substr(at + 1);
    for (const wit::ResolvedInterface* iface : imports_) {
      if (iface->id() != id) continue;
      if (iface->version == version) return iface;
      if (!version.empty() && !iface->version.empty() && CompatTrack(iface->version) == CompatTrack(version)) {
        return iface;
      }
    }
    return nullptr;
  }

  absl::Status bindImports() {
    absl::flat_hash_set<std::pair<std::string, std::string>> seen;
    for (const CoreImport& import : module_.imports) {
      if (import.kind != ExternalKind::Func) {
        return InputError(import.offset,
                          "import '%s' '%s' is a %s: a module wrapped into a component may import only functions",
                          import.module, import.name, binary::ExternalKindName(import.kind));
      }
      if (absl::StartsWith(import.module, "cm32p2")) {
        return UnsupportedError(import.offset, "import '%s' '%s': the cm32p2 names of BuildTargets.md", import.module,
                                import.name);
      }
      if (absl::StartsWith(import.module, "[export]")) {
        return UnsupportedError(import.offset, "import '%s' '%s': resources the module defines", import.module,
                                import.name);
      }
      if (import.module == "$root") {
        return UnsupportedError(import.offset, "import '%s' '%s': world-level function imports", import.module,
                                import.name);
      }
      const wit::ResolvedInterface* iface = importedInterface(import.module);
      if (!iface) {
        return InputError(import.offset, "import '%s' '%s': world '%s' does not import interface '%s'", import.module,
                          import.name, world_.fullName(), import.module);
      }
      const FuncType& core = module_.types[import.funcTypeIndex];
      ImportBinding binding;
      binding.module = import.module;
      binding.name = import.name;
      binding.iface = iface;
      if (absl::StartsWith(import.name, "[resource-drop]")) {
        std::string resource = import.name.substr(std::string_view("[resource-drop]").size());
        const wit::ResolvedType* type = iface->findType(resource);
        if (!type || !type->resource) {
          return InputError(import.offset, "import '%s' '%s': interface '%s' has no resource '%s'", import.module,
                            import.name, iface->fullName(), resource);
        }
        FuncType expected{{ValType::I32}, {}};
        if (!(core == expected)) {
          return InputError(import.offset, "import '%s' '%s' has type %s, but a resource drop has type %s",
                            import.module, import.name, validate::CoreFuncTypeToString(core),
                            validate::CoreFuncTypeToString(expected));
        }
        binding.kind = ImportBinding::Kind::ResourceDrop;
        binding.resource = *type->resource;
        binding.resourceName = resource;
      } else {
        const wit::ResolvedFunction* func = iface->findFunction(import.name);
        if (!func) {
          return InputError(import.offset, "import '%s' '%s': interface '%s' has no function '%s'", import.module,
                            import.name, iface->fullName(), import.name);
        }
        binding.func = func;
        binding.needs = NeedsOf(func->sig, /*lift=*/false);
        if (!(core == binding.needs.core)) {
          return InputError(import.offset, "import '%s' '%s' has type %s, but the canonical ABI lowers %s to %s",
                            import.module, import.name, validate::CoreFuncTypeToString(core), signature(*func),
                            validate::CoreFuncTypeToString(binding.needs.core));
        }
      }
      // A core module may import one name twice; the component binds it once.
      if (seen.insert({import.module, import.name}).second) out_.imports.push_back(std::move(binding));
    }
    return absl::OkStatus();
  }

  const FuncType& exportedFuncType(const CoreExport& e) const { return module_.funcType(e.index); }

  absl::Status checkFixedType(const CoreExport& e, const FuncType& expected, const char* what) const {
    if (e.kind != ExternalKind::Func) {
      return InputError(e.offset, "export '%s' must be a function (%s)", e.name, what);
    }
    if (!(exportedFuncType(e) == expected)) {
      return InputError(e.offset, "export '%s' has type %s, but %s has type %s", e.name,
                        validate::CoreFuncTypeToString(exportedFuncType(e)), what,
                        validate::CoreFuncTypeToString(expected));
    }
    return absl::OkStatus();
  }

  // An exported interface function's binding, if `name` is one
  // ("<interface>@<version>#<function>").
  std::optional<std::pair<const wit::ResolvedInterface*, const wit::ResolvedFunction*>> worldExport(
      std::string_view name) const {
    size_t hash = name.rfind('#');
    if (hash == std::string_view::npos) return std::nullopt;
    for (const wit::ResolvedInterface* iface : exports_) {
      if (iface->fullName() != name.substr(0, hash)) continue;
      if (const wit::ResolvedFunction* f = iface->findFunction(name.substr(hash + 1))) return std::pair{iface, f};
    }
    return std::nullopt;
  }

  absl::Status bindExports() {
    FuncType reallocType{{ValType::I32, ValType::I32, ValType::I32, ValType::I32}, {ValType::I32}};
    std::string generalRealloc;
    std::vector<ExportBinding> funcs;
    std::vector<const CoreExport*> postReturns;
    for (const CoreExport& e : module_.exports) {
      const std::string& name = e.name;
      if (e.kind == ExternalKind::Memory) {
        if (name == "memory") out_.memory = name;
        continue;
      }
      if (name == "cabi_realloc" || name == "canonical_abi_realloc" || name == "cabi_import_realloc" ||
          name == "cabi_export_realloc") {
        WACC_RETURN_IF_ERROR(checkFixedType(e, reallocType, "a realloc function"));
        if (name == "cabi_import_realloc") {
          out_.importRealloc = name;
        } else if (name == "cabi_export_realloc") {
          out_.exportRealloc = name;
        } else if (generalRealloc.empty() || name == "cabi_realloc") {
          generalRealloc = name;
        }
        continue;
      }
      if (name == "_initialize") {
        WACC_RETURN_IF_ERROR(checkFixedType(e, FuncType{}, "_initialize"));
        out_.initialize = name;
        continue;
      }
      if (absl::StartsWith(name, "cabi_post_")) {
        postReturns.push_back(&e);
        continue;
      }
      if (absl::StartsWith(name, "cm32p2")) {
        return UnsupportedError(e.offset, "export '%s': the cm32p2 names of BuildTargets.md", name);
      }
      if (name.find('#') == std::string::npos) continue;  // not the component model's: ignored
      auto found = worldExport(name);
      if (!found) {
        std::string iface = name.substr(0, name.rfind('#'));
        for (const wit::ResolvedInterface* exported : exports_) {
          if (exported->fullName() == iface) {
            return InputError(e.offset, "export '%s': interface '%s' has no function '%s'", name, iface,
                              name.substr(name.rfind('#') + 1));
          }
        }
        for (const wit::ResolvedInterface* exported : exports_) {
          if (exported->id() == iface.substr(0, iface.find('@'))) {
            return InputError(e.offset,
                              "export '%s': world '%s' exports '%s', not '%s' (an export's version must match "
                              "exactly)",
                              name, world_.fullName(), exported->fullName(), iface);
          }
        }
        return InputError(e.offset, "export '%s': world '%s' does not export interface '%s'", name, world_.fullName(),
                          iface);
      }
      if (e.kind != ExternalKind::Func) return InputError(e.offset, "export '%s' must be a function", name);
      ExportBinding binding;
      binding.coreName = name;
      binding.iface = found->first;
      binding.func = found->second;
      binding.needs = NeedsOf(binding.func->sig, /*lift=*/true);
      if (!(exportedFuncType(e) == binding.needs.core)) {
        return InputError(e.offset, "export '%s' has type %s, but the canonical ABI lifts %s from %s", name,
                          validate::CoreFuncTypeToString(exportedFuncType(e)), signature(*binding.func),
                          validate::CoreFuncTypeToString(binding.needs.core));
      }
      funcs.push_back(std::move(binding));
    }
    if (out_.importRealloc.empty()) out_.importRealloc = generalRealloc;
    if (out_.exportRealloc.empty()) out_.exportRealloc = generalRealloc;

    for (const CoreExport* e : postReturns) {
      std::string target = e->name.substr(std::string_view("cabi_post_").size());
      auto it = std::find_if(funcs.begin(), funcs.end(), [&](const ExportBinding& b) { return b.coreName == target; });
      if (it == funcs.end()) {
        if (target.find('#') == std::string::npos) continue;  // as other unknown exports
        return InputError(e->offset, "export '%s' is the post-return of '%s', which the module does not export",
                          e->name, target);
      }
      WACC_RETURN_IF_ERROR(checkFixedType(*e, FuncType{it->needs.core.results, {}}, "its post-return"));
      it->postReturn = e->name;
    }

    // Every function of every exported interface must be there.
    for (const wit::ResolvedInterface* iface : exports_) {
      CoreBindings::ExportedInterface exported;
      exported.iface = iface;
      for (const wit::ResolvedFunction& f : iface->functions) {
        std::string coreName = absl::StrCat(iface->fullName(), "#", f.name);
        auto it =
            std::find_if(funcs.begin(), funcs.end(), [&](const ExportBinding& b) { return b.coreName == coreName; });
        if (it == funcs.end()) {
          return InputError(module_.sectionOffsets[7], "world '%s' exports '%s', but the module has no export '%s'",
                            world_.fullName(), f.name, coreName);
        }
        exported.funcs.push_back(*it);
      }
      out_.exports.push_back(std::move(exported));
    }
    for (const std::string& name : world_.exports) {
      if (!model_.findInterface(name)) {
        return UnsupportedError(module_.sectionOffsets[7], "world '%s' exports function '%s' (world-level functions)",
                                world_.fullName(), name);
      }
    }
    return absl::OkStatus();
  }

  // Lists and strings pass through the module's memory, and results the
  // host returns are allocated with its realloc.
  absl::Status checkOptions() const {
    for (const ImportBinding& b : out_.imports) {
      if (b.kind != ImportBinding::Kind::Func) continue;
      size_t offset = importOffset(b);
      if (b.needs.memory && out_.memory.empty()) {
        return InputError(offset, "import '%s' '%s' passes values through memory, but the module exports no 'memory'",
                          b.module, b.name);
      }
      if (b.needs.realloc && out_.importRealloc.empty()) {
        return InputError(offset, "import '%s' '%s' returns strings or lists, but the module exports no 'cabi_realloc'",
                          b.module, b.name);
      }
    }
    for (const CoreBindings::ExportedInterface& iface : out_.exports) {
      for (const ExportBinding& b : iface.funcs) {
        size_t offset = module_.findExport(b.coreName)->offset;
        if (b.needs.memory && out_.memory.empty()) {
          return InputError(offset, "export '%s' passes values through memory, but the module exports no 'memory'",
                            b.coreName);
        }
        if (b.needs.realloc && out_.exportRealloc.empty()) {
          return InputError(offset, "export '%s' takes strings or lists, but the module exports no 'cabi_realloc'",
                            b.coreName);
        }
      }
    }
    return absl::OkStatus();
  }

  size_t importOffset(const ImportBinding& b) const {
    for (const CoreImport& import : module_.imports) {
      if (import.module == b.module && import.name == b.name) return import.offset;
    }
    return 0;
  }

  const binary::CoreModule& module_;
  const wit::WitModel& model_;
  const wit::ResolvedWorld& world_;
  std::vector<const wit::ResolvedInterface*> imports_;
  std::vector<const wit::ResolvedInterface*> exports_;
  CoreBindings out_;
};

}  // namespace

CanonNeeds NeedsOf(const component::FuncSignature& sig, bool lift) {
  CanonNeeds needs;
  abi::CoreSignature flat = lift ? abi::LiftSignature(sig) : abi::LowerSignature(sig);
  for (abi::FlatType t : flat.params) needs.core.params.push_back(CoreType(t));
  for (abi::FlatType t : flat.results) needs.core.results.push_back(CoreType(t));
  bool paramPointers = false;
  for (const auto& p : sig.params) paramPointers |= ContainsPointers(p.type);
  bool resultPointers = sig.result && ContainsPointers(sig.result);
  // CanonicalABI.md: a lift allocates its parameters' strings and lists in
  // the callee (realloc) and returns its results through memory; a lower
  // reads the caller's and allocates the results in the caller.
  (lift ? needs.realloc : needs.memory) |= paramPointers;
  (lift ? needs.memory : needs.realloc) |= resultPointers;
  if (flat.paramsSpilled) {
    needs.memory = true;
    if (lift) needs.realloc = true;
  }
  if (flat.resultsSpilled) needs.memory = true;
  needs.memory |= needs.realloc;
  return needs;
}

absl::StatusOr<CoreBindings> BindCoreModule(const binary::CoreModule& module, const wit::WitModel& model,
                                            const wit::ResolvedWorld& world) {
  return Binder(module, model, world).run();
}

}  // namespace wacc::embed
