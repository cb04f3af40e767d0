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

const char* CanonOpcodeName(uint8_t opcode) {
  switch (opcode) {
    case 0x00: return "canon lift";
    case 0x01: return "canon lower";
    case 0x02: return "canon resource.new";
    case 0x03: return "canon resource.drop";
    case 0x04: return "canon resource.rep";
    case 0x05: return "canon task.cancel";
    case 0x06: return "canon subtask.cancel";
    case 0x07: return "canon resource.drop async";
    case 0x08: return "canon backpressure.set";
    case 0x09: return "canon task.return";
    case 0x0a: return "canon context.get";
    case 0x0b: return "canon context.set";
    case 0x0c: return "canon thread.yield";
    case 0x0d: return "canon subtask.drop";
    case 0x0e: return "canon stream.new";
    case 0x0f: return "canon stream.read";
    case 0x10: return "canon stream.write";
    case 0x11: return "canon stream.cancel-read";
    case 0x12: return "canon stream.cancel-write";
    case 0x13: return "canon stream.drop-readable";
    case 0x14: return "canon stream.drop-writable";
    case 0x15: return "canon future.new";
    case 0x16: return "canon future.read";
    case 0x17: return "canon future.write";
    case 0x18: return "canon future.cancel-read";
    case 0x19: return "canon future.cancel-write";
    case 0x1a: return "canon future.drop-readable";
    case 0x1b: return "canon future.drop-writable";
    case 0x1c: return "canon error-context.new";
    case 0x1d: return "canon error-context.debug-message";
    case 0x1e: return "canon error-context.drop";
    case 0x1f: return "canon waitable-set.new";
    case 0x20: return "canon waitable-set.wait";
    case 0x21: return "canon waitable-set.poll";
    case 0x22: return "canon waitable-set.drop";
    case 0x23: return "canon waitable.join";
    case 0x24: return "canon backpressure.inc";
    case 0x25: return "canon backpressure.dec";
    case 0x26: return "canon thread.index";
    case 0x27: return "canon thread.new-indirect";
    case 0x28: return "canon thread.resume-later";
    case 0x29: return "canon thread.suspend";
    case 0x2a: return "canon thread.suspend-then-resume";
    case 0x2b: return "canon thread.yield-then-resume";
    case 0x2c: return "canon thread.suspend-then-promote";
    case 0x2d: return "canon thread.yield-then-promote";
    case 0x40: return "canon thread.spawn-ref";
    case 0x41: return "canon thread.spawn-indirect";
    case 0x42: return "canon thread.available-parallelism";
    default: return "canon (unknown)";
  }
}

}  // namespace wacc::binary
