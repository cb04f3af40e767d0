// Generating the runtime's host function declarations from WIT.
//
// Generated code calls a host function through an adapter
// (compiler/abi/HostImportAdapter.cpp) whose callee has the type
// abi::HostFunctionType: every WIT parameter flattened by
// abi::Flatten(type, Side::Host), then a `uint64_t* results` when the
// function has a result. The runtime defines these functions in C++
// (runtime-support/wasi/), and C symbols carry no types, so lld would link
// a disagreement silently. This header is what ties the two: the build
// generates it from wit/ (the same WIT compiled into wacc), every runtime
// file that defines a host function includes it, and C++ rejects a
// definition of an extern "C" function whose type differs from an earlier
// declaration ("conflicting types"). cmake/CheckRuntimeSymbols.cmake then
// checks that the runtime archive defines exactly the declared functions.
//
// The C type of each flat parameter comes from a walk of the WIT type
// (CParams): an i32 is uint32_t, an i64 uint64_t, f32/f64 float/double,
// except a host pointer: const char* for a string (UTF-8), const void* for a
// list of plain data (its canonical-ABI bytes), const uint64_t* for a list
// of anything else (F slots per element, Runtime.h). Handles are the host's
// uint32_t rep. A variant's payload slots are joined as the canonical ABI
// joins them; a joined slot keeps a pointer type only when every case that
// reaches it puts that type there. The result is checked value by value
// against abi::HostFunctionType, the very type the adapters call, so the
// header cannot drift from what generated code passes: a disagreement stops
// generation (and the build).
//
// Results are described rather than typed (they are all uint64_t slots):
// the comment above each prototype has one line per slot naming what lands
// there (DescribeSlots), the cases of a variant sharing the slots their
// payloads join into, in canonical-ABI flattening order.
//
// WASI 0.3. stream<T> and future<T> flatten to one i32 like own<T> (the
// host gets the rep of the readable end). An `async func` changes the
// calling convention, not a type: its host function returns uint32_t, 0
// when it finished (results written) or the host subtask it started
// (wacc/Async.h); HostPrototype is the one place that says so. 0.3's
// interfaces come from wit/p3/ (HostInterfaces::Next) and their symbols
// carry a p3 prefix (HostSymbolName). wasi:http needs nothing here: once
// wit/ has it and a world imports it, HostInterfaces lists its interfaces as
// importable and every function of those is declared. Functions that never
// return are listed once, in HostFunctionNeverReturns (HostInterfaces.h).
#include "compiler/wit/tool/HostHeader.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "compiler/abi/Adapters.h"
#include "compiler/abi/CanonicalLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"

namespace wacc::wit {
namespace {

using abi::FlatType;
using abi::Side;
using component::PrimValType;
using component::TypeRef;
using Kind = component::ValueType::Kind;

// One flat parameter as C declares it.
struct CValue {
  std::string type;  // "uint32_t", "const char*", ...
  std::string name;
};

const char* CTypeOf(FlatType t) {
  switch (t) {
    case FlatType::I32: return "uint32_t";
    case FlatType::I64: return "uint64_t";
    case FlatType::F32: return "float";
    case FlatType::F64: return "double";
  }
  return "uint32_t";
}

// The flat type a C parameter type is passed as (pointers are 64-bit on
// every target wacc has).
FlatType FlatTypeOf(const std::string& cType) {
  if (cType == "uint32_t") return FlatType::I32;
  if (cType == "float") return FlatType::F32;
  if (cType == "double") return FlatType::F64;
  return FlatType::I64;  // uint64_t and pointers
}

// "status-code" -> "statusCode".
std::string CamelCase(std::string_view kebab) {
  std::string out;
  bool upper = false;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string Capitalized(std::string_view kebab) {
  std::string out = CamelCase(kebab);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
  return out;
}

bool IsStringType(TypeRef t) { return t->kind == Kind::Primitive && t->prim == PrimValType::String; }

void CParams(TypeRef t, const std::string& name, std::vector<CValue>& out) {
  switch (t->kind) {
    case Kind::Primitive:
      switch (t->prim) {
        case PrimValType::String:
          out.push_back({"const char*", name});
          out.push_back({"uint32_t", name + "Length"});
          return;
        case PrimValType::S64:
        case PrimValType::U64: out.push_back({"uint64_t", name}); return;
        case PrimValType::F32: out.push_back({"float", name}); return;
        case PrimValType::F64: out.push_back({"double", name}); return;
        default: out.push_back({"uint32_t", name}); return;
      }
    case Kind::List:
      out.push_back({abi::IsPlainData(t->element) ? "const void*" : "const uint64_t*", name});
      out.push_back({"uint32_t", name + "Length"});
      return;
    case Kind::Record:
    case Kind::Tuple:
      for (size_t i = 0; i < t->fields.size(); ++i) {
        const auto& field = t->fields[i];
        CParams(field.type, name + (field.name.empty() ? std::to_string(i) : Capitalized(field.name)), out);
      }
      return;
    case Kind::Flags: {
      uint32_t words = abi::FlagsWords(t->labels.size());
      for (uint32_t i = 0; i < words; ++i) {
        out.push_back({"uint32_t", words == 1 ? name : name + std::to_string(i)});
      }
      return;
    }
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: out.push_back({"uint32_t", name}); return;
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: {
      out.push_back({"uint32_t", name + "Case"});
      std::vector<TypeRef> cases = abi::VariantCases(t);
      std::vector<FlatType> joined = abi::JoinedPayload(cases, Side::Host);
      // Per joined slot, the C type when every case reaching it agrees.
      std::vector<std::string> types(joined.size());
      std::vector<bool> agree(joined.size(), true);
      for (TypeRef c : cases) {
        if (!c) continue;
        std::vector<CValue> values;
        CParams(c, "", values);
        for (size_t i = 0; i < values.size() && i < joined.size(); ++i) {
          if (types[i].empty())
            types[i] = values[i].type;
          else if (types[i] != values[i].type)
            agree[i] = false;
        }
      }
      for (size_t i = 0; i < joined.size(); ++i) {
        out.push_back({agree[i] && !types[i].empty() ? types[i] : CTypeOf(joined[i]), name + std::to_string(i + 1)});
      }
      return;
    }
  }
}

// C and C++ keywords a camelCased WIT name could be, and the name of the
// trailing results parameter.
bool IsReservedName(std::string_view name) {
  static const absl::flat_hash_set<std::string_view> kReserved = {
      "and",      "auto",     "bool",      "break",   "case",   "catch",    "char",    "class",    "const",
      "continue", "default",  "delete",    "do",      "double", "else",     "enum",    "explicit", "export",
      "extern",   "false",    "float",     "for",     "friend", "goto",     "if",      "inline",   "int",
      "long",     "mutable",  "namespace", "new",     "not",    "operator", "or",      "private",  "protected",
      "public",   "register", "restrict",  "return",  "short",  "signed",   "sizeof",  "static",   "struct",
      "switch",   "template", "this",      "throw",   "true",   "try",      "typedef", "typeid",   "typename",
      "union",    "unsigned", "using",     "virtual", "void",   "volatile", "while",   "xor",      "results"};
  return kReserved.contains(name);
}

// --- Describing result slots ---------------------------------------------------

// What each flat slot of a value holds: per slot, one line per way a value
// can put something there (one per variant case reaching it).
using SlotLines = std::vector<std::vector<std::string>>;

class SlotDescriber {
 public:
  explicit SlotDescriber(const WitModel& model) : model_(model) {}

  SlotLines describe(TypeRef t, const std::string& label) {
    SlotLines slots;
    add(t, label, slots);
    return slots;
  }

 private:
  std::string typeText(TypeRef t) const { return component::TypeToString(t, &model_.resources, &model_.typeNames); }

  static std::string line(const std::string& label, const std::string& what) {
    return label.empty() ? what : absl::StrCat(label, ": ", what);
  }

  static std::string join(const std::string& label, const std::string& part) {
    return label.empty() ? part : absl::StrCat(label, ".", part);
  }

  // The discriminant's line: the cases by number when there are few.
  std::string caseLine(TypeRef t) const {
    std::vector<std::string> names;
    switch (t->kind) {
      case Kind::Variant:
        for (const auto& f : t->fields) names.push_back(f.name);
        break;
      case Kind::Option: names = {"none", "some"}; break;
      case Kind::Result: names = {"ok", "err"}; break;
      default: names = t->labels; break;
    }
    auto named = model_.typeNames.find(t);
    std::string what = named != model_.typeNames.end() ? named->second
                       : t->kind == Kind::Option       ? "option"
                       : t->kind == Kind::Result       ? "result"
                       : t->kind == Kind::Enum         ? "enum"
                                                       : "variant";
    if (names.size() > 4) return absl::StrCat(what, " case (", names.size(), " cases)");
    std::vector<std::string> numbered;
    for (size_t i = 0; i < names.size(); ++i) numbered.push_back(absl::StrCat(i, " ", names[i]));
    return absl::StrCat(what, " case: ", absl::StrJoin(numbered, ", "));
  }

  void add(TypeRef t, const std::string& label, SlotLines& slots) {
    auto push = [&](std::string what) { slots.push_back({line(label, what)}); };
    switch (t->kind) {
      case Kind::Primitive:
        if (IsStringType(t)) {
          push("string pointer (UTF-8)");
          push("string length in bytes");
        } else {
          push(typeText(t));
        }
        return;
      case Kind::List: {
        std::string list = typeText(t);
        if (abi::IsPlainData(t->element)) {
          push(absl::StrCat(list, " pointer (canonical-ABI bytes)"));
        } else {
          size_t perElement = abi::Flatten(t->element, Side::Host).size();
          push(absl::StrCat(list, " pointer (", perElement, " slot", perElement == 1 ? "" : "s", " per element)"));
        }
        push(absl::StrCat(list, " length"));
        return;
      }
      case Kind::Record:
      case Kind::Tuple:
        for (size_t i = 0; i < t->fields.size(); ++i) {
          const auto& field = t->fields[i];
          add(field.type, join(label, field.name.empty() ? std::to_string(i) : field.name), slots);
        }
        return;
      case Kind::Flags: {
        uint32_t words = abi::FlagsWords(t->labels.size());
        for (uint32_t i = 0; i < words; ++i) {
          push(words == 1 ? typeText(t) : absl::StrCat(typeText(t), " word ", i));
        }
        return;
      }
      case Kind::Own:
      case Kind::Borrow:
      case Kind::Stream:
      case Kind::Future: push(absl::StrCat(typeText(t), " rep")); return;
      case Kind::Variant:
      case Kind::Option:
      case Kind::Result:
      case Kind::Enum: {
        push(caseLine(t));
        size_t payloadStart = slots.size();
        std::vector<TypeRef> cases = abi::VariantCases(t);
        for (size_t i = 0; i < cases.size(); ++i) {
          if (!cases[i]) continue;
          std::string caseName = t->kind == Kind::Option   ? "some"
                                 : t->kind == Kind::Result ? (i == 0 ? "ok" : "err")
                                                           : t->fields[i].name;
          SlotLines payload = describe(cases[i], join(label, caseName));
          for (size_t s = 0; s < payload.size(); ++s) {
            if (payloadStart + s == slots.size()) slots.emplace_back();
            auto& target = slots[payloadStart + s];
            target.insert(target.end(), payload[s].begin(), payload[s].end());
          }
        }
        return;
      }
    }
  }

  const WitModel& model_;
};

// --- Prototypes ------------------------------------------------------------------

// The declaration of one host function, with its comment.
absl::StatusOr<std::string> HostPrototype(llvm::LLVMContext& context, const WitModel& model,
                                          const ResolvedInterface& iface, const std::string& funcName,
                                          const component::FuncSignature& sig) {
  std::string symbol = HostSymbolName(iface.fullName(), funcName);
  std::vector<CValue> params;
  absl::flat_hash_set<std::string> used;
  for (const auto& p : sig.params) {
    std::vector<CValue> values;
    CParams(p.type, CamelCase(p.name), values);
    for (CValue& v : values) {
      if (IsReservedName(v.name)) v.name += '_';
      while (!used.insert(v.name).second) v.name += '_';
      params.push_back(std::move(v));
    }
  }

  // The reference is the callee type the adapters call through.
  llvm::FunctionType* called = abi::HostFunctionType(context, sig);
  bool same = (sig.isAsync ? called->getReturnType()->isIntegerTy(32) : called->getReturnType()->isVoidTy()) &&
              called->getNumParams() == params.size() + (sig.result ? 1 : 0);
  for (size_t i = 0; same && i < params.size(); ++i) {
    same = called->getParamType(i) == abi::FlatLLVMType(context, FlatTypeOf(params[i].type));
  }
  if (same && sig.result) same = called->getParamType(params.size())->isPointerTy();
  if (!same) {
    return absl::InternalError(
        absl::StrCat("gen-host-header: the C parameters of ", symbol, " disagree with abi::HostFunctionType"));
  }

  std::string text =
      absl::StrCat("/* ", funcName, ": ", component::SignatureToString(sig, &model.resources, &model.typeNames));
  std::vector<std::string> decls;
  for (const CValue& v : params) decls.push_back(absl::StrCat(v.type, " ", v.name));
  if (sig.result) {
    decls.push_back("uint64_t* results");
    SlotLines slots = SlotDescriber(model).describe(sig.result, "");
    if (slots.size() != abi::Flatten(sig.result, Side::Host).size()) {
      return absl::InternalError(
          absl::StrCat("gen-host-header: the result slots of ", symbol, " do not match abi::Flatten"));
    }
    size_t width = slots.empty() ? 0 : absl::StrCat("results[", slots.size() - 1, "]").size();
    absl::StrAppend(&text, "\n");
    for (size_t i = 0; i < slots.size(); ++i) {
      std::string slot = absl::StrCat("results[", i, "]");
      slot.resize(width, ' ');
      for (size_t j = 0; j < slots[i].size(); ++j) {
        absl::StrAppend(&text, " *   ", j == 0 ? slot : std::string(width, ' '), "  ", slots[i][j], "\n");
      }
    }
  }
  absl::StrAppend(&text, " */\n");
  if (HostFunctionNeverReturns(iface.id(), funcName)) absl::StrAppend(&text, "__attribute__((noreturn)) ");
  // An async function returns 0 or the host subtask it started (wacc/Async.h).
  absl::StrAppend(&text, sig.isAsync ? "uint32_t " : "void ", symbol, "(",
                  decls.empty() ? "void" : absl::StrJoin(decls, ", "), ");\n");
  return text;
}

constexpr const char* kPrologue =
    R"(/* Generated from wit/ by `wacc-wit gen-host-header` (compiler/wit/tool/
 * HostHeader.cpp) when wacc is built. Do not edit; change the WIT, or the
 * flattening in compiler/abi/CanonicalLayout.cpp.
 *
 * The WASI host functions the runtime implements, as generated code calls
 * them (the rule is in wacc/Runtime.h): parameters flattened by the canonical
 * ABI, handles as the host's rep, a string or list as a host pointer and a
 * length, and results as uint64_t slots in a trailing `results` array, one
 * line per slot below (cases of a variant share the slots their payloads
 * join into). Every runtime file defining a host function includes this
 * header, so a definition whose types differ from its WIT is a compile error.
 */
#ifndef WACC_WASI_HOST_FUNCTIONS_H
#define WACC_WASI_HOST_FUNCTIONS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
)";

constexpr const char* kEpilogue = R"(
#ifdef __cplusplus
}
#endif

#endif /* WACC_WASI_HOST_FUNCTIONS_H */
)";

}  // namespace

static absl::StatusOr<std::string> HostHeaderFunctions(const HostInterfaces& host);

absl::StatusOr<std::string> HostHeaderText(const HostInterfaces& host) {
  std::string text = kPrologue;
  for (const HostInterfaces* set = &host; set; set = set->Next()) {
    WACC_ASSIGN_OR_RETURN(std::string part, HostHeaderFunctions(*set));
    text += part;
  }
  return text + kEpilogue;
}

static absl::StatusOr<std::string> HostHeaderFunctions(const HostInterfaces& host) {
  const WitModel& model = host.Model();
  llvm::LLVMContext context;
  std::string text;
  for (const std::string& id : host.ImportableInterfaces()) {
    const ResolvedInterface* iface = model.findInterface(id);
    if (!iface) continue;
    absl::StrAppend(&text, "\n/* ---- ", iface->fullName(), " ---- */\n");
    for (const ResolvedFunction& func : iface->functions) {
      WACC_ASSIGN_OR_RETURN(std::string prototype, HostPrototype(context, model, *iface, func.name, func.sig));
      absl::StrAppend(&text, "\n", prototype);
    }
    // A host resource's destructor: [resource-drop]R takes the rep.
    for (const ResolvedType& type : iface->types) {
      if (!type.isResourceDecl) continue;
      component::FuncSignature drop;
      drop.params.push_back({"rep", type.type});
      WACC_ASSIGN_OR_RETURN(std::string prototype,
                            HostPrototype(context, model, *iface, "[resource-drop]" + type.name, drop));
      absl::StrAppend(&text, "\n", prototype);
    }
  }
  return text;
}

}  // namespace wacc::wit
