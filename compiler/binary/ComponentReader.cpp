// Walks a component binary section by section (Binary.md "Component
// Definitions"), recording every definition in binary order.
//
// Nested components (section 4) are read with an explicit stack of the
// components being read, not by recursion, so the nesting depth the input
// chooses costs heap, not stack; kMaxComponentNesting bounds it.
#include "compiler/binary/ComponentReader.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "compiler/binary/ByteReader.h"
#include "compiler/binary/ComponentItemReaders.h"
#include "compiler/binary/CoreReader.h"
#include "compiler/binary/CoreValidator.h"

namespace wacc::binary {
namespace {

enum class SectionId : uint8_t {
  Custom = 0,
  CoreModule = 1,
  CoreInstance = 2,
  CoreType = 3,
  Component = 4,
  Instance = 5,
  Alias = 6,
  Type = 7,
  Canon = 8,
  Start = 9,
  Import = 10,
  Export = 11,
  Value = 12,
};
constexpr uint8_t kLastSectionId = 12;

const char* SectionName(SectionId id) {
  static constexpr const char* kNames[] = {
      "custom", "core module", "core instance", "core type", "component", "instance", "alias",
      "type",   "canon",       "start",         "import",    "export",    "value",
  };
  return kNames[uint8_t(id)];
}

struct Section {
  SectionId id;
  size_t offset;    // of the id byte
  ByteReader body;  // exactly the declared contents
};

// Checks the 8-byte preamble of a component (top-level or nested).
absl::Status ReadPreamble(ByteReader& reader) {
  static constexpr uint8_t kMagic[] = {0x00, 0x61, 0x73, 0x6d};
  size_t start = reader.offset();
  if (reader.remaining() < 4) return InputError(start, "unexpected end of input, expected the \\0asm magic");
  WACC_ASSIGN_OR_RETURN(auto magic, reader.readBytes(4));
  if (!std::equal(magic.begin(), magic.end(), kMagic)) return InputError(start, "bad magic number, expected \\0asm");
  if (reader.remaining() < 4)
    return InputError(start + 4, "unexpected end of input, expected the component version and layer");
  WACC_ASSIGN_OR_RETURN(auto header, reader.readBytes(4));
  uint16_t version = uint16_t(header[0] | header[1] << 8);
  uint16_t layer = uint16_t(header[2] | header[3] << 8);
  // A core module's 4-byte version 1 reads as version 1, layer 0.
  if (layer == 0x0000) return InputError(start + 4, "expected a component, found a core module");
  if (layer != 0x0001) return InputError(start + 6, "invalid layer 0x%x, expected 0x1 (component)", layer);
  // 0x0d is the only version Binary.md defines (until 1.0); the pre-releases
  // 0x0a..0x0c are malformed, as in wasmparser, since their encodings of
  // canon options and types differ.
  if (version != 0x0d)
    return InputError(start + 4, "unsupported component binary version 0x%x, expected 0xd", version);
  return absl::OkStatus();
}

absl::StatusOr<Section> ReadSectionHeader(ByteReader& reader) {
  size_t offset = reader.offset();
  WACC_ASSIGN_OR_RETURN(uint8_t id, reader.readU8());
  if (id > kLastSectionId) return InputError(offset, "invalid component section id 0x%x", id);
  WACC_ASSIGN_OR_RETURN(uint32_t size, reader.readVarU32());
  if (size > reader.remaining())
    return InputError(offset, "unexpected end of input: the %s section declares %u bytes but only %u remain",
                      SectionName(SectionId(id)), size, reader.remaining());
  WACC_ASSIGN_OR_RETURN(ByteReader body, reader.subReader(size));
  return Section{SectionId(id), offset, body};
}

template <typename T>
void Append(Component& component, std::vector<T>& items, Definition::Kind kind, T item) {
  component.definitions.push_back(Definition{kind, uint32_t(items.size())});
  items.push_back(std::move(item));
}

// Reads a vec(item) section body, appending each item as a definition.
template <typename T, typename ReadItem>
absl::Status ReadItems(ByteReader& body, Component& component, std::vector<T>& items, Definition::Kind kind,
                       ReadItem readItem) {
  return ReadVec(body, readItem, [&](T item) { Append(component, items, kind, std::move(item)); });
}

// The `component-name` custom section names the component (subsection 0).
// Like core wasm's name section it must never make a binary invalid, so any
// malformation just ends the search.
void ReadComponentName(ByteReader reader, Component& component) {
  while (!reader.atEnd()) {
    auto id = reader.readU8();
    if (!id.ok()) return;
    auto size = reader.readVarU32();
    if (!size.ok()) return;
    auto sub = reader.subReader(*size);
    if (!sub.ok()) return;
    if (*id != 0) continue;
    auto name = sub->readName();
    if (name.ok() && sub->atEnd()) component.name = std::move(*name);
    return;
  }
}

absl::Status ReadCustomSection(ByteReader& body, Component& component) {
  WACC_ASSIGN_OR_RETURN(std::string name, body.readName());
  if (name == "component-name") ReadComponentName(body, component);
  return body.readBytes(body.remaining()).status();
}

absl::Status ReadCoreModuleSection(ByteReader& body, Component& component, const Features& features) {
  size_t start = body.offset();
  WACC_ASSIGN_OR_RETURN(std::unique_ptr<CoreModule> owned, ReadCoreModule(body));
  owned->fileOffset = start;
  WACC_RETURN_IF_ERROR(ValidateCoreModule(*owned, features));
  Append(component, component.coreModules, Definition::Kind::CoreModule, std::move(owned));
  // The core reader consumed the whole body (its own copy of the cursor).
  return body.readBytes(body.remaining()).status();
}

// Every section except nested components, which the caller handles.
absl::Status ReadSectionBody(Section& section, Component& c, const Features& features) {
  ByteReader& body = section.body;
  using K = Definition::Kind;
  switch (section.id) {
    case SectionId::Custom: return ReadCustomSection(body, c);
    case SectionId::CoreModule: return ReadCoreModuleSection(body, c, features);
    case SectionId::CoreInstance: return ReadItems(body, c, c.coreInstances, K::CoreInstance, ReadCoreInstance);
    case SectionId::CoreType: return ReadItems(body, c, c.coreTypes, K::CoreType, ReadCoreType);
    case SectionId::Instance: return ReadItems(body, c, c.instances, K::Instance, ReadInstance);
    case SectionId::Alias: return ReadItems(body, c, c.aliases, K::Alias, ReadAlias);
    case SectionId::Type: return ReadItems(body, c, c.types, K::Type, [](ByteReader& r) { return ReadType(r); });
    case SectionId::Canon: return ReadItems(body, c, c.canons, K::Canon, ReadCanon);
    case SectionId::Start: {
      WACC_ASSIGN_OR_RETURN(StartDef start, ReadStart(body));
      Append(c, c.starts, K::Start, std::move(start));
      return absl::OkStatus();
    }
    case SectionId::Import: return ReadItems(body, c, c.imports, K::Import, ReadImport);
    case SectionId::Export: return ReadItems(body, c, c.exports, K::Export, ReadExport);
    case SectionId::Value: return UnsupportedError(section.offset, "component value section");
    case SectionId::Component: break;
  }
  return InputError(section.offset, "internal error: unhandled component section");
}

absl::Status ReadSection(Section& section, Component& component, const Features& features) {
  absl::Status status = ReadSectionBody(section, component, features);
  size_t end = section.body.offset() + section.body.remaining();
  if (!status.ok()) {
    // Running out of bytes at the section's end means the declared size is
    // too small for the contents; say so rather than "end of input".
    if (section.body.atEnd() && absl::StrContains(status.message(), "unexpected end of input"))
      return InputError(end, "section size mismatch: the %s section at 0x%x ends at 0x%x, before its contents do",
                        SectionName(section.id), section.offset, end);
    return status;
  }
  if (!section.body.atEnd())
    return InputError(section.body.offset(),
                      "section size mismatch: the %s section at 0x%x has %u unused byte(s) after its contents",
                      SectionName(section.id), section.offset, section.body.remaining());
  return absl::OkStatus();
}

// A component being read, with the cursor over its remaining sections.
struct Frame {
  std::unique_ptr<Component> component;
  ByteReader reader;
};

Frame StartComponent(ByteReader reader, size_t offset) {
  auto component = std::make_unique<Component>();
  component->fileOffset = offset;
  return Frame{std::move(component), reader};
}

}  // namespace

absl::StatusOr<std::unique_ptr<Component>> ReadComponent(std::span<const uint8_t> file, const Features& features) {
  ByteReader reader(file);
  WACC_RETURN_IF_ERROR(ReadPreamble(reader));
  std::vector<Frame> stack;
  stack.push_back(StartComponent(reader, 0));
  while (true) {
    if (stack.back().reader.atEnd()) {
      std::unique_ptr<Component> done = std::move(stack.back().component);
      stack.pop_back();
      if (stack.empty()) return done;
      Component& parent = *stack.back().component;
      Append(parent, parent.components, Definition::Kind::Component, std::move(done));
      continue;
    }
    WACC_ASSIGN_OR_RETURN(Section section, ReadSectionHeader(stack.back().reader));
    if (section.id != SectionId::Component) {
      WACC_RETURN_IF_ERROR(ReadSection(section, *stack.back().component, features));
      continue;
    }
    if (stack.size() > kMaxComponentNesting)
      return InputError(section.offset, "component nesting too deep (more than %u levels)", kMaxComponentNesting);
    size_t start = section.body.offset();
    WACC_RETURN_IF_ERROR(ReadPreamble(section.body));
    stack.push_back(StartComponent(section.body, start));
  }
}

BinaryKind DetectBinaryKind(std::span<const uint8_t> file) {
  static constexpr uint8_t kCoreModulePreamble[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  if (file.size() >= sizeof(kCoreModulePreamble) &&
      std::equal(std::begin(kCoreModulePreamble), std::end(kCoreModulePreamble), file.begin()))
    return BinaryKind::CoreModule;
  return BinaryKind::Component;
}

}  // namespace wacc::binary
