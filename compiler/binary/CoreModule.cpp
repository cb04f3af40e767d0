#include "compiler/binary/CoreModule.h"

namespace wacc::binary {

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
