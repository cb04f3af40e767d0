// Recursive-descent WIT parser (see WitParser.h). Only type expressions
// recurse on input-controlled depth, and they carry a depth limit.
#include "compiler/wit/WitParser.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/support/Status.h"
#include "compiler/wit/WitLexer.h"

namespace wacc::wit {
namespace {

using binary::PrimValType;

const absl::flat_hash_map<std::string_view, PrimValType>& PrimitiveNames() {
  static const auto* names = new absl::flat_hash_map<std::string_view, PrimValType>{
      {"bool", PrimValType::Bool},     {"s8", PrimValType::S8},
      {"u8", PrimValType::U8},         {"s16", PrimValType::S16},
      {"u16", PrimValType::U16},       {"s32", PrimValType::S32},
      {"u32", PrimValType::U32},       {"s64", PrimValType::S64},
      {"u64", PrimValType::U64},       {"f32", PrimValType::F32},
      {"f64", PrimValType::F64},       {"float32", PrimValType::F32},
      {"float64", PrimValType::F64},   {"char", PrimValType::Char},
      {"string", PrimValType::String}, {"error-context", PrimValType::ErrorContext},
  };
  return *names;
}

class Parser {
 public:
  Parser(std::string_view fileName, std::vector<Token> tokens) : fileName_(fileName), tokens_(std::move(tokens)) {}

  absl::StatusOr<WitFile> parseFile() {
    WitFile file;
    file.fileName = fileName_;
    WACC_RETURN_IF_ERROR(skipGates());
    if (isKeyword("package")) {
      WACC_ASSIGN_OR_RETURN(file.package, parsePackageDecl());
    }
    while (!at(Token::Kind::End)) {
      WACC_RETURN_IF_ERROR(skipGates());
      if (isKeyword("interface")) {
        WACC_ASSIGN_OR_RETURN(InterfaceDecl iface, parseInterface());
        file.interfaces.push_back(std::move(iface));
      } else if (isKeyword("world")) {
        WACC_ASSIGN_OR_RETURN(WorldDecl world, parseWorld());
        file.worlds.push_back(std::move(world));
      } else if (isKeyword("use")) {
        // A top-level `use ns:pkg/iface as name;` only renames; the
        // interfaces wacc reads do not rely on it.
        next();
        WACC_RETURN_IF_ERROR(parseUsePath().status());
        if (acceptKeyword("as")) WACC_RETURN_IF_ERROR(expectIdentifier().status());
        WACC_RETURN_IF_ERROR(expectSymbol(";"));
      } else if (isKeyword("package")) {
        return error(peek(), "nested package declarations are not supported");
      } else {
        return error(peek(), absl::StrCat("expected 'interface', 'world' or 'use', found ", DescribeToken(peek())));
      }
    }
    return file;
  }

 private:
  // --- Token access ---------------------------------------------------------

  const Token& peek(size_t ahead = 0) const {
    size_t i = std::min(at_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& next() {
    const Token& token = tokens_[at_];
    if (at_ + 1 < tokens_.size()) ++at_;
    return token;
  }
  bool at(Token::Kind kind) const { return peek().kind == kind; }
  bool isSymbol(std::string_view s, size_t ahead = 0) const {
    return peek(ahead).kind == Token::Kind::Symbol && peek(ahead).text == s;
  }
  bool isKeyword(std::string_view s, size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == Token::Kind::Identifier && !t.escaped && t.text == s;
  }
  bool acceptSymbol(std::string_view s) {
    if (!isSymbol(s)) return false;
    next();
    return true;
  }
  bool acceptKeyword(std::string_view s) {
    if (!isKeyword(s)) return false;
    next();
    return true;
  }

  absl::Status error(const Token& at, const std::string& message) const {
    return absl::InvalidArgumentError(absl::StrFormat("%s:%d:%d: %s", fileName_, at.pos.line, at.pos.column, message));
  }
  absl::Status expected(const std::string& what) const {
    return error(peek(), absl::StrCat("expected ", std::string(what), ", found ", DescribeToken(peek())));
  }
  absl::Status expectSymbol(std::string_view s) {
    if (!acceptSymbol(s)) return expected(absl::StrCat("'", std::string(s), "'"));
    return absl::OkStatus();
  }
  absl::Status expectKeyword(std::string_view s) {
    if (!acceptKeyword(s)) return expected(absl::StrCat("'", std::string(s), "'"));
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> expectIdentifier() {
    if (!at(Token::Kind::Identifier)) return expected("an identifier");
    return next().text;
  }
  absl::StatusOr<std::string> expectVersion() {
    if (!at(Token::Kind::Number)) return expected("a version");
    return next().text;
  }

  // --- Declarations ---------------------------------------------------------

  // `@since(version = 0.2.0)`, `@unstable(feature = x)`, `@deprecated(...)`:
  // recorded nowhere, since wacc implements one fixed version.
  absl::Status skipGates() {
    while (isSymbol("@")) {
      Token gateToken = next();
      WACC_ASSIGN_OR_RETURN(std::string gate, expectIdentifier());
      if (gate != "since" && gate != "unstable" && gate != "deprecated") {
        return error(gateToken, absl::StrCat("unknown feature gate '@", gate, "'"));
      }
      WACC_RETURN_IF_ERROR(expectSymbol("("));
      while (!isSymbol(")")) {
        if (at(Token::Kind::End)) return expected("')'");
        next();
      }
      next();
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PackageName> parsePackageDecl() {
    next();  // package
    PackageName package;
    WACC_ASSIGN_OR_RETURN(std::string ns, expectIdentifier());
    WACC_RETURN_IF_ERROR(expectSymbol(":"));
    WACC_ASSIGN_OR_RETURN(std::string name, expectIdentifier());
    package.name = absl::StrCat(ns, ":", name);
    if (acceptSymbol("@")) {
      WACC_ASSIGN_OR_RETURN(package.version, expectVersion());
    }
    if (isSymbol("{")) return error(peek(), "nested package declarations are not supported");
    WACC_RETURN_IF_ERROR(expectSymbol(";"));
    return package;
  }

  // `iface` or `ns:pkg/iface@version`.
  absl::StatusOr<UsePath> parseUsePath() {
    UsePath path;
    path.pos = peek().pos;
    WACC_ASSIGN_OR_RETURN(std::string first, expectIdentifier());
    if (!acceptSymbol(":")) {
      path.interface = first;
      return path;
    }
    WACC_ASSIGN_OR_RETURN(std::string pkg, expectIdentifier());
    path.package = absl::StrCat(first, ":", pkg);
    WACC_RETURN_IF_ERROR(expectSymbol("/"));
    WACC_ASSIGN_OR_RETURN(path.interface, expectIdentifier());
    if (isSymbol("/")) return error(peek(), "nested interface paths are not supported");
    if (acceptSymbol("@")) {
      WACC_ASSIGN_OR_RETURN(path.version, expectVersion());
    }
    return path;
  }

  absl::StatusOr<UseDecl> parseUse() {
    UseDecl use;
    use.pos = next().pos;  // use
    WACC_ASSIGN_OR_RETURN(use.path, parseUsePath());
    WACC_RETURN_IF_ERROR(expectSymbol("."));
    WACC_RETURN_IF_ERROR(expectSymbol("{"));
    while (!acceptSymbol("}")) {
      UseDecl::Name name;
      name.pos = peek().pos;
      WACC_ASSIGN_OR_RETURN(name.name, expectIdentifier());
      name.as = name.name;
      if (acceptKeyword("as")) {
        WACC_ASSIGN_OR_RETURN(name.as, expectIdentifier());
      }
      use.names.push_back(std::move(name));
      if (!isSymbol("}")) WACC_RETURN_IF_ERROR(expectSymbol(","));
    }
    WACC_RETURN_IF_ERROR(expectSymbol(";"));
    return use;
  }

  absl::StatusOr<InterfaceDecl> parseInterface() {
    InterfaceDecl iface;
    iface.pos = next().pos;  // interface
    WACC_ASSIGN_OR_RETURN(iface.name, expectIdentifier());
    WACC_RETURN_IF_ERROR(expectSymbol("{"));
    WACC_RETURN_IF_ERROR(parseInterfaceItems(iface));
    return iface;
  }

  // Items up to and including the closing '}'.
  absl::Status parseInterfaceItems(InterfaceDecl& iface) {
    while (true) {
      WACC_RETURN_IF_ERROR(skipGates());
      if (acceptSymbol("}")) return absl::OkStatus();
      if (isKeyword("use")) {
        WACC_ASSIGN_OR_RETURN(UseDecl use, parseUse());
        iface.uses.push_back(std::move(use));
      } else if (isTypeDeclStart()) {
        WACC_ASSIGN_OR_RETURN(TypeDecl decl, parseTypeDecl());
        iface.types.push_back(std::move(decl));
      } else if (at(Token::Kind::Identifier) && isSymbol(":", 1)) {
        FuncDecl func;
        func.pos = peek().pos;
        func.name = next().text;
        next();  // ':'
        WACC_RETURN_IF_ERROR(parseFuncType(func));
        WACC_RETURN_IF_ERROR(expectSymbol(";"));
        iface.funcs.push_back(std::move(func));
      } else {
        return expected("a type, function or 'use' declaration");
      }
    }
  }

  bool isTypeDeclStart() const {
    for (std::string_view kw : {"type", "record", "variant", "enum", "flags", "resource"}) {
      if (isKeyword(kw) && peek(1).kind == Token::Kind::Identifier) return true;
    }
    return false;
  }

  // `async? func(params) (-> type)?`
  absl::Status parseFuncType(FuncDecl& func) {
    func.isAsync = acceptKeyword("async");
    WACC_RETURN_IF_ERROR(expectKeyword("func"));
    return parseParamsAndResult(func);
  }

  absl::Status parseParamsAndResult(FuncDecl& func) {
    WACC_RETURN_IF_ERROR(expectSymbol("("));
    while (!acceptSymbol(")")) {
      ParamDecl param;
      WACC_ASSIGN_OR_RETURN(param.name, expectIdentifier());
      WACC_RETURN_IF_ERROR(expectSymbol(":"));
      WACC_ASSIGN_OR_RETURN(param.type, parseType(0));
      func.params.push_back(std::move(param));
      if (!isSymbol(")")) WACC_RETURN_IF_ERROR(expectSymbol(","));
    }
    if (acceptSymbol("->")) {
      if (isSymbol("(")) return error(peek(), "named results are not supported");
      WACC_ASSIGN_OR_RETURN(func.result, parseType(0));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<TypeDecl> parseTypeDecl() {
    TypeDecl decl;
    decl.pos = peek().pos;
    std::string keyword = next().text;
    WACC_ASSIGN_OR_RETURN(decl.name, expectIdentifier());
    if (keyword == "type") {
      decl.kind = TypeDecl::Kind::Alias;
      WACC_RETURN_IF_ERROR(expectSymbol("="));
      WACC_ASSIGN_OR_RETURN(decl.alias, parseType(0));
      WACC_RETURN_IF_ERROR(expectSymbol(";"));
    } else if (keyword == "record" || keyword == "variant") {
      decl.kind = keyword == "record" ? TypeDecl::Kind::Record : TypeDecl::Kind::Variant;
      WACC_RETURN_IF_ERROR(parseCases(decl));
    } else if (keyword == "enum" || keyword == "flags") {
      decl.kind = keyword == "enum" ? TypeDecl::Kind::Enum : TypeDecl::Kind::Flags;
      WACC_RETURN_IF_ERROR(parseLabels(decl));
    } else {
      decl.kind = TypeDecl::Kind::Resource;
      if (!acceptSymbol(";")) {
        WACC_RETURN_IF_ERROR(expectSymbol("{"));
        WACC_RETURN_IF_ERROR(parseResourceMembers(decl));
      }
    }
    return decl;
  }

  // Record `{ name: type, ... }` or variant `{ name(type)?, ... }`.
  absl::Status parseCases(TypeDecl& decl) {
    bool isRecord = decl.kind == TypeDecl::Kind::Record;
    WACC_RETURN_IF_ERROR(expectSymbol("{"));
    while (!acceptSymbol("}")) {
      WACC_RETURN_IF_ERROR(skipGates());
      TypeDecl::Case c;
      WACC_ASSIGN_OR_RETURN(c.name, expectIdentifier());
      if (isRecord) {
        WACC_RETURN_IF_ERROR(expectSymbol(":"));
        WACC_ASSIGN_OR_RETURN(c.type, parseType(0));
      } else if (acceptSymbol("(")) {
        WACC_ASSIGN_OR_RETURN(c.type, parseType(0));
        WACC_RETURN_IF_ERROR(expectSymbol(")"));
      }
      decl.cases.push_back(std::move(c));
      if (!isSymbol("}")) WACC_RETURN_IF_ERROR(expectSymbol(","));
    }
    return absl::OkStatus();
  }

  absl::Status parseLabels(TypeDecl& decl) {
    WACC_RETURN_IF_ERROR(expectSymbol("{"));
    while (!acceptSymbol("}")) {
      WACC_RETURN_IF_ERROR(skipGates());
      WACC_ASSIGN_OR_RETURN(std::string label, expectIdentifier());
      decl.labels.push_back(std::move(label));
      if (!isSymbol("}")) WACC_RETURN_IF_ERROR(expectSymbol(","));
    }
    return absl::OkStatus();
  }

  absl::Status parseResourceMembers(TypeDecl& decl) {
    while (true) {
      WACC_RETURN_IF_ERROR(skipGates());
      if (acceptSymbol("}")) return absl::OkStatus();
      FuncDecl func;
      func.pos = peek().pos;
      if (acceptKeyword("constructor")) {
        func.kind = FuncDecl::Kind::Constructor;
        WACC_RETURN_IF_ERROR(parseParamsAndResult(func));
      } else {
        WACC_ASSIGN_OR_RETURN(func.name, expectIdentifier());
        WACC_RETURN_IF_ERROR(expectSymbol(":"));
        func.kind = acceptKeyword("static") ? FuncDecl::Kind::Static : FuncDecl::Kind::Method;
        WACC_RETURN_IF_ERROR(parseFuncType(func));
      }
      WACC_RETURN_IF_ERROR(expectSymbol(";"));
      decl.members.push_back(std::move(func));
    }
  }

  // --- Types ----------------------------------------------------------------

  absl::StatusOr<TypeExpr> parseType(int depth) {
    if (depth >= kMaxTypeDepth) {
      return error(peek(), absl::StrFormat("types nest deeper than %d levels", kMaxTypeDepth));
    }
    TypeExpr type;
    type.pos = peek().pos;
    if (!at(Token::Kind::Identifier)) return expected("a type");
    const Token& token = next();
    if (token.escaped) {
      type.kind = TypeExpr::Kind::Named;
      type.name = token.text;
      return type;
    }
    auto prim = PrimitiveNames().find(token.text);
    if (prim != PrimitiveNames().end()) {
      type.prim = prim->second;
      return type;
    }
    const std::string& word = token.text;
    if (word == "list" || word == "option") {
      type.kind = word == "list" ? TypeExpr::Kind::List : TypeExpr::Kind::Option;
      WACC_RETURN_IF_ERROR(expectSymbol("<"));
      WACC_RETURN_IF_ERROR(parseElement(type, depth));
      if (isSymbol(",")) return error(peek(), "fixed-length lists are not supported");
      WACC_RETURN_IF_ERROR(expectSymbol(">"));
    } else if (word == "tuple") {
      type.kind = TypeExpr::Kind::Tuple;
      WACC_RETURN_IF_ERROR(expectSymbol("<"));
      while (!acceptSymbol(">")) {
        WACC_RETURN_IF_ERROR(parseElement(type, depth));
        if (!isSymbol(">")) WACC_RETURN_IF_ERROR(expectSymbol(","));
      }
    } else if (word == "result") {
      WACC_RETURN_IF_ERROR(parseResultArgs(type, depth));
    } else if (word == "borrow" || word == "own") {
      type.kind = word == "borrow" ? TypeExpr::Kind::Borrow : TypeExpr::Kind::Own;
      WACC_RETURN_IF_ERROR(expectSymbol("<"));
      WACC_ASSIGN_OR_RETURN(type.name, expectIdentifier());
      WACC_RETURN_IF_ERROR(expectSymbol(">"));
    } else if (word == "future" || word == "stream") {
      // `stream<T>`, `stream` (no payload), likewise future.
      type.kind = word == "stream" ? TypeExpr::Kind::Stream : TypeExpr::Kind::Future;
      if (acceptSymbol("<")) {
        WACC_RETURN_IF_ERROR(parseElement(type, depth));
        WACC_RETURN_IF_ERROR(expectSymbol(">"));
      }
    } else {
      type.kind = TypeExpr::Kind::Named;
      type.name = word;
    }
    return type;
  }

  absl::Status parseElement(TypeExpr& parent, int depth) {
    WACC_ASSIGN_OR_RETURN(TypeExpr element, parseType(depth + 1));
    parent.elements.push_back(std::move(element));
    return absl::OkStatus();
  }

  // `result`, `result<T>`, `result<_, E>`, `result<T, E>`.
  absl::Status parseResultArgs(TypeExpr& type, int depth) {
    type.kind = TypeExpr::Kind::Result;
    if (!acceptSymbol("<")) return absl::OkStatus();
    if (!acceptSymbol("_")) {
      type.hasOk = true;
      WACC_RETURN_IF_ERROR(parseElement(type, depth));
    }
    if (acceptSymbol(",")) {
      type.hasErr = true;
      WACC_RETURN_IF_ERROR(parseElement(type, depth));
    } else if (!type.hasOk) {
      return expected("','");
    }
    return expectSymbol(">");
  }

  // --- Worlds ---------------------------------------------------------------

  absl::StatusOr<WorldDecl> parseWorld() {
    WorldDecl world;
    world.pos = next().pos;  // world
    WACC_ASSIGN_OR_RETURN(world.name, expectIdentifier());
    WACC_RETURN_IF_ERROR(expectSymbol("{"));
    while (true) {
      WACC_RETURN_IF_ERROR(skipGates());
      if (acceptSymbol("}")) return world;
      if (isKeyword("use")) {
        // World-level types only matter to functions imported inline,
        // which wacc keeps by name only.
        WACC_RETURN_IF_ERROR(parseUse().status());
      } else if (isTypeDeclStart()) {
        WACC_RETURN_IF_ERROR(parseTypeDecl().status());
      } else if (isKeyword("import") || isKeyword("export")) {
        WACC_ASSIGN_OR_RETURN(WorldItem item, parseExtern());
        world.items.push_back(std::move(item));
      } else if (isKeyword("include")) {
        WorldItem item;
        item.kind = WorldItem::Kind::Include;
        item.pos = next().pos;
        WACC_ASSIGN_OR_RETURN(item.path, parseUsePath());
        if (isKeyword("with")) return error(peek(), "'include ... with' is not supported");
        WACC_RETURN_IF_ERROR(expectSymbol(";"));
        world.items.push_back(std::move(item));
      } else {
        return expected("'import', 'export', 'include', 'use' or a type declaration");
      }
    }
  }

  // `import path;`, `import name: func(...);`, `import name: interface {...}`.
  absl::StatusOr<WorldItem> parseExtern() {
    WorldItem item;
    item.pos = peek().pos;
    item.kind = next().text == "import" ? WorldItem::Kind::Import : WorldItem::Kind::Export;
    bool named = at(Token::Kind::Identifier) && isSymbol(":", 1) &&
                 (isKeyword("func", 2) || isKeyword("async", 2) || isKeyword("interface", 2));
    if (!named) {
      WACC_ASSIGN_OR_RETURN(item.path, parseUsePath());
      WACC_RETURN_IF_ERROR(expectSymbol(";"));
      return item;
    }
    item.funcName = next().text;
    next();  // ':'
    if (isKeyword("interface")) return error(peek(), "inline interfaces are not supported");
    FuncDecl func;
    WACC_RETURN_IF_ERROR(parseFuncType(func));
    WACC_RETURN_IF_ERROR(expectSymbol(";"));
    return item;
  }

  std::string fileName_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
};

}  // namespace

absl::StatusOr<WitFile> ParseWit(std::string_view fileName, std::string_view source) {
  WACC_ASSIGN_OR_RETURN(std::vector<Token> tokens, LexWit(fileName, source));
  return Parser(fileName, std::move(tokens)).parseFile();
}

}  // namespace wacc::wit
