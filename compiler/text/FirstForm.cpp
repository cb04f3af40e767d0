#include "compiler/text/FirstForm.h"

namespace wacc::text {

namespace {

// A cursor over the text that keeps the line and column of where it is.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool atEnd() const { return pos_ >= text_.size(); }
  bool startsWith(std::string_view s) const { return text_.substr(pos_).starts_with(s); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }
  size_t position() const { return pos_; }
  uint32_t line() const { return line_; }
  uint32_t column() const { return column_; }
  std::string_view slice(size_t from) const { return text_.substr(from, pos_ - from); }

  void advance(size_t n = 1) {
    for (; n > 0 && !atEnd(); --n, ++pos_) {
      if (text_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }

  // White space, `;; line` and nested `(; block ;)` comments (the text
  // format's "whitespace" tokens).
  void skipSpace() {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (startsWith(";;")) {
        while (!atEnd() && peek() != '\n') advance();
      } else if (startsWith("(;")) {
        advance(2);
        for (unsigned depth = 1; depth > 0 && !atEnd();) {
          if (startsWith("(;")) {
            ++depth;
            advance(2);
          } else if (startsWith(";)")) {
            --depth;
            advance(2);
          } else {
            advance();
          }
        }
      } else {
        return;
      }
    }
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 1, column_ = 1;
};

// The text format's keyword characters (its `idchar`s, which keywords are
// made of), so "component" is not mistaken in "components".
bool IsIdChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-./:<=>?@\\^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

FirstForm FindFirstForm(std::string_view text) {
  Cursor cursor(text);
  cursor.skipSpace();
  FirstForm form;
  form.line = cursor.line();
  form.column = cursor.column();
  if (cursor.atEnd()) return form;
  if (cursor.peek() != '(') {
    form.kind = FirstForm::Kind::Other;
    return form;
  }
  form.kind = FirstForm::Kind::Form;
  cursor.advance();
  cursor.skipSpace();
  auto word = [&cursor]() {
    size_t start = cursor.position();
    while (!cursor.atEnd() && IsIdChar(cursor.peek())) cursor.advance();
    std::string_view w = cursor.slice(start);
    cursor.skipSpace();
    return w;
  };
  form.keyword = word();
  form.argument = word();
  if (form.argument.starts_with('$')) form.argument = word();
  return form;
}

}  // namespace wacc::text
