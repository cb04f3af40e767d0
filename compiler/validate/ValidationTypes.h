// The validator's model of component-level types (private to compiler/validate).
//
// Value and function types reuse component::ValueType and FuncSignature: a
// resource is a ResourceId, so two types are equal when their trees are equal
// with equal ResourceIds. On top of them come the types of the other sorts:
// what a component instance exports (InstanceType) and what a component
// imports and exports (ComponentType), and ExternType, the type of any item
// that can be imported, exported, aliased or passed to an instantiation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include "absl/strings/string_view.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "compiler/binary/Component.h"
#include "compiler/component/ValueTypes.h"
#include "compiler/support/Status.h"

namespace wacc::validate {

using component::FuncSignature;
using component::ResourceId;
using component::TypeRef;
using component::ValueType;

// Value types nested deeper than this, or larger than kMaxTypeSize nodes when
// written out as a tree, are rejected: the later stages walk types
// recursively (the canonical ABI's layout and flattening), and a type that
// doubles at each of 100 levels would never finish.
inline constexpr uint32_t kMaxTypeDepth = 100;
inline constexpr uint64_t kMaxTypeSize = 100000;

struct InstanceType;
struct ComponentType;
using FuncTypePtr = std::shared_ptr<const FuncSignature>;
using InstanceTypePtr = std::shared_ptr<const InstanceType>;
using ComponentTypePtr = std::shared_ptr<const ComponentType>;

// External visibility of types (Explainer.md): the types an import or export
// mentions must themselves have been imported or exported before, since a
// client can only name types the component shows it. Value types are interned
// structurally, so `(record ...)` defined twice is one TypeRef; visibility is
// about which *definition* a type came from, so every type index entry also
// gets a NameId, and each type and function records the NameIds it reaches
// through its first layer of nominal types (records, variants, flags, enums
// and the resources of own/borrow; tuples, options, lists and results are
// looked through). Importing or exporting a type gives the new index entry a
// fresh NameId and makes it visible.
//
// What a type refers to is a DAG shared between types: a type's node holds
// the names it reaches directly and the nodes of the structural types inside
// it, so a tuple over a large tuple does not copy what that one refers to
// (the memory stays linear in the input). Null refers to nothing.
using NameId = uint32_t;
struct NameNode;
using NameRefs = std::shared_ptr<const NameNode>;
struct NameNode {
  std::vector<NameId> names;
  std::vector<NameRefs> parts;
};

// One entry of a component-level type index space.
struct TypeEntry {
  enum class Kind : uint8_t { Value, Func, Resource, Instance, Component };
  Kind kind = Kind::Value;
  TypeRef value = nullptr;     // Value
  FuncTypePtr func;            // Func
  ResourceId resource = 0;     // Resource
  InstanceTypePtr instance;    // Instance
  ComponentTypePtr component;  // Component
  // This index entry's identity, and for value and function types the names
  // its contents refer to (a record's fields', not the record's own).
  NameId name = 0;
  NameRefs inner;
};

// Whether references to `type` need its own name (records, variants, flags,
// enums, resources) rather than those inside it.
bool IsNominal(const TypeEntry& type);

// Collects what a type refers to.
class NameRefsBuilder {
 public:
  // A reference to the type `referenced` (by a field, parameter, ...).
  void refer(const TypeEntry& referenced);
  void referName(NameId name) { names_.push_back(name); }
  NameRefs build();

 private:
  std::vector<NameId> names_;
  std::vector<NameRefs> parts_;
};

// --- Core module types (CoreModuleTypes.cpp) -----------------------------------

// The type of a core item: what a core instance exports, what a module
// imports or exports. A module type may declare 64-bit or shared memories
// and tables, which only match declarations alike.
struct CoreExtern {
  binary::ExternalKind kind = binary::ExternalKind::Func;
  binary::FuncType func;
  binary::TableType table;
  binary::MemoryType memory;
  binary::GlobalType global;
  bool is64 = false, shared = false;
};

// A core module's type (Explainer.md `core:moduletype`): its imports, in
// order, and its exports. A module definition has the type its imports and
// exports spell; an imported module has the type its import declares.
struct CoreModuleType {
  struct Import {
    std::string module, name;
    CoreExtern type;
  };
  std::vector<Import> imports;
  std::vector<std::pair<std::string, CoreExtern>> exports;
  absl::flat_hash_map<std::string, size_t> exportIndex;

  const CoreExtern* findExport(absl::string_view name) const {
    auto it = exportIndex.find(name);
    return it == exportIndex.end() ? nullptr : &exports[it->second].second;
  }
  const CoreExtern* findImport(absl::string_view module, absl::string_view name) const;
};
using CoreModuleTypePtr = std::shared_ptr<const CoreModuleType>;

// One entry of a core type index space: a function type or a module type.
struct CoreTypeEntry {
  bool isModule = false;
  binary::FuncType func;      // !isModule
  CoreModuleTypePtr module;  // isModule
};

// The type of an importable/exportable item.
struct ExternType {
  enum class Kind : uint8_t { Module, Func, Type, Instance, Component };
  Kind kind = Kind::Func;
  FuncTypePtr func;  // Func
  TypeEntry type;    // Type
  // Type: declared `(sub resource)` here, so an instantiation or a subtype
  // check binds it to the resource the other side provides.
  bool abstract = false;
  InstanceTypePtr instance;                    // Instance
  ComponentTypePtr component;                  // Component
  CoreModuleTypePtr module;                    // Module
  NameRefs funcRefs;                           // Func: the names its parameters and result need
};

struct NamedExtern {
  std::string name;
  ExternType type;
};

struct InstanceType {
  std::vector<NamedExtern> exports;
  absl::flat_hash_map<std::string, size_t> byName;
  uint32_t depth = 1;  // instance/component types nested in it, plus one

  const ExternType* find(absl::string_view name) const {
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : &exports[it->second].type;
  }
  // False when the name is already taken.
  bool add(std::string name, ExternType type);
};

struct ComponentType {
  std::vector<NamedExtern> imports, exports;
  // Resources created while the component (type) was defined: its imported
  // (abstract) resources and those it defines. Instantiating it binds the
  // former to the arguments' and makes the latter fresh.
  ResourceId firstOwn = 0, endOwn = 0;
  uint32_t depth = 1;
};

// Nesting depth of instance/component types within an extern type.
uint32_t ExternDepth(const ExternType& type);
const char* ExternKindName(ExternType::Kind kind);

// Interns value types and knows, for each, the facts validation asks about.
class TypeContext {
 public:
  struct Info {
    uint32_t depth = 1;
    uint64_t size = 1;
    bool containsBorrow = false;
    bool containsPtr = false;  // a string or list somewhere inside
  };

  TypeRef primitive(binary::PrimValType prim);
  // Interns `type`, whose children were all produced by this context.
  absl::StatusOr<TypeRef> intern(ValueType type, size_t offset);
  const Info& info(TypeRef type) const { return info_.at(type); }

  ResourceId newResource(std::string name);
  NameId newName() { return ++names_; }
  ResourceId numResources() const { return ResourceId(resources_.size()); }
  const std::vector<component::ResourceInfo>& resources() const { return resources_; }

  std::string str(TypeRef type) const { return component::TypeToString(type, &resources_); }
  std::string str(const FuncSignature& sig) const { return component::SignatureToString(sig, &resources_); }
  std::string str(const ExternType& type) const;

 private:
  component::TypeArena arena_;
  absl::flat_hash_map<TypeRef, Info> info_;
  std::vector<component::ResourceInfo> resources_;  // names, for messages
  NameId names_ = 0;
};

// The names visible to the imports and to the exports of one component or
// component type (instance types are checked where they are imported or
// exported). Imported names are visible to both.
struct VisibleNames {
  struct Set {
    absl::flat_hash_set<NameId> names;
    // Nodes found visible (names are only added, so they stay visible);
    // held, so an address is not reused.
    absl::flat_hash_map<const NameNode*, NameRefs> visible;
  };
  Set imported, exported;
};

// Checks that an import or export mentions only visible types (Explainer.md
// "external visibility of types") and makes the types it names visible. On
// failure, what was not visible.
std::string CheckVisibility(VisibleNames& names, bool isImport, const ExternType& type);
// A copy of an imported or exported item whose type index entry, if any, has
// a new identity (the `created` type of an import/export).
ExternType WithFreshName(TypeContext& ctx, ExternType type);

// A scope of type definitions: a component's, or a component/instance type
// declaration's, whose outer aliases reach the enclosing scopes.
struct TypeScope {
  std::vector<TypeEntry> types;
  std::vector<CoreTypeEntry> coreTypes;
  std::vector<InstanceTypePtr> instances;  // declared in a type (for its export aliases)
  const TypeScope* parent = nullptr;
  // A component's own scope (not a type declarator's): an outer alias
  // leaving it crosses a component boundary.
  bool isComponent = false;
};

// Whether a type is or contains a resource type or a handle (own/borrow):
// such types are generative and may not be aliased across a component
// boundary (Explainer.md, "Alias definitions").
bool RefersToResources(const TypeEntry& type);

// --- TypeResolver.cpp ---------------------------------------------------------

absl::StatusOr<TypeRef> ResolveValType(TypeContext& ctx, const binary::ValTypeRef& ref, const TypeScope& scope,
                                       size_t offset);
// A type definition other than a resource (which only a component's own
// type section may define; the validator handles those).
absl::StatusOr<TypeEntry> ResolveTypeDef(TypeContext& ctx, const binary::TypeDef& def, const TypeScope& scope);
// What an import or export declares, resolved in `scope`. A `(sub resource)`
// bound creates a fresh abstract resource named `name`.
absl::StatusOr<ExternType> ResolveExternDesc(TypeContext& ctx, const binary::ExternDesc& desc, const TypeScope& scope,
                                             const std::string& name, size_t offset);
// Adds an item of `type` to the index space of its sort in a type scope.
void PushToScope(TypeScope& scope, const ExternType& type);

// --- CoreModuleTypes.cpp --------------------------------------------------------

// The type of a module definition.
CoreModuleTypePtr ModuleTypeOf(const binary::CoreModule& module);
// A core type definition, resolved in `scope` (a module type's outer aliases
// reach the core types of the enclosing component and type scopes).
absl::StatusOr<CoreTypeEntry> ResolveCoreType(const binary::CoreTypeDef& def, const TypeScope& scope);
// Empty when a core item of type `actual` may be used where `expected` is
// required (core wasm's import matching); otherwise what does not match.
std::string CoreExternMismatch(const CoreExtern& actual, const CoreExtern& expected);
// Empty when a module of type `actual` may be used where `expected` is
// required: it imports no more than `expected` does, each at a supertype of
// the import's expected type, and exports at least what `expected` exports,
// each at a subtype.
std::string CoreModuleMismatch(const CoreModuleType& actual, const CoreModuleType& expected);
std::string CoreExternToString(const CoreExtern& type);

// --- Subtyping.cpp ------------------------------------------------------------

// Resources a subtype check has bound: an abstract resource of the expected
// type -> the resource the actual item provides.
using ResourceMap = absl::flat_hash_map<ResourceId, ResourceId>;

// Empty when `actual` may be used where `expected` is required; otherwise
// what does not match. Binds the expected side's abstract resources in `map`.
std::string CheckSubtype(const TypeContext& ctx, const ExternType& actual, const ExternType& expected,
                         ResourceMap& map);
bool SignaturesMatch(const FuncSignature& actual, const FuncSignature& expected, const ResourceMap& map);

// Type-checks the arguments of an instantiation against the component's
// imports and returns the type of the new instance: the component's exports
// with its imported resources replaced by the arguments' and its own
// resources made fresh.
absl::StatusOr<InstanceTypePtr> Instantiate(TypeContext& ctx, const ComponentType& component,
                                            const absl::flat_hash_map<std::string, ExternType>& args, size_t offset);

// The type of one import of an instance: the `(sub resource)` types its
// type declares, and those of the instances it exports, become fresh
// resources. An instance type imported twice (or exported twice by one
// instance) stands for instances that may have different resources.
absl::StatusOr<InstanceTypePtr> FreshenInstance(TypeContext& ctx, const InstanceType& type, size_t offset);

}  // namespace wacc::validate
