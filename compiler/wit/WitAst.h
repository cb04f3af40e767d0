// The syntax tree of a WIT file, as WitParser reads it: names are still
// unresolved strings, and declarations keep their source positions for
// WitResolver's diagnostics. Feature gates (@since, @unstable, @deprecated)
// and doc comments are accepted by the parser and not kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/binary/Component.h"

namespace wacc::wit {

struct SourcePos {
  uint32_t line = 1;
  uint32_t column = 1;
};

// A type as written: `u32`, `list<T>`, `result<_, e>`, `borrow<r>`, `name`.
struct TypeExpr {
  enum class Kind : uint8_t { Primitive, Named, List, Option, Result, Tuple, Borrow, Own, Stream, Future };
  Kind kind = Kind::Primitive;
  binary::PrimValType prim = binary::PrimValType::Bool;  // Primitive
  std::string name;                                      // Named, Borrow, Own
  // List/Option: the element. Tuple: the elements. Result: ok (if hasOk)
  // then err (if hasErr).
  std::vector<TypeExpr> elements;
  bool hasOk = false;
  bool hasErr = false;
  SourcePos pos;
};

struct ParamDecl {
  std::string name;
  TypeExpr type;
};

struct FuncDecl {
  enum class Kind : uint8_t { Freestanding, Method, Static, Constructor };
  Kind kind = Kind::Freestanding;
  std::string name;  // empty for constructors
  std::vector<ParamDecl> params;
  std::optional<TypeExpr> result;
  bool isAsync = false;  // `async func` (WASI 0.3)
  SourcePos pos;
};

struct TypeDecl {
  enum class Kind : uint8_t { Alias, Record, Variant, Enum, Flags, Resource };
  Kind kind = Kind::Alias;
  std::string name;
  TypeExpr alias;  // Alias
  struct Case {
    std::string name;
    std::optional<TypeExpr> type;  // always set for record fields
  };
  std::vector<Case> cases;          // Record fields, Variant cases
  std::vector<std::string> labels;  // Enum, Flags
  std::vector<FuncDecl> members;    // Resource: methods, statics, constructor
  SourcePos pos;
};

// `iface` (same package) or `ns:pkg/iface@version`.
struct UsePath {
  std::string package;  // "ns:pkg", empty for a local interface
  std::string interface;
  std::string version;  // may be empty
  SourcePos pos;
};

// `use path.{a, b as c};`
struct UseDecl {
  UsePath path;
  struct Name {
    std::string name;
    std::string as;  // local name (== name unless renamed)
    SourcePos pos;
  };
  std::vector<Name> names;
  SourcePos pos;
};

struct InterfaceDecl {
  std::string name;
  std::vector<UseDecl> uses;
  std::vector<TypeDecl> types;
  std::vector<FuncDecl> funcs;
  SourcePos pos;
};

struct WorldItem {
  enum class Kind : uint8_t { Import, Export, Include };
  Kind kind = Kind::Import;
  // Set for interface imports/exports and includes.
  std::optional<UsePath> path;
  // Set for `import name: func(...)` (kept by name only).
  std::string funcName;
  SourcePos pos;
};

struct WorldDecl {
  std::string name;
  std::vector<WorldItem> items;
  SourcePos pos;
};

struct PackageName {
  std::string name;  // "ns:pkg"
  std::string version;
};

struct WitFile {
  std::string fileName;  // for diagnostics
  std::string folder;    // files of one folder share their package
  std::optional<PackageName> package;
  std::vector<InterfaceDecl> interfaces;
  std::vector<WorldDecl> worlds;
};

}  // namespace wacc::wit
