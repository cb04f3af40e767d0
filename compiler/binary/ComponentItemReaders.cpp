// Sorts, names, aliases, instances, canonical definitions, start, imports and
// exports of a component (Binary.md), one item at a time.
#include <optional>

#include "compiler/binary/ComponentItemReaders.h"

namespace wacc::binary {

// Values (🪙 in Binary.md) are not implemented anywhere in wacc; refusing
// them here keeps every later stage free of a half-supported sort.
static absl::Status UnsupportedValue(size_t offset) {
  return UnsupportedError(offset, "component value definitions (sort 'value')");
}

absl::StatusOr<CoreSort> ReadCoreSort(ByteReader& reader) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  switch (byte) {
    case 0x00:
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x10:
    case 0x11:
    case 0x12: return CoreSort(byte);
    case 0x04: return UnsupportedError(offset, "core sort 'tag' (exception handling)");
    default: return InputError(offset, "invalid core sort 0x%02x", byte);
  }
}

absl::StatusOr<Sort> ReadSort(ByteReader& reader, CoreSort& coreSort) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  coreSort = CoreSort::Func;
  switch (byte) {
    case 0x00: {
      WACC_ASSIGN_OR_RETURN(coreSort, ReadCoreSort(reader));
      return Sort::Core;
    }
    case 0x02: return UnsupportedValue(offset);
    case 0x01:
    case 0x03:
    case 0x04:
    case 0x05: return Sort(byte);
    default: return InputError(offset, "invalid sort 0x%02x", byte);
  }
}

absl::StatusOr<CoreSortIndex> ReadCoreSortIndex(ByteReader& reader) {
  CoreSortIndex result;
  WACC_ASSIGN_OR_RETURN(result.sort, ReadCoreSort(reader));
  WACC_ASSIGN_OR_RETURN(result.index, reader.readVarU32());
  return result;
}

absl::StatusOr<SortIndex> ReadSortIndex(ByteReader& reader) {
  SortIndex result;
  WACC_ASSIGN_OR_RETURN(result.sort, ReadSort(reader, result.coreSort));
  WACC_ASSIGN_OR_RETURN(result.index, reader.readVarU32());
  return result;
}

absl::StatusOr<std::string> ReadExternName(ByteReader& reader, const char* what, NameAttributes& attrs) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t discriminator, reader.readU8());
  // 0x01 once marked interface names ("wasi:io/streams@0.2.0"); the string
  // itself now says which kind of name it is, so both read the same.
  if (discriminator != 0x00 && discriminator != 0x01 && discriminator != 0x02)
    return InputError(offset, "invalid %s name discriminator 0x%02x", what, discriminator);
  WACC_ASSIGN_OR_RETURN(std::string name, reader.readName());
  if (discriminator != 0x02) return name;
  // 0x02: a vec of attributes, each a tag and a string, each tag at most
  // once: 0x00 `implements`, 0x02 `external-id` (0x01, `versionsuffix`, has
  // validation rules wacc lacks).
  WACC_ASSIGN_OR_RETURN(uint32_t count, reader.readVarU32());
  for (uint32_t i = 0; i < count; ++i) {
    size_t at = reader.offset();
    WACC_ASSIGN_OR_RETURN(uint8_t tag, reader.readU8());
    std::optional<std::string>* slot = nullptr;
    if (tag == 0x00) slot = &attrs.implements;
    if (tag == 0x01) return UnsupportedError(at, "%s name attribute `versionsuffix`", what);
    if (tag == 0x02) slot = &attrs.externalId;
    if (!slot) return InputError(at, "invalid %s name attribute 0x%02x", what, tag);
    if (slot->has_value()) return InputError(at, "%s name attribute 0x%02x given twice", what, tag);
    WACC_ASSIGN_OR_RETURN(std::string value, reader.readName());
    *slot = std::move(value);
  }
  return name;
}

// The kind byte and type bound of an `externdesc`; the index follows.
static absl::Status ReadExternKind(ByteReader& reader, ExternDesc& desc, bool& hasIndex) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  hasIndex = true;
  switch (byte) {
    case 0x00: {
      size_t sortOffset = reader.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t coreSort, reader.readU8());
      if (coreSort != 0x11)
        return InputError(sortOffset, "invalid core extern kind 0x%02x, expected 0x11 (core module)", coreSort);
      desc.kind = ExternDesc::Kind::CoreModule;
      return absl::OkStatus();
    }
    case 0x01: desc.kind = ExternDesc::Kind::Func; return absl::OkStatus();
    case 0x02: return UnsupportedValue(offset);
    case 0x03: {
      desc.kind = ExternDesc::Kind::Type;
      size_t boundOffset = reader.offset();
      WACC_ASSIGN_OR_RETURN(uint8_t bound, reader.readU8());
      if (bound == 0x01) {
        desc.bound = ExternDesc::TypeBound::SubResource;
        hasIndex = false;
        return absl::OkStatus();
      }
      if (bound != 0x00) return InputError(boundOffset, "invalid type bound 0x%02x", bound);
      desc.bound = ExternDesc::TypeBound::Eq;
      return absl::OkStatus();
    }
    case 0x04: desc.kind = ExternDesc::Kind::Component; return absl::OkStatus();
    case 0x05: desc.kind = ExternDesc::Kind::Instance; return absl::OkStatus();
    default: return InputError(offset, "invalid extern kind 0x%02x", byte);
  }
}

absl::StatusOr<ExternDesc> ReadExternDesc(ByteReader& reader) {
  ExternDesc desc;
  bool hasIndex = false;
  WACC_RETURN_IF_ERROR(ReadExternKind(reader, desc, hasIndex));
  if (hasIndex) {
    WACC_ASSIGN_OR_RETURN(desc.typeIndex, reader.readVarU32());
  }
  return desc;
}

absl::StatusOr<AliasDef> ReadAlias(ByteReader& reader) {
  AliasDef alias;
  alias.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(alias.sort.sort, ReadSort(reader, alias.sort.coreSort));
  size_t targetOffset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t target, reader.readU8());
  if (target == 0x00 || target == 0x01) {
    if (target == 0x01 && alias.sort.sort != Sort::Core)
      return InputError(targetOffset, "core export alias of non-core sort '%s'",
                        SortName(alias.sort.sort, alias.sort.coreSort));
    alias.target = target == 0x00 ? AliasDef::Target::InstanceExport : AliasDef::Target::CoreInstanceExport;
    WACC_ASSIGN_OR_RETURN(alias.instanceIndex, reader.readVarU32());
    WACC_ASSIGN_OR_RETURN(alias.name, reader.readName());
    return alias;
  }
  if (target == 0x02) {
    alias.target = AliasDef::Target::Outer;
    WACC_ASSIGN_OR_RETURN(alias.outerCount, reader.readVarU32());
    WACC_ASSIGN_OR_RETURN(alias.outerIndex, reader.readVarU32());
    return alias;
  }
  return InputError(targetOffset, "invalid alias target 0x%02x", target);
}

// --- Instances -----------------------------------------------------------------

static absl::StatusOr<CoreInstanceDef::Arg> ReadCoreInstantiateArg(ByteReader& reader) {
  CoreInstanceDef::Arg arg;
  WACC_ASSIGN_OR_RETURN(arg.name, reader.readName());
  size_t sortOffset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t sort, reader.readU8());
  if (sort != 0x12)
    return InputError(sortOffset, "invalid core instantiation argument sort 0x%02x, expected 0x12 (instance)", sort);
  WACC_ASSIGN_OR_RETURN(arg.instanceIndex, reader.readVarU32());
  return arg;
}

static absl::StatusOr<CoreInstanceDef::Export> ReadCoreInlineExport(ByteReader& reader) {
  CoreInstanceDef::Export e;
  WACC_ASSIGN_OR_RETURN(e.name, reader.readName());
  WACC_ASSIGN_OR_RETURN(e.item, ReadCoreSortIndex(reader));
  return e;
}

absl::StatusOr<CoreInstanceDef> ReadCoreInstance(ByteReader& reader) {
  CoreInstanceDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  if (kind == 0x00) {
    def.kind = CoreInstanceDef::Kind::Instantiate;
    WACC_ASSIGN_OR_RETURN(def.moduleIndex, reader.readVarU32());
    WACC_RETURN_IF_ERROR(
        ReadVec(reader, ReadCoreInstantiateArg, [&](CoreInstanceDef::Arg a) { def.args.push_back(std::move(a)); }));
    return def;
  }
  if (kind == 0x01) {
    def.kind = CoreInstanceDef::Kind::FromExports;
    WACC_RETURN_IF_ERROR(
        ReadVec(reader, ReadCoreInlineExport, [&](CoreInstanceDef::Export e) { def.exports.push_back(std::move(e)); }));
    return def;
  }
  return InputError(def.offset, "invalid core instance kind 0x%02x", kind);
}

static absl::StatusOr<InstanceDef::Arg> ReadInstantiateArg(ByteReader& reader) {
  InstanceDef::Arg arg;
  WACC_ASSIGN_OR_RETURN(arg.name, reader.readName());
  WACC_ASSIGN_OR_RETURN(arg.item, ReadSortIndex(reader));
  return arg;
}

static absl::StatusOr<InstanceDef::Arg> ReadInlineExport(ByteReader& reader) {
  InstanceDef::Arg e;
  WACC_ASSIGN_OR_RETURN(e.name, ReadExternName(reader, "export", e.attrs));
  WACC_ASSIGN_OR_RETURN(e.item, ReadSortIndex(reader));
  return e;
}

absl::StatusOr<InstanceDef> ReadInstance(ByteReader& reader) {
  InstanceDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  if (kind == 0x00) {
    def.kind = InstanceDef::Kind::Instantiate;
    WACC_ASSIGN_OR_RETURN(def.componentIndex, reader.readVarU32());
    WACC_RETURN_IF_ERROR(
        ReadVec(reader, ReadInstantiateArg, [&](InstanceDef::Arg a) { def.args.push_back(std::move(a)); }));
    return def;
  }
  if (kind == 0x01) {
    def.kind = InstanceDef::Kind::FromExports;
    WACC_RETURN_IF_ERROR(
        ReadVec(reader, ReadInlineExport, [&](InstanceDef::Arg e) { def.exports.push_back(std::move(e)); }));
    return def;
  }
  return InputError(def.offset, "invalid instance kind 0x%02x", kind);
}

// --- Canonical definitions -------------------------------------------------------

static absl::StatusOr<std::optional<uint32_t>> ReadIndexOption(ByteReader& reader) {
  WACC_ASSIGN_OR_RETURN(uint32_t index, reader.readVarU32());
  return std::optional<uint32_t>(index);
}

static absl::Status ReadCanonOption(ByteReader& reader, CanonOptions& options, uint32_t& seen) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t opt, reader.readU8());
  // The three string encodings conflict with each other, so they share a bit.
  uint32_t bit = opt <= 0x02 ? 1u : opt <= 0x09 ? 1u << opt : 0u;
  if (seen & bit) return InputError(offset, "duplicate or conflicting canon option 0x%02x", opt);
  seen |= bit;
  absl::StatusOr<std::optional<uint32_t>> index;
  switch (opt) {
    case 0x00: options.stringEncoding = StringEncoding::Utf8; return absl::OkStatus();
    case 0x01: options.stringEncoding = StringEncoding::Utf16; return absl::OkStatus();
    case 0x02: options.stringEncoding = StringEncoding::Latin1Utf16; return absl::OkStatus();
    case 0x03:
      index = ReadIndexOption(reader);
      if (index.ok()) options.memory = *index;
      break;
    case 0x04:
      index = ReadIndexOption(reader);
      if (index.ok()) options.realloc = *index;
      break;
    case 0x05:
      index = ReadIndexOption(reader);
      if (index.ok()) options.postReturn = *index;
      break;
    case 0x06: options.isAsync = true; return absl::OkStatus();
    case 0x07:
      index = ReadIndexOption(reader);
      if (index.ok()) options.callback = *index;
      break;
    case 0x08: return UnsupportedError(offset, "canon option 'core-type' (GC ABI)");
    case 0x09: return UnsupportedError(offset, "canon option 'gc' (GC ABI)");
    default: return InputError(offset, "invalid canon option 0x%02x", opt);
  }
  return index.status();
}

static absl::Status ReadCanonOptions(ByteReader& reader, CanonOptions& options) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, reader.readVarU32());
  uint32_t seen = 0;
  for (uint32_t i = 0; i < count; ++i) WACC_RETURN_IF_ERROR(ReadCanonOption(reader, options, seen));
  return absl::OkStatus();
}

static absl::StatusOr<bool> ReadFlagByte(ByteReader& reader, const char* what) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  if (byte > 1) return InputError(offset, "invalid %s 0x%02x", what, byte);
  return byte == 1;
}

static absl::Status ReadFixedByte(ByteReader& reader, uint8_t maxValue, const char* what) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t byte, reader.readU8());
  if (byte > maxValue) return InputError(offset, "invalid %s 0x%02x", what, byte);
  return absl::OkStatus();
}

static absl::Status SkipU32(ByteReader& reader) { return reader.readVarU32().status(); }

static absl::Status ReadTaskReturnResult(ByteReader& reader, CanonDef& def) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t kind, reader.readU8());
  if (kind == 0x00) {
    WACC_ASSIGN_OR_RETURN(def.taskResult, ReadValType(reader));
    return absl::OkStatus();
  }
  if (kind == 0x01) return ReadFixedByte(reader, 0x00, "task.return result count");
  return InputError(offset, "invalid task.return result list 0x%02x", kind);
}

static absl::Status ReadContextSlot(ByteReader& reader, CanonDef& def) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t type, reader.readU8());
  if (type != 0x7f) return InputError(offset, "invalid context slot type 0x%02x, expected i32", type);
  WACC_ASSIGN_OR_RETURN(def.immediate, reader.readVarU32());
  return absl::OkStatus();
}

// The stream, future or resource type (or, for thread.spawn-ref, function
// type) a built-in operates on.
static absl::Status ReadTypeOperand(ByteReader& reader, CanonDef& def) {
  WACC_ASSIGN_OR_RETURN(def.typeIndex, reader.readVarU32());
  return absl::OkStatus();
}

// Opcode -> built-in, for the async ones wacc implements.
static std::optional<CanonBuiltin> BuiltinOf(uint8_t opcode) {
  using B = CanonBuiltin;
  switch (opcode) {
    case 0x05: return B::TaskCancel;
    case 0x06: return B::SubtaskCancel;
    case 0x08: return B::BackpressureSet;
    case 0x09: return B::TaskReturn;
    case 0x0a: return B::ContextGet;
    case 0x0b: return B::ContextSet;
    case 0x0c: return B::ThreadYield;
    case 0x0d: return B::SubtaskDrop;
    case 0x0e: return B::StreamNew;
    case 0x0f: return B::StreamRead;
    case 0x10: return B::StreamWrite;
    case 0x11: return B::StreamCancelRead;
    case 0x12: return B::StreamCancelWrite;
    case 0x13: return B::StreamDropReadable;
    case 0x14: return B::StreamDropWritable;
    case 0x15: return B::FutureNew;
    case 0x16: return B::FutureRead;
    case 0x17: return B::FutureWrite;
    case 0x18: return B::FutureCancelRead;
    case 0x19: return B::FutureCancelWrite;
    case 0x1a: return B::FutureDropReadable;
    case 0x1b: return B::FutureDropWritable;
    case 0x1c: return B::ErrorContextNew;
    case 0x1d: return B::ErrorContextDebugMessage;
    case 0x1e: return B::ErrorContextDrop;
    case 0x1f: return B::WaitableSetNew;
    case 0x20: return B::WaitableSetWait;
    case 0x21: return B::WaitableSetPoll;
    case 0x22: return B::WaitableSetDrop;
    case 0x23: return B::WaitableJoin;
    case 0x24: return B::BackpressureInc;
    case 0x25: return B::BackpressureDec;
    case 0x26: return B::ThreadIndex;
    case 0x27: return B::ThreadNewIndirect;
    case 0x28: return B::ThreadResumeLater;
    case 0x29: return B::ThreadSuspend;
    case 0x2a: return B::ThreadSuspendThenResume;
    case 0x2b: return B::ThreadYieldThenResume;
    case 0x2c: return B::ThreadSuspendThenPromote;
    case 0x2d: return B::ThreadYieldThenPromote;
    default: return std::nullopt;
  }
}

// The operands of the async, thread and error-context built-ins.
static absl::Status ReadOtherCanonOperands(ByteReader& reader, CanonDef& def) {
  switch (def.opcode) {
    case 0x05:
    case 0x08:
    case 0x0d:
    case 0x1e:
    case 0x1f:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x28:
    case 0x42: return absl::OkStatus();
    case 0x06: {
      WACC_ASSIGN_OR_RETURN(def.flag, ReadFlagByte(reader, "subtask.cancel async flag"));
      return absl::OkStatus();
    }
    case 0x07:  // resource.drop async
      return ReadTypeOperand(reader, def);
    case 0x09: WACC_RETURN_IF_ERROR(ReadTaskReturnResult(reader, def)); return ReadCanonOptions(reader, def.options);
    case 0x0a:
    case 0x0b: return ReadContextSlot(reader, def);
    case 0x0c:
    case 0x29:
    case 0x2a:
    case 0x2b:
    case 0x2c:
    case 0x2d: {
      WACC_ASSIGN_OR_RETURN(def.flag, ReadFlagByte(reader, "cancellation byte"));
      return absl::OkStatus();
    }
    case 0x0e:
    case 0x13:
    case 0x14:
    case 0x15:
    case 0x1a:
    case 0x1b:
    case 0x40: return ReadTypeOperand(reader, def);
    case 0x0f:
    case 0x10:
    case 0x16:
    case 0x17: WACC_RETURN_IF_ERROR(ReadTypeOperand(reader, def)); return ReadCanonOptions(reader, def.options);
    case 0x11:
    case 0x12:
    case 0x18:
    case 0x19: {
      WACC_RETURN_IF_ERROR(ReadTypeOperand(reader, def));
      WACC_ASSIGN_OR_RETURN(def.flag, ReadFlagByte(reader, "cancel async flag"));
      return absl::OkStatus();
    }
    case 0x1c:
    case 0x1d: return ReadCanonOptions(reader, def.options);
    case 0x20:
    case 0x21: {  // waitable-set.wait/poll: cancellation byte, memory
      WACC_ASSIGN_OR_RETURN(def.flag, ReadFlagByte(reader, "cancellation byte"));
      WACC_ASSIGN_OR_RETURN(def.immediate, reader.readVarU32());
      return absl::OkStatus();
    }
    case 0x27: {  // thread.new-indirect: core type, core table
      WACC_RETURN_IF_ERROR(ReadTypeOperand(reader, def));
      WACC_ASSIGN_OR_RETURN(def.immediate, reader.readVarU32());
      return absl::OkStatus();
    }
    case 0x41:  // thread.spawn-indirect: type, table
      WACC_RETURN_IF_ERROR(SkipU32(reader));
      return SkipU32(reader);
    default: return InputError(def.offset, "invalid canon opcode 0x%02x", def.opcode);
  }
}

static absl::Status ReadLift(ByteReader& reader, CanonDef& def) {
  def.kind = CanonDef::Kind::Lift;
  WACC_RETURN_IF_ERROR(ReadFixedByte(reader, 0x00, "canon lift sort"));
  WACC_ASSIGN_OR_RETURN(def.funcIndex, reader.readVarU32());
  WACC_RETURN_IF_ERROR(ReadCanonOptions(reader, def.options));
  WACC_ASSIGN_OR_RETURN(def.typeIndex, reader.readVarU32());
  return absl::OkStatus();
}

static absl::Status ReadLower(ByteReader& reader, CanonDef& def) {
  def.kind = CanonDef::Kind::Lower;
  WACC_RETURN_IF_ERROR(ReadFixedByte(reader, 0x00, "canon lower sort"));
  WACC_ASSIGN_OR_RETURN(def.funcIndex, reader.readVarU32());
  return ReadCanonOptions(reader, def.options);
}

absl::StatusOr<CanonDef> ReadCanon(ByteReader& reader) {
  CanonDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(def.opcode, reader.readU8());
  switch (def.opcode) {
    case 0x00: WACC_RETURN_IF_ERROR(ReadLift(reader, def)); return def;
    case 0x01: WACC_RETURN_IF_ERROR(ReadLower(reader, def)); return def;
    case 0x02:
    case 0x03:
    case 0x04: {
      def.kind = def.opcode == 0x02   ? CanonDef::Kind::ResourceNew
                 : def.opcode == 0x03 ? CanonDef::Kind::ResourceDrop
                                      : CanonDef::Kind::ResourceRep;
      WACC_ASSIGN_OR_RETURN(def.typeIndex, reader.readVarU32());
      return def;
    }
    default:
      def.kind = CanonDef::Kind::Other;
      WACC_RETURN_IF_ERROR(ReadOtherCanonOperands(reader, def));
      if (std::optional<CanonBuiltin> builtin = BuiltinOf(def.opcode)) {
        def.kind = CanonDef::Kind::Builtin;
        def.builtin = *builtin;
      }
      return def;
  }
}

// --- Start, imports, exports --------------------------------------------------------

absl::StatusOr<StartDef> ReadStart(ByteReader& reader) {
  StartDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(def.funcIndex, reader.readVarU32());
  WACC_RETURN_IF_ERROR(ReadVec(
      reader, [](ByteReader& r) { return r.readVarU32(); }, [&](uint32_t arg) { def.args.push_back(arg); }));
  WACC_ASSIGN_OR_RETURN(def.numResults, reader.readVarU32());
  return def;
}

absl::StatusOr<ImportDef> ReadImport(ByteReader& reader) {
  ImportDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(def.name, ReadExternName(reader, "import", def.attrs));
  WACC_ASSIGN_OR_RETURN(def.desc, ReadExternDesc(reader));
  return def;
}

absl::StatusOr<ExportDef> ReadExport(ByteReader& reader) {
  ExportDef def;
  def.offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(def.name, ReadExternName(reader, "export", def.attrs));
  WACC_ASSIGN_OR_RETURN(def.item, ReadSortIndex(reader));
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t hasType, reader.readU8());
  if (hasType == 0x01) {
    WACC_ASSIGN_OR_RETURN(def.ascribedType, ReadExternDesc(reader));
  } else if (hasType != 0x00) {
    return InputError(offset, "invalid export type ascription flag 0x%02x", hasType);
  }
  return def;
}

}  // namespace wacc::binary
