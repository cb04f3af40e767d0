// Splits WIT source text into tokens. Comments, including `///` and `/** */`
// doc comments, are skipped. Identifiers may be %-escaped (`%type`), which
// makes a keyword usable as a name. A run starting with a digit is one
// Number token covering a whole semantic version ("0.2.12", "1.0.0-rc1"),
// since versions are the only numbers WIT has besides list lengths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/wit/WitAst.h"

namespace wacc::wit {

struct Token {
  enum class Kind : uint8_t {
    Identifier,
    Number,
    Symbol,
    End,
  };
  Kind kind = Kind::End;
  // Identifier: the name without '%'. Number: the digits. Symbol: the
  // punctuation, e.g. "{", "->", "_".
  std::string text;
  bool escaped = false;  // Identifier written with a leading '%'
  SourcePos pos;
};

// Tokenizes `source`; errors read "<fileName>:line:col: message".
absl::StatusOr<std::vector<Token>> LexWit(std::string_view fileName, std::string_view source);

// "'{'", "identifier 'foo'", "end of file": a token as diagnostics show it.
std::string DescribeToken(const Token& token);

}  // namespace wacc::wit
