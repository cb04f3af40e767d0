// Which types and functions each imported instance declares, and how.
//
// WIT types reach the component by name: a record, variant, enum, flags or
// resource that an imported function mentions must be exported from the
// instance type under its WIT name, and a type an interface `use`s from
// another is not redefined but aliased from the other interface's imported
// instance (`alias outer`), which is what makes `output-stream` of
// wasi:cli/stdout the same resource as wasi:io/streams' own. So the needed
// types are a closure: a function needs the named types in its signature,
// a named type its fields' named types, a `use`d type the same type in the
// interface it comes from, which must then be imported first.
#include "compiler/embed/ImportedInterfaces.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "compiler/embed/TypeEncoder.h"
#include "compiler/embed/WitNames.h"
#include "compiler/support/Status.h"

namespace wacc::embed {
namespace {

using component::TypeRef;
using K = component::ValueType::Kind;

class Planner {
 public:
  Planner(const wit::WitModel& model, const CoreBindings& bindings) : model_(model), bindings_(bindings) {}

  absl::StatusOr<std::vector<ImportedInterface>> run() {
    for (const ImportBinding& b : bindings_.imports) {
      Needs& needs = needsOf(b.iface);
      if (b.kind == ImportBinding::Kind::Func) {
        needs.funcs.insert(b.func->name);
        for (const auto& p : b.func->sig.params) WACC_RETURN_IF_ERROR(visit(b.iface, p.type));
        if (b.func->sig.result) WACC_RETURN_IF_ERROR(visit(b.iface, b.func->sig.result));
      } else {
        WACC_RETURN_IF_ERROR(needType(b.iface, b.iface->findType(b.resourceName)));
        needs.aliased.insert(b.resourceName);
      }
    }
    // Resources an exported function takes or returns that the exported
    // interface `use`s from an imported one (wasi:http/incoming-handler's
    // incoming-request): the interface that declares each is imported and
    // the resource aliased out, for the lifted function's type to name.
    for (const CoreBindings::ExportedInterface& exported : bindings_.exports) {
      for (const ExportBinding& b : exported.funcs) {
        std::vector<TypeRef> pending;
        for (const auto& p : b.func->sig.params) pending.push_back(p.type);
        pending.push_back(b.func->sig.result);
        while (!pending.empty()) {
          TypeRef u = pending.back();
          pending.pop_back();
          if (!u) continue;
          if (IsHandle(u)) {
            const wit::ResolvedInterface* iface = exported.iface;
            const wit::ResolvedType* entry = TypeNameIn(model_, *iface, u);
            while (entry && !entry->usedFrom.empty()) {
              iface = model_.findInterface(entry->usedFrom);
              entry = iface ? iface->findType(entry->usedName) : nullptr;
            }
            if (!entry || iface == exported.iface) continue;  // checkExportTypes reports it
            WACC_RETURN_IF_ERROR(needType(iface, entry));
            needsOf(iface).aliased.insert(entry->name);
            continue;
          }
          for (const auto& f : u->fields) pending.push_back(f.type);
          pending.push_back(u->element);
          pending.push_back(u->ok);
          pending.push_back(u->err);
        }
      }
    }
    return order();
  }

 private:
  struct Needs {
    absl::flat_hash_set<std::string> types;
    absl::flat_hash_set<std::string> funcs;
    absl::flat_hash_set<std::string> aliased;
    std::vector<const wit::ResolvedInterface*> deps;
  };

  Needs& needsOf(const wit::ResolvedInterface* iface) {
    auto [it, inserted] = needs_.try_emplace(iface);
    if (inserted) firstSeen_.push_back(iface);
    return it->second;
  }

  // Every named type `t` mentions, seen from `iface`.
  absl::Status visit(const wit::ResolvedInterface* iface, TypeRef t) {
    std::vector<TypeRef> pending = {t};
    while (!pending.empty()) {
      TypeRef u = pending.back();
      pending.pop_back();
      if (!u || u->kind == K::Primitive) continue;
      if (IsHandle(u) || IsNamedKind(u)) {
        const wit::ResolvedType* entry = TypeNameIn(model_, *iface, u);
        if (!entry) {
          return absl::UnimplementedError(
              absl::StrCat("unsupported: a type of interface '", iface->fullName(),
                           "' that has no name there: ", component::TypeToString(u, &model_.resources)));
        }
        WACC_RETURN_IF_ERROR(needType(iface, entry));
        continue;
      }
      for (const auto& f : u->fields) pending.push_back(f.type);
      pending.push_back(u->element);
      pending.push_back(u->ok);
      pending.push_back(u->err);
    }
    return absl::OkStatus();
  }

  absl::Status needType(const wit::ResolvedInterface* iface, const wit::ResolvedType* entry) {
    if (!needsOf(iface).types.insert(entry->name).second) return absl::OkStatus();
    if (!entry->usedFrom.empty()) {
      const wit::ResolvedInterface* from = model_.findInterface(entry->usedFrom);
      const wit::ResolvedType* source = from ? from->findType(entry->usedName) : nullptr;
      if (!source) return absl::InternalError(absl::StrCat("WIT: no type ", entry->usedFrom, ".", entry->usedName));
      needsOf(iface).deps.push_back(from);
      needsOf(from).aliased.insert(entry->usedName);
      return needType(from, source);
    }
    if (entry->isResourceDecl) return absl::OkStatus();
    // A declared record, variant, enum or flags: its fields' named types.
    std::vector<TypeRef> parts;
    for (const auto& f : entry->type->fields) parts.push_back(f.type);
    parts.push_back(entry->type->element);
    parts.push_back(entry->type->ok);
    parts.push_back(entry->type->err);
    for (TypeRef part : parts) WACC_RETURN_IF_ERROR(visit(iface, part));
    return absl::OkStatus();
  }

  // Dependencies first (a depth-first post-order with an explicit stack);
  // otherwise in the order the module's imports first name them.
  absl::StatusOr<std::vector<ImportedInterface>> order() {
    std::vector<ImportedInterface> out;
    enum class State : uint8_t { New, Open, Done };
    absl::flat_hash_map<const wit::ResolvedInterface*, State> state;
    for (const wit::ResolvedInterface* root : std::vector(firstSeen_)) {
      if (state[root] != State::New) continue;
      std::vector<std::pair<const wit::ResolvedInterface*, size_t>> stack = {{root, 0}};
      state[root] = State::Open;
      while (!stack.empty()) {
        auto& [iface, next] = stack.back();
        const std::vector<const wit::ResolvedInterface*>& deps = needs_[iface].deps;
        if (next < deps.size()) {
          const wit::ResolvedInterface* dep = deps[next++];
          if (state[dep] == State::Open) {
            return absl::InvalidArgumentError(absl::StrCat("WIT: interfaces '", iface->fullName(), "' and '",
                                                           dep->fullName(), "' use each other's types"));
          }
          if (state[dep] == State::New) {
            state[dep] = State::Open;
            stack.push_back({dep, 0});
          }
          continue;
        }
        state[iface] = State::Done;
        out.push_back(build(iface));
        stack.pop_back();
      }
    }
    return out;
  }

  ImportedInterface build(const wit::ResolvedInterface* iface) {
    const Needs& needs = needs_[iface];
    ImportedInterface out;
    out.iface = iface;
    for (const wit::ResolvedType& t : iface->types) {
      if (needs.types.contains(t.name)) out.types.push_back(&t);
      if (needs.aliased.contains(t.name)) out.aliased.push_back(t.name);
    }
    for (const wit::ResolvedFunction& f : iface->functions) {
      if (needs.funcs.contains(f.name)) out.funcs.push_back(&f);
    }
    return out;
  }

  const wit::WitModel& model_;
  const CoreBindings& bindings_;
  absl::flat_hash_map<const wit::ResolvedInterface*, Needs> needs_;
  std::vector<const wit::ResolvedInterface*> firstSeen_;
};

// An instance type's declarations (Binary.md `instancedecl`), and its type
// index space.
class InstanceTypeSpace : public TypeSpace {
 public:
  uint32_t define(const ByteWriter& deftype) override {
    decls_.byte(0x01);
    decls_.append(deftype);
    ++numDecls_;
    return numTypes_++;
  }
  uint32_t aliasOuter(uint32_t index) {
    decls_.byte(0x02);
    decls_.byte(0x03);  // sort: type
    decls_.byte(0x02);  // outer
    decls_.u32(1);      // the enclosing component
    decls_.u32(index);
    ++numDecls_;
    return numTypes_++;
  }
  // `(export "name" (type (eq index)))`, or `(sub resource)` without index.
  uint32_t exportType(const std::string& name, std::optional<uint32_t> eq) {
    decls_.byte(0x04);
    decls_.byte(0x00);
    decls_.name(name);
    decls_.byte(0x03);
    if (eq) {
      decls_.byte(0x00);
      decls_.u32(*eq);
    } else {
      decls_.byte(0x01);
    }
    ++numDecls_;
    return numTypes_++;
  }
  void exportFunc(const std::string& name, uint32_t type) {
    decls_.byte(0x04);
    decls_.byte(0x00);
    decls_.name(name);
    decls_.byte(0x01);
    decls_.u32(type);
    ++numDecls_;
  }
  ByteWriter finish() const {
    ByteWriter out;
    out.byte(0x42);
    out.u32(numDecls_);
    out.append(decls_);
    return out;
  }

 private:
  ByteWriter decls_;
  uint32_t numDecls_ = 0;
  uint32_t numTypes_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<ImportedInterface>> PlanImportedInterfaces(const wit::WitModel& model,
                                                                      const CoreBindings& bindings) {
  return Planner(model, bindings).run();
}

ByteWriter EncodeInstanceType(const wit::WitModel& model, const ImportedInterface& imported,
                              const OuterTypeIndex& outer) {
  const wit::ResolvedInterface& iface = *imported.iface;
  InstanceTypeSpace space;
  absl::flat_hash_map<std::string, uint32_t> exported;  // type name -> index
  std::function<uint32_t(const wit::ResolvedType*)> name;
  TypeEncoder encoder(
      space, [&](TypeRef t) { return name(TypeNameIn(model, iface, t)); },
      [&](component::ResourceId r) {
        for (const wit::ResolvedType& entry : iface.types) {
          if (entry.resource && *entry.resource == r && (entry.isResourceDecl || !entry.usedFrom.empty())) {
            return name(&entry);
          }
        }
        for (const wit::ResolvedType& entry : iface.types) {
          if (entry.resource && *entry.resource == r) return name(&entry);
        }
        return 0u;  // the planner found a name for every resource
      });
  name = [&](const wit::ResolvedType* entry) -> uint32_t {
    if (auto it = exported.find(entry->name); it != exported.end()) return it->second;
    uint32_t index;
    if (!entry->usedFrom.empty()) {
      const wit::ResolvedInterface* from = model.findInterface(entry->usedFrom);
      index = space.exportType(entry->name, space.aliasOuter(outer(from, entry->usedName)));
    } else if (entry->isResourceDecl) {
      index = space.exportType(entry->name, std::nullopt);
    } else if (entry->resource) {
      // `type r2 = r` of a resource: the same resource under another name.
      const wit::ResolvedType* target = nullptr;
      for (const wit::ResolvedType& other : iface.types) {
        if (other.resource == entry->resource && (other.isResourceDecl || !other.usedFrom.empty())) target = &other;
      }
      index = space.exportType(entry->name, target ? std::optional(name(target)) : std::nullopt);
    } else {
      index = space.exportType(entry->name, encoder.define(entry->type));
    }
    exported.emplace(entry->name, index);
    return index;
  };
  for (const wit::ResolvedType* entry : imported.types) name(entry);
  for (const wit::ResolvedFunction* f : imported.funcs) space.exportFunc(f->name, encoder.funcType(f->sig));
  return space.finish();
}

}  // namespace wacc::embed
