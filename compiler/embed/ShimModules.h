// The two core modules wit-component adds around the main module, written
// here the same way: a lowered import that needs the main module's memory or
// realloc cannot exist before the main instance does, yet the main instance
// needs its imports to be instantiated. So the main module imports, instead,
// the functions of a "shim" module that call_indirect through the shim's
// table; once the main instance exists the real lowerings are made, and a
// "fixup" module's element segment puts them into that table (its start
// function then runs the module's `_initialize`, if it exports one).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/binary/CoreModule.h"

namespace wacc::embed {

// Exports "0" ... "<n-1>" (the indirect functions, of `types[i]`) and
// "$imports" (their table).
std::vector<uint8_t> ShimModule(const std::vector<binary::FuncType>& types);

// Imports "" "0" ... "<n-1>" (the lowered functions) and "" "$imports" (the
// shim's table) and fills the table with them; with `initialize`, also
// imports "" "_initialize" and calls it from its start function.
std::vector<uint8_t> FixupModule(const std::vector<binary::FuncType>& types, bool initialize);

}  // namespace wacc::embed
