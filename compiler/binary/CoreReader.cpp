#include "compiler/binary/CoreReader.h"

#include <optional>

#include "compiler/binary/Instruction.h"

namespace wacc::binary {
namespace {

enum SectionId : uint8_t {
  kCustom = 0,
  kType = 1,
  kImport = 2,
  kFunction = 3,
  kTable = 4,
  kMemory = 5,
  kGlobal = 6,
  kExport = 7,
  kStart = 8,
  kElement = 9,
  kCode = 10,
  kData = 11,
  kDataCount = 12,
};

// The position of each non-custom section in the required order; the data
// count section (id 12) sits between the element and code sections.
int SectionRank(uint8_t id) {
  static constexpr int kRank[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
  return kRank[id];
}

const char* SectionName(uint8_t id) {
  static constexpr const char* kNames[] = {"custom", "type",  "import",  "function", "table", "memory",    "global",
                                           "export", "start", "element", "code",     "data",  "data count"};
  return kNames[id];
}

// The bytes WebAssembly 3.0 gives reference types beyond funcref and
// externref: (ref null ht), (ref ht) and the abstract heap type shorthands
// (exnref, anyref, eqref, i31ref, structref, arrayref, nullref, ...).
bool IsTypedReferenceByte(uint8_t b) {
  return b == 0x63 || b == 0x64 || (b >= 0x69 && b <= 0x74 && b != 0x70 && b != 0x6F);
}

absl::StatusOr<ValType> ReadValType(ByteReader& r) {
  size_t start = r.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t b, r.readU8());
  switch (b) {
    case 0x7F:
    case 0x7E:
    case 0x7D:
    case 0x7C:
    case 0x7B:
    case 0x70:
    case 0x6F: return ValType(b);
    default:
      if (IsTypedReferenceByte(b)) return UnsupportedError(start, "typed reference types (function references / GC)");
      return InputError(start, "malformed value type 0x%02x", b);
  }
}

absl::StatusOr<ValType> ReadRefType(ByteReader& r) {
  size_t start = r.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t b, r.readU8());
  if (b == 0x40) return UnsupportedError(start, "tables with an initializer expression (function references)");
  if (IsTypedReferenceByte(b)) return UnsupportedError(start, "typed reference types (function references / GC)");
  if (b != 0x70 && b != 0x6F) return InputError(start, "malformed reference type 0x%02x", b);
  return ValType(b);
}

// A vector length, rejected early when the remaining bytes cannot hold that
// many items of at least `minItemBytes` each (so no huge reservation happens).
absl::StatusOr<uint32_t> ReadCount(ByteReader& r, size_t minItemBytes, const char* what) {
  size_t start = r.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t count, r.readVarU32());
  if (uint64_t(count) * minItemBytes > r.remaining())
    return InputError(start, "unexpected end of section or function: %u %s do not fit in %u bytes", count, what,
                      r.remaining());
  return count;
}

// Reads a counted vector whose items `readItem(r)` decodes, appending them.
template <typename T, typename ReadItem>
absl::Status AppendVector(ByteReader& r, size_t minItemBytes, const char* what, ReadItem readItem,
                          std::vector<T>& out) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(r, minItemBytes, what));
  for (uint32_t i = 0; i < count; ++i) {
    WACC_ASSIGN_OR_RETURN(T item, readItem(r));
    out.push_back(std::move(item));
  }
  return absl::OkStatus();
}

// Limits and their flags: bit 0 a maximum follows, bit 1 shared (threads),
// bit 2 64-bit (memory64: the sizes are then LEB128 u64s).
constexpr uint8_t kLimitsHasMax = 1, kLimitsShared = 2, kLimits64 = 4;

absl::StatusOr<Limits> ReadLimits(ByteReader& r, uint8_t flags) {
  Limits limits;
  bool is64 = flags & kLimits64;
  if (is64) {
    WACC_ASSIGN_OR_RETURN(limits.min, r.readVarU64());
  } else {
    WACC_ASSIGN_OR_RETURN(uint32_t min, r.readVarU32());
    limits.min = min;
  }
  if (flags & kLimitsHasMax) {
    if (is64) {
      WACC_ASSIGN_OR_RETURN(limits.max, r.readVarU64());
    } else {
      WACC_ASSIGN_OR_RETURN(uint32_t max, r.readVarU32());
      limits.max = max;
    }
  }
  return limits;
}

// The flags byte; shared and 64-bit limits are a memory's (tables of them,
// shared-everything threads and table64, are not supported).
absl::StatusOr<uint8_t> ReadLimitsFlags(ByteReader& r, bool isMemory) {
  size_t start = r.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t flags, r.readU8());
  if (flags > (kLimitsHasMax | kLimitsShared | kLimits64))
    return InputError(start, "integer too large: malformed limits flags 0x%02x", flags);
  if ((flags & kLimitsShared) && !isMemory) return UnsupportedError(start, "shared tables (shared-everything threads)");
  if ((flags & kLimits64) && !isMemory) return UnsupportedError(start, "64-bit tables (table64)");
  return flags;
}

absl::StatusOr<TableType> ReadTableType(ByteReader& r) {
  TableType table;
  WACC_ASSIGN_OR_RETURN(table.elemType, ReadRefType(r));
  WACC_ASSIGN_OR_RETURN(uint8_t flags, ReadLimitsFlags(r, /*isMemory=*/false));
  WACC_ASSIGN_OR_RETURN(table.limits, ReadLimits(r, flags));
  return table;
}

absl::StatusOr<MemoryType> ReadMemoryType(ByteReader& r) {
  MemoryType memory;
  WACC_ASSIGN_OR_RETURN(uint8_t flags, ReadLimitsFlags(r, /*isMemory=*/true));
  memory.is64 = flags & kLimits64;
  memory.shared = flags & kLimitsShared;
  WACC_ASSIGN_OR_RETURN(memory.limits, ReadLimits(r, flags));
  return memory;
}

absl::StatusOr<GlobalType> ReadGlobalType(ByteReader& r) {
  GlobalType global;
  WACC_ASSIGN_OR_RETURN(global.type, ReadValType(r));
  size_t start = r.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t mut, r.readU8());
  if (mut > 1) return InputError(start, "malformed mutability 0x%02x", mut);
  global.isMutable = mut == 1;
  return global;
}

absl::StatusOr<ConstExpr> ConstExprFrom(const Instruction& inst) {
  ConstExpr expr;
  expr.offset = inst.offset;
  switch (inst.opcode) {
    case Opcode::I32Const:
      expr.kind = ConstExpr::Kind::I32Const;
      expr.bits[0] = inst.bits;
      break;
    case Opcode::I64Const:
      expr.kind = ConstExpr::Kind::I64Const;
      expr.bits[0] = inst.bits;
      break;
    case Opcode::F32Const:
      expr.kind = ConstExpr::Kind::F32Const;
      expr.bits[0] = inst.bits;
      break;
    case Opcode::F64Const:
      expr.kind = ConstExpr::Kind::F64Const;
      expr.bits[0] = inst.bits;
      break;
    case Opcode::V128Const:
      expr.kind = ConstExpr::Kind::V128Const;
      for (int i = 0; i < 8; ++i) {
        expr.bits[0] |= uint64_t(inst.v128[i]) << (8 * i);
        expr.bits[1] |= uint64_t(inst.v128[8 + i]) << (8 * i);
      }
      break;
    case Opcode::GlobalGet:
      expr.kind = ConstExpr::Kind::GlobalGet;
      expr.index = inst.index;
      break;
    case Opcode::RefNull:
      expr.kind = ConstExpr::Kind::RefNull;
      expr.refType = inst.refType;
      break;
    case Opcode::RefFunc:
      expr.kind = ConstExpr::Kind::RefFunc;
      expr.index = inst.index;
      break;
    default: return InputError(inst.offset, "constant expression required, found %s", OpcodeName(inst.opcode));
  }
  return expr;
}

// An instruction of an extended constant expression, or nullopt.
std::optional<ConstOp> ConstOpFrom(const Instruction& inst) {
  using K = ConstOp::Kind;
  ConstOp op;
  op.offset = inst.offset;
  switch (inst.opcode) {
    case Opcode::I32Const: op.kind = K::I32Const, op.bits = inst.bits; break;
    case Opcode::I64Const: op.kind = K::I64Const, op.bits = inst.bits; break;
    case Opcode::GlobalGet: op.kind = K::GlobalGet, op.index = inst.index; break;
    case Opcode::I32Add: op.kind = K::I32Add; break;
    case Opcode::I32Sub: op.kind = K::I32Sub; break;
    case Opcode::I32Mul: op.kind = K::I32Mul; break;
    case Opcode::I64Add: op.kind = K::I64Add; break;
    case Opcode::I64Sub: op.kind = K::I64Sub; break;
    case Opcode::I64Mul: op.kind = K::I64Mul; break;
    default: return std::nullopt;
  }
  return op;
}

// A constant expression: one constant instruction, then `end`; or (the
// extended-const proposal, WebAssembly 3.0) a sequence of i32/i64 constants,
// global.get and i32/i64 add, sub and mul that leaves one value. How many
// values it leaves is checked here; their types, with the globals', by the
// validator.
absl::StatusOr<ConstExpr> ReadConstExpr(ByteReader& r) {
  InstructionReader instructions(r);
  WACC_ASSIGN_OR_RETURN(Instruction first, instructions.next());
  if (first.opcode == Opcode::End) return InputError(first.offset, "type mismatch: empty constant expression");
  WACC_ASSIGN_OR_RETURN(ConstExpr expr, ConstExprFrom(first));
  WACC_ASSIGN_OR_RETURN(Instruction next, instructions.next());
  if (next.opcode != Opcode::End) {
    std::optional<ConstOp> firstOp = ConstOpFrom(first);
    if (!firstOp) {
      WACC_RETURN_IF_ERROR(ConstExprFrom(next).status());
      return InputError(next.offset, "type mismatch: constant expression yields more than one value");
    }
    expr = ConstExpr{};
    expr.kind = ConstExpr::Kind::Extended;
    expr.offset = first.offset;
    expr.ops.push_back(*firstOp);
    size_t depth = 1;
    while (next.opcode != Opcode::End) {
      std::optional<ConstOp> op = ConstOpFrom(next);
      if (!op) {
        WACC_RETURN_IF_ERROR(ConstExprFrom(next).status());
        return InputError(next.offset, "type mismatch: constant expression yields more than one value");
      }
      if (op->isArithmetic() && depth < 2)
        return InputError(next.offset, "type mismatch: %s needs two operands", OpcodeName(next.opcode));
      depth = op->isArithmetic() ? depth - 1 : depth + 1;
      expr.ops.push_back(*op);
      WACC_ASSIGN_OR_RETURN(next, instructions.next());
    }
    if (depth != 1) return InputError(next.offset, "type mismatch: constant expression yields more than one value");
  }
  // Skip what InstructionReader consumed.
  WACC_RETURN_IF_ERROR(r.readBytes(instructions.offset() - r.offset()).status());
  return expr;
}

class ModuleReader {
 public:
  explicit ModuleReader(ByteReader reader) : r_(reader), module_(std::make_unique<CoreModule>()) {}

  absl::StatusOr<std::unique_ptr<CoreModule>> read();

 private:
  absl::Status readPreamble();
  absl::Status readSection(uint8_t id, ByteReader& s);
  absl::Status readTypes(ByteReader& s);
  absl::Status readImports(ByteReader& s);
  absl::Status readFunctions(ByteReader& s);
  absl::Status readTables(ByteReader& s);
  absl::Status readMemories(ByteReader& s);
  absl::Status readGlobals(ByteReader& s);
  absl::Status readExports(ByteReader& s);
  absl::Status readStart(ByteReader& s);
  absl::Status readElements(ByteReader& s);
  absl::StatusOr<ElemSegment> readElement(ByteReader& s);
  absl::Status readDataCount(ByteReader& s);
  absl::Status readCode(ByteReader& s);
  absl::StatusOr<FunctionBody> readBody(ByteReader& s);
  absl::Status readData(ByteReader& s);
  absl::Status readCustom(ByteReader& s);
  absl::Status checkCounts();

  ByteReader r_;
  std::unique_ptr<CoreModule> module_;
  uint32_t numDeclaredFuncs_ = 0;  // from the function section
  uint64_t totalLocals_ = 0;       // over all bodies read so far
  bool sawCode_ = false;
  bool sawData_ = false;
};

absl::StatusOr<std::unique_ptr<CoreModule>> ModuleReader::read() {
  module_->fileOffset = r_.offset();
  WACC_RETURN_IF_ERROR(readPreamble());
  int lastRank = 0;
  while (!r_.atEnd()) {
    size_t sectionStart = r_.offset();
    WACC_ASSIGN_OR_RETURN(uint8_t id, r_.readU8());
    // Section 13 holds the tags of exception handling (WebAssembly 3.0).
    if (id == 13) return UnsupportedError(sectionStart, "exception handling (the tag section)");
    if (id > kDataCount) return InputError(sectionStart, "malformed section id %u", id);
    WACC_ASSIGN_OR_RETURN(uint32_t size, r_.readVarU32());
    if (size > r_.remaining())
      return InputError(sectionStart, "unexpected end of section or function: %s section of %u bytes, only %u left",
                        SectionName(id), size, r_.remaining());
    WACC_ASSIGN_OR_RETURN(ByteReader section, r_.subReader(size));
    if (id != kCustom) {
      module_->sectionOffsets[id] = section.offset();
      if (SectionRank(id) <= lastRank)
        return InputError(sectionStart, "unexpected content after last section: %s section out of order",
                          SectionName(id));
      lastRank = SectionRank(id);
    }
    WACC_RETURN_IF_ERROR(readSection(id, section));
    if (!section.atEnd())
      return InputError(section.offset(), "section size mismatch: %u unread bytes in %s section", section.remaining(),
                        SectionName(id));
  }
  WACC_RETURN_IF_ERROR(checkCounts());
  return std::move(module_);
}

absl::Status ModuleReader::readPreamble() {
  size_t start = r_.offset();
  if (r_.remaining() < 4) return InputError(start, "unexpected end: magic header not detected");
  WACC_ASSIGN_OR_RETURN(uint32_t magic, r_.readU32LE());
  if (magic != 0x6d736100) return InputError(start, "magic header not detected");
  if (r_.remaining() < 4) return InputError(r_.offset(), "unexpected end: unknown binary version");
  WACC_ASSIGN_OR_RETURN(uint32_t version, r_.readU32LE());
  if (version != 1) return InputError(start + 4, "unknown binary version 0x%x", version);
  return absl::OkStatus();
}

absl::Status ModuleReader::readSection(uint8_t id, ByteReader& s) {
  switch (id) {
    case kCustom: return readCustom(s);
    case kType: return readTypes(s);
    case kImport: return readImports(s);
    case kFunction: return readFunctions(s);
    case kTable: return readTables(s);
    case kMemory: return readMemories(s);
    case kGlobal: return readGlobals(s);
    case kExport: return readExports(s);
    case kStart: return readStart(s);
    case kElement: return readElements(s);
    case kCode: return readCode(s);
    case kData: return readData(s);
    case kDataCount: return readDataCount(s);
  }
  return absl::OkStatus();
}

absl::Status ModuleReader::readTypes(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 3, "types"));
  module_->types.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    size_t start = s.offset();
    WACC_ASSIGN_OR_RETURN(uint8_t form, s.readU8());
    if (form != 0x60)
      return InputError(start, "integer representation too long: malformed function type form 0x%02x", form);
    FuncType type;
    WACC_ASSIGN_OR_RETURN(uint32_t numParams, ReadCount(s, 1, "parameters"));
    for (uint32_t k = 0; k < numParams; ++k) {
      WACC_ASSIGN_OR_RETURN(ValType t, ReadValType(s));
      type.params.push_back(t);
    }
    WACC_ASSIGN_OR_RETURN(uint32_t numResults, ReadCount(s, 1, "results"));
    for (uint32_t k = 0; k < numResults; ++k) {
      WACC_ASSIGN_OR_RETURN(ValType t, ReadValType(s));
      type.results.push_back(t);
    }
    module_->types.push_back(std::move(type));
  }
  return absl::OkStatus();
}

absl::Status ModuleReader::readImports(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 4, "imports"));
  CoreModule& m = *module_;
  for (uint32_t i = 0; i < count; ++i) {
    CoreImport import;
    import.offset = s.offset();
    WACC_ASSIGN_OR_RETURN(import.module, s.readName());
    WACC_ASSIGN_OR_RETURN(import.name, s.readName());
    size_t kindOffset = s.offset();
    WACC_ASSIGN_OR_RETURN(uint8_t kind, s.readU8());
    switch (kind) {
      case 0: {
        WACC_ASSIGN_OR_RETURN(import.funcTypeIndex, s.readVarU32());
        m.funcs.push_back(import.funcTypeIndex);
        ++m.numImportedFuncs;
        break;
      }
      case 1: {
        WACC_ASSIGN_OR_RETURN(import.table, ReadTableType(s));
        m.tables.push_back(import.table);
        ++m.numImportedTables;
        break;
      }
      case 2: {
        WACC_ASSIGN_OR_RETURN(import.memory, ReadMemoryType(s));
        m.memories.push_back(import.memory);
        ++m.numImportedMemories;
        break;
      }
      case 3: {
        WACC_ASSIGN_OR_RETURN(import.global, ReadGlobalType(s));
        m.globals.push_back(import.global);
        ++m.numImportedGlobals;
        break;
      }
      default: return InputError(kindOffset, "malformed import kind 0x%02x", kind);
    }
    import.kind = ExternalKind(kind);
    m.imports.push_back(std::move(import));
  }
  return absl::OkStatus();
}

absl::Status ModuleReader::readFunctions(ByteReader& s) {
  size_t before = module_->funcs.size();
  WACC_RETURN_IF_ERROR(AppendVector(
      s, 1, "functions", [](ByteReader& r) { return r.readVarU32(); }, module_->funcs));
  numDeclaredFuncs_ = uint32_t(module_->funcs.size() - before);
  return absl::OkStatus();
}

absl::Status ModuleReader::readTables(ByteReader& s) {
  return AppendVector(s, 3, "tables", ReadTableType, module_->tables);
}

absl::Status ModuleReader::readMemories(ByteReader& s) {
  return AppendVector(s, 2, "memories", ReadMemoryType, module_->memories);
}

absl::Status ModuleReader::readGlobals(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 3, "globals"));
  for (uint32_t i = 0; i < count; ++i) {
    WACC_ASSIGN_OR_RETURN(GlobalType global, ReadGlobalType(s));
    WACC_ASSIGN_OR_RETURN(ConstExpr init, ReadConstExpr(s));
    module_->globals.push_back(global);
    module_->globalInits.push_back(init);
  }
  return absl::OkStatus();
}

absl::Status ModuleReader::readExports(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 3, "exports"));
  for (uint32_t i = 0; i < count; ++i) {
    CoreExport e;
    e.offset = s.offset();
    WACC_ASSIGN_OR_RETURN(e.name, s.readName());
    size_t kindOffset = s.offset();
    WACC_ASSIGN_OR_RETURN(uint8_t kind, s.readU8());
    if (kind > 3) return InputError(kindOffset, "malformed export kind 0x%02x", kind);
    e.kind = ExternalKind(kind);
    WACC_ASSIGN_OR_RETURN(e.index, s.readVarU32());
    module_->exports.push_back(std::move(e));
  }
  return absl::OkStatus();
}

absl::Status ModuleReader::readStart(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t index, s.readVarU32());
  module_->start = index;
  return absl::OkStatus();
}

absl::Status ModuleReader::readElements(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 2, "element segments"));
  for (uint32_t i = 0; i < count; ++i) {
    WACC_ASSIGN_OR_RETURN(ElemSegment segment, readElement(s));
    module_->elems.push_back(std::move(segment));
  }
  return absl::OkStatus();
}

// The eight element segment encodings: bit 0 = passive or declarative (with
// bit 1 choosing declarative), otherwise bit 1 = explicit table index; bit 2 =
// items are expressions rather than function indices.
absl::StatusOr<ElemSegment> ModuleReader::readElement(ByteReader& s) {
  size_t start = s.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t flags, s.readVarU32());
  if (flags > 7) return InputError(start, "malformed elements segment kind %u", flags);
  ElemSegment segment;
  bool nonActive = flags & 1, explicitTable = flags & 2, exprs = flags & 4;
  if (nonActive) {
    segment.mode = explicitTable ? SegmentMode::Declarative : SegmentMode::Passive;
  } else {
    if (explicitTable) {
      WACC_ASSIGN_OR_RETURN(segment.tableIndex, s.readVarU32());
    }
    WACC_ASSIGN_OR_RETURN(segment.offset, ReadConstExpr(s));
  }
  // Forms 0 and 4 imply funcref; the others name the type (or elemkind 0x00).
  if (nonActive || explicitTable) {
    if (exprs) {
      WACC_ASSIGN_OR_RETURN(segment.elemType, ReadRefType(s));
    } else {
      size_t kindOffset = s.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t elemKind, s.readU8());
      if (elemKind != 0) return InputError(kindOffset, "malformed element kind 0x%02x", elemKind);
    }
  }
  WACC_ASSIGN_OR_RETURN(uint32_t numItems, ReadCount(s, 1, "element items"));
  segment.items.reserve(numItems);
  for (uint32_t k = 0; k < numItems; ++k) {
    if (exprs) {
      WACC_ASSIGN_OR_RETURN(ConstExpr item, ReadConstExpr(s));
      segment.items.push_back(item);
    } else {
      ConstExpr item;
      item.kind = ConstExpr::Kind::RefFunc;
      item.offset = s.offset();
      WACC_ASSIGN_OR_RETURN(item.index, s.readVarU32());
      segment.items.push_back(item);
    }
  }
  return segment;
}

absl::Status ModuleReader::readDataCount(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, s.readVarU32());
  module_->dataCount = count;
  return absl::OkStatus();
}

absl::Status ModuleReader::readCode(ByteReader& s) {
  sawCode_ = true;
  size_t start = s.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 2, "function bodies"));
  if (count != numDeclaredFuncs_)
    return InputError(start, "function and code section have inconsistent lengths (%u functions, %u bodies)",
                      numDeclaredFuncs_, count);
  module_->bodies.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    WACC_ASSIGN_OR_RETURN(uint32_t size, s.readVarU32());
    if (size > s.remaining())
      return InputError(s.offset(), "unexpected end of section or function: body of %u bytes, only %u left", size,
                        s.remaining());
    WACC_ASSIGN_OR_RETURN(ByteReader body, s.subReader(size));
    WACC_ASSIGN_OR_RETURN(FunctionBody function, readBody(body));
    module_->bodies.push_back(std::move(function));
  }
  return absl::OkStatus();
}

absl::StatusOr<FunctionBody> ModuleReader::readBody(ByteReader& s) {
  FunctionBody body;
  WACC_ASSIGN_OR_RETURN(uint32_t numGroups, ReadCount(s, 2, "local declarations"));
  uint64_t total = 0;
  for (uint32_t g = 0; g < numGroups; ++g) {
    size_t groupStart = s.offset();
    WACC_ASSIGN_OR_RETURN(uint32_t n, s.readVarU32());
    total += n;
    if (total > kMaxFunctionLocals)
      return InputError(groupStart, "too many locals: more than %u in one function", kMaxFunctionLocals);
    if (totalLocals_ + total > kMaxModuleLocals)
      return InputError(groupStart, "too many locals: more than %u in the module", kMaxModuleLocals);
    WACC_ASSIGN_OR_RETURN(ValType type, ReadValType(s));
    body.locals.insert(body.locals.end(), n, type);
  }
  totalLocals_ += total;
  body.codeOffset = s.offset();
  body.code = s.rest();
  if (body.code.empty() || body.code.back() != 0x0B)
    return InputError(s.offset() + body.code.size(), "unexpected end of section or function: END opcode expected");
  WACC_RETURN_IF_ERROR(s.readBytes(s.remaining()).status());
  return body;
}

absl::Status ModuleReader::readData(ByteReader& s) {
  sawData_ = true;
  size_t start = s.offset();
  WACC_ASSIGN_OR_RETURN(uint32_t count, ReadCount(s, 2, "data segments"));
  if (module_->dataCount && *module_->dataCount != count)
    return InputError(start, "data count and data section have inconsistent lengths (%u and %u)", *module_->dataCount,
                      count);
  for (uint32_t i = 0; i < count; ++i) {
    size_t segmentStart = s.offset();
    WACC_ASSIGN_OR_RETURN(uint32_t flags, s.readVarU32());
    DataSegment segment;
    switch (flags) {
      case 0: {
        WACC_ASSIGN_OR_RETURN(segment.offset, ReadConstExpr(s));
        break;
      }
      case 1: segment.mode = SegmentMode::Passive; break;
      case 2: {
        WACC_ASSIGN_OR_RETURN(segment.memoryIndex, s.readVarU32());
        WACC_ASSIGN_OR_RETURN(segment.offset, ReadConstExpr(s));
        break;
      }
      default: return InputError(segmentStart, "malformed data segment kind %u", flags);
    }
    WACC_ASSIGN_OR_RETURN(uint32_t length, s.readVarU32());
    if (length > s.remaining())
      return InputError(s.offset(), "unexpected end of section or function: %u data bytes, only %u left", length,
                        s.remaining());
    WACC_ASSIGN_OR_RETURN(segment.bytes, s.readBytes(length));
    module_->datas.push_back(segment);
  }
  return absl::OkStatus();
}

// The `name` section is advisory: like engines, we ignore it when it is
// malformed rather than rejecting the module.
void ReadNameSection(ByteReader s, CoreModule& m) {
  std::string moduleName;
  absl::flat_hash_map<uint32_t, std::string> funcNames;
  while (!s.atEnd()) {
    auto id = s.readU8();
    auto size = s.readVarU32();
    if (!id.ok() || !size.ok()) return;
    auto sub = s.subReader(*size);
    if (!sub.ok()) return;
    if (*id == 0) {
      auto name = sub->readName();
      if (!name.ok()) return;
      moduleName = std::move(*name);
    } else if (*id == 1) {
      auto count = sub->readVarU32();
      if (!count.ok()) return;
      for (uint32_t i = 0; i < *count; ++i) {
        auto index = sub->readVarU32();
        if (!index.ok()) return;
        auto name = sub->readName();
        if (!name.ok()) return;
        funcNames[*index] = std::move(*name);
      }
    }
  }
  m.name = std::move(moduleName);
  m.funcNames = std::move(funcNames);
}

absl::Status ModuleReader::readCustom(ByteReader& s) {
  WACC_ASSIGN_OR_RETURN(std::string name, s.readName());
  if (name == "name") ReadNameSection(s, *module_);
  WACC_RETURN_IF_ERROR(s.readBytes(s.remaining()).status());
  return absl::OkStatus();
}

absl::Status ModuleReader::checkCounts() {
  if (!sawCode_ && numDeclaredFuncs_ != 0)
    return InputError(r_.offset(),
                      "function and code section have inconsistent lengths (%u functions, no code section)",
                      numDeclaredFuncs_);
  if (!sawData_ && module_->dataCount && *module_->dataCount != 0)
    return InputError(r_.offset(), "data count and data section have inconsistent lengths (%u and no data section)",
                      *module_->dataCount);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<CoreModule>> ReadCoreModule(ByteReader reader) { return ModuleReader(reader).read(); }

}  // namespace wacc::binary
