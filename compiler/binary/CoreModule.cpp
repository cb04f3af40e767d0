#include "compiler/binary/CoreModule.h"

#include "absl/strings/str_cat.h"

namespace wacc::binary {

std::string CoreModule::displayName(uint32_t funcIndex) const {
  if (auto it = funcNames.find(funcIndex); it != funcNames.end() && !it->second.empty()) return it->second;
  for (const CoreExport& e : exports)
    if (e.kind == ExternalKind::Func && e.index == funcIndex) return e.name;
  return absl::StrCat("func[", funcIndex, "]");
}

const char* ValTypeName(ValType type) {
  switch (type) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
  }
  return "<invalid type>";
}

const char* ExternalKindName(ExternalKind kind) {
  switch (kind) {
    case ExternalKind::Func: return "func";
    case ExternalKind::Table: return "table";
    case ExternalKind::Memory: return "memory";
    case ExternalKind::Global: return "global";
  }
  return "<invalid kind>";
}

}  // namespace wacc::binary
