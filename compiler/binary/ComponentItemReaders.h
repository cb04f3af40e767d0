// Readers for the individual items of a component's sections (Binary.md).
// Private to the component reader: ComponentReader.cpp walks the sections,
// these decode one item each and leave the cursor just after it.
#pragma once

#include "compiler/binary/ByteReader.h"
#include "compiler/binary/Component.h"

namespace wacc::binary {

// --- Shared pieces (ComponentItemReaders.cpp) -------------------------------

absl::StatusOr<CoreSort> ReadCoreSort(ByteReader& reader);
absl::StatusOr<Sort> ReadSort(ByteReader& reader, CoreSort& coreSort);
absl::StatusOr<CoreSortIndex> ReadCoreSortIndex(ByteReader& reader);
absl::StatusOr<SortIndex> ReadSortIndex(ByteReader& reader);
// An `importname'` / `exportname'`: a discriminator byte (0x00, or the older
// 0x01 that marked interface names) and the name, or 0x02, the name and its
// attributes.
absl::StatusOr<std::string> ReadExternName(ByteReader& reader, const char* what, NameAttributes& attrs);
absl::StatusOr<ExternDesc> ReadExternDesc(ByteReader& reader);
absl::StatusOr<AliasDef> ReadAlias(ByteReader& reader);

// --- Section items (ComponentItemReaders.cpp) --------------------------------

absl::StatusOr<CoreInstanceDef> ReadCoreInstance(ByteReader& reader);
absl::StatusOr<InstanceDef> ReadInstance(ByteReader& reader);
absl::StatusOr<CanonDef> ReadCanon(ByteReader& reader);
absl::StatusOr<StartDef> ReadStart(ByteReader& reader);
absl::StatusOr<ImportDef> ReadImport(ByteReader& reader);
absl::StatusOr<ExportDef> ReadExport(ByteReader& reader);

// --- Types (ComponentTypeReaders.cpp) -----------------------------------------

// A `valtype`: a primitive type, or a (non-negative s33) type index.
absl::StatusOr<ValTypeRef> ReadValType(ByteReader& reader);

// `depth` counts the component/instance types enclosing this one.
absl::StatusOr<TypeDef> ReadType(ByteReader& reader, unsigned depth = 0);
// A `core:type` as it appears in a core type section or in a component or
// instance type declaration (where 0x50 introduces a module type).
absl::StatusOr<CoreTypeDef> ReadCoreType(ByteReader& reader);

// Reads a vec(item) with `readItem(reader)` for each element, passing each to
// `consume`. Keeps the loops over counts in one place.
template <typename ReadItem, typename Consume>
absl::Status ReadVec(ByteReader& reader, ReadItem readItem, Consume consume) {
  WACC_ASSIGN_OR_RETURN(uint32_t count, reader.readVarU32());
  for (uint32_t i = 0; i < count; ++i) {
    // A count larger than the bytes left cannot be honest; fail before
    // looping billions of times on a tiny input.
    if (reader.atEnd()) return reader.error("unexpected end of input, expected %u more items", count - i);
    WACC_ASSIGN_OR_RETURN(auto item, readItem(reader));
    consume(std::move(item));
  }
  return absl::OkStatus();
}

}  // namespace wacc::binary
