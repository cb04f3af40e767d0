// The canonical ABI's static facts about a type: its size and alignment in
// linear memory, and how it flattens into core values
// (design/mvp/CanonicalABI.md: elem_size, alignment, flatten_type).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/component/ValueTypes.h"

namespace wacc::abi {

using component::FuncSignature;
using component::TypeRef;
using component::ValueType;

enum class FlatType : uint8_t { I32, I64, F32, F64 };

// Guest flattening is the canonical ABI's. Host flattening (the runtime's
// calling convention, runtime-support/include/wacc/Runtime.h) differs only
// in that a string or list pointer is a 64-bit host pointer.
enum class Side : uint8_t { Guest, Host };

constexpr size_t kMaxFlatParams = 16;
constexpr size_t kMaxFlatResults = 1;

struct MemoryLayout {
  uint32_t size = 0;
  uint32_t align = 1;
};

MemoryLayout LayoutOf(TypeRef type);
uint32_t AlignTo(uint32_t offset, uint32_t align);

// Appends the flat types of `type` to `out`.
void Flatten(TypeRef type, Side side, std::vector<FlatType>& out);
std::vector<FlatType> Flatten(TypeRef type, Side side);

// Variants, options, results and enums as one shape: a discriminant and one
// optional payload type per case.
std::vector<TypeRef> VariantCases(TypeRef type);
// The byte width of the discriminant of a variant with `numCases` cases.
uint32_t DiscriminantSize(size_t numCases);
// The joined flat types of all cases' payloads (excluding the discriminant).
std::vector<FlatType> JoinedPayload(const std::vector<TypeRef>& cases, Side side);
// Offset of the payload from the start of a variant in memory.
uint32_t VariantPayloadOffset(TypeRef type);
// Offsets of the fields of a record or tuple.
std::vector<uint32_t> FieldOffsets(TypeRef type);
// Number of 32-bit words a flags value of `numLabels` labels flattens to.
uint32_t FlagsWords(size_t numLabels);

// Calls f(t) for `type` and every type nested in it (types are finite trees;
// their depth is bounded by the planner's and the WIT reader's limits).
template <typename F>
void ForEachNestedType(TypeRef type, F&& f) {
  if (!type) return;
  f(type);
  for (const auto& field : type->fields) ForEachNestedType(field.type, f);
  // A stream's or future's payload is not part of the value (a handle).
  if (type->kind != ValueType::Kind::Stream && type->kind != ValueType::Kind::Future)
    ForEachNestedType(type->element, f);
  ForEachNestedType(type->ok, f);
  ForEachNestedType(type->err, f);
}

// A string or a list: a (pointer, length) pair in memory and when flat.
bool IsListLike(TypeRef type);
// Whether values of `type` have the same memory layout for host and guest
// (no string, list or handle inside), so lists of them pass as raw bytes.
bool IsPlainData(TypeRef type);

// The core function type of a function as the canonical ABI lowers it into a
// guest (MAX_FLAT_PARAMS/RESULTS applied: spilled params become one i32
// pointer; spilled results an extra i32 return-pointer parameter).
struct CoreSignature {
  std::vector<FlatType> params;
  std::vector<FlatType> results;
  bool paramsSpilled = false;
  bool resultsSpilled = false;
};
CoreSignature LowerSignature(const FuncSignature& sig);
// The same, as seen by the callee when the function is lifted from a guest.
CoreSignature LiftSignature(const FuncSignature& sig);

}  // namespace wacc::abi
