// The canonical ABI's validation rules for `canon lift` and `canon lower`:
// the core function type a component function type flattens to, and which
// options (memory, realloc, post-return) it needs and with what types
// (Explainer.md "Canonical ABI", CanonicalABI.md flatten_functype).
#pragma once

#include <optional>

#include "compiler/binary/CoreModule.h"
#include "compiler/validate/ValidationTypes.h"

namespace wacc::validate {

// The options of one canon definition, resolved by the validator.
struct ResolvedOptions {
  bool hasMemory = false;
  bool isAsync = false;
  std::optional<binary::FuncType> callback;
  std::optional<binary::FuncType> realloc;
  std::optional<binary::FuncType> postReturn;
};

// The core type `sig` flattens to when lifted (`lift`) or lowered.
binary::FuncType FlattenSignature(const TypeContext& ctx, const FuncSignature& sig, bool lift);

// Checks a `canon lift` of a core function of type `core` as `sig`.
absl::Status CheckLift(const TypeContext& ctx, const FuncSignature& sig, const binary::FuncType& core,
                       const ResolvedOptions& options, size_t offset);
// Checks the options of a `canon lower` of `sig`; returns the lowered core type.
absl::StatusOr<binary::FuncType> CheckLower(const TypeContext& ctx, const FuncSignature& sig,
                                            const ResolvedOptions& options, size_t offset);

// The flat core types of one value; *fits is false when there are more
// than `cap` (the value then travels through memory).
std::vector<binary::ValType> FlattenValue(TypeRef type, size_t cap, bool* fits);

std::string CoreFuncTypeToString(const binary::FuncType& type);

}  // namespace wacc::validate
