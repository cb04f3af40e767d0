// Decoding core WebAssembly instructions one at a time.
//
// Function bodies stay as bytes in CoreModule (CoreModule.h); consumers (the
// validator, the IR translator) walk them with an InstructionReader. The
// opcode table itself lives in Opcodes.def.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "compiler/binary/ByteReader.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/binary/Features.h"

namespace wacc::binary {

enum class Opcode : uint16_t {
#define WACC_OPCODE(name, prefix, code, text, imm) name,
#include "compiler/binary/Opcodes.def"
};

// What follows an opcode in the binary; see Opcodes.def for where each kind
// is stored in Instruction.
enum class ImmediateKind : uint8_t {
  None,
  BlockType,
  Label,
  BrTable,
  Func,
  CallIndirect,
  Local,
  Global,
  Table,
  MemArg,
  Memory,
  I32,
  I64,
  F32,
  F64,
  V128,
  Shuffle,
  Lane,
  MemArgLane,
  RefType,
  SelectTypes,
  MemoryInit,
  Data,
  MemoryCopy,
  Elem,
  TableInit,
  TableCopy,
  AtomicFence,
};

inline constexpr size_t kNumOpcodes = 0
#define WACC_OPCODE(name, prefix, code, text, imm) +1
#include "compiler/binary/Opcodes.def"
    ;

const char* OpcodeName(Opcode op);  // the text name, "i32.add"
uint8_t OpcodePrefix(Opcode op);    // 0, 0xFC, 0xFD or 0xFE
uint32_t OpcodeCode(Opcode op);     // the code after the prefix (or the byte)

struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex };
  Kind kind = Empty;
  ValType valType = ValType::I32;  // kind == Value
  uint32_t typeIndex = 0;          // kind == TypeIndex
};

struct MemArg {
  uint32_t alignLog2 = 0;
  uint64_t offset = 0;
  uint32_t memoryIndex = 0;  // always 0 without multi-memory
};

struct Instruction {
  Opcode opcode = Opcode::Nop;
  size_t offset = 0;  // file offset of the opcode's first byte
  // Local/global/func/table/type/label/elem/data/memory index; see Opcodes.def.
  uint32_t index = 0;
  uint32_t index2 = 0;
  BlockType blockType;
  MemArg memArg;
  uint64_t bits = 0;      // i32/i64/f32/f64 constants as bit patterns
  uint8_t v128[16] = {};  // v128.const bytes, i8x16.shuffle lanes
  uint8_t lane = 0;
  ValType refType = ValType::FuncRef;  // ref.null; typed select's result type
  // br_table: every target, the default last. Points into the reader's storage:
  // valid until the next call to InstructionReader::next().
  std::span<const uint32_t> brTableTargets;

  // The i32.const / i64.const value.
  int32_t i32() const { return int32_t(uint32_t(bits)); }
  int64_t i64() const { return int64_t(bits); }
};

// Decodes the instructions of a function body or constant expression. It only
// decodes: it neither checks types nor tracks block nesting, so `end` is an
// instruction like any other and the caller decides where the body stops.
class InstructionReader {
 public:
  // `features` says how memory immediates are encoded: memory indices as
  // multi-memory encodes them, offsets as memory64's u64s; else as 2.0
  // does, where those encodings are malformed (Features.h). A body valid
  // under 2.0's encoding decodes the same under 3.0's, so only the
  // validator, which decodes a body first, passes anything but the default.
  explicit InstructionReader(ByteReader body, const Features& features = Features{})
      : reader_(body), features_(features) {}

  absl::StatusOr<Instruction> next();
  bool atEnd() const { return reader_.atEnd(); }
  size_t offset() const { return reader_.offset(); }

 private:
  absl::Status readImmediates(Instruction& inst, ImmediateKind kind);
  absl::StatusOr<BlockType> readBlockType();
  absl::StatusOr<MemArg> readMemArg();
  absl::StatusOr<uint32_t> readMemoryIndex();
  absl::Status readBrTable(Instruction& inst);

  ByteReader reader_;
  Features features_;
  std::vector<uint32_t> brTableStorage_;
};

}  // namespace wacc::binary
