#include "compiler/embed/TypeEncoder.h"

#include "compiler/embed/WitNames.h"

namespace wacc::embed {

using component::TypeRef;
using K = component::ValueType::Kind;

void TypeEncoder::valType(TypeRef type, ByteWriter& out) {
  if (type->kind == K::Primitive) {
    out.byte(static_cast<uint8_t>(type->prim));
    return;
  }
  out.s33(IsNamedKind(type) ? named_(type) : define(type));
}

// Binary.md: `T?` is 0x00, or 0x01 then T.
static void Optional(TypeEncoder& encoder, TypeRef type, ByteWriter& out) {
  if (!type) {
    out.byte(0x00);
    return;
  }
  out.byte(0x01);
  encoder.valType(type, out);
}

uint32_t TypeEncoder::define(TypeRef type) {
  if (!IsNamedKind(type)) {
    if (auto it = anonymous_.find(type); it != anonymous_.end()) return it->second;
  }
  // Components first: their definitions must precede this one.
  ByteWriter body;
  switch (type->kind) {
    case K::Primitive: body.byte(static_cast<uint8_t>(type->prim)); break;
    case K::Record:
      body.byte(0x72);
      body.u32(static_cast<uint32_t>(type->fields.size()));
      for (const auto& field : type->fields) {
        body.name(field.name);
        valType(field.type, body);
      }
      break;
    case K::Variant:
      body.byte(0x71);
      body.u32(static_cast<uint32_t>(type->fields.size()));
      for (const auto& field : type->fields) {
        body.name(field.name);
        Optional(*this, field.type, body);
        body.byte(0x00);  // no `refines`
      }
      break;
    case K::List:
      body.byte(0x70);
      valType(type->element, body);
      break;
    case K::Tuple:
      body.byte(0x6f);
      body.u32(static_cast<uint32_t>(type->fields.size()));
      for (const auto& field : type->fields) valType(field.type, body);
      break;
    case K::Flags:
    case K::Enum:
      body.byte(type->kind == K::Flags ? 0x6e : 0x6d);
      body.u32(static_cast<uint32_t>(type->labels.size()));
      for (const std::string& label : type->labels) body.name(label);
      break;
    case K::Option:
      body.byte(0x6b);
      valType(type->element, body);
      break;
    case K::Result:
      body.byte(0x6a);
      Optional(*this, type->ok, body);
      Optional(*this, type->err, body);
      break;
    case K::Stream:
    case K::Future:
      body.byte(type->kind == K::Stream ? 0x66 : 0x65);
      Optional(*this, type->element, body);
      break;
    case K::Own:
    case K::Borrow:
      body.byte(type->kind == K::Own ? 0x69 : 0x68);
      body.u32(resource_(type->resource));
      break;
  }
  uint32_t index = space_.define(body);
  if (!IsNamedKind(type)) anonymous_.emplace(type, index);
  return index;
}

uint32_t TypeEncoder::funcType(const component::FuncSignature& sig) {
  ByteWriter body;
  body.byte(0x40);
  body.u32(static_cast<uint32_t>(sig.params.size()));
  for (const auto& param : sig.params) {
    body.name(param.name);
    valType(param.type, body);
  }
  if (sig.result) {
    body.byte(0x00);
    valType(sig.result, body);
  } else {
    body.byte(0x01);
    body.byte(0x00);
  }
  return space_.define(body);
}

}  // namespace wacc::embed
