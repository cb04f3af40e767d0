// Encoding resolved WIT types (component::ValueType trees) as component-model
// type definitions (Binary.md `defvaltype`, `functype`), into whichever type
// index space is being built: an instance type's declarations or the
// component's own type sections.
#pragma once

#include <cstdint>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "compiler/component/ValueTypes.h"
#include "compiler/embed/ByteWriter.h"

namespace wacc::embed {

// A type index space under construction.
class TypeSpace {
 public:
  virtual ~TypeSpace() = default;
  // Adds a type definition; returns its index.
  virtual uint32_t define(const ByteWriter& deftype) = 0;
};

class TypeEncoder {
 public:
  // Named types (record, variant, enum, flags) and resources are not defined
  // by the encoder: the space they live in gives them names, so it returns
  // their index on request.
  using NamedIndex = std::function<uint32_t(component::TypeRef)>;
  using ResourceIndex = std::function<uint32_t(component::ResourceId)>;
  TypeEncoder(TypeSpace& space, NamedIndex named, ResourceIndex resource)
      : space_(space), named_(std::move(named)), resource_(std::move(resource)) {}

  // Writes `type` as a valtype (a primitive, or the index of its definition).
  void valType(component::TypeRef type, ByteWriter& out);
  // Defines the structure of `type` (for a named type: its record, variant,
  // enum or flags body, which the caller then names); returns its index.
  // Anonymous types are defined once per space.
  uint32_t define(component::TypeRef type);
  uint32_t funcType(const component::FuncSignature& sig);

 private:
  TypeSpace& space_;
  NamedIndex named_;
  ResourceIndex resource_;
  absl::flat_hash_map<component::TypeRef, uint32_t> anonymous_;
};

}  // namespace wacc::embed
