#include <array>
#include <cstring>

#include "compiler/binary/Instruction.h"

namespace wacc::binary {
namespace {

struct OpcodeInfo {
  const char* name;
  uint8_t prefix;
  uint32_t code;
  ImmediateKind immediate;
};

constexpr OpcodeInfo kOpcodeInfo[] = {
#define WACC_OPCODE(name, prefix, code, text, imm) {text, prefix, code, ImmediateKind::imm},
#include "compiler/binary/Opcodes.def"
};
static_assert(std::size(kOpcodeInfo) == kNumOpcodes);

constexpr uint16_t kNoOpcode = 0xffff;

// Maps (prefix, code) to an Opcode. Every defined code of the 2.0 prefixes
// fits in one byte; relaxed SIMD's (0xFD 0x100 to 0x113) in nine bits. Four
// tables of 512 entries cover the whole encoding space.
constexpr uint32_t kCodesPerPrefix = 512;
struct OpcodeTables {
  std::array<uint16_t, kCodesPerPrefix> plain, fc, fd, fe;
  constexpr OpcodeTables() : plain(), fc(), fd(), fe() {
    plain.fill(kNoOpcode);
    fc.fill(kNoOpcode);
    fd.fill(kNoOpcode);
    fe.fill(kNoOpcode);
    for (size_t i = 0; i < kNumOpcodes; ++i) {
      const OpcodeInfo& info = kOpcodeInfo[i];
      auto& table = info.prefix == 0 ? plain : info.prefix == 0xFC ? fc : info.prefix == 0xFD ? fd : fe;
      table[info.code] = uint16_t(i);
    }
  }
  const std::array<uint16_t, kCodesPerPrefix>* prefixed(uint8_t prefix) const {
    return prefix == 0xFC ? &fc : prefix == 0xFD ? &fd : prefix == 0xFE ? &fe : nullptr;
  }
};
constexpr OpcodeTables kTables;

bool IsValTypeByte(uint8_t b) {
  switch (b) {
    case 0x7F:
    case 0x7E:
    case 0x7D:
    case 0x7C:
    case 0x7B:
    case 0x70:
    case 0x6F: return true;
    default: return false;
  }
}

}  // namespace

const char* OpcodeName(Opcode op) { return kOpcodeInfo[size_t(op)].name; }
uint8_t OpcodePrefix(Opcode op) { return kOpcodeInfo[size_t(op)].prefix; }
uint32_t OpcodeCode(Opcode op) { return kOpcodeInfo[size_t(op)].code; }

absl::StatusOr<Instruction> InstructionReader::next() {
  Instruction inst;
  inst.offset = reader_.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t first, reader_.readU8());
  uint16_t index = kNoOpcode;
  if (const auto* table = kTables.prefixed(first)) {
    WACC_ASSIGN_OR_RETURN(uint32_t code, reader_.readVarU32());
    if (code < kCodesPerPrefix) index = (*table)[code];
    if (index == kNoOpcode) return InputError(inst.offset, "illegal opcode 0x%02x 0x%x", first, code);
  } else {
    index = kTables.plain[first];
    if (index == kNoOpcode) return InputError(inst.offset, "illegal opcode 0x%02x", first);
  }
  inst.opcode = Opcode(index);
  WACC_RETURN_IF_ERROR(readImmediates(inst, kOpcodeInfo[index].immediate));
  return inst;
}

absl::StatusOr<BlockType> InstructionReader::readBlockType() {
  BlockType type;
  WACC_ASSIGN_OR_RETURN(uint8_t b, reader_.peekU8());
  if (b == 0x40) {
    (void)reader_.readU8();
    return type;
  }
  if (IsValTypeByte(b)) {
    (void)reader_.readU8();
    type.kind = BlockType::Value;
    type.valType = ValType(b);
    return type;
  }
  size_t start = reader_.offset();
  WACC_ASSIGN_OR_RETURN(int64_t typeIndex, reader_.readVarS33());
  if (typeIndex < 0) return InputError(start, "malformed block type");
  if (typeIndex > UINT32_MAX) return InputError(start, "block type index too large");
  type.kind = BlockType::TypeIndex;
  type.typeIndex = uint32_t(typeIndex);
  return type;
}

absl::StatusOr<MemArg> InstructionReader::readMemArg() {
  MemArg memArg;
  size_t start = reader_.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t flags, reader_.readVarU32());
  if (features_.multiMemory) {
    // Bits 0-5 are the alignment; bit 6 says a memory index follows.
    if (flags >= 0x80) return InputError(start, "malformed memop flags 0x%x", flags);
    memArg.alignLog2 = flags & 0x3F;
    if (flags & 0x40) {
      WACC_ASSIGN_OR_RETURN(memArg.memoryIndex, reader_.readVarU32());
    }
  } else {
    if (flags >= 32) return InputError(start, "malformed memop flags 0x%x", flags);
    memArg.alignLog2 = flags;
  }
  if (features_.memory64) {
    WACC_ASSIGN_OR_RETURN(memArg.offset, reader_.readVarU64());
  } else {
    WACC_ASSIGN_OR_RETURN(uint32_t offset, reader_.readVarU32());
    memArg.offset = offset;
  }
  return memArg;
}

absl::Status InstructionReader::readBrTable(Instruction& inst) {
  size_t start = reader_.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t count, reader_.readVarU32());
  // Every target takes at least one byte: a count beyond the remaining bytes
  // is malformed, and checking first keeps the reservation bounded.
  if (count >= reader_.remaining()) return InputError(start, "unexpected end: br_table target count %u", count);
  brTableStorage_.clear();
  brTableStorage_.reserve(count + 1);
  for (uint32_t i = 0; i <= count; ++i) {
    WACC_ASSIGN_OR_RETURN(uint32_t target, reader_.readVarU32());
    brTableStorage_.push_back(target);
  }
  inst.brTableTargets = brTableStorage_;
  return absl::OkStatus();
}

// The memory index after memory.size/grow/fill/copy/init: a LEB128 with
// multi-memory, a single 0x00 byte in 2.0.
absl::StatusOr<uint32_t> InstructionReader::readMemoryIndex() {
  if (features_.multiMemory) return reader_.readVarU32();
  size_t start = reader_.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t b, reader_.readU8());
  if (b != 0) return InputError(start, "zero byte expected");
  return 0u;
}

absl::Status InstructionReader::readImmediates(Instruction& inst, ImmediateKind kind) {
  ByteReader& r = reader_;
  switch (kind) {
    case ImmediateKind::None: return absl::OkStatus();
    case ImmediateKind::BlockType: {
      WACC_ASSIGN_OR_RETURN(inst.blockType, readBlockType());
      return absl::OkStatus();
    }
    case ImmediateKind::BrTable: return readBrTable(inst);
    case ImmediateKind::Label:
    case ImmediateKind::Func:
    case ImmediateKind::Local:
    case ImmediateKind::Global:
    case ImmediateKind::Table:
    case ImmediateKind::Data:
    case ImmediateKind::Elem: {
      WACC_ASSIGN_OR_RETURN(inst.index, r.readVarU32());
      return absl::OkStatus();
    }
    case ImmediateKind::CallIndirect:
    case ImmediateKind::TableInit:
    case ImmediateKind::TableCopy: {
      WACC_ASSIGN_OR_RETURN(inst.index, r.readVarU32());
      WACC_ASSIGN_OR_RETURN(inst.index2, r.readVarU32());
      return absl::OkStatus();
    }
    case ImmediateKind::AtomicFence: {
      size_t start = r.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t b, r.readU8());
      if (b != 0) return InputError(start, "zero byte expected after atomic.fence");
      return absl::OkStatus();
    }
    case ImmediateKind::Memory: {
      WACC_ASSIGN_OR_RETURN(inst.index, readMemoryIndex());
      return absl::OkStatus();
    }
    case ImmediateKind::MemoryInit: {
      WACC_ASSIGN_OR_RETURN(inst.index, r.readVarU32());
      WACC_ASSIGN_OR_RETURN(inst.index2, readMemoryIndex());
      return absl::OkStatus();
    }
    case ImmediateKind::MemoryCopy: {
      WACC_ASSIGN_OR_RETURN(inst.index, readMemoryIndex());
      WACC_ASSIGN_OR_RETURN(inst.index2, readMemoryIndex());
      return absl::OkStatus();
    }
    case ImmediateKind::MemArg: {
      WACC_ASSIGN_OR_RETURN(inst.memArg, readMemArg());
      return absl::OkStatus();
    }
    case ImmediateKind::MemArgLane: {
      WACC_ASSIGN_OR_RETURN(inst.memArg, readMemArg());
      WACC_ASSIGN_OR_RETURN(inst.lane, r.readU8());
      return absl::OkStatus();
    }
    case ImmediateKind::Lane: {
      WACC_ASSIGN_OR_RETURN(inst.lane, r.readU8());
      return absl::OkStatus();
    }
    case ImmediateKind::I32: {
      WACC_ASSIGN_OR_RETURN(int32_t v, r.readVarS32());
      inst.bits = uint32_t(v);
      return absl::OkStatus();
    }
    case ImmediateKind::I64: {
      WACC_ASSIGN_OR_RETURN(int64_t v, r.readVarS64());
      inst.bits = uint64_t(v);
      return absl::OkStatus();
    }
    case ImmediateKind::F32: {
      WACC_ASSIGN_OR_RETURN(inst.bits, r.readU32LE());
      return absl::OkStatus();
    }
    case ImmediateKind::F64: {
      WACC_ASSIGN_OR_RETURN(inst.bits, r.readU64LE());
      return absl::OkStatus();
    }
    case ImmediateKind::V128:
    case ImmediateKind::Shuffle: {
      WACC_ASSIGN_OR_RETURN(auto bytes, r.readBytes(16));
      std::memcpy(inst.v128, bytes.data(), 16);
      return absl::OkStatus();
    }
    case ImmediateKind::RefType: {
      size_t start = r.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t b, r.readU8());
      if (b != 0x70 && b != 0x6F) return InputError(start, "malformed reference type 0x%02x", b);
      inst.refType = ValType(b);
      return absl::OkStatus();
    }
    case ImmediateKind::SelectTypes: {
      size_t start = r.offset();
      WACC_ASSIGN_OR_RETURN(uint32_t count, r.readVarU32());
      // WebAssembly 2.0 allows exactly one type; the spec reports other
      // counts as a validation error, which we report here already.
      if (count != 1) return InputError(start, "invalid result arity: select with %u types", count);
      size_t typeOffset = r.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t b, r.readU8());
      if (!IsValTypeByte(b)) return InputError(typeOffset, "malformed value type 0x%02x", b);
      inst.refType = ValType(b);
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace wacc::binary
