// Names of the component model's enumerations, as the text format spells
// them, for diagnostics.
#include "compiler/binary/Component.h"

namespace wacc::binary {

const char* CoreSortName(CoreSort sort) {
  switch (sort) {
    case CoreSort::Func: return "func";
    case CoreSort::Table: return "table";
    case CoreSort::Memory: return "memory";
    case CoreSort::Global: return "global";
    case CoreSort::Type: return "type";
    case CoreSort::Module: return "module";
    case CoreSort::Instance: return "instance";
  }
  return "<invalid core sort>";
}

const char* SortName(Sort sort, CoreSort coreSort) {
  switch (sort) {
    case Sort::Core:
      switch (coreSort) {
        case CoreSort::Func: return "core func";
        case CoreSort::Table: return "core table";
        case CoreSort::Memory: return "core memory";
        case CoreSort::Global: return "core global";
        case CoreSort::Type: return "core type";
        case CoreSort::Module: return "core module";
        case CoreSort::Instance: return "core instance";
      }
      return "<invalid core sort>";
    case Sort::Func: return "func";
    case Sort::Value: return "value";
    case Sort::Type: return "type";
    case Sort::Component: return "component";
    case Sort::Instance: return "instance";
  }
  return "<invalid sort>";
}

const char* PrimValTypeName(PrimValType type) {
  switch (type) {
    case PrimValType::Bool: return "bool";
    case PrimValType::S8: return "s8";
    case PrimValType::U8: return "u8";
    case PrimValType::S16: return "s16";
    case PrimValType::U16: return "u16";
    case PrimValType::S32: return "s32";
    case PrimValType::U32: return "u32";
    case PrimValType::S64: return "s64";
    case PrimValType::U64: return "u64";
    case PrimValType::F32: return "f32";
    case PrimValType::F64: return "f64";
    case PrimValType::Char: return "char";
    case PrimValType::String: return "string";
    case PrimValType::ErrorContext: return "error-context";
  }
  return "<invalid primitive type>";
}

const char* CanonBuiltinName(CanonBuiltin builtin) {
  static const char* const kNames[] = {
      "task.cancel",          "subtask.cancel",       "backpressure.set",     "task.return",
      "context.get",          "context.set",          "thread.yield",         "subtask.drop",
      "stream.new",           "stream.read",          "stream.write",         "stream.cancel-read",
      "stream.cancel-write",  "stream.drop-readable", "stream.drop-writable", "future.new",
      "future.read",          "future.write",         "future.cancel-read",   "future.cancel-write",
      "future.drop-readable", "future.drop-writable", "error-context.new",    "error-context.debug-message",
      "error-context.drop",   "waitable-set.new",     "waitable-set.wait",    "waitable-set.poll",
      "waitable-set.drop",    "waitable.join",        "backpressure.inc",     "backpressure.dec",
      "thread.index",         "thread.new-indirect",  "thread.resume-later",  "thread.suspend",
      "thread.suspend-then-resume", "thread.yield-then-resume", "thread.suspend-then-promote",
      "thread.yield-then-promote",
  };
  return kNames[static_cast<size_t>(builtin)];
}

}  // namespace wacc::binary
