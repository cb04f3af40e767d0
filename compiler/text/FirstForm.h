// The first form of a text file, found by skipping white space and comments
// only: enough to tell a component from a module, and to spot a quoted
// module, before wabt reads the file (it knows no component text and aborts
// on `(module quote ...)`).
#pragma once

#include <cstdint>
#include <string_view>

namespace wacc::text {

struct FirstForm {
  enum class Kind : uint8_t {
    None,   // nothing but white space and comments
    Form,   // `(keyword ...`: keyword is the word after the parenthesis
    Other,  // something else first (not text, or text wabt will diagnose)
  };
  Kind kind = Kind::None;
  std::string_view keyword;   // Form: "module", "component", "func", ... ("" if none follows)
  std::string_view argument;  // Form: the word after the keyword and an optional $id ("binary", "quote")
  uint32_t line = 1;          // of the opening parenthesis (or of what came first), from 1
  uint32_t column = 1;        // in bytes, from 1, as wabt counts
};

// `text` need not be valid UTF-8; an unterminated block comment ends it.
FirstForm FindFirstForm(std::string_view text);

}  // namespace wacc::text
