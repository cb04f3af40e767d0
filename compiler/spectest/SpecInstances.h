// The instances a spec script creates, as the program builder links them.
// Internal to compiler/spectest.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/lower/CoreInstanceTranslator.h"
#include "llvm/Support/MemoryBuffer.h"

namespace wacc::spectest {

// An exported entity with its actual type (what imports are matched against).
struct ExternItem {
  binary::ExternalKind kind = binary::ExternalKind::Func;
  llvm::Function* func = nullptr;
  binary::FuncType funcType;
  llvm::GlobalVariable* cell = nullptr;  // the memory, table or global
  binary::TableType table;
  binary::MemoryType memory;
  binary::GlobalType global;
};

struct SpecInstance {
  // Empty when the instance is usable; otherwise why its module failed, so
  // later commands that use it fail with the cause.
  std::string brokenReason;
  std::unique_ptr<llvm::MemoryBuffer> bytes;  // the module's spans point here
  std::unique_ptr<binary::CoreModule> module;
  lower::CoreInstanceSymbols symbols;
  absl::flat_hash_map<std::string, ExternItem> exports;
};

// The `spectest` host instance (see the suite's README.md), defined in IR.
// Its memory is initialised by `instantiate`, which the driver calls first.
struct SpectestHost {
  absl::flat_hash_map<std::string, ExternItem> exports;
  llvm::Function* instantiate = nullptr;
};

SpectestHost EmitSpectestHost(lower::ProgramContext& ctx);

}  // namespace wacc::spectest
