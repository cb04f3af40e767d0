#include "compiler/validate/CanonRules.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace wacc::validate {
namespace {

using binary::FuncType;
using binary::ValType;

constexpr size_t kMaxFlatParams = 16;
constexpr size_t kMaxFlatResults = 1;

// CanonicalABI.md `join`: the core type that can carry either of two.
ValType Join(ValType a, ValType b) {
  if (a == b) return a;
  if ((a == ValType::I32 && b == ValType::F32) || (a == ValType::F32 && b == ValType::I32)) return ValType::I32;
  return ValType::I64;
}

// Appends the flat types of `t` to `out`; false once `out` holds more than
// `cap` (the caller then passes the values through memory, and the exact
// list no longer matters). Recursion is bounded by kMaxTypeDepth, and the
// cap bounds the work: every type flattens to at least one value, except a
// variant case without payload, which is not visited.
bool Flatten(TypeRef t, std::vector<ValType>& out, size_t cap) {
  using K = ValueType::Kind;
  using P = binary::PrimValType;
  switch (t->kind) {
    case K::Primitive:
      switch (t->prim) {
        case P::S64:
        case P::U64: out.push_back(ValType::I64); break;
        case P::F32: out.push_back(ValType::F32); break;
        case P::F64: out.push_back(ValType::F64); break;
        case P::String:
          out.push_back(ValType::I32);
          out.push_back(ValType::I32);
          break;
        default: out.push_back(ValType::I32); break;
      }
      break;
    case K::List:
      out.push_back(ValType::I32);
      out.push_back(ValType::I32);
      break;
    case K::Record:
    case K::Tuple:
      for (const auto& f : t->fields)
        if (!Flatten(f.type, out, cap)) return false;
      break;
    case K::Flags:
    case K::Enum:
    case K::Own:
    case K::Borrow:
    case K::Stream:
    case K::Future:
      out.push_back(ValType::I32);  // flags have at most 32 labels
      break;
    case K::Variant:
    case K::Option:
    case K::Result: {
      std::vector<TypeRef> cases;
      if (t->kind == K::Variant) {
        for (const auto& f : t->fields) cases.push_back(f.type);
      } else if (t->kind == K::Option) {
        cases = {nullptr, t->element};
      } else {
        cases = {t->ok, t->err};
      }
      std::vector<ValType> joined;
      for (TypeRef c : cases) {
        if (!c) continue;
        std::vector<ValType> flat;
        if (!Flatten(c, flat, cap)) return false;
        for (size_t i = 0; i < flat.size(); ++i) {
          if (i < joined.size())
            joined[i] = Join(joined[i], flat[i]);
          else
            joined.push_back(flat[i]);
        }
      }
      out.push_back(ValType::I32);  // the discriminant
      out.insert(out.end(), joined.begin(), joined.end());
      break;
    }
  }
  return out.size() <= cap;
}

// What lifting or lowering `sig` needs of the options.
struct Needs {
  FuncType core;
  bool memory = false;
  bool realloc = false;
  std::vector<ValType> flatResults;  // the lifted results (for post-return)
};

// CanonicalABI.md, flatten_functype: an async lower passes at most 4 flat
// parameters and its results through a pointer; an async lift returns
// nothing (stackful) or a packed callback code, its results going through
// task.return.
constexpr size_t kMaxFlatAsyncParams = 4;

Needs AnalyseAsync(const TypeContext& ctx, const FuncSignature& sig, bool lift, bool callback) {
  Needs n;
  bool paramPtrs = false;
  for (const auto& p : sig.params) paramPtrs |= ctx.info(p.type).containsPtr;
  bool resultPtrs = sig.result && ctx.info(sig.result).containsPtr;
  size_t cap = lift ? kMaxFlatParams : kMaxFlatAsyncParams;
  bool fits = true;
  for (const auto& p : sig.params)
    if (!(fits = Flatten(p.type, n.core.params, cap))) break;
  if (lift) {
    n.realloc = paramPtrs;
    if (!fits) {
      n.core.params = {ValType::I32};
      n.realloc = true;
    }
    if (callback) n.core.results = {ValType::I32};
  } else {
    n.memory = paramPtrs;
    n.realloc = resultPtrs;
    if (!fits) {
      n.core.params = {ValType::I32};
      n.memory = true;
    }
    if (sig.result) {
      n.core.params.push_back(ValType::I32);
      n.memory = true;
    }
    n.core.results = {ValType::I32};
  }
  n.memory |= n.realloc;
  return n;
}

Needs Analyse(const TypeContext& ctx, const FuncSignature& sig, bool lift) {
  Needs n;
  // Pointers in parameters: a lift allocates them in its own memory; a lower
  // reads them from the caller's.
  bool paramPtrs = false;
  for (const auto& p : sig.params) paramPtrs |= ctx.info(p.type).containsPtr;
  bool resultPtrs = sig.result && ctx.info(sig.result).containsPtr;
  (lift ? n.realloc : n.memory) |= paramPtrs;
  (lift ? n.memory : n.realloc) |= resultPtrs;

  bool fits = true;
  for (const auto& p : sig.params)
    if (!(fits = Flatten(p.type, n.core.params, kMaxFlatParams))) break;
  if (!fits) {
    n.core.params = {ValType::I32};
    n.memory = true;
    if (lift) n.realloc = true;  // the spilled parameters are allocated in the callee
  }
  if (sig.result) {
    std::vector<ValType> flat;
    if (Flatten(sig.result, flat, kMaxFlatResults)) {
      n.core.results = flat;
    } else {
      n.memory = true;
      if (lift)
        n.core.results = {ValType::I32};
      else
        n.core.params.push_back(ValType::I32);  // the caller's return area
    }
  }
  n.flatResults = n.core.results;
  n.memory |= n.realloc;
  return n;
}

absl::Status CheckOptionTypes(const Needs& needs, const ResolvedOptions& o, const char* what, size_t offset) {
  if (needs.memory && !o.hasMemory)
    return InputError(
        offset, "%s needs a 'memory' option: the function's values include strings or lists, or spill to memory", what);
  if (needs.realloc && !o.realloc)
    return InputError(offset, "%s needs a 'realloc' option: it must allocate strings, lists or spilled values", what);
  FuncType reallocType{{ValType::I32, ValType::I32, ValType::I32, ValType::I32}, {ValType::I32}};
  if (o.realloc && !(*o.realloc == reallocType))
    return InputError(offset, "%s: realloc must have type %s, found %s", what, CoreFuncTypeToString(reallocType),
                      CoreFuncTypeToString(*o.realloc));
  return absl::OkStatus();
}

}  // namespace

std::string CoreFuncTypeToString(const FuncType& type) {
  auto names = [](const std::vector<ValType>& v) {
    return absl::StrJoin(v, " ", [](std::string* out, ValType t) { out->append(binary::ValTypeName(t)); });
  };
  std::string out = "(func";
  if (!type.params.empty()) absl::StrAppend(&out, " (param ", names(type.params), ")");
  if (!type.results.empty()) absl::StrAppend(&out, " (result ", names(type.results), ")");
  return out + ")";
}

std::vector<ValType> FlattenValue(TypeRef type, size_t cap, bool* fits) {
  std::vector<ValType> out;
  *fits = Flatten(type, out, cap);
  return out;
}

FuncType FlattenSignature(const TypeContext& ctx, const FuncSignature& sig, bool lift) {
  return Analyse(ctx, sig, lift).core;
}

absl::Status CheckLift(const TypeContext& ctx, const FuncSignature& sig, const FuncType& core,
                       const ResolvedOptions& options, size_t offset) {
  if (options.callback && !options.isAsync) return InputError(offset, "canon lift: a callback requires 'async'");
  if (options.isAsync && !sig.isAsync)
    return InputError(offset, "canon lift: the `async` canonical option requires an async function type");
  if (options.isAsync && options.postReturn)
    return InputError(offset, "canon lift: post-return is not allowed with 'async'");
  if (options.callback) {
    FuncType want{{ValType::I32, ValType::I32, ValType::I32}, {ValType::I32}};
    if (!(*options.callback == want))
      return InputError(offset, "canon lift: callback must have type %s, found %s", CoreFuncTypeToString(want),
                        CoreFuncTypeToString(*options.callback));
  }
  Needs needs = options.isAsync ? AnalyseAsync(ctx, sig, true, options.callback.has_value()) : Analyse(ctx, sig, true);
  if (!(core == needs.core))
    return InputError(offset, "canon lift: the core function has type %s, but %s flattens to %s",
                      CoreFuncTypeToString(core), ctx.str(sig), CoreFuncTypeToString(needs.core));
  WACC_RETURN_IF_ERROR(CheckOptionTypes(needs, options, "canon lift", offset));
  if (options.postReturn) {
    FuncType expected{needs.flatResults, {}};
    if (!(*options.postReturn == expected))
      return InputError(offset, "canon lift: post-return must have type %s (the lifted function's results), found %s",
                        CoreFuncTypeToString(expected), CoreFuncTypeToString(*options.postReturn));
  }
  return absl::OkStatus();
}

absl::StatusOr<FuncType> CheckLower(const TypeContext& ctx, const FuncSignature& sig, const ResolvedOptions& options,
                                    size_t offset) {
  if (options.callback) return InputError(offset, "canon lower: a callback is only allowed on canon lift");
  if (options.isAsync && !sig.isAsync)
    return InputError(offset, "canon lower: the `async` canonical option requires an async function type");
  Needs needs = options.isAsync ? AnalyseAsync(ctx, sig, false, false) : Analyse(ctx, sig, false);
  if (options.postReturn) return InputError(offset, "canon lower: post-return is only allowed on canon lift");
  WACC_RETURN_IF_ERROR(CheckOptionTypes(needs, options, "canon lower", offset));
  return needs.core;
}

}  // namespace wacc::validate
