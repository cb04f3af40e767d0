#include "compiler/abi/CanonicalLayout.h"

#include <algorithm>

namespace wacc::abi {

using Kind = ValueType::Kind;
using component::PrimValType;

uint32_t AlignTo(uint32_t offset, uint32_t align) { return (offset + align - 1) / align * align; }

uint32_t DiscriminantSize(size_t numCases) {
  if (numCases <= 0x100) return 1;
  if (numCases <= 0x10000) return 2;
  return 4;
}

uint32_t FlagsWords(size_t numLabels) { return uint32_t((numLabels + 31) / 32); }

bool IsListLike(TypeRef t) {
  return t->kind == Kind::List || (t->kind == Kind::Primitive && t->prim == PrimValType::String);
}

bool IsPlainData(TypeRef t) {
  switch (t->kind) {
    case Kind::Primitive: return t->prim != PrimValType::String;
    case Kind::List:
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: return false;
    case Kind::Flags:
    case Kind::Enum: return true;
    default:
      for (const auto& f : t->fields)
        if (f.type && !IsPlainData(f.type)) return false;
      for (TypeRef c : VariantCases(t))
        if (c && !IsPlainData(c)) return false;
      return true;
  }
}

std::vector<TypeRef> VariantCases(TypeRef t) {
  switch (t->kind) {
    case Kind::Variant: {
      std::vector<TypeRef> cases;
      for (const auto& f : t->fields) cases.push_back(f.type);
      return cases;
    }
    case Kind::Option: return {nullptr, t->element};
    case Kind::Result: return {t->ok, t->err};
    case Kind::Enum: return std::vector<TypeRef>(t->labels.size(), nullptr);
    default: return {};
  }
}

static MemoryLayout PrimitiveLayout(PrimValType p) {
  switch (p) {
    case PrimValType::Bool:
    case PrimValType::S8:
    case PrimValType::U8: return {1, 1};
    case PrimValType::S16:
    case PrimValType::U16: return {2, 2};
    case PrimValType::S32:
    case PrimValType::U32:
    case PrimValType::F32:
    case PrimValType::Char: return {4, 4};
    case PrimValType::S64:
    case PrimValType::U64:
    case PrimValType::F64: return {8, 8};
    case PrimValType::String: return {8, 4};
    case PrimValType::ErrorContext: return {4, 4};
  }
  return {4, 4};
}

static MemoryLayout FieldsLayout(TypeRef t) {
  uint32_t offset = 0, align = 1;
  for (const auto& f : t->fields) {
    MemoryLayout l = LayoutOf(f.type);
    offset = AlignTo(offset, l.align) + l.size;
    align = std::max(align, l.align);
  }
  return {AlignTo(offset, align), align};
}

std::vector<uint32_t> FieldOffsets(TypeRef t) {
  std::vector<uint32_t> offsets;
  uint32_t offset = 0;
  for (const auto& f : t->fields) {
    MemoryLayout l = LayoutOf(f.type);
    offset = AlignTo(offset, l.align);
    offsets.push_back(offset);
    offset += l.size;
  }
  return offsets;
}

static uint32_t MaxCaseAlign(const std::vector<TypeRef>& cases) {
  uint32_t align = 1;
  for (TypeRef c : cases)
    if (c) align = std::max(align, LayoutOf(c).align);
  return align;
}

uint32_t VariantPayloadOffset(TypeRef t) {
  std::vector<TypeRef> cases = VariantCases(t);
  return AlignTo(DiscriminantSize(cases.size()), MaxCaseAlign(cases));
}

MemoryLayout LayoutOf(TypeRef t) {
  switch (t->kind) {
    case Kind::Primitive: return PrimitiveLayout(t->prim);
    case Kind::List: return {8, 4};
    case Kind::Record:
    case Kind::Tuple: return FieldsLayout(t);
    case Kind::Flags: {
      size_t n = t->labels.size();
      if (n == 0) return {0, 1};
      if (n <= 8) return {1, 1};
      if (n <= 16) return {2, 2};
      return {4 * FlagsWords(n), 4};
    }
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: return {4, 4};
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: {
      // Each case's layout once: asking for it again per use made nested
      // options cost 3^depth.
      std::vector<TypeRef> cases = VariantCases(t);
      uint32_t discSize = DiscriminantSize(cases.size());
      uint32_t caseAlign = 1, maxSize = 0;
      for (TypeRef c : cases) {
        if (!c) continue;
        MemoryLayout l = LayoutOf(c);
        caseAlign = std::max(caseAlign, l.align);
        maxSize = std::max(maxSize, l.size);
      }
      uint32_t align = std::max(discSize, caseAlign);
      return {AlignTo(AlignTo(discSize, caseAlign) + maxSize, align), align};
    }
  }
  return {4, 4};
}

static FlatType Join(FlatType a, FlatType b) {
  if (a == b) return a;
  if ((a == FlatType::I32 && b == FlatType::F32) || (a == FlatType::F32 && b == FlatType::I32)) return FlatType::I32;
  return FlatType::I64;
}

std::vector<FlatType> JoinedPayload(const std::vector<TypeRef>& cases, Side side) {
  std::vector<FlatType> joined;
  for (TypeRef c : cases) {
    if (!c) continue;
    std::vector<FlatType> flat = Flatten(c, side);
    for (size_t i = 0; i < flat.size(); ++i) {
      if (i < joined.size())
        joined[i] = Join(joined[i], flat[i]);
      else
        joined.push_back(flat[i]);
    }
  }
  return joined;
}

void Flatten(TypeRef t, Side side, std::vector<FlatType>& out) {
  switch (t->kind) {
    case Kind::Primitive:
      switch (t->prim) {
        case PrimValType::S64:
        case PrimValType::U64: out.push_back(FlatType::I64); return;
        case PrimValType::F32: out.push_back(FlatType::F32); return;
        case PrimValType::F64: out.push_back(FlatType::F64); return;
        case PrimValType::String:
          out.push_back(side == Side::Host ? FlatType::I64 : FlatType::I32);
          out.push_back(FlatType::I32);
          return;
        default: out.push_back(FlatType::I32); return;
      }
    case Kind::List:
      out.push_back(side == Side::Host ? FlatType::I64 : FlatType::I32);
      out.push_back(FlatType::I32);
      return;
    case Kind::Record:
    case Kind::Tuple:
      for (const auto& f : t->fields) Flatten(f.type, side, out);
      return;
    case Kind::Flags: out.insert(out.end(), FlagsWords(t->labels.size()), FlatType::I32); return;
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: out.push_back(FlatType::I32); return;
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: {
      out.push_back(FlatType::I32);
      std::vector<FlatType> joined = JoinedPayload(VariantCases(t), side);
      out.insert(out.end(), joined.begin(), joined.end());
      return;
    }
  }
}

std::vector<FlatType> Flatten(TypeRef t, Side side) {
  std::vector<FlatType> out;
  Flatten(t, side, out);
  return out;
}

static CoreSignature FlattenSignature(const FuncSignature& sig, bool lowering) {
  CoreSignature core;
  for (const auto& p : sig.params) Flatten(p.type, Side::Guest, core.params);
  if (core.params.size() > kMaxFlatParams) {
    core.params = {FlatType::I32};
    core.paramsSpilled = true;
  }
  if (sig.result) Flatten(sig.result, Side::Guest, core.results);
  if (core.results.size() > kMaxFlatResults) {
    core.resultsSpilled = true;
    if (lowering) {
      core.params.push_back(FlatType::I32);
      core.results.clear();
    } else {
      core.results = {FlatType::I32};
    }
  }
  return core;
}

CoreSignature LowerSignature(const FuncSignature& sig) { return FlattenSignature(sig, true); }
CoreSignature LiftSignature(const FuncSignature& sig) { return FlattenSignature(sig, false); }

}  // namespace wacc::abi
