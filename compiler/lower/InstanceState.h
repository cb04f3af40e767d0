// What the translation of one core instance's functions needs to know about
// the instance: its symbols and the storage of its segments. Internal to
// compiler/lower.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/binary/CoreModule.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "compiler/lower/ProgramContext.h"

namespace wacc::lower {

// A data or element segment as the bulk instructions see it.
struct SegmentStorage {
  llvm::GlobalVariable* contents = nullptr;  // [n x i8] (data) or [n x ptr] (elem)
  // i32 cell: the segment's current length; 0 once dropped (active and
  // declarative segments are dropped at instantiation).
  llvm::GlobalVariable* length = nullptr;
};

struct InstanceState {
  ProgramContext& ctx;
  const binary::CoreModule& module;
  std::string prefix;
  CoreInstanceSymbols symbols;
  std::vector<SegmentStorage> datas, elems;
  // The wasm-level name of each function (for trap messages).
  std::vector<std::string> funcNames;
  // FrozenTables.cpp: per table, the function index each slot holds for
  // good (-1: null) when nothing can change the table after instantiation;
  // nullopt otherwise. And the per-signature code tables built from them.
  std::vector<std::optional<std::vector<int64_t>>> frozenTables;
  std::map<std::pair<uint32_t, uint32_t>, llvm::GlobalVariable*> signatureCodeTables;
  size_t signatureCodeEntries = 0;
};

// Fills state.frozenTables (before any function is translated).
void FindFrozenTables(InstanceState& state);

// For call_indirect through a frozen table: a constant array, one entry per
// slot, holding the code to call when the slot's function has signature
// `sig` and null when calling it with `sig` would trap. Null when the table
// is not frozen (or the arrays would grow too large). The array carries the
// metadata kCodeTableMetadata: code generation may call a slot's code
// through a jump table instead of loading it (codegen/CodeTableJumps.h).
inline constexpr const char* kCodeTableMetadata = "wacc.code-table";
llvm::GlobalVariable* SignatureCodeTable(InstanceState& state, uint32_t tableIndex, const binary::FuncType& sig);

// TailCalls.cpp: whether any function of `module` makes a tail call; and,
// for such a module, each defined function's tail body (registered with
// ProgramContext::setTailBody), its symbol made the C entry that calls it.
bool UsesTailCalls(const binary::CoreModule& module);
void DeclareTailBodies(InstanceState& state);

// Constant value of a constant expression, or null for global.get (which
// must be evaluated at instantiation).
llvm::Constant* ConstantOf(InstanceState& state, const binary::ConstExpr& expr);

}  // namespace wacc::lower
