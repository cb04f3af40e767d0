// The script reader: an s-expression tree (built with an explicit stack, so
// nesting depth costs no native stack) whose nodes remember their source
// range, then one command per top-level list. A component's text is its
// source range, with the script-only keywords (`definition`) cut out.
#include "compiler/wast/WastScript.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/support/Status.h"
#include "llvm/Support/ConvertUTF.h"

namespace wacc::wast {

namespace {

struct SExpr {
  enum class Kind : uint8_t { List, Atom, String };
  Kind kind = Kind::Atom;
  std::string text;  // Atom: as written; String: the decoded bytes
  std::vector<SExpr> items;
  size_t begin = 0, end = 0;  // source range, parentheses included
  uint32_t line = 0;

  bool isAtom(std::string_view s) const { return kind == Kind::Atom && text == s; }
  bool isId() const { return kind == Kind::Atom && !text.empty() && text[0] == '$'; }
};

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<SExpr>> readAll() {
    std::vector<SExpr> stack(1);
    stack[0].kind = SExpr::Kind::List;
    while (true) {
      WACC_RETURN_IF_ERROR(skipSpace());
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      if (c == '(') {
        SExpr list;
        list.kind = SExpr::Kind::List;
        list.begin = pos_++;
        list.line = line_;
        stack.push_back(std::move(list));
        if (stack.size() > kMaxDepth) return error("nesting too deep");
      } else if (c == ')') {
        if (stack.size() == 1) return error("unbalanced ')'");
        SExpr done = std::move(stack.back());
        stack.pop_back();
        done.end = ++pos_;
        stack.back().items.push_back(std::move(done));
      } else if (c == '"') {
        SExpr s;
        s.kind = SExpr::Kind::String;
        s.begin = pos_;
        s.line = line_;
        auto decoded = readString();
        if (!decoded.ok()) return decoded.status();
        s.text = std::move(*decoded);
        s.end = pos_;
        stack.back().items.push_back(std::move(s));
      } else {
        SExpr a;
        a.begin = pos_;
        a.line = line_;
        while (pos_ < text_.size() && !IsSpace(text_[pos_]) && text_[pos_] != '(' && text_[pos_] != ')' &&
               text_[pos_] != '"' && text_[pos_] != ';')
          ++pos_;
        a.text = std::string(text_.substr(a.begin, pos_ - a.begin));
        a.end = pos_;
        stack.back().items.push_back(std::move(a));
      }
    }
    if (stack.size() != 1) return error("unbalanced '('");
    return std::move(stack[0].items);
  }

 private:
  static constexpr size_t kMaxDepth = 10000;

  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  absl::Status error(std::string_view what) {
    return absl::InvalidArgumentError(absl::StrFormat("line %u: %s", line_, what));
  }

  absl::Status skipSpace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (IsSpace(c)) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == ";;") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "(;") {
        int depth = 0;
        do {
          if (pos_ >= text_.size()) return error("unterminated block comment");
          if (text_.substr(pos_, 2) == "(;") {
            ++depth;
            pos_ += 2;
          } else if (text_.substr(pos_, 2) == ";)") {
            --depth;
            pos_ += 2;
          } else {
            if (text_[pos_] == '\n') ++line_;
            ++pos_;
          }
        } while (depth > 0);
      } else {
        return absl::OkStatus();
      }
    }
    return absl::OkStatus();
  }

  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  absl::StatusOr<std::string> readString() {
    std::string out;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) return error("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c == '\n') ++line_;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return error("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'u': {
          if (pos_ >= text_.size() || text_[pos_] != '{') return error("bad \\u escape");
          ++pos_;
          uint32_t cp = 0;
          while (pos_ < text_.size() && text_[pos_] != '}') {
            int d = HexDigit(text_[pos_++]);
            if (d < 0 || cp > 0x10ffff) return error("bad \\u escape");
            cp = cp * 16 + d;
          }
          ++pos_;
          char utf8[4], *end = utf8;
          if (!llvm::ConvertCodePointToUTF8(cp, end)) return error("bad \\u escape");
          out.append(utf8, end);
          break;
        }
        default: {
          int hi = HexDigit(e), lo = pos_ < text_.size() ? HexDigit(text_[pos_]) : -1;
          if (hi < 0 || lo < 0) return error("bad string escape");
          ++pos_;
          out += char(hi * 16 + lo);
        }
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
};

constexpr int kMaxValueDepth = 200;

absl::Status ValueError(const SExpr& e, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrFormat("line %u: %s", e.line, what));
}

// A value from `items[first...]` of a list whose items[first] is the
// keyword: `(u32.const 1)` has first = 0; `(field "a" u32.const 1)` first = 2.
absl::StatusOr<WastValue> ParseValue(const SExpr& list, size_t first, int depth);

absl::StatusOr<WastValue> ParseValueList(const SExpr& e, int depth) {
  if (e.kind != SExpr::Kind::List || e.items.empty()) return ValueError(e, "expected a value");
  return ParseValue(e, 0, depth);
}

absl::StatusOr<WastValue> ParseValue(const SExpr& list, size_t first, int depth) {
  if (depth > kMaxValueDepth) return ValueError(list, "value nested too deeply");
  if (first >= list.items.size() || list.items[first].kind != SExpr::Kind::Atom)
    return ValueError(list, "expected a value keyword");
  const std::string& head = list.items[first].text;
  WastValue v;
  auto rest = [&](size_t k) -> const SExpr* {
    return first + k < list.items.size() ? &list.items[first + k] : nullptr;
  };
  size_t count = list.items.size() - first - 1;
  auto children = [&](size_t from) -> absl::Status {
    for (size_t k = from; first + k < list.items.size(); ++k) {
      auto child = ParseValueList(list.items[first + k], depth + 1);
      if (!child.ok()) return child.status();
      v.items.push_back(std::move(*child));
    }
    return absl::OkStatus();
  };
  std::string_view h = head;
  if (h.size() > 6 && h.substr(h.size() - 6) == ".const") {
    v.kind = std::string(h.substr(0, h.size() - 6));
    static const char* kScalars[] = {"bool", "u8",  "s8",  "u16",  "s16", "u32", "s32", "u64",
                                     "s64",  "f32", "f64", "char", "str", "i32", "i64"};
    bool scalar = false;
    for (const char* s : kScalars) scalar |= v.kind == s;
    if (scalar) {
      if (count != 1 || rest(1)->kind == SExpr::Kind::List) return ValueError(list, "expected one literal in " + head);
      v.text = rest(1)->text;
      return v;
    }
    if (v.kind == "list" || v.kind == "tuple") {
      if (absl::Status s = children(1); !s.ok()) return s;
      return v;
    }
    if (v.kind == "record") {
      for (size_t k = 1; k <= count; ++k) {
        const SExpr* f = rest(k);
        if (f->kind != SExpr::Kind::List || f->items.size() < 3 || !f->items[0].isAtom("field") ||
            f->items[1].kind != SExpr::Kind::String)
          return ValueError(*f, "expected (field \"name\" value)");
        v.names.push_back(f->items[1].text);
        auto value = f->items[2].kind == SExpr::Kind::List && f->items.size() == 3
                         ? ParseValueList(f->items[2], depth + 1)
                         : ParseValue(*f, 2, depth + 1);
        if (!value.ok()) return value.status();
        v.items.push_back(std::move(*value));
      }
      return v;
    }
    if (v.kind == "variant") {
      if (count < 1 || rest(1)->kind != SExpr::Kind::String) return ValueError(list, "expected a case name");
      v.text = rest(1)->text;
      if (count > 2) return ValueError(list, "a variant has at most one payload");
      if (absl::Status s = children(2); !s.ok()) return s;
      return v;
    }
    if (v.kind == "enum") {
      if (count != 1 || rest(1)->kind != SExpr::Kind::String) return ValueError(list, "expected an enum case name");
      v.text = rest(1)->text;
      return v;
    }
    if (v.kind == "flags") {
      for (size_t k = 1; k <= count; ++k) {
        if (rest(k)->kind != SExpr::Kind::String) return ValueError(list, "expected flag names");
        v.labels.push_back(rest(k)->text);
      }
      return v;
    }
    return ValueError(list, "unknown value " + head);
  }
  if (head == "option.none" || head == "option.some" || head == "result.ok" || head == "result.err") {
    v.kind = head;
    if (head == "option.none" && count != 0) return ValueError(list, "option.none has no payload");
    if (count > 1) return ValueError(list, head + " has at most one payload");
    if (absl::Status s = children(1); !s.ok()) return s;
    if (head == "option.some" && v.items.size() != 1) return ValueError(list, "option.some needs a payload");
    return v;
  }
  return ValueError(list, "unknown value " + head);
}

// The text for the assembler of a component written `(component [$id]
// [definition] ...)`: its source with `definition` dropped.
std::string ComponentText(std::string_view source, const SExpr& e, size_t fieldsFrom, const std::string& id) {
  std::string text = "(component";
  if (!id.empty()) text += " " + id;
  size_t from = fieldsFrom < e.items.size() ? e.items[fieldsFrom].begin : e.end - 1;
  text += " ";
  text += source.substr(from, e.end - from);
  return text;
}

// `e` is `(component ...)` or `(module ...)`: fills cmd's module and name.
absl::Status ParseModule(std::string_view source, const SExpr& e, WastCommand& cmd) {
  if (e.kind != SExpr::Kind::List || e.items.empty()) return ValueError(e, "expected a component");
  cmd.hasModule = true;
  cmd.module.isCore = e.items[0].isAtom("module");
  size_t i = 1;
  if (i < e.items.size() && e.items[i].isId()) cmd.name = e.items[i++].text;
  if (i < e.items.size() && e.items[i].isAtom("definition")) {
    cmd.definitionOnly = true;
    ++i;
    if (cmd.name.empty() && i < e.items.size() && e.items[i].isId()) cmd.name = e.items[i++].text;
  }
  if (i < e.items.size() && (e.items[i].isAtom("binary") || e.items[i].isAtom("quote"))) {
    bool binary = e.items[i].isAtom("binary");
    std::string joined;
    for (size_t k = i + 1; k < e.items.size(); ++k) {
      if (e.items[k].kind != SExpr::Kind::String) return ValueError(e, "expected strings");
      joined += e.items[k].text;
    }
    if (binary) {
      cmd.module.form = WastModule::Form::Binary;
      cmd.module.bytes = std::move(joined);
    } else {
      cmd.module.form = WastModule::Form::Quote;
      cmd.module.text = absl::StrCat(cmd.module.isCore ? "(module " : "(component ", joined, ")");
    }
    return absl::OkStatus();
  }
  cmd.module.form = WastModule::Form::Text;
  if (cmd.module.isCore) {
    cmd.module.text = std::string(source.substr(e.begin, e.end - e.begin));
  } else {
    cmd.module.text = ComponentText(source, e, i, cmd.name);
  }
  return absl::OkStatus();
}

absl::Status ParseInvoke(const SExpr& e, WastCommand& cmd) {
  if (e.kind != SExpr::Kind::List || e.items.empty() || !e.items[0].isAtom("invoke"))
    return ValueError(e, "expected (invoke ...)");
  size_t i = 1;
  if (i < e.items.size() && e.items[i].isId()) ++i;  // the current instance is the only one invoked
  if (i >= e.items.size() || e.items[i].kind != SExpr::Kind::String) return ValueError(e, "expected an export name");
  cmd.function = e.items[i++].text;
  for (; i < e.items.size(); ++i) {
    WACC_ASSIGN_OR_RETURN(WastValue v, ParseValueList(e.items[i], 0));
    cmd.args.push_back(std::move(v));
  }
  return absl::OkStatus();
}

absl::StatusOr<WastCommand> ParseCommand(std::string_view source, const SExpr& e) {
  WastCommand cmd;
  cmd.line = e.line;
  if (e.kind != SExpr::Kind::List || e.items.empty() || e.items[0].kind != SExpr::Kind::Atom)
    return ValueError(e, "expected a command");
  const std::string& head = e.items[0].text;
  auto messageAt = [&](size_t k) {
    if (k < e.items.size() && e.items[k].kind == SExpr::Kind::String) cmd.message = e.items[k].text;
  };
  if (head == "component" || head == "module") {
    if (e.items.size() >= 3 && e.items[1].isAtom("instance")) {
      cmd.kind = WastCommand::Kind::Instance;
      if (!e.items[2].isId()) return ValueError(e, "expected (component instance $id $definition)");
      cmd.name = e.items[2].text;
      if (e.items.size() < 4 || !e.items[3].isId())
        return ValueError(e, "expected (component instance $id $definition)");
      cmd.definition = e.items[3].text;
      return cmd;
    }
    cmd.kind = WastCommand::Kind::Component;
    WACC_RETURN_IF_ERROR(ParseModule(source, e, cmd));
    return cmd;
  }
  if (head == "invoke") {
    cmd.kind = WastCommand::Kind::Invoke;
    WACC_RETURN_IF_ERROR(ParseInvoke(e, cmd));
    return cmd;
  }
  if (head == "assert_return") {
    cmd.kind = WastCommand::Kind::AssertReturn;
    if (e.items.size() < 2) return ValueError(e, "expected an action");
    WACC_RETURN_IF_ERROR(ParseInvoke(e.items[1], cmd));
    for (size_t k = 2; k < e.items.size(); ++k) {
      WACC_ASSIGN_OR_RETURN(WastValue v, ParseValueList(e.items[k], 0));
      cmd.results.push_back(std::move(v));
    }
    return cmd;
  }
  if (head == "assert_trap") {
    cmd.kind = WastCommand::Kind::AssertTrap;
    if (e.items.size() < 2 || e.items[1].kind != SExpr::Kind::List || e.items[1].items.empty())
      return ValueError(e, "expected an action or a component");
    if (e.items[1].items[0].isAtom("invoke"))
      WACC_RETURN_IF_ERROR(ParseInvoke(e.items[1], cmd));
    else
      WACC_RETURN_IF_ERROR(ParseModule(source, e.items[1], cmd));
    messageAt(2);
    return cmd;
  }
  if (head == "assert_invalid" || head == "assert_malformed" || head == "assert_unlinkable") {
    cmd.kind = head == "assert_invalid"     ? WastCommand::Kind::AssertInvalid
               : head == "assert_malformed" ? WastCommand::Kind::AssertMalformed
                                            : WastCommand::Kind::AssertUnlinkable;
    if (e.items.size() < 2) return ValueError(e, "expected a component");
    WACC_RETURN_IF_ERROR(ParseModule(source, e.items[1], cmd));
    messageAt(2);
    return cmd;
  }
  cmd.kind = WastCommand::Kind::Unsupported;
  cmd.message = "the `" + head + "` command";
  return cmd;
}

}  // namespace

absl::StatusOr<WastScript> ParseWastScript(std::string_view text) {
  Reader reader(text);
  WACC_ASSIGN_OR_RETURN(std::vector<SExpr> top, reader.readAll());
  WastScript script;
  for (const SExpr& e : top) {
    WACC_ASSIGN_OR_RETURN(WastCommand cmd, ParseCommand(text, e));
    script.commands.push_back(std::move(cmd));
  }
  return script;
}

const char* CommandKindName(WastCommand::Kind kind) {
  switch (kind) {
    case WastCommand::Kind::Component: return "component";
    case WastCommand::Kind::Instance: return "component instance";
    case WastCommand::Kind::Invoke: return "invoke";
    case WastCommand::Kind::AssertReturn: return "assert_return";
    case WastCommand::Kind::AssertTrap: return "assert_trap";
    case WastCommand::Kind::AssertInvalid: return "assert_invalid";
    case WastCommand::Kind::AssertMalformed: return "assert_malformed";
    case WastCommand::Kind::AssertUnlinkable: return "assert_unlinkable";
    case WastCommand::Kind::Unsupported: return "command";
  }
  return "command";
}

std::string ValueToString(const WastValue& v) {
  auto quoted = [](const std::string& s) { return absl::StrCat("\"", s, "\""); };
  bool isConst = v.kind.find('.') == std::string::npos;
  std::string out = absl::StrCat("(", v.kind, isConst ? ".const" : "");
  if (v.kind == "str" || v.kind == "char" || v.kind == "variant" || v.kind == "enum")
    absl::StrAppend(&out, " ", quoted(v.text));
  else if (!v.text.empty())
    absl::StrAppend(&out, " ", v.text);
  for (const std::string& l : v.labels) absl::StrAppend(&out, " ", quoted(l));
  for (size_t i = 0; i < v.items.size(); ++i) {
    if (i < v.names.size())
      absl::StrAppend(&out, " (field ", quoted(v.names[i]), " ", ValueToString(v.items[i]), ")");
    else
      absl::StrAppend(&out, " ", ValueToString(v.items[i]));
  }
  absl::StrAppend(&out, ")");
  return out;
}

}  // namespace wacc::wast
