// Type definitions of a component (Binary.md "Type Definitions"): value types,
// function types, component and instance types, resource types, and the core
// types (function and module types) a component may declare.
//
// Component and instance types nest; each level recurses once, and the depth
// is bounded by kMaxTypeNesting so hostile input cannot exhaust the stack.
#include "absl/container/flat_hash_set.h"

#include "compiler/binary/ComponentItemReaders.h"
#include "compiler/binary/ComponentReader.h"

namespace wacc::binary {

static bool IsPrimValTypeByte(uint8_t byte) { return (byte >= 0x73 && byte <= 0x7f) || byte == 0x64; }

absl::StatusOr<ValTypeRef> ReadValType(ByteReader& reader) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t first, reader.peekU8());
  ValTypeRef type;
  if (IsPrimValTypeByte(first)) {
    (void)reader.readU8();
    type.prim = PrimValType(first);
    return type;
  }
  // Type opcodes are negative SLEB128s; non-negative values are indices.
  WACC_ASSIGN_OR_RETURN(int64_t index, reader.readVarS33());
  if (index < 0) return InputError(offset, "invalid value type 0x%02x", first);
  if (index > int64_t(UINT32_MAX)) return InputError(offset, "type index %d out of range", index);
  type.isPrimitive = false;
  type.typeIndex = uint32_t(index);
  return type;
}

// `T?` in Binary.md: 0x00 for none, 0x01 followed by T.
static absl::StatusOr<std::optional<ValTypeRef>> ReadOptionalValType(ByteReader& reader) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t present, reader.readU8());
  if (present == 0x00) return std::optional<ValTypeRef>();
  if (present != 0x01) return InputError(offset, "invalid optional value type flag 0x%02x", present);
  WACC_ASSIGN_OR_RETURN(ValTypeRef type, ReadValType(reader));
  return std::optional<ValTypeRef>(type);
}

// `<u32>?`: 0x00 for none, 0x01 followed by an index.
static absl::StatusOr<std::optional<uint32_t>> ReadOptionalIndex(ByteReader& reader, const char* what) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t present, reader.readU8());
  if (present == 0x00) return std::optional<uint32_t>();
  if (present != 0x01) return InputError(offset, "invalid optional %s flag 0x%02x", what, present);
  WACC_ASSIGN_OR_RETURN(uint32_t index, reader.readVarU32());
  return std::optional<uint32_t>(index);
}

// --- Value types ---------------------------------------------------------------

static absl::StatusOr<std::string> ReadLabel(ByteReader& reader) { return reader.readName(); }

static absl::StatusOr<DefinedValType::Field> ReadLabelValType(ByteReader& reader) {
  DefinedValType::Field field;
  WACC_ASSIGN_OR_RETURN(field.name, reader.readName());
  WACC_ASSIGN_OR_RETURN(field.type, ReadValType(reader));
  return field;
}

static absl::StatusOr<DefinedValType::Case> ReadCase(ByteReader& reader) {
  DefinedValType::Case c;
  WACC_ASSIGN_OR_RETURN(c.name, reader.readName());
  WACC_ASSIGN_OR_RETURN(c.type, ReadOptionalValType(reader));
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t refines, reader.readU8());
  if (refines == 0x01) return UnsupportedError(offset, "variant case 'refines' clause");
  if (refines != 0x00) return InputError(offset, "invalid variant case trailer 0x%02x, expected 0x00", refines);
  return c;
}

// Reads the vec of a record, variant, tuple, flags or enum, which the
// component model requires to be non-empty.
template <typename ReadItem, typename T>
static absl::Status ReadNonEmpty(ByteReader& reader, ReadItem readItem, std::vector<T>& into, size_t offset,
                                 const char* what) {
  WACC_RETURN_IF_ERROR(ReadVec(reader, readItem, [&](T item) { into.push_back(std::move(item)); }));
  if (into.empty()) return InputError(offset, "%s type must not be empty", what);
  return absl::OkStatus();
}

// The operands of a `defvaltype` whose opcode (at `offset`) was read.
static absl::Status ReadDefinedValTypeBody(ByteReader& reader, uint8_t opcode, size_t offset, DefinedValType& type) {
  using Kind = DefinedValType::Kind;
  switch (opcode) {
    case 0x72: type.kind = Kind::Record; return ReadNonEmpty(reader, ReadLabelValType, type.fields, offset, "record");
    case 0x71: type.kind = Kind::Variant; return ReadNonEmpty(reader, ReadCase, type.cases, offset, "variant");
    case 0x6f: type.kind = Kind::Tuple; return ReadNonEmpty(reader, ReadValType, type.tupleTypes, offset, "tuple");
    case 0x6e: type.kind = Kind::Flags; return ReadNonEmpty(reader, ReadLabel, type.labels, offset, "flags");
    case 0x6d: type.kind = Kind::Enum; return ReadNonEmpty(reader, ReadLabel, type.labels, offset, "enum");
    case 0x70:
    case 0x6b: {
      type.kind = opcode == 0x70 ? Kind::List : Kind::Option;
      WACC_ASSIGN_OR_RETURN(type.element, ReadValType(reader));
      return absl::OkStatus();
    }
    case 0x67: {
      type.kind = Kind::FixedList;
      WACC_ASSIGN_OR_RETURN(type.element, ReadValType(reader));
      size_t lengthOffset = reader.offset();
      WACC_ASSIGN_OR_RETURN(type.fixedLength, reader.readVarU32());
      if (type.fixedLength == 0) return InputError(lengthOffset, "fixed-length list must have a non-zero length");
      return absl::OkStatus();
    }
    case 0x6a: {
      type.kind = Kind::Result;
      WACC_ASSIGN_OR_RETURN(type.ok, ReadOptionalValType(reader));
      WACC_ASSIGN_OR_RETURN(type.err, ReadOptionalValType(reader));
      return absl::OkStatus();
    }
    case 0x69:
    case 0x68: {
      type.kind = opcode == 0x69 ? Kind::Own : Kind::Borrow;
      WACC_ASSIGN_OR_RETURN(type.resourceTypeIndex, reader.readVarU32());
      return absl::OkStatus();
    }
    case 0x66:
    case 0x65: {
      type.kind = opcode == 0x66 ? Kind::Stream : Kind::Future;
      WACC_ASSIGN_OR_RETURN(type.payload, ReadOptionalValType(reader));
      return absl::OkStatus();
    }
    case 0x6c: return UnsupportedError(offset, "union type (removed from the component model)");
    case 0x63: {
      type.kind = Kind::Map;
      WACC_ASSIGN_OR_RETURN(type.element, ReadValType(reader));
      WACC_ASSIGN_OR_RETURN(type.mapValue, ReadValType(reader));
      return absl::OkStatus();
    }
    default: return InputError(offset, "invalid type opcode 0x%02x", opcode);
  }
}

static absl::StatusOr<DefinedValType> ReadDefinedValType(ByteReader& reader, uint8_t opcode, size_t offset) {
  DefinedValType type;
  if (IsPrimValTypeByte(opcode)) {
    type.kind = DefinedValType::Kind::Primitive;
    type.prim = PrimValType(opcode);
    return type;
  }
  WACC_RETURN_IF_ERROR(ReadDefinedValTypeBody(reader, opcode, offset, type));
  return type;
}

// --- Function and resource types ------------------------------------------------

static absl::StatusOr<ComponentFuncType::Param> ReadParam(ByteReader& reader) {
  ComponentFuncType::Param p;
  WACC_ASSIGN_OR_RETURN(p.name, reader.readName());
  WACC_ASSIGN_OR_RETURN(p.type, ReadValType(reader));
  return p;
}

static absl::StatusOr<ComponentFuncType> ReadFuncType(ByteReader& reader, bool isAsync) {
  ComponentFuncType func;
  func.isAsync = isAsync;
  WACC_RETURN_IF_ERROR(
      ReadVec(reader, ReadParam, [&](ComponentFuncType::Param p) { func.params.push_back(std::move(p)); }));
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t resultKind, reader.readU8());
  if (resultKind == 0x00) {
    WACC_ASSIGN_OR_RETURN(func.result, ReadValType(reader));
    return func;
  }
  if (resultKind != 0x01) return InputError(offset, "invalid function result list 0x%02x", resultKind);
  // Current binaries write 0x01 0x00 for "no result"; older ones may name
  // several results, which are kept for the planner to reject.
  WACC_RETURN_IF_ERROR(
      ReadVec(reader, ReadParam, [&](ComponentFuncType::Param p) { func.namedResults.push_back(std::move(p)); }));
  return func;
}

static absl::StatusOr<ResourceTypeDef> ReadResourceType(ByteReader& reader, bool isAsync) {
  ResourceTypeDef resource;
  resource.isAsync = isAsync;
  size_t repOffset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t rep, reader.readU8());
  if (rep != 0x7f) return InputError(repOffset, "invalid resource representation 0x%02x, expected i32", rep);
  resource.rep = ValType::I32;
  if (!isAsync) {
    WACC_ASSIGN_OR_RETURN(resource.destructor, ReadOptionalIndex(reader, "resource destructor"));
    return resource;
  }
  // 0x3e: the async destructor is mandatory and may name a callback; the
  // planner rejects async resources, so the callback is not modelled.
  WACC_ASSIGN_OR_RETURN(resource.destructor, reader.readVarU32());
  WACC_RETURN_IF_ERROR(ReadOptionalIndex(reader, "resource destructor callback").status());
  return resource;
}

// --- Component and instance types ---------------------------------------------------

static absl::StatusOr<TypeDecl> ReadTypeDecl(ByteReader& reader, bool inComponentType, unsigned depth);

static absl::StatusOr<std::vector<TypeDecl>> ReadTypeDecls(ByteReader& reader, bool inComponentType, unsigned depth) {
  std::vector<TypeDecl> decls;
  WACC_RETURN_IF_ERROR(ReadVec(
      reader, [&](ByteReader& r) { return ReadTypeDecl(r, inComponentType, depth); },
      [&](TypeDecl d) { decls.push_back(std::move(d)); }));
  return decls;
}

static absl::Status ReadTypeBody(ByteReader& reader, uint8_t opcode, unsigned depth, TypeDef& def) {
  switch (opcode) {
    case 0x3f:
    case 0x3e: {
      def.kind = TypeDef::Kind::Resource;
      WACC_ASSIGN_OR_RETURN(def.resource, ReadResourceType(reader, opcode == 0x3e));
      return absl::OkStatus();
    }
    case 0x40:
    case 0x43: {
      def.kind = TypeDef::Kind::Func;
      WACC_ASSIGN_OR_RETURN(def.func, ReadFuncType(reader, opcode == 0x43));
      return absl::OkStatus();
    }
    case 0x41:
    case 0x42: {
      def.kind = opcode == 0x41 ? TypeDef::Kind::Component : TypeDef::Kind::Instance;
      WACC_ASSIGN_OR_RETURN(def.decls, ReadTypeDecls(reader, opcode == 0x41, depth + 1));
      return absl::OkStatus();
    }
    default: {
      def.kind = TypeDef::Kind::DefinedVal;
      WACC_ASSIGN_OR_RETURN(def.value, ReadDefinedValType(reader, opcode, def.offset));
      return absl::OkStatus();
    }
  }
}

absl::StatusOr<TypeDef> ReadType(ByteReader& reader, unsigned depth) {
  TypeDef def;
  def.offset = reader.offset();
  if (depth >= kMaxTypeNesting)
    return InputError(def.offset, "type nesting too deep (more than %u levels)", kMaxTypeNesting);
  WACC_ASSIGN_OR_RETURN(uint8_t opcode, reader.readU8());
  WACC_RETURN_IF_ERROR(ReadTypeBody(reader, opcode, depth, def));
  return def;
}

static absl::Status ReadTypeDeclBody(ByteReader& reader, uint8_t kind, bool inComponentType, unsigned depth,
                                     TypeDecl& decl) {
  switch (kind) {
    case 0x00: {
      decl.kind = TypeDecl::Kind::CoreType;
      WACC_ASSIGN_OR_RETURN(CoreTypeDef core, ReadCoreType(reader));
      decl.coreType = std::make_unique<CoreTypeDef>(std::move(core));
      return absl::OkStatus();
    }
    case 0x01: {
      decl.kind = TypeDecl::Kind::Type;
      WACC_ASSIGN_OR_RETURN(TypeDef type, ReadType(reader, depth));
      decl.type = std::make_unique<TypeDef>(std::move(type));
      return absl::OkStatus();
    }
    case 0x02: {
      decl.kind = TypeDecl::Kind::Alias;
      WACC_ASSIGN_OR_RETURN(decl.alias, ReadAlias(reader));
      return absl::OkStatus();
    }
    case 0x03:
    case 0x04: {
      if (kind == 0x03 && !inComponentType) return InputError(decl.offset, "import declaration in an instance type");
      decl.kind = kind == 0x03 ? TypeDecl::Kind::Import : TypeDecl::Kind::Export;
      WACC_ASSIGN_OR_RETURN(decl.name, ReadExternName(reader, kind == 0x03 ? "import" : "export", decl.attrs));
      WACC_ASSIGN_OR_RETURN(decl.desc, ReadExternDesc(reader));
      return absl::OkStatus();
    }
    default:
      return InputError(decl.offset, "invalid %s type declaration 0x%02x", inComponentType ? "component" : "instance",
                        kind);
  }
}

static absl::StatusOr<TypeDecl> ReadTypeDecl(ByteReader& reader, bool inComponentType, unsigned depth) {
  TypeDecl decl;
  decl.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  WACC_RETURN_IF_ERROR(ReadTypeDeclBody(reader, kind, inComponentType, depth, decl));
  return decl;
}

// --- Core types ------------------------------------------------------------------

static absl::StatusOr<ValType> ReadCoreValType(ByteReader& reader) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  switch (byte) {
    case 0x7f:
    case 0x7e:
    case 0x7d:
    case 0x7c:
    case 0x7b:
    case 0x70:
    case 0x6f: return ValType(byte);
    default:
      // The GC / typed-function-references / exceptions reference types
      // occupy the opcodes between; recognised, but not implemented.
      if (byte >= 0x60 && byte < 0x7b)
        return UnsupportedError(offset, "core value type 0x%02x (reference types beyond funcref/externref)", byte);
      return InputError(offset, "invalid core value type 0x%02x", byte);
  }
}

static absl::StatusOr<FuncType> ReadCoreFuncType(ByteReader& reader) {
  FuncType func;
  WACC_RETURN_IF_ERROR(ReadVec(reader, ReadCoreValType, [&](ValType t) { func.params.push_back(t); }));
  WACC_RETURN_IF_ERROR(ReadVec(reader, ReadCoreValType, [&](ValType t) { func.results.push_back(t); }));
  return func;
}

static bool IsCoreGcTypeOpcode(uint8_t opcode) {
  return opcode == 0x4e || opcode == 0x4f || opcode == 0x50 || opcode == 0x5f || opcode == 0x5e;
}

// The limits of a table or memory in a module type. 64-bit and shared
// ones are read (they only need to match each other); `memoryPages`: a
// 32-bit memory's sizes are at most 65536 pages (core validation's memory
// type rule).
static absl::Status ReadDeclaredLimits(ByteReader& reader, Limits& limits, CoreExternDesc& desc,
                                       bool memoryPages = false) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t flags, reader.readU8());
  if (flags > 0x07) return InputError(offset, "invalid limits flags 0x%02x", flags);
  desc.is64 = flags & 0x04;
  desc.shared = flags & 0x02;
  for (int i = 0; i < ((flags & 0x01) ? 2 : 1); ++i) {
    size_t at = reader.offset();
    uint64_t value = 0;
    if (desc.is64) {
      WACC_ASSIGN_OR_RETURN(value, reader.readVarU64());
    } else {
      WACC_ASSIGN_OR_RETURN(value, reader.readVarU32());
    }
    if (memoryPages && !desc.is64 && value > 65536)
      return InputError(at, "memory size must be at most 65536 pages (4GiB)");
    if (i == 0)
      limits.min = value;
    else
      limits.max = value;
  }
  if (limits.max && *limits.max < limits.min)
    return InputError(offset, "size minimum must not be greater than maximum");
  if (desc.shared && !limits.max) return InputError(offset, "shared memory must have maximum size");
  return absl::OkStatus();
}

// What validating a module type needs to remember of its declarations.
struct ModuleTypeScope {
  uint32_t numTypes = 0;
  absl::flat_hash_set<std::string> exports;
  absl::flat_hash_set<std::pair<std::string, std::string>> imports;
};

// A core `importdesc`: its shape, a function's type index, a memory's size.
static absl::StatusOr<CoreExternDesc> ReadCoreImportDesc(ByteReader& reader, const ModuleTypeScope& scope) {
  size_t offset = reader.offset();
  CoreExternDesc desc;
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  switch (kind) {
    case 0x00: {  // func
      desc.kind = ExternalKind::Func;
      size_t at = reader.offset();
      WACC_ASSIGN_OR_RETURN(desc.funcTypeIndex, reader.readVarU32());
      if (desc.funcTypeIndex >= scope.numTypes)
        return InputError(at, "type index out of bounds: %u, the module type has %u types", desc.funcTypeIndex,
                          scope.numTypes);
      return desc;
    }
    case 0x01: {
      desc.kind = ExternalKind::Table;
      size_t at = reader.offset();
      WACC_ASSIGN_OR_RETURN(desc.table.elemType, ReadCoreValType(reader));
      if (!IsRefType(desc.table.elemType)) return InputError(at, "table element type must be a reference type");
      WACC_RETURN_IF_ERROR(ReadDeclaredLimits(reader, desc.table.limits, desc));
      if (desc.shared) return UnsupportedError(at, "shared tables (shared-everything threads)");
      return desc;
    }
    case 0x02:
      desc.kind = ExternalKind::Memory;
      WACC_RETURN_IF_ERROR(ReadDeclaredLimits(reader, desc.memory.limits, desc, /*memoryPages=*/true));
      return desc;
    case 0x03: {
      desc.kind = ExternalKind::Global;
      WACC_ASSIGN_OR_RETURN(desc.global.type, ReadCoreValType(reader));
      size_t at = reader.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t mut, reader.readU8());
      if (mut > 0x01) return InputError(at, "invalid global mutability 0x%02x", mut);
      desc.global.isMutable = mut == 0x01;
      return desc;
    }
    case 0x04: return UnsupportedError(offset, "core tag import/export (exception handling)");
    default: return InputError(offset, "invalid core import kind 0x%02x", kind);
  }
}

static absl::Status ReadFixedCoreByte(ByteReader& reader, uint8_t expected, const char* what) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  if (byte != expected) return InputError(offset, "invalid %s 0x%02x, expected 0x%02x", what, byte, expected);
  return absl::OkStatus();
}

// One declaration of a module type, checked as a module's imports, types and
// exports would be: type indices in bounds, names unique. Outer aliases are
// resolved by the validator, which knows the enclosing scopes.
static absl::StatusOr<ModuleTypeDecl> ReadModuleTypeDecl(ByteReader& reader, ModuleTypeScope& scope) {
  ModuleTypeDecl decl;
  decl.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  switch (kind) {
    case 0x00: {
      decl.kind = ModuleTypeDecl::Kind::Import;
      WACC_ASSIGN_OR_RETURN(decl.module, reader.readName());
      WACC_ASSIGN_OR_RETURN(decl.name, reader.readName());
      if (!scope.imports.insert({decl.module, decl.name}).second)
        return InputError(decl.offset, "duplicate import name `%s:%s`", decl.module, decl.name);
      WACC_ASSIGN_OR_RETURN(decl.desc, ReadCoreImportDesc(reader, scope));
      return decl;
    }
    case 0x01: {
      // A `core:rectype`: without GC, a plain function type.
      decl.kind = ModuleTypeDecl::Kind::Type;
      size_t offset = reader.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t opcode, reader.readU8());
      if (IsCoreGcTypeOpcode(opcode))
        return UnsupportedError(offset, "core GC type definition (opcode 0x%02x)", opcode);
      if (opcode != 0x60) return InputError(offset, "invalid core type opcode 0x%02x", opcode);
      WACC_ASSIGN_OR_RETURN(decl.func, ReadCoreFuncType(reader));
      ++scope.numTypes;
      return decl;
    }
    case 0x02: {  // only outer aliases of core types exist here
      decl.kind = ModuleTypeDecl::Kind::Alias;
      WACC_RETURN_IF_ERROR(ReadFixedCoreByte(reader, 0x10, "module type alias sort"));
      WACC_RETURN_IF_ERROR(ReadFixedCoreByte(reader, 0x01, "module type alias target"));
      WACC_ASSIGN_OR_RETURN(decl.outerCount, reader.readVarU32());
      WACC_ASSIGN_OR_RETURN(decl.outerIndex, reader.readVarU32());
      ++scope.numTypes;
      return decl;
    }
    case 0x03: {
      decl.kind = ModuleTypeDecl::Kind::Export;
      WACC_ASSIGN_OR_RETURN(decl.name, reader.readName());
      if (!scope.exports.insert(decl.name).second)
        return InputError(decl.offset, "export name `%s` already defined", decl.name);
      WACC_ASSIGN_OR_RETURN(decl.desc, ReadCoreImportDesc(reader, scope));
      return decl;
    }
    default: return InputError(decl.offset, "invalid module type declaration 0x%02x", kind);
  }
}

absl::StatusOr<CoreTypeDef> ReadCoreType(ByteReader& reader) {
  CoreTypeDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t opcode, reader.readU8());
  if (opcode == 0x60) {
    def.kind = CoreTypeDef::Kind::Func;
    WACC_ASSIGN_OR_RETURN(def.func, ReadCoreFuncType(reader));
    return def;
  }
  if (opcode == 0x50) {
    // At the top of a component's core type, 0x50 is a module type (a GC
    // non-final `sub` is written 0x00 0x50 there).
    def.kind = CoreTypeDef::Kind::Module;
    WACC_ASSIGN_OR_RETURN(uint32_t count, reader.readVarU32());
    ModuleTypeScope scope;
    for (uint32_t i = 0; i < count; ++i) {
      if (reader.atEnd()) return reader.error("unexpected end of input, expected %u more declarations", count - i);
      WACC_ASSIGN_OR_RETURN(ModuleTypeDecl decl, ReadModuleTypeDecl(reader, scope));
      def.decls.push_back(std::move(decl));
    }
    return def;
  }
  if (opcode == 0x00 || IsCoreGcTypeOpcode(opcode))
    return UnsupportedError(def.offset, "core GC type definition (opcode 0x%02x)", opcode);
  return InputError(def.offset, "invalid core type opcode 0x%02x", opcode);
}

}  // namespace wacc::binary
