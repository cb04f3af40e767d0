// Tables no instruction can change, and call_indirect through them.
//
// call_indirect normally checks, on every call, the index against the
// table's size, the slot for null, and the callee's signature id stored in
// its descriptor, then loads the code pointer from the descriptor: three
// dependent loads before the call. C and C++ compiled to wasm put every
// address-taken function in one table that nothing changes after the
// active element segments have filled it. When this module defines the
// table, does not export it (so no other instance can reach it), has no
// table.set/grow/fill/copy/init into it, and every active segment for it
// has a constant offset and constant items, the table's contents are
// known here. Then for each signature a call_indirect uses we emit a
// constant array with the code for slots whose function has that signature
// and null for the rest: the call loads one pointer, and a null sends it to
// the ordinary checks, which trap with the precise reason and this
// function's name, as before.
#include "compiler/binary/Instruction.h"
#include "compiler/lower/InstanceState.h"

namespace wacc::lower {

using binary::ConstExpr;
using binary::ExternalKind;
using binary::Opcode;

namespace {

// Every code table of a module together: one pointer per slot and
// signature; past this the general path is good enough.
constexpr size_t kMaxCodeEntries = 1u << 18;

// Marks the tables an instruction of some function body may write.
void MarkWrittenTables(const binary::CoreModule& m, std::vector<bool>& written) {
  for (uint32_t f = m.numImportedFuncs; f < m.funcs.size(); ++f) {
    const binary::FunctionBody& body = m.body(f);
    binary::InstructionReader reader(binary::ByteReader(body.code, body.codeOffset));
    while (!reader.atEnd()) {
      auto inst = reader.next();
      if (!inst.ok()) {  // reported when the body is translated; assume the worst
        written.assign(written.size(), true);
        return;
      }
      uint32_t table = UINT32_MAX;
      switch (inst->opcode) {
        case Opcode::TableSet:
        case Opcode::TableGrow:
        case Opcode::TableFill:
        case Opcode::TableCopy: table = inst->index; break;
        case Opcode::TableInit: table = inst->index2; break;
        default: break;
      }
      if (table < written.size()) written[table] = true;
    }
  }
}

}  // namespace

void FindFrozenTables(InstanceState& s) {
  const binary::CoreModule& m = s.module;
  s.frozenTables.assign(m.tables.size(), std::nullopt);
  std::vector<bool> excluded(m.tables.size(), false);
  for (uint32_t i = 0; i < m.numImportedTables && i < excluded.size(); ++i) excluded[i] = true;
  for (const binary::CoreExport& e : m.exports)
    if (e.kind == ExternalKind::Table && e.index < excluded.size()) excluded[e.index] = true;
  bool any = false;
  for (size_t t = 0; t < excluded.size(); ++t) {
    // A table larger than every code table together could be is not worth knowing.
    if (m.tables[t].elemType != binary::ValType::FuncRef || m.tables[t].limits.min > kMaxCodeEntries) excluded[t] = true;
    any |= !excluded[t];
  }
  if (!any) return;
  MarkWrittenTables(m, excluded);
  std::vector<std::optional<std::vector<int64_t>>> contents(m.tables.size());
  for (size_t t = 0; t < m.tables.size(); ++t)
    if (!excluded[t])
      contents[t] = std::vector<int64_t>(m.tables[t].limits.min, -1);
  // The active segments, in order, as instantiation applies them.
  for (const binary::ElemSegment& e : m.elems) {
    if (e.mode != binary::SegmentMode::Active || e.tableIndex >= contents.size() || !contents[e.tableIndex]) continue;
    std::optional<std::vector<int64_t>>& slots = contents[e.tableIndex];
    auto* offsetConstant = llvm::dyn_cast_or_null<llvm::ConstantInt>(ConstantOf(s, e.offset));
    uint64_t offset = offsetConstant ? offsetConstant->getZExtValue() : 0;
    bool constant = offsetConstant && offset + e.items.size() <= slots->size();
    for (size_t i = 0; constant && i < e.items.size(); ++i) {
      const ConstExpr& item = e.items[i];
      if (item.kind == ConstExpr::Kind::RefFunc && item.index < m.funcs.size())
        (*slots)[offset + i] = item.index;
      else if (item.kind == ConstExpr::Kind::RefNull)
        (*slots)[offset + i] = -1;
      else
        constant = false;
    }
    if (!constant) slots.reset();  // computed at instantiation (or it traps): not known here
  }
  s.frozenTables = std::move(contents);
}

llvm::GlobalVariable* SignatureCodeTable(InstanceState& s, uint32_t tableIndex, const binary::FuncType& sig) {
  if (tableIndex >= s.frozenTables.size() || !s.frozenTables[tableIndex]) return nullptr;
  uint32_t sigId = s.ctx.signatureId(sig);
  auto [it, inserted] = s.signatureCodeTables.try_emplace({tableIndex, sigId}, nullptr);
  if (!inserted) return it->second;
  const std::vector<int64_t>& slots = *s.frozenTables[tableIndex];
  if (s.signatureCodeEntries + slots.size() > kMaxCodeEntries) return nullptr;
  s.signatureCodeEntries += slots.size();
  auto* ptr = llvm::PointerType::getUnqual(s.ctx.context());
  std::vector<llvm::Constant*> entries;
  entries.reserve(slots.size());
  for (int64_t f : slots) {
    llvm::Constant* code = llvm::ConstantPointerNull::get(ptr);
    if (f >= 0 && s.ctx.signatureId(s.module.funcType(uint32_t(f))) == sigId) {
      // The descriptor's code: the function, or its C-convention thunk.
      auto* descriptor = llvm::cast<llvm::GlobalVariable>(
          s.ctx.funcRef(s.symbols.funcs[f], s.module.funcType(uint32_t(f))));
      code = llvm::cast<llvm::Constant>(descriptor->getInitializer()->getOperand(ProgramContext::kDescriptorCode));
    }
    entries.push_back(code);
  }
  auto* type = llvm::ArrayType::get(ptr, entries.size());
  auto* table = new llvm::GlobalVariable(s.ctx.module(), type, /*isConstant=*/true, llvm::GlobalValue::InternalLinkage,
                                         llvm::ConstantArray::get(type, entries),
                                         s.prefix + "table" + std::to_string(tableIndex) + ".code" +
                                             std::to_string(sigId));
  table->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  table->setMetadata(kCodeTableMetadata, llvm::MDNode::get(s.ctx.context(), {}));
  it->second = table;
  return table;
}

}  // namespace wacc::lower
