#include "compiler/wast/WastValues.h"

#include <cmath>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "compiler/abi/CanonicalLayout.h"
#include "compiler/support/Status.h"
#include "llvm/Support/ConvertUTF.h"

namespace wacc::wast {

namespace {

using component::PrimValType;
using component::TypeRef;
using Kind = component::ValueType::Kind;

constexpr int kMaxDepth = 200;

absl::Status Mismatch(const WastValue& v, TypeRef t) {
  return absl::InvalidArgumentError(
      absl::StrCat(ValueToString(v), " is not a value of type ", component::TypeToString(t)));
}

// An integer literal as the text format writes one: sign, 0x, underscores.
bool ParseInteger(std::string text, bool& negative, uint64_t& magnitude) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  negative = false;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i >= text.size()) return false;
  std::string digits = text.substr(i);
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
    return absl::SimpleHexAtoi(digits.substr(2), &magnitude);
  return absl::SimpleAtoi(digits, &magnitude);
}

// The value's bits truncated to `bits` (two's complement for negatives),
// checked against the range of a signed or unsigned integer of that width.
bool IntegerBits(const std::string& text, unsigned bits, bool isSigned, uint64_t& out) {
  bool negative;
  uint64_t magnitude;
  if (!ParseInteger(text, negative, magnitude)) return false;
  uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  if (negative) {
    if (!isSigned && magnitude != 0) return false;
    if (magnitude > (1ull << (bits - 1))) return false;
    out = (0 - magnitude) & mask;
    return true;
  }
  // Both the signed range and its bit patterns (0xffffffff as s32) are taken.
  if (magnitude > mask) return false;
  out = magnitude;
  return true;
}

bool ParseFloat(const std::string& raw, bool isDouble, double& out, bool& isNan) {
  std::string text = raw;
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  isNan = text.find("nan") != std::string::npos;
  if (isNan) return true;
  std::string body = text;
  bool negative = !body.empty() && body[0] == '-';
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) body = body.substr(1);
  if (body == "inf") {
    out = negative ? -INFINITY : INFINITY;
    return true;
  }
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != 0) return false;
  if (!isDouble) out = double(float(out));
  return true;
}

std::string FloatText(double v, bool isDouble) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  return isDouble ? absl::StrFormat("%.17g", v) : absl::StrFormat("%.9g", v);
}

// A lifted char is a Unicode scalar value (the canonical ABI traps on any
// other), so the conversion cannot fail here.
std::string Utf8(uint32_t cp) {
  char utf8[4], *end = utf8;
  llvm::ConvertCodePointToUTF8(cp, end);
  return std::string(utf8, end);
}

// The one code point of a UTF-8 string, or -1.
int64_t SingleCodePoint(const std::string& s) {
  if (s.empty()) return -1;
  auto b = [&](size_t i) { return uint8_t(s[i]); };
  size_t n = b(0) < 0x80 ? 1 : b(0) >= 0xf0 ? 4 : b(0) >= 0xe0 ? 3 : 2;
  if (s.size() != n) return -1;
  uint32_t cp = n == 1 ? b(0) : n == 2 ? b(0) & 0x1f : n == 3 ? b(0) & 0x0f : b(0) & 0x07;
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (b(i) & 0x3f);
  return cp;
}

std::string Quote(const std::string& s) { return absl::StrCat("\"", absl::CHexEscape(s), "\""); }

struct PrimInfo {
  unsigned bits;
  bool isSigned;
};

PrimInfo IntegerInfo(PrimValType p) {
  switch (p) {
    case PrimValType::U8: return {8, false};
    case PrimValType::S8: return {8, true};
    case PrimValType::U16: return {16, false};
    case PrimValType::S16: return {16, true};
    case PrimValType::U32: return {32, false};
    case PrimValType::S32: return {32, true};
    case PrimValType::U64: return {64, false};
    case PrimValType::S64: return {64, true};
    default: return {0, false};
  }
}

std::string IntegerText(uint64_t bits, PrimInfo info) {
  if (info.isSigned) {
    int64_t v = info.bits == 64 ? int64_t(bits) : int64_t(bits << (64 - info.bits)) >> (64 - info.bits);
    return absl::StrCat(v);
  }
  return absl::StrCat(bits);
}

bool KindMatchesPrim(const std::string& kind, PrimValType p) {
  switch (p) {
    case PrimValType::Bool: return kind == "bool";
    case PrimValType::U8: return kind == "u8";
    case PrimValType::S8: return kind == "s8";
    case PrimValType::U16: return kind == "u16";
    case PrimValType::S16: return kind == "s16";
    case PrimValType::U32: return kind == "u32" || kind == "i32";
    case PrimValType::S32: return kind == "s32" || kind == "i32";
    case PrimValType::U64: return kind == "u64" || kind == "i64";
    case PrimValType::S64: return kind == "s64" || kind == "i64";
    case PrimValType::F32: return kind == "f32";
    case PrimValType::F64: return kind == "f64";
    case PrimValType::Char: return kind == "char";
    case PrimValType::String: return kind == "str";
    default: return false;
  }
}

// The case index `v` names in variant-like `t`, or -1.
int CaseIndex(const WastValue& v, TypeRef t) {
  switch (t->kind) {
    case Kind::Variant:
      if (v.kind != "variant") return -1;
      for (size_t i = 0; i < t->fields.size(); ++i)
        if (t->fields[i].name == v.text) return int(i);
      return -1;
    case Kind::Enum:
      if (v.kind != "enum") return -1;
      for (size_t i = 0; i < t->labels.size(); ++i)
        if (t->labels[i] == v.text) return int(i);
      return -1;
    case Kind::Option: return v.kind == "option.none" ? 0 : v.kind == "option.some" ? 1 : -1;
    case Kind::Result: return v.kind == "result.ok" ? 0 : v.kind == "result.err" ? 1 : -1;
    default: return -1;
  }
}

std::string CaseName(TypeRef t, size_t i) {
  switch (t->kind) {
    case Kind::Variant: return t->fields[i].name;
    case Kind::Enum: return t->labels[i];
    case Kind::Option: return i == 0 ? "none" : "some";
    default: return i == 0 ? "ok" : "err";
  }
}

void Put(MemoryImage& image, uint32_t address, uint64_t value, uint32_t size) {
  for (uint32_t i = 0; i < size; ++i) image.bytes[address - image.base + i] = char(value >> (8 * i));
}

absl::Status Store(const WastValue& v, TypeRef t, uint32_t address, MemoryImage& image, int depth) {
  if (depth > kMaxDepth) return absl::InvalidArgumentError("value nested too deeply");
  switch (t->kind) {
    case Kind::Primitive: {
      if (!KindMatchesPrim(v.kind, t->prim)) return Mismatch(v, t);
      uint32_t size = abi::LayoutOf(t).size;
      switch (t->prim) {
        case PrimValType::Bool:
          if (v.text != "true" && v.text != "false") return Mismatch(v, t);
          Put(image, address, v.text == "true", 1);
          return absl::OkStatus();
        case PrimValType::F32:
        case PrimValType::F64: {
          double d;
          bool isNan;
          bool isDouble = t->prim == PrimValType::F64;
          if (!ParseFloat(v.text, isDouble, d, isNan)) return Mismatch(v, t);
          uint64_t bits;
          if (isDouble) {
            if (isNan) d = NAN;
            std::memcpy(&bits, &d, 8);
          } else {
            float f = isNan ? NAN : float(d);
            uint32_t b32;
            std::memcpy(&b32, &f, 4);
            bits = b32;
          }
          Put(image, address, bits, size);
          return absl::OkStatus();
        }
        case PrimValType::Char: {
          int64_t cp = SingleCodePoint(v.text);
          if (cp < 0) return Mismatch(v, t);
          Put(image, address, uint64_t(cp), 4);
          return absl::OkStatus();
        }
        case PrimValType::String: {
          uint32_t data = image.allocate(uint32_t(v.text.size()), 1);
          std::memcpy(&image.bytes[data - image.base], v.text.data(), v.text.size());
          Put(image, address, data, 4);
          Put(image, address + 4, v.text.size(), 4);
          return absl::OkStatus();
        }
        default: {
          PrimInfo info = IntegerInfo(t->prim);
          uint64_t bits;
          if (info.bits == 0 || !IntegerBits(v.text, info.bits, info.isSigned || v.kind[0] == 'i', bits))
            return Mismatch(v, t);
          Put(image, address, bits, size);
          return absl::OkStatus();
        }
      }
    }
    case Kind::List: {
      if (v.kind != "list") return Mismatch(v, t);
      abi::MemoryLayout element = abi::LayoutOf(t->element);
      uint32_t data = image.allocate(element.size * uint32_t(v.items.size()), element.align);
      for (size_t i = 0; i < v.items.size(); ++i)
        WACC_RETURN_IF_ERROR(Store(v.items[i], t->element, data + uint32_t(i) * element.size, image, depth + 1));
      Put(image, address, data, 4);
      Put(image, address + 4, v.items.size(), 4);
      return absl::OkStatus();
    }
    case Kind::Record:
    case Kind::Tuple: {
      if (v.kind != (t->kind == Kind::Record ? "record" : "tuple") || v.items.size() != t->fields.size())
        return Mismatch(v, t);
      std::vector<uint32_t> offsets = abi::FieldOffsets(t);
      for (size_t i = 0; i < t->fields.size(); ++i) {
        if (t->kind == Kind::Record && v.names[i] != t->fields[i].name) return Mismatch(v, t);
        WACC_RETURN_IF_ERROR(Store(v.items[i], t->fields[i].type, address + offsets[i], image, depth + 1));
      }
      return absl::OkStatus();
    }
    case Kind::Flags: {
      if (v.kind != "flags") return Mismatch(v, t);
      std::vector<uint32_t> words(abi::FlagsWords(t->labels.size()), 0);
      for (const std::string& l : v.labels) {
        auto it = std::find(t->labels.begin(), t->labels.end(), l);
        if (it == t->labels.end()) return Mismatch(v, t);
        size_t bit = it - t->labels.begin();
        words[bit / 32] |= 1u << (bit % 32);
      }
      uint32_t size = abi::LayoutOf(t).size;
      if (size <= 4) {
        if (size) Put(image, address, words[0], size);
      } else {
        for (size_t w = 0; w < words.size(); ++w) Put(image, address + 4 * uint32_t(w), words[w], 4);
      }
      return absl::OkStatus();
    }
    case Kind::Variant:
    case Kind::Enum:
    case Kind::Option:
    case Kind::Result: {
      int index = CaseIndex(v, t);
      if (index < 0) return Mismatch(v, t);
      std::vector<TypeRef> cases = abi::VariantCases(t);
      Put(image, address, uint64_t(index), abi::DiscriminantSize(cases.size()));
      TypeRef payload = cases[index];
      if (bool(payload) != (v.items.size() == 1)) return Mismatch(v, t);
      if (payload)
        WACC_RETURN_IF_ERROR(Store(v.items[0], payload, address + abi::VariantPayloadOffset(t), image, depth + 1));
      return absl::OkStatus();
    }
    case Kind::Own:
    case Kind::Borrow: return absl::UnimplementedError("resource handles as arguments");
    case Kind::Stream:
    case Kind::Future: return absl::UnimplementedError("stream and future handles as arguments");
  }
  return Mismatch(v, t);
}

absl::StatusOr<std::string> Expected(const WastValue& v, TypeRef t, int depth) {
  if (depth > kMaxDepth) return absl::InvalidArgumentError("value nested too deeply");
  switch (t->kind) {
    case Kind::Primitive: {
      if (!KindMatchesPrim(v.kind, t->prim)) return Mismatch(v, t);
      switch (t->prim) {
        case PrimValType::Bool:
          if (v.text != "true" && v.text != "false") return Mismatch(v, t);
          return v.text;
        case PrimValType::F32:
        case PrimValType::F64: {
          double d;
          bool isNan;
          if (!ParseFloat(v.text, t->prim == PrimValType::F64, d, isNan)) return Mismatch(v, t);
          return isNan ? std::string("nan") : FloatText(d, t->prim == PrimValType::F64);
        }
        case PrimValType::Char:
          if (SingleCodePoint(v.text) < 0) return Mismatch(v, t);
          return absl::StrCat("'", v.text, "'");
        case PrimValType::String: return Quote(v.text);
        default: {
          PrimInfo info = IntegerInfo(t->prim);
          uint64_t bits;
          if (info.bits == 0 || !IntegerBits(v.text, info.bits, info.isSigned || v.kind[0] == 'i', bits))
            return Mismatch(v, t);
          return IntegerText(bits, info);
        }
      }
    }
    case Kind::List:
    case Kind::Tuple:
    case Kind::Record: {
      bool isList = t->kind == Kind::List;
      if (v.kind != (isList ? "list" : t->kind == Kind::Record ? "record" : "tuple")) return Mismatch(v, t);
      if (!isList && v.items.size() != t->fields.size()) return Mismatch(v, t);
      std::vector<std::string> parts;
      for (size_t i = 0; i < v.items.size(); ++i) {
        TypeRef element = isList ? t->element : t->fields[i].type;
        WACC_ASSIGN_OR_RETURN(std::string item, Expected(v.items[i], element, depth + 1));
        if (t->kind == Kind::Record) {
          if (v.names[i] != t->fields[i].name) return Mismatch(v, t);
          item = absl::StrCat(t->fields[i].name, ": ", item);
        }
        parts.push_back(std::move(item));
      }
      std::string joined = absl::StrJoin(parts, ", ");
      const char* open = isList ? "[" : t->kind == Kind::Record ? "{" : "(";
      const char* close = isList ? "]" : t->kind == Kind::Record ? "}" : ")";
      return absl::StrCat(open, joined, close);
    }
    case Kind::Flags: {
      if (v.kind != "flags") return Mismatch(v, t);
      std::vector<std::string> set;
      for (const std::string& l : t->labels)
        if (std::find(v.labels.begin(), v.labels.end(), l) != v.labels.end()) set.push_back(l);
      for (const std::string& l : v.labels)
        if (std::find(t->labels.begin(), t->labels.end(), l) == t->labels.end()) return Mismatch(v, t);
      return absl::StrCat("flags{", absl::StrJoin(set, ", "), "}");
    }
    case Kind::Variant:
    case Kind::Enum:
    case Kind::Option:
    case Kind::Result: {
      int index = CaseIndex(v, t);
      if (index < 0) return Mismatch(v, t);
      TypeRef payload = abi::VariantCases(t)[index];
      if (bool(payload) != (v.items.size() == 1)) return Mismatch(v, t);
      std::string name = CaseName(t, index);
      if (!payload) return name;
      WACC_ASSIGN_OR_RETURN(std::string inner, Expected(v.items[0], payload, depth + 1));
      return absl::StrCat(name, "(", inner, ")");
    }
    case Kind::Own:
    case Kind::Borrow: return absl::UnimplementedError("resource handles as results");
    case Kind::Stream:
    case Kind::Future: return absl::UnimplementedError("stream and future handles as results");
  }
  return Mismatch(v, t);
}

class Loader {
 public:
  explicit Loader(const MemoryImage& m) : m_(m) {}

  absl::StatusOr<uint64_t> read(uint32_t address, uint32_t size) {
    if (address < m_.base || uint64_t(address) + size > m_.end())
      return absl::OutOfRangeError(absl::StrFormat("the result points outside the reported memory (0x%x)", address));
    uint64_t v = 0;
    for (uint32_t i = 0; i < size; ++i) v |= uint64_t(uint8_t(m_.bytes[address - m_.base + i])) << (8 * i);
    return v;
  }

  absl::StatusOr<std::string> load(TypeRef t, uint32_t address, int depth) {
    if (depth > kMaxDepth) return absl::InvalidArgumentError("value nested too deeply");
    switch (t->kind) {
      case Kind::Primitive: {
        uint32_t size = abi::LayoutOf(t).size;
        if (t->prim == PrimValType::String) {
          WACC_ASSIGN_OR_RETURN(uint64_t ptr, read(address, 4));
          WACC_ASSIGN_OR_RETURN(uint64_t len, read(address + 4, 4));
          if (ptr + len > m_.end() || ptr < m_.base) return absl::OutOfRangeError("string outside the memory");
          return Quote(m_.bytes.substr(ptr - m_.base, len));
        }
        WACC_ASSIGN_OR_RETURN(uint64_t bits, read(address, size));
        switch (t->prim) {
          case PrimValType::Bool: return std::string(bits ? "true" : "false");
          case PrimValType::F32: {
            float f;
            uint32_t b32 = uint32_t(bits);
            std::memcpy(&f, &b32, 4);
            return FloatText(f, false);
          }
          case PrimValType::F64: {
            double d;
            std::memcpy(&d, &bits, 8);
            return FloatText(d, true);
          }
          case PrimValType::Char: return absl::StrCat("'", Utf8(uint32_t(bits)), "'");
          default: return IntegerText(bits, IntegerInfo(t->prim));
        }
      }
      case Kind::List: {
        WACC_ASSIGN_OR_RETURN(uint64_t ptr, read(address, 4));
        WACC_ASSIGN_OR_RETURN(uint64_t len, read(address + 4, 4));
        abi::MemoryLayout element = abi::LayoutOf(t->element);
        if (len * element.size > m_.bytes.size()) return absl::OutOfRangeError("list outside the memory");
        std::vector<std::string> parts;
        for (uint64_t i = 0; i < len; ++i) {
          WACC_ASSIGN_OR_RETURN(std::string item, load(t->element, uint32_t(ptr + i * element.size), depth + 1));
          parts.push_back(std::move(item));
        }
        return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
      }
      case Kind::Record:
      case Kind::Tuple: {
        std::vector<uint32_t> offsets = abi::FieldOffsets(t);
        std::vector<std::string> parts;
        for (size_t i = 0; i < t->fields.size(); ++i) {
          WACC_ASSIGN_OR_RETURN(std::string item, load(t->fields[i].type, address + offsets[i], depth + 1));
          if (t->kind == Kind::Record) item = absl::StrCat(t->fields[i].name, ": ", item);
          parts.push_back(std::move(item));
        }
        std::string joined = absl::StrJoin(parts, ", ");
        return t->kind == Kind::Record ? absl::StrCat("{", joined, "}") : absl::StrCat("(", joined, ")");
      }
      case Kind::Flags: {
        uint32_t size = abi::LayoutOf(t).size;
        std::vector<std::string> set;
        for (size_t i = 0; i < t->labels.size(); ++i) {
          uint32_t word = size <= 4 ? 0 : uint32_t(i / 32);
          WACC_ASSIGN_OR_RETURN(uint64_t bits, read(address + 4 * word, std::min<uint32_t>(size, 4)));
          if (bits >> (i % 32) & 1) set.push_back(t->labels[i]);
        }
        return absl::StrCat("flags{", absl::StrJoin(set, ", "), "}");
      }
      case Kind::Variant:
      case Kind::Enum:
      case Kind::Option:
      case Kind::Result: {
        std::vector<TypeRef> cases = abi::VariantCases(t);
        WACC_ASSIGN_OR_RETURN(uint64_t index, read(address, abi::DiscriminantSize(cases.size())));
        if (index >= cases.size()) return absl::StrCat("<discriminant ", index, ">");
        std::string name = CaseName(t, index);
        if (!cases[index]) return name;
        WACC_ASSIGN_OR_RETURN(std::string inner, load(cases[index], address + abi::VariantPayloadOffset(t), depth + 1));
        return absl::StrCat(name, "(", inner, ")");
      }
      case Kind::Own:
      case Kind::Borrow:
      case Kind::Stream:
      case Kind::Future: {
        WACC_ASSIGN_OR_RETURN(uint64_t handle, read(address, 4));
        return absl::StrCat("handle ", handle);
      }
    }
    return absl::InternalError("unknown type");
  }

 private:
  const MemoryImage& m_;
};

}  // namespace

uint32_t MemoryImage::allocate(uint32_t size, uint32_t align) {
  uint32_t address = abi::AlignTo(end(), align);
  bytes.resize(address + size - base, '\0');
  return address;
}

absl::StatusOr<uint32_t> StoreArguments(const std::vector<WastValue>& values,
                                        const std::vector<component::FuncSignature::Param>& params,
                                        MemoryImage& image) {
  if (values.size() != params.size())
    return absl::InvalidArgumentError(
        absl::StrFormat("%d arguments given, the function takes %d", values.size(), params.size()));
  // The tuple first (so its address is known), then each field into it.
  component::TypeArena arena;
  component::ValueType tuple;
  tuple.kind = Kind::Tuple;
  for (const auto& p : params) tuple.fields.push_back({"", p.type});
  TypeRef tupleType = arena.intern(std::move(tuple));
  abi::MemoryLayout layout = abi::LayoutOf(tupleType);
  uint32_t address = image.allocate(std::max<uint32_t>(layout.size, 1), layout.align);
  std::vector<uint32_t> offsets = abi::FieldOffsets(tupleType);
  for (size_t i = 0; i < params.size(); ++i)
    WACC_RETURN_IF_ERROR(Store(values[i], params[i].type, address + offsets[i], image, 0));
  return address;
}

absl::StatusOr<std::string> ExpectedText(const WastValue& value, TypeRef type) { return Expected(value, type, 0); }

absl::StatusOr<std::string> LoadedText(TypeRef type, uint32_t address, const MemoryImage& memory) {
  return Loader(memory).load(type, address, 0);
}

}  // namespace wacc::wast
