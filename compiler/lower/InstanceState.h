// What the translation of one core instance's functions needs to know about
// the instance: its symbols and the storage of its segments. Internal to
// compiler/lower.
#pragma once

#include <string>
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
};

// Constant value of a constant expression, or null for global.get (which
// must be evaluated at instantiation).
llvm::Constant* ConstantOf(InstanceState& state, const binary::ConstExpr& expr);

}  // namespace wacc::lower
