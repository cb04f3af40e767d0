// WIT tokenizer (see WitLexer.h).
#include "compiler/wit/WitLexer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/support/Status.h"

namespace wacc::wit {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

class Lexer {
 public:
  Lexer(std::string_view fileName, std::string_view source) : fileName_(fileName), src_(source) {}

  absl::StatusOr<std::vector<Token>> run() {
    std::vector<Token> tokens;
    while (true) {
      absl::Status skipped = skipSpaceAndComments();
      if (!skipped.ok()) return skipped;
      Token token;
      token.pos = pos_;
      if (at_ >= src_.size()) {
        tokens.push_back(token);
        return tokens;
      }
      absl::Status lexed = lexOne(token);
      if (!lexed.ok()) return lexed;
      tokens.push_back(std::move(token));
    }
  }

 private:
  char peek(size_t ahead = 0) const { return at_ + ahead < src_.size() ? src_[at_ + ahead] : '\0'; }

  void advance() {
    if (src_[at_] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    ++at_;
  }

  absl::Status error(SourcePos pos, const std::string& message) const {
    return absl::InvalidArgumentError(absl::StrFormat("%s:%d:%d: %s", fileName_, pos.line, pos.column, message));
  }

  absl::Status skipSpaceAndComments() {
    while (at_ < src_.size()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '/' && peek(1) == '/') {
        while (at_ < src_.size() && peek() != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        WACC_RETURN_IF_ERROR(skipBlockComment());
      } else {
        break;
      }
    }
    return absl::OkStatus();
  }

  // Block comments nest in WIT; a counter (not recursion) tracks depth.
  absl::Status skipBlockComment() {
    SourcePos start = pos_;
    size_t depth = 0;
    do {
      if (at_ >= src_.size()) return error(start, "unterminated block comment");
      if (peek() == '/' && peek(1) == '*') {
        advance();
        advance();
        ++depth;
      } else if (peek() == '*' && peek(1) == '/') {
        advance();
        advance();
        --depth;
      } else {
        advance();
      }
    } while (depth > 0);
    return absl::OkStatus();
  }

  absl::Status lexOne(Token& token) {
    char c = peek();
    if (c == '%' && IsAlpha(peek(1))) {
      advance();
      token.escaped = true;
      lexIdentifier(token);
      return absl::OkStatus();
    }
    if (IsAlpha(c)) {
      lexIdentifier(token);
      return absl::OkStatus();
    }
    if (IsDigit(c)) {
      lexNumber(token);
      return absl::OkStatus();
    }
    if (c == '-' && peek(1) == '>') {
      advance();
      advance();
      token.kind = Token::Kind::Symbol;
      token.text = "->";
      return absl::OkStatus();
    }
    static constexpr std::string_view kSymbols = "{}()<>,:;.=@/*_";
    if (kSymbols.find(c) != std::string_view::npos) {
      advance();
      token.kind = Token::Kind::Symbol;
      token.text = std::string(1, c);
      return absl::OkStatus();
    }
    return error(pos_, absl::StrFormat("unexpected character '%s'", PrintableChar(c)));
  }

  static std::string PrintableChar(char c) {
    if (c >= 0x20 && c < 0x7f) return std::string(1, c);
    return absl::StrFormat("\\x%02x", static_cast<unsigned char>(c));
  }

  // Kebab-case: words of letters and digits joined by single '-'.
  void lexIdentifier(Token& token) {
    token.kind = Token::Kind::Identifier;
    while (IsAlnum(peek()) || (peek() == '-' && IsAlnum(peek(1)))) {
      token.text += peek();
      advance();
    }
  }

  // A number or semantic version. '.' belongs to it only when a digit or
  // letter follows, so "@0.2.12.{" ends before ".{".
  void lexNumber(Token& token) {
    token.kind = Token::Kind::Number;
    while (IsAlnum(peek()) || peek() == '-' || peek() == '+' || (peek() == '.' && IsAlnum(peek(1)))) {
      token.text += peek();
      advance();
    }
  }

  std::string fileName_;
  std::string_view src_;
  size_t at_ = 0;
  SourcePos pos_;
};

}  // namespace

absl::StatusOr<std::vector<Token>> LexWit(std::string_view fileName, std::string_view source) {
  return Lexer(fileName, source).run();
}

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case Token::Kind::Identifier: return absl::StrCat("identifier '", token.text, "'");
    case Token::Kind::Number: return absl::StrCat("number '", token.text, "'");
    case Token::Kind::Symbol: return absl::StrCat("'", token.text, "'");
    case Token::Kind::End: return "end of file";
  }
  return "?";
}

}  // namespace wacc::wit
