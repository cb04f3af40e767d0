// Parses one WIT file into a WitFile syntax tree.
//
// Covers what the WASI 0.2 WIT uses: `package ns:pkg@ver;`, interfaces,
// worlds (import/export of interfaces and functions, include), `use`, type
// aliases, record, variant, enum, flags, resources (methods, statics,
// constructors), functions, and option/result/list/tuple/borrow/own types.
// Feature gates (@since, @unstable, @deprecated) are accepted and dropped.
// Errors read "<fileName>:line:col: message". Types nest at most
// kMaxTypeDepth deep, so the parser's recursion is bounded.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "compiler/wit/WitAst.h"

namespace wacc::wit {

inline constexpr int kMaxTypeDepth = 64;

absl::StatusOr<WitFile> ParseWit(std::string_view fileName, std::string_view source);

}  // namespace wacc::wit
