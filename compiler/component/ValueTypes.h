// Resolved component-model value and function types.
//
// Unlike the syntactic binary::TypeDef (indices into a component's type
// index space), these are self-contained trees: every index is resolved and
// every resource type is a ResourceId naming one resource definition. The
// planner produces them from the binary; the WIT reader produces them from
// wit/; the canonical ABI generates adapters from them. Two types are equal
// when their trees are structurally equal with equal ResourceIds.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/binary/Component.h"
#include "compiler/component/Index.h"

namespace wacc::component {

using binary::PrimValType;
using ResourceId = uint32_t;

struct ValueType;
// Types are interned in a TypeArena and referred to by pointer.
using TypeRef = const ValueType*;

struct ValueType {
  enum class Kind : uint8_t {
    Primitive,
    Record,
    Variant,
    List,
    Tuple,
    Flags,
    Enum,
    Option,
    Result,
    Own,
    Borrow,
    Stream,  // WASI 0.3: an i32 handle to a readable end; `element` is the payload (null: none)
    Future,  // likewise
  };
  Kind kind = Kind::Primitive;
  PrimValType prim = PrimValType::Bool;  // Primitive

  struct Field {
    std::string name;        // empty for tuple elements
    TypeRef type = nullptr;  // null for a variant case without payload
  };
  std::vector<Field> fields;        // Record fields, Variant cases, Tuple elements
  TypeRef element = nullptr;        // List, Option, Stream, Future (payload, may be null)
  // List: a `map<K, V>`, whose element is tuple<K, V>. CanonicalABI.md lays
  // out, lifts and lowers a map as that list; only its type differs.
  bool isMap = false;
  TypeRef ok = nullptr;             // Result (null: no payload)
  TypeRef err = nullptr;            // Result (null: no payload)
  std::vector<std::string> labels;  // Flags, Enum
  ResourceId resource = 0;          // Own, Borrow
};

// A function's resolved signature.
struct FuncSignature {
  struct Param {
    std::string name;
    TypeRef type;
  };
  std::vector<Param> params;
  TypeRef result = nullptr;  // null: no result
  bool isAsync = false;      // `async func` (WASI 0.3): may block its caller
};

// A resource type known to the planner.
struct ResourceInfo {
  // For resources provided by the host: the interface without version
  // ("wasi:io/streams") and resource name ("output-stream").
  bool isHost = false;
  std::string interfaceName;
  std::string name;
  // The version of the import that declared a host resource ("0.3.0"; empty
  // from a WIT model). WASI 0.3 reuses 0.2's interface names for other
  // resources, so the version picks the host function family that drops it.
  std::string interfaceVersion;
  // interfaceName with "@" + interfaceVersion when there is one: what
  // wit::HostSymbolName and the host checks take.
  std::string versionedInterfaceName() const {
    return interfaceVersion.empty() ? interfaceName : interfaceName + "@" + interfaceVersion;
  }
  // For resources defined by a guest component: the index of the defining
  // component instance in the plan (its destructor, if any, is in
  // InstantiationPlan::destructors).
  ComponentInstanceIndex definingInstance;
};

class TypeArena {
 public:
  TypeRef primitive(PrimValType prim);
  // Interns `type` (structurally equal types share one node).
  TypeRef intern(ValueType type);

 private:
  std::deque<ValueType> nodes_;
  // Shallow key of a node (children by pointer, which interning makes
  // canonical) -> the node.
  absl::flat_hash_map<std::string, TypeRef> index_;
};

// Structural equality, resources compared by `sameResource`: for types
// whose ResourceIds index different tables (a component's and the WIT's).
bool TypesEqual(TypeRef a, TypeRef b, const std::function<bool(ResourceId, ResourceId)>& sameResource);
// For diagnostics: "result<_, stream-error-variant>"-like WIT text.
std::string TypeToString(TypeRef type, const std::vector<ResourceInfo>* resources = nullptr);
std::string SignatureToString(const FuncSignature& sig, const std::vector<ResourceInfo>* resources = nullptr);

// Names to print instead of a type's structure, as WIT writes them
// ("stream-error" rather than "variant { ... }"). Used by the WIT checker.
using TypeNames = absl::flat_hash_map<TypeRef, std::string>;
std::string TypeToString(TypeRef type, const std::vector<ResourceInfo>* resources, const TypeNames* names);
std::string SignatureToString(const FuncSignature& sig, const std::vector<ResourceInfo>* resources,
                              const TypeNames* names);

}  // namespace wacc::component
