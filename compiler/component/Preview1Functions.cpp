#include "compiler/component/Preview1Functions.h"

#include <cstdint>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "wacc/Preview1.h"

namespace wacc::component {
namespace {

// The core value type of a C parameter or result type of Preview1.h.
template <typename T>
constexpr binary::ValType CoreTypeOf() {
  if constexpr (std::is_same_v<T, uint32_t>) {
    return binary::ValType::I32;
  } else if constexpr (std::is_same_v<T, uint64_t>) {
    return binary::ValType::I64;
  } else {
    static_assert(sizeof(T) == 0, "Preview1Functions.def: a type that is not a core i32 or i64");
  }
}

// The core function type of a C function, deduced from a pointer to it (a
// void result is none). clang makes noreturn part of proc_exit's function
// type; the pointer converts to a plain one during deduction, where a
// partial specialisation on the type would not match.
template <typename R, typename... Args>
binary::FuncType CoreSignatureOf(R (*)(Args...)) {
  binary::FuncType type{{CoreTypeOf<Args>()...}, {}};
  if constexpr (!std::is_void_v<R>) type.results.push_back(CoreTypeOf<R>());
  return type;
}

constexpr bool kNoReturn_ERRNO = false;
constexpr bool kNoReturn_NORETURN = true;

// &::wacc_p1_name has the function type Preview1.h declared from the same
// entry.
const std::vector<Preview1Function>& Preview1Functions() {
  static const auto* functions = new std::vector<Preview1Function>{
#define WACC_PREVIEW1_FUNCTION(name, result, parameters) \
  {#name, "wacc_p1_" #name, CoreSignatureOf(&::wacc_p1_##name), kNoReturn_##result},
#define WACC_PREVIEW0_FUNCTION(name, result, parameters)
#include "wacc/Preview1Functions.def"
#undef WACC_PREVIEW0_FUNCTION
#undef WACC_PREVIEW1_FUNCTION
  };
  return *functions;
}

// wasi_unstable's functions whose ABI differs from preview1's.
const std::vector<Preview1Function>& Preview0Functions() {
  static const auto* functions = new std::vector<Preview1Function>{
#define WACC_PREVIEW1_FUNCTION(name, result, parameters)
#define WACC_PREVIEW0_FUNCTION(name, result, parameters) \
  {#name, "wacc_p0_" #name, CoreSignatureOf(&::wacc_p0_##name), kNoReturn_##result},
#include "wacc/Preview1Functions.def"
#undef WACC_PREVIEW0_FUNCTION
#undef WACC_PREVIEW1_FUNCTION
  };
  return *functions;
}

const Preview1Function* Find(const std::vector<Preview1Function>& functions, std::string_view name) {
  for (const Preview1Function& f : functions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

const Preview1Function* FindPreview1Function(std::string_view module, std::string_view name) {
  if (module == kPreview1Module) return Find(Preview1Functions(), name);
  if (module != kPreview0Module) return nullptr;
  if (const Preview1Function* own = Find(Preview0Functions(), name)) return own;
  return Find(Preview1Functions(), name);
}

std::string CoreFuncTypeToString(const binary::FuncType& type) {
  auto names = [](const std::vector<binary::ValType>& types) {
    return absl::StrJoin(types, ", ", [](std::string* out, binary::ValType t) { out->append(binary::ValTypeName(t)); });
  };
  std::string results = type.results.size() == 1 ? names(type.results) : absl::StrCat("(", names(type.results), ")");
  return absl::StrCat("(", names(type.params), ") -> ", results);
}

const binary::CoreExport* Preview1EntryExport(const binary::CoreModule& module) {
  const binary::CoreExport* unnamed = module.findExport("");
  if (unnamed && unnamed->kind == binary::ExternalKind::Func) return unnamed;
  return module.findExport("_start");
}

}  // namespace wacc::component
