#include "compiler/binary/CoreValidator.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "compiler/binary/FunctionValidator.h"

namespace wacc::binary {
namespace {

constexpr uint64_t kMaxMemoryPages = 65536;                // 4 GiB of 64 KiB pages
constexpr uint64_t kMaxMemory64Pages = uint64_t(1) << 48;  // 2^64 bytes
constexpr int kFunctionSection = 3, kTableSection = 4, kMemorySection = 5, kStartSection = 8;

class ModuleValidator {
 public:
  ModuleValidator(const CoreModule& m, const Features& features) : m_(m), features_(features) {}
  absl::Status validate();

 private:
  // Where a section's contents start (the module's start if it is absent):
  // errors about entities without their own offset point there.
  size_t sectionOffset(int id) const { return m_.sectionOffsets[id] ? m_.sectionOffsets[id] : m_.fileOffset; }
  size_t secondMemoryImportOffset() const;
  absl::Status checkTypeIndex(uint32_t index, size_t offset) const;
  absl::Status checkImports() const;
  absl::Status checkFunctions() const;
  absl::Status checkTables() const;
  absl::Status checkMemories() const;
  absl::Status checkGlobals() const;
  absl::Status checkExports() const;
  absl::Status checkStart() const;
  absl::Status checkElems() const;
  absl::Status checkDatas() const;
  absl::Status checkBodies() const;
  absl::StatusOr<ValType> constExprType(const ConstExpr& expr) const;
  absl::StatusOr<ValType> extendedConstExprType(const ConstExpr& expr) const;
  absl::Status checkConstExpr(const ConstExpr& expr, ValType expected, const char* what) const;
  void collectDeclaredFunctions();

  const CoreModule& m_;
  const Features& features_;
  // C.refs of the spec: functions that ref.func may name inside bodies.
  absl::flat_hash_set<uint32_t> declaredFuncs_;
};

absl::Status CheckLimits(const Limits& limits, uint64_t bound, const char* boundMessage, size_t offset) {
  if (limits.min > bound) return InputError(offset, "%s", boundMessage);
  if (limits.max) {
    if (*limits.max > bound) return InputError(offset, "%s", boundMessage);
    if (limits.min > *limits.max)
      return InputError(offset, "size minimum must not be greater than maximum (%u > %u)", limits.min, *limits.max);
  }
  return absl::OkStatus();
}

absl::Status CheckTableType(const TableType& t, size_t offset) {
  return CheckLimits(t.limits, UINT32_MAX, "table size must be at most 2^32-1", offset);
}

absl::Status CheckMemoryType(const MemoryType& t, size_t offset, const Features& features) {
  if (t.shared) {
    if (!features.threads) return InputError(offset, "malformed limits flags (threads are off: -W threads=n)");
    if (!t.limits.max) return InputError(offset, "shared memory must have maximum");
  }
  if (!t.is64) return CheckLimits(t.limits, kMaxMemoryPages, "memory size must be at most 65536 pages (4GiB)", offset);
  // 2.0 has no such flags; the reader took them for memory64's.
  if (!features.memory64) return InputError(offset, "malformed limits flags (memory64 is off: -W memory64=n)");
  return CheckLimits(t.limits, kMaxMemory64Pages, "memory size must be at most 2^48 pages", offset);
}

absl::Status ModuleValidator::validate() {
  collectDeclaredFunctions();
  WACC_RETURN_IF_ERROR(checkImports());
  WACC_RETURN_IF_ERROR(checkFunctions());
  WACC_RETURN_IF_ERROR(checkTables());
  WACC_RETURN_IF_ERROR(checkMemories());
  WACC_RETURN_IF_ERROR(checkGlobals());
  WACC_RETURN_IF_ERROR(checkExports());
  WACC_RETURN_IF_ERROR(checkStart());
  WACC_RETURN_IF_ERROR(checkElems());
  WACC_RETURN_IF_ERROR(checkDatas());
  return checkBodies();
}

absl::Status ModuleValidator::checkTypeIndex(uint32_t index, size_t offset) const {
  if (index >= m_.types.size()) return InputError(offset, "unknown type %u", index);
  return absl::OkStatus();
}

size_t ModuleValidator::secondMemoryImportOffset() const {
  int seen = 0;
  for (const CoreImport& import : m_.imports)
    if (import.kind == ExternalKind::Memory && ++seen == 2) return import.offset;
  return m_.fileOffset;
}

absl::Status ModuleValidator::checkImports() const {
  for (const CoreImport& import : m_.imports) {
    switch (import.kind) {
      case ExternalKind::Func: WACC_RETURN_IF_ERROR(checkTypeIndex(import.funcTypeIndex, import.offset)); break;
      case ExternalKind::Table: WACC_RETURN_IF_ERROR(CheckTableType(import.table, import.offset)); break;
      case ExternalKind::Memory: WACC_RETURN_IF_ERROR(CheckMemoryType(import.memory, import.offset, features_)); break;
      case ExternalKind::Global: break;
    }
  }
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkFunctions() const {
  for (size_t i = m_.numImportedFuncs; i < m_.funcs.size(); ++i)
    WACC_RETURN_IF_ERROR(checkTypeIndex(m_.funcs[i], sectionOffset(kFunctionSection)));
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkTables() const {
  for (size_t i = m_.numImportedTables; i < m_.tables.size(); ++i)
    WACC_RETURN_IF_ERROR(CheckTableType(m_.tables[i], sectionOffset(kTableSection)));
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkMemories() const {
  if (m_.memories.size() > 1 && !features_.multiMemory) {
    size_t offset = m_.numImportedMemories > 1 ? secondMemoryImportOffset() : sectionOffset(kMemorySection);
    return InputError(offset, "multiple memories (multi-memory is off: -W multi-memory=n)");
  }
  for (size_t i = m_.numImportedMemories; i < m_.memories.size(); ++i)
    WACC_RETURN_IF_ERROR(CheckMemoryType(m_.memories[i], sectionOffset(kMemorySection), features_));
  return absl::OkStatus();
}

// WebAssembly 2.0 constant expressions may read only imported globals, and
// only immutable ones.
absl::StatusOr<ValType> ModuleValidator::constExprType(const ConstExpr& expr) const {
  switch (expr.kind) {
    case ConstExpr::Kind::I32Const: return ValType::I32;
    case ConstExpr::Kind::I64Const: return ValType::I64;
    case ConstExpr::Kind::F32Const: return ValType::F32;
    case ConstExpr::Kind::F64Const: return ValType::F64;
    case ConstExpr::Kind::V128Const: return ValType::V128;
    case ConstExpr::Kind::RefNull: return expr.refType;
    case ConstExpr::Kind::RefFunc:
      if (expr.index >= m_.funcs.size()) return InputError(expr.offset, "unknown function %u", expr.index);
      return ValType::FuncRef;
    case ConstExpr::Kind::GlobalGet:
      if (expr.index >= m_.numImportedGlobals)
        return InputError(expr.offset, "unknown global %u: constant expressions may only read imported globals",
                          expr.index);
      if (m_.globals[expr.index].isMutable)
        return InputError(expr.offset, "constant expression required: global %u is mutable", expr.index);
      return m_.globals[expr.index].type;
    case ConstExpr::Kind::Extended:
      if (!features_.extendedConst)
        return InputError(expr.offset,
                          "constant expression required (extended constants are off: -W extended-const=n)");
      return extendedConstExprType(expr);
  }
  return InputError(expr.offset, "constant expression required");
}

// The reader checked that the instructions leave one value; here, that each
// operates on the right type.
absl::StatusOr<ValType> ModuleValidator::extendedConstExprType(const ConstExpr& expr) const {
  std::vector<ValType> stack;
  for (const ConstOp& op : expr.ops) {
    using K = ConstOp::Kind;
    switch (op.kind) {
      case K::I32Const: stack.push_back(ValType::I32); continue;
      case K::I64Const: stack.push_back(ValType::I64); continue;
      case K::GlobalGet: {
        ConstExpr get;
        get.kind = ConstExpr::Kind::GlobalGet;
        get.index = op.index;
        get.offset = op.offset;
        WACC_ASSIGN_OR_RETURN(ValType type, constExprType(get));
        stack.push_back(type);
        continue;
      }
      default: {
        ValType type = op.is64() ? ValType::I64 : ValType::I32;
        if (stack.size() < 2 || stack[stack.size() - 1] != type || stack[stack.size() - 2] != type)
          return InputError(op.offset, "type mismatch: %s arithmetic on other operands", ValTypeName(type));
        stack.pop_back();
        continue;
      }
    }
  }
  if (stack.size() != 1)
    return InputError(expr.offset, "type mismatch: constant expression yields %u values", stack.size());
  return stack.back();
}

absl::Status ModuleValidator::checkConstExpr(const ConstExpr& expr, ValType expected, const char* what) const {
  WACC_ASSIGN_OR_RETURN(ValType actual, constExprType(expr));
  if (actual != expected)
    return InputError(expr.offset, "type mismatch: %s must be %s, found %s", what, ValTypeName(expected),
                      ValTypeName(actual));
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkGlobals() const {
  for (size_t i = 0; i < m_.globalInits.size(); ++i) {
    const GlobalType& type = m_.globals[m_.numImportedGlobals + i];
    WACC_RETURN_IF_ERROR(checkConstExpr(m_.globalInits[i], type.type, "global initializer"));
  }
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkExports() const {
  absl::flat_hash_set<std::string_view> names;
  for (const CoreExport& e : m_.exports) {
    if (!names.insert(e.name).second) return InputError(e.offset, "duplicate export name \"%s\"", e.name);
    size_t limit = 0;
    switch (e.kind) {
      case ExternalKind::Func: limit = m_.funcs.size(); break;
      case ExternalKind::Table: limit = m_.tables.size(); break;
      case ExternalKind::Memory: limit = m_.memories.size(); break;
      case ExternalKind::Global: limit = m_.globals.size(); break;
    }
    if (e.index >= limit)
      return InputError(e.offset, "unknown %s %u in export \"%s\"",
                        e.kind == ExternalKind::Func ? "function" : ExternalKindName(e.kind), e.index, e.name);
  }
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkStart() const {
  if (!m_.start) return absl::OkStatus();
  if (*m_.start >= m_.funcs.size())
    return InputError(sectionOffset(kStartSection), "unknown function %u as start", *m_.start);
  const FuncType& type = m_.funcType(*m_.start);
  if (!type.params.empty() || !type.results.empty())
    return InputError(sectionOffset(kStartSection), "start function must take no parameters and return nothing");
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkElems() const {
  for (const ElemSegment& segment : m_.elems) {
    if (segment.mode == SegmentMode::Active) {
      if (segment.tableIndex >= m_.tables.size())
        return InputError(segment.offset.offset, "unknown table %u", segment.tableIndex);
      WACC_RETURN_IF_ERROR(checkConstExpr(segment.offset, ValType::I32, "element segment offset"));
      ValType tableType = m_.tables[segment.tableIndex].elemType;
      if (tableType != segment.elemType)
        return InputError(segment.offset.offset, "type mismatch: %s segment for a table of %s",
                          ValTypeName(segment.elemType), ValTypeName(tableType));
    }
    for (const ConstExpr& item : segment.items) WACC_RETURN_IF_ERROR(checkConstExpr(item, segment.elemType, "element"));
  }
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkDatas() const {
  for (const DataSegment& segment : m_.datas) {
    if (segment.mode != SegmentMode::Active) continue;
    if (segment.memoryIndex >= m_.memories.size())
      return InputError(segment.offset.offset, "unknown memory %u", segment.memoryIndex);
    WACC_RETURN_IF_ERROR(
        checkConstExpr(segment.offset, m_.memories[segment.memoryIndex].addressType(), "data segment offset"));
  }
  return absl::OkStatus();
}

absl::Status ModuleValidator::checkBodies() const {
  for (size_t i = 0; i < m_.bodies.size(); ++i)
    WACC_RETURN_IF_ERROR(ValidateFunctionBody(m_, uint32_t(m_.numImportedFuncs + i), declaredFuncs_, features_));
  return absl::OkStatus();
}

// Functions count as declared when they are referenced outside function
// bodies: in element segments, global initializers or exports.
void ModuleValidator::collectDeclaredFunctions() {
  for (const ElemSegment& segment : m_.elems)
    for (const ConstExpr& item : segment.items)
      if (item.kind == ConstExpr::Kind::RefFunc) declaredFuncs_.insert(item.index);
  for (const ConstExpr& init : m_.globalInits)
    if (init.kind == ConstExpr::Kind::RefFunc) declaredFuncs_.insert(init.index);
  for (const CoreExport& e : m_.exports)
    if (e.kind == ExternalKind::Func) declaredFuncs_.insert(e.index);
}

}  // namespace

absl::Status ValidateCoreModule(const CoreModule& module, const Features& features) {
  return ModuleValidator(module, features).validate();
}

}  // namespace wacc::binary
