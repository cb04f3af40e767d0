// The data model of a decoded core WebAssembly module (WebAssembly 2.0).
//
// Produced by ReadCoreModule (CoreReader.h), consumed by the instantiation
// planner and the core -> LLVM IR translator. Function bodies stay as byte
// ranges into the input buffer; InstructionReader (Instruction.h) decodes them
// on demand, so the input buffer must outlive the module.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace wacc::binary {

// Core value types, numbered as in the binary format.
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};
const char* ValTypeName(ValType type);  // "i32", "funcref", ...
inline bool IsRefType(ValType t) { return t == ValType::FuncRef || t == ValType::ExternRef; }

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
};

struct TableType {
  ValType elemType = ValType::FuncRef;
  Limits limits;
};

// A 32-bit linear memory; limits are in 64 KiB pages.
struct MemoryType {
  Limits limits;
  bool is64 = false;    // memory64: addressed by i64, sizes in 64 bits
  bool shared = false;  // threads: may be shared between threads (wacc runs one)
  ValType addressType() const { return is64 ? ValType::I64 : ValType::I32; }
};

struct GlobalType {
  ValType type = ValType::I32;
  bool isMutable = false;
};

enum class ExternalKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
const char* ExternalKindName(ExternalKind kind);  // "func", "table", ...

struct CoreImport {
  std::string module;
  std::string name;
  ExternalKind kind = ExternalKind::Func;
  uint32_t funcTypeIndex = 0;  // kind == Func
  TableType table;             // kind == Table
  MemoryType memory;           // kind == Memory
  GlobalType global;           // kind == Global
  size_t offset = 0;           // file offset of the import entry
};

struct CoreExport {
  std::string name;
  ExternalKind kind = ExternalKind::Func;
  uint32_t index = 0;
  size_t offset = 0;  // file offset of the export entry
};

// One instruction of an extended constant expression.
struct ConstOp {
  enum class Kind : uint8_t { I32Const, I64Const, GlobalGet, I32Add, I32Sub, I32Mul, I64Add, I64Sub, I64Mul };
  Kind kind = Kind::I32Const;
  uint64_t bits = 0;   // I32Const, I64Const
  uint32_t index = 0;  // GlobalGet
  size_t offset = 0;
  // add, sub or mul (takes two operands); else it pushes one value.
  bool isArithmetic() const { return kind != Kind::I32Const && kind != Kind::I64Const && kind != Kind::GlobalGet; }
  // Arithmetic on i64 (else on i32).
  bool is64() const { return kind == Kind::I64Add || kind == Kind::I64Sub || kind == Kind::I64Mul; }
};

// A constant expression. WebAssembly 2.0 allows exactly one instruction
// (before `end`) in each, which `kind` and the fields below hold; the
// extended-const proposal (WebAssembly 3.0) adds integer arithmetic, and a
// longer expression is Kind::Extended, its instructions in `ops` in order.
struct ConstExpr {
  enum class Kind : uint8_t {
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    V128Const,
    GlobalGet,
    RefNull,
    RefFunc,
    Extended
  };
  Kind kind = Kind::I32Const;
  uint64_t bits[2] = {0, 0};           // the constant's bit pattern (V128: low, high)
  uint32_t index = 0;                  // GlobalGet: global index; RefFunc: function index
  ValType refType = ValType::FuncRef;  // RefNull
  size_t offset = 0;
  std::vector<ConstOp> ops;  // Extended
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t tableIndex = 0;  // Active
  ConstExpr offset;         // Active
  ValType elemType = ValType::FuncRef;
  std::vector<ConstExpr> items;  // RefFunc / RefNull / GlobalGet each
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;  // never Declarative
  uint32_t memoryIndex = 0;                // Active
  ConstExpr offset;                        // Active
  std::span<const uint8_t> bytes;
};

struct FunctionBody {
  // Locals declared by the body (not the parameters), one entry per local.
  std::vector<ValType> locals;
  // The instruction bytes, up to and including the final `end`.
  std::span<const uint8_t> code;
  size_t codeOffset = 0;  // file offset of code[0]
};

struct CoreModule {
  std::vector<FuncType> types;
  std::vector<CoreImport> imports;

  // Index spaces. Imported entities come first, in import order, followed by
  // the module's own definitions.
  std::vector<uint32_t> funcs;  // type index of every function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globals;
  uint32_t numImportedFuncs = 0;
  uint32_t numImportedTables = 0;
  uint32_t numImportedMemories = 0;
  uint32_t numImportedGlobals = 0;

  std::vector<ConstExpr> globalInits;  // one per defined global
  std::vector<CoreExport> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> dataCount;
  std::vector<FunctionBody> bodies;  // one per defined function

  // From the `name` custom section, when present and well-formed.
  std::string name;
  absl::flat_hash_map<uint32_t, std::string> funcNames;

  size_t fileOffset = 0;  // where the module's preamble starts in the file
  // File offset of each section's contents, indexed by section id (1 = type
  // ... 12 = data count); 0 when the section is absent. For diagnostics.
  size_t sectionOffsets[13] = {};

  const FuncType& funcType(uint32_t funcIndex) const { return types[funcs[funcIndex]]; }
  const FunctionBody& body(uint32_t funcIndex) const { return bodies[funcIndex - numImportedFuncs]; }
  const CoreExport* findExport(std::string_view exportName) const {
    for (const CoreExport& e : exports)
      if (e.name == exportName) return &e;
    return nullptr;
  }
  // The name a trap message gives function `funcIndex`: its name-section
  // name, else its first export name, else "func[<index>]".
  std::string displayName(uint32_t funcIndex) const;
};

}  // namespace wacc::binary
