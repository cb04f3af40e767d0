// Wrapping a core module and a WIT world into a component.
//
// How it works. The component model gives a core module nothing by itself:
// every import must arrive as a core instance the component builds, and
// every export must be lifted out of the core instance. `wasm-tools
// component new` (wit-component's encoding.rs) builds that scaffolding from
// the world; this file builds the same, in the same shape, so that the
// result goes through wacc's ordinary reader, validator and planner and is
// compiled as the component `component embed | component new` would have
// made. The steps, in the order the component's sections come:
//
//  1. Imports. For each interface the module's imports need (and each
//     interface those take types from, first), an instance type declaring
//     exactly the types and functions needed (ImportedInterfaces.cpp), and
//     an `import` of an instance of it under the interface's WIT name
//     ("wasi:io/streams@0.2.0"). Types other instance types `use`, and
//     resources whose drop the module imports, are aliased out of the
//     imported instance into the component's type index space.
//  2. The main module, verbatim: it keeps its own bytes, so the core
//     validator and translator see exactly what the user wrote.
//  3. The shim (ShimModules.h), when some lowering needs the main module's
//     memory or realloc: a lowering cannot name a memory before the instance
//     that defines it exists, so the main module first gets the shim's
//     call_indirect trampolines instead.
//  4. One core instance per core import module name, of inline exports: a
//     `canon lower` of the imported function (no memory needed), the shim's
//     trampoline (memory needed), or a `canon resource.drop` of the aliased
//     resource type; then the main module instantiated with them.
//  5. The real lowerings of step 3, with the main instance's `memory` and
//     realloc as options, put into the shim's table by the fixup module,
//     whose start function also runs `_initialize` when the module has one.
//  6. Exports. For each exported interface, every function `canon lift`ed
//     from the main instance's "<interface>#<function>" (with memory,
//     realloc and `cabi_post_` post-return as it needs), gathered with the
//     named types they mention into an instance of inline exports, which is
//     exported under the interface's name. (wit-component wraps them in a
//     nested component instead; the instance type exported is the same.)
//
// Every item is written in its own section as soon as it is known (the
// component binary format allows sections in any order and number), and
// each index space is counted as items are added, which is all the
// bookkeeping the indices need.
#include "compiler/embed/Embed.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "compiler/binary/ByteReader.h"
#include "compiler/binary/ComponentReader.h"
#include "compiler/binary/CoreReader.h"
#include "compiler/binary/CoreValidator.h"
#include "compiler/embed/ByteWriter.h"
#include "compiler/embed/CoreBindings.h"
#include "compiler/embed/ImportedInterfaces.h"
#include "compiler/embed/ShimModules.h"
#include "compiler/embed/TypeEncoder.h"
#include "compiler/embed/WitNames.h"
#include "compiler/embed/WorldSelection.h"
#include "compiler/support/Status.h"

namespace wacc::embed {
namespace {

using component::TypeRef;

// Section ids (Binary.md).
enum Section : uint8_t {
  kCoreModule = 1,
  kCoreInstance = 2,
  kInstance = 5,
  kAlias = 6,
  kType = 7,
  kCanon = 8,
  kImport = 10,
  kExport = 11,
};
// Sort bytes.
constexpr uint8_t kCoreSort = 0x00;
constexpr uint8_t kCoreFunc = 0x00, kCoreTable = 0x01, kCoreMemory = 0x02, kCoreInstanceSort = 0x12;
constexpr uint8_t kFunc = 0x01, kTypeSort = 0x03, kInstanceSort = 0x05;

class ComponentBuilder : public TypeSpace {
 public:
  ComponentBuilder(std::span<const uint8_t> moduleBytes, const binary::CoreModule& module, const wit::WitModel& model,
                   const CoreBindings& bindings)
      : moduleBytes_(moduleBytes), module_(module), model_(model), bindings_(bindings) {}

  absl::StatusOr<std::vector<uint8_t>> build() {
    for (uint8_t b : {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00}) out_.byte(b);
    WACC_RETURN_IF_ERROR(importInterfaces());
    uint32_t mainModule = coreModule(moduleBytes_);
    collectIndirect();
    std::optional<uint32_t> shim;
    if (!indirectTypes_.empty()) shim = instantiate(coreModule(ShimModule(indirectTypes_)), {});
    main_ = instantiateMain(mainModule, shim);
    lowerIndirect(shim);
    WACC_RETURN_IF_ERROR(exportInterfaces());
    return out_.take();
  }

  // A component-level type definition, in a section of its own.
  uint32_t define(const ByteWriter& deftype) override {
    out_.vectorSection(kType, 1, deftype);
    return numTypes_++;
  }

 private:
  // --- Steps 1 and 2 -------------------------------------------------------

  absl::Status importInterfaces() {
    WACC_ASSIGN_OR_RETURN(std::vector<ImportedInterface> imported, PlanImportedInterfaces(model_, bindings_));
    for (const ImportedInterface& ii : imported) {
      ByteWriter type = EncodeInstanceType(model_, ii, [&](const wit::ResolvedInterface* from, const std::string& n) {
        return aliasedTypes_.at({from, n});
      });
      uint32_t typeIndex = define(type);
      ByteWriter import;
      import.byte(0x00);
      import.name(ii.iface->fullName());
      import.byte(0x05);  // an instance
      import.u32(typeIndex);
      out_.vectorSection(kImport, 1, import);
      uint32_t instance = numInstances_++;
      instances_[ii.iface] = instance;
      for (const std::string& name : ii.aliased) {
        ByteWriter alias;
        alias.byte(kTypeSort);
        alias.byte(0x00);  // an export of a component instance
        alias.u32(instance);
        alias.name(name);
        out_.vectorSection(kAlias, 1, alias);
        if (const wit::ResolvedType* entry = ii.iface->findType(name); entry && entry->resource)
          importedResources_.try_emplace(*entry->resource, numTypes_);
        aliasedTypes_[{ii.iface, name}] = numTypes_++;
      }
    }
    return absl::OkStatus();
  }

  uint32_t coreModule(std::span<const uint8_t> bytes) {
    ByteWriter section;
    section.append(bytes);
    out_.section(kCoreModule, section);
    return numCoreModules_++;
  }

  // --- Steps 3 and 4 -------------------------------------------------------

  static bool IsIndirect(const ImportBinding& b) { return b.kind == ImportBinding::Kind::Func && b.needs.memory; }

  void collectIndirect() {
    for (const ImportBinding& b : bindings_.imports) {
      if (!IsIndirect(b)) continue;
      indirectSlot_[&b] = static_cast<uint32_t>(indirectTypes_.size());
      indirectTypes_.push_back(b.needs.core);
      indirect_.push_back(&b);
    }
  }

  // `(core instance (instantiate module (with name (instance i))...))`
  uint32_t instantiate(uint32_t module, const std::vector<std::pair<std::string, uint32_t>>& args) {
    ByteWriter item;
    item.byte(0x00);
    item.u32(module);
    item.u32(static_cast<uint32_t>(args.size()));
    for (const auto& [name, instance] : args) {
      item.name(name);
      item.byte(kCoreInstanceSort);
      item.u32(instance);
    }
    out_.vectorSection(kCoreInstance, 1, item);
    return numCoreInstances_++;
  }

  // A core instance of inline exports: (name, core sort, index).
  uint32_t coreInstanceOf(const std::vector<std::tuple<std::string, uint8_t, uint32_t>>& exports) {
    ByteWriter item;
    item.byte(0x01);
    item.u32(static_cast<uint32_t>(exports.size()));
    for (const auto& [name, sort, index] : exports) {
      item.name(name);
      item.byte(sort);
      item.u32(index);
    }
    out_.vectorSection(kCoreInstance, 1, item);
    return numCoreInstances_++;
  }

  // `(alias core export instance "name" (core <sort>))`
  void aliasCoreExport(uint32_t instance, const std::string& name, uint8_t sort) {
    ByteWriter alias;
    alias.byte(kCoreSort);
    alias.byte(sort);
    alias.byte(0x01);
    alias.u32(instance);
    alias.name(name);
    out_.vectorSection(kAlias, 1, alias);
  }
  uint32_t aliasCoreFunc(uint32_t instance, const std::string& name) {
    aliasCoreExport(instance, name, kCoreFunc);
    return numCoreFuncs_++;
  }

  // `(alias export instance "name" (func))`
  uint32_t aliasFunc(uint32_t instance, const std::string& name) {
    ByteWriter alias;
    alias.byte(kFunc);
    alias.byte(0x00);
    alias.u32(instance);
    alias.name(name);
    out_.vectorSection(kAlias, 1, alias);
    return numFuncs_++;
  }

  // canonopt: 0x03 memory, 0x04 realloc, 0x05 post-return (UTF-8, the
  // default string encoding, is left implicit).
  struct Options {
    std::optional<uint32_t> memory, realloc, postReturn;
  };
  static void WriteOptions(const Options& o, ByteWriter& out) {
    out.u32((o.memory ? 1 : 0) + (o.realloc ? 1 : 0) + (o.postReturn ? 1 : 0));
    if (o.memory) {
      out.byte(0x03);
      out.u32(*o.memory);
    }
    if (o.realloc) {
      out.byte(0x04);
      out.u32(*o.realloc);
    }
    if (o.postReturn) {
      out.byte(0x05);
      out.u32(*o.postReturn);
    }
  }

  uint32_t lower(const ImportBinding& b, const Options& options) {
    uint32_t func = aliasFunc(instances_.at(b.iface), b.func->name);
    ByteWriter canon;
    canon.byte(0x01);
    canon.byte(0x00);
    canon.u32(func);
    WriteOptions(options, canon);
    out_.vectorSection(kCanon, 1, canon);
    return numCoreFuncs_++;
  }

  uint32_t resourceDrop(const ImportBinding& b) {
    ByteWriter canon;
    canon.byte(0x03);
    canon.u32(aliasedTypes_.at({b.iface, b.resourceName}));
    out_.vectorSection(kCanon, 1, canon);
    return numCoreFuncs_++;
  }

  uint32_t instantiateMain(uint32_t mainModule, std::optional<uint32_t> shim) {
    // Grouped by core module name, in the order the module first names each.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const ImportBinding*>> byModule;
    for (const ImportBinding& b : bindings_.imports) {
      auto& list = byModule[b.module];
      if (list.empty()) order.push_back(b.module);
      list.push_back(&b);
    }
    std::vector<std::pair<std::string, uint32_t>> args;
    for (const std::string& name : order) {
      std::vector<std::tuple<std::string, uint8_t, uint32_t>> exports;
      for (const ImportBinding* b : byModule[name]) {
        uint32_t func;
        if (b->kind == ImportBinding::Kind::ResourceDrop) {
          func = resourceDrop(*b);
        } else if (IsIndirect(*b)) {
          func = aliasCoreFunc(*shim, std::to_string(indirectSlot_.at(b)));
        } else {
          func = lower(*b, {});
        }
        exports.emplace_back(b->name, kCoreFunc, func);
      }
      args.emplace_back(name, coreInstanceOf(exports));
    }
    return instantiate(mainModule, args);
  }

  // --- Step 5 -------------------------------------------------------------

  uint32_t memory() {
    if (!memory_) {
      aliasCoreExport(main_, bindings_.memory, kCoreMemory);
      memory_ = numCoreMemories_++;
    }
    return *memory_;
  }

  uint32_t realloc(const std::string& name) {
    auto it = reallocs_.find(name);
    if (it != reallocs_.end()) return it->second;
    uint32_t func = aliasCoreFunc(main_, name);
    reallocs_.emplace(name, func);
    return func;
  }

  void lowerIndirect(std::optional<uint32_t> shim) {
    bool initialize = !bindings_.initialize.empty();
    if (indirect_.empty() && !initialize) return;
    std::vector<std::tuple<std::string, uint8_t, uint32_t>> exports;
    for (const ImportBinding* b : indirect_) {
      Options options;
      options.memory = memory();
      if (b->needs.realloc) options.realloc = realloc(bindings_.importRealloc);
      exports.emplace_back(std::to_string(indirectSlot_.at(b)), kCoreFunc, lower(*b, options));
    }
    if (shim) {
      aliasCoreExport(*shim, "$imports", kCoreTable);
      exports.emplace_back("$imports", kCoreTable, numCoreTables_++);
    }
    if (initialize) exports.emplace_back("_initialize", kCoreFunc, aliasCoreFunc(main_, bindings_.initialize));
    uint32_t args = coreInstanceOf(exports);
    instantiate(coreModule(FixupModule(indirectTypes_, initialize)), {{"", args}});
  }

  // --- Step 6 -------------------------------------------------------------

  absl::Status exportInterfaces() {
    // Named types are defined once in the component and exported, under the
    // exporting interface's name for them, from each instance whose
    // functions mention them (a component may only export functions whose
    // named types it exports too).
    absl::flat_hash_map<TypeRef, uint32_t> defined;
    std::vector<std::pair<std::string, uint32_t>> namedTypes;
    absl::flat_hash_set<std::string> namedHere;
    const wit::ResolvedInterface* iface = nullptr;
    std::function<uint32_t(TypeRef)> named;
    TypeEncoder encoder(
        *this, [&](TypeRef t) { return named(t); },
        [&](component::ResourceId r) {
          auto it = importedResources_.find(r);
          return it != importedResources_.end() ? it->second : 0u;  // checkExportTypes found it
        });
    named = [&](TypeRef t) {
      auto it = defined.find(t);
      uint32_t index = it != defined.end() ? it->second : defined.emplace(t, encoder.define(t)).first->second;
      std::string name = TypeNameIn(model_, *iface, t)->name;
      if (namedHere.insert(name).second) namedTypes.emplace_back(name, index);
      return index;
    };
    for (const CoreBindings::ExportedInterface& exported : bindings_.exports) {
      iface = exported.iface;
      namedTypes.clear();
      namedHere.clear();
      std::vector<std::pair<std::string, uint32_t>> funcs;
      for (const ExportBinding& b : exported.funcs) {
        WACC_RETURN_IF_ERROR(checkExportTypes(b));
        uint32_t type = encoder.funcType(b.func->sig);
        uint32_t core = aliasCoreFunc(main_, b.coreName);
        Options options;
        if (b.needs.memory) options.memory = memory();
        if (b.needs.realloc) options.realloc = realloc(bindings_.exportRealloc);
        if (!b.postReturn.empty()) options.postReturn = aliasCoreFunc(main_, b.postReturn);
        ByteWriter canon;
        canon.byte(0x00);
        canon.byte(0x00);
        canon.u32(core);
        WriteOptions(options, canon);
        canon.u32(type);
        out_.vectorSection(kCanon, 1, canon);
        funcs.emplace_back(b.func->name, numFuncs_++);
      }
      ByteWriter instance;
      instance.byte(0x01);
      instance.u32(static_cast<uint32_t>(namedTypes.size() + funcs.size()));
      for (const auto& [name, type] : namedTypes) {
        instance.byte(0x00);  // exportname'
        instance.name(name);
        instance.byte(kTypeSort);
        instance.u32(type);
      }
      for (const auto& [name, func] : funcs) {
        instance.byte(0x00);
        instance.name(name);
        instance.byte(kFunc);
        instance.u32(func);
      }
      out_.vectorSection(kInstance, 1, instance);
      uint32_t index = numInstances_++;
      ByteWriter exportItem;
      exportItem.byte(0x00);
      exportItem.name(exported.iface->fullName());
      exportItem.byte(kInstanceSort);
      exportItem.u32(index);
      exportItem.byte(0x00);  // no type ascription
      out_.vectorSection(kExport, 1, exportItem);
      ++numInstances_;  // an export adds to its index space
    }
    return absl::OkStatus();
  }

  // Resources in exported functions must be imported ones (the handler's
  // incoming-request): the module's own would need canon
  // resource.new/rep/drop and a destructor, which is not done here yet;
  // every named type must have a name in the interface.
  absl::Status checkExportTypes(const ExportBinding& b) const {
    std::vector<TypeRef> pending;
    for (const auto& p : b.func->sig.params) pending.push_back(p.type);
    pending.push_back(b.func->sig.result);
    while (!pending.empty()) {
      TypeRef t = pending.back();
      pending.pop_back();
      if (!t) continue;
      size_t offset = module_.findExport(b.coreName)->offset;
      if (IsHandle(t) && !importedResources_.contains(t->resource)) {
        return UnsupportedError(offset, "export '%s': resources in exported functions (here %s)", b.coreName,
                                component::TypeToString(t, &model_.resources, &model_.typeNames));
      }
      if (IsNamedKind(t) && !TypeNameIn(model_, *b.iface, t)) {
        return UnsupportedError(offset, "export '%s': a type without a name in interface '%s': %s", b.coreName,
                                b.iface->fullName(), component::TypeToString(t, &model_.resources));
      }
      for (const auto& f : t->fields) pending.push_back(f.type);
      pending.push_back(t->element);
      pending.push_back(t->ok);
      pending.push_back(t->err);
    }
    return absl::OkStatus();
  }

  std::span<const uint8_t> moduleBytes_;
  const binary::CoreModule& module_;
  const wit::WitModel& model_;
  const CoreBindings& bindings_;
  ByteWriter out_;

  uint32_t numTypes_ = 0, numFuncs_ = 0, numInstances_ = 0;
  uint32_t numCoreModules_ = 0, numCoreInstances_ = 0, numCoreFuncs_ = 0, numCoreMemories_ = 0, numCoreTables_ = 0;
  absl::flat_hash_map<const wit::ResolvedInterface*, uint32_t> instances_;
  absl::flat_hash_map<std::pair<const wit::ResolvedInterface*, std::string>, uint32_t> aliasedTypes_;
  // Resources aliased out of imported instances, by their component type index.
  absl::flat_hash_map<component::ResourceId, uint32_t> importedResources_;
  std::vector<binary::FuncType> indirectTypes_;
  std::vector<const ImportBinding*> indirect_;
  absl::flat_hash_map<const ImportBinding*, uint32_t> indirectSlot_;
  uint32_t main_ = 0;
  std::optional<uint32_t> memory_;
  absl::flat_hash_map<std::string, uint32_t> reallocs_;
};

}  // namespace

absl::StatusOr<std::vector<uint8_t>> EmbedWorld(std::span<const uint8_t> coreModule, const EmbedRequest& request) {
  if (binary::DetectBinaryKind(coreModule) != binary::BinaryKind::CoreModule) {
    return InputError(0, "--wit embeds a world into a core module, but this is a component (or not wasm)");
  }
  WACC_ASSIGN_OR_RETURN(auto module, binary::ReadCoreModule(binary::ByteReader(coreModule)));
  WACC_RETURN_IF_ERROR(binary::ValidateCoreModule(*module, request.features));
  WACC_ASSIGN_OR_RETURN(LoadedWorld loaded, LoadWorld(request.witPath, request.world));
  const wit::ResolvedWorld& world = loaded.model.worlds[loaded.world];
  WACC_ASSIGN_OR_RETURN(CoreBindings bindings, BindCoreModule(*module, loaded.model, world));
  return ComponentBuilder(coreModule, *module, loaded.model, bindings).build();
}

}  // namespace wacc::embed
