// The WASI preview1 host functions a core module may import, as the compiler
// sees them: each import name with its core signature and the runtime symbol
// that implements it.
//
// One source: the list is runtime-support/include/wacc/Preview1Functions.def,
// and each signature is derived from the C declaration wacc/Preview1.h makes
// of it (uint32_t is i32, uint64_t is i64), so the validator, the planner and
// the runtime cannot disagree on a type.
#pragma once

#include <string>
#include <string_view>

#include "compiler/binary/CoreModule.h"

namespace wacc::component {

inline constexpr std::string_view kPreview1Module = "wasi_snapshot_preview1";
// The older snapshot, accepted as Wasmtime accepts it.
inline constexpr std::string_view kPreview0Module = "wasi_unstable";

struct Preview1Function {
  const char* name;       // "fd_write"
  const char* symbol;     // "wacc_p1_fd_write", or "wacc_p0_fd_seek" for wasi_unstable's own
  binary::FuncType type;  // (i32, i32, i32, i32) -> i32
  bool noReturn = false;  // proc_exit
};

// The function that an import of `module` `name` binds to: for
// wasi_snapshot_preview1 its preview1 entry; for wasi_unstable its preview0
// entry where the ABI differs, else the preview1 one. Null when `module` is
// neither or `name` is not a function of it.
const Preview1Function* FindPreview1Function(std::string_view module, std::string_view name);

// What a preview1 module runs when no export is named (`--invoke`): the
// function exported as "" if it has one, as Wasmtime prefers it, else `_start`;
// null if it has neither (then it is only instantiated).
const binary::CoreExport* Preview1EntryExport(const binary::CoreModule& module);

// "(i32, i64) -> i32", "() -> ()": how diagnostics and plans print a core type.
std::string CoreFuncTypeToString(const binary::FuncType& type);

}  // namespace wacc::component
