#include "compiler/embed/ShimModules.h"

#include <string>

#include "compiler/embed/ByteWriter.h"

namespace wacc::embed {
namespace {

using binary::FuncType;

void Preamble(ByteWriter& out) {
  for (uint8_t b : {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}) out.byte(b);
}

void WriteFuncType(const FuncType& type, ByteWriter& out) {
  out.byte(0x60);
  out.u32(static_cast<uint32_t>(type.params.size()));
  for (binary::ValType t : type.params) out.byte(static_cast<uint8_t>(t));
  out.u32(static_cast<uint32_t>(type.results.size()));
  for (binary::ValType t : type.results) out.byte(static_cast<uint8_t>(t));
}

// One type per function (duplicates are valid, and keep indices trivial).
void TypeSection(const std::vector<FuncType>& types, ByteWriter& out) {
  ByteWriter items;
  for (const FuncType& t : types) WriteFuncType(t, items);
  out.vectorSection(1, static_cast<uint32_t>(types.size()), items);
}

void TableType(uint32_t size, ByteWriter& out) {
  out.byte(0x70);  // funcref
  out.byte(0x01);  // min and max
  out.u32(size);
  out.u32(size);
}

}  // namespace

std::vector<uint8_t> ShimModule(const std::vector<FuncType>& types) {
  uint32_t n = static_cast<uint32_t>(types.size());
  ByteWriter out;
  Preamble(out);
  TypeSection(types, out);
  ByteWriter funcs;
  for (uint32_t i = 0; i < n; ++i) funcs.u32(i);
  out.vectorSection(3, n, funcs);
  ByteWriter table;
  TableType(n, table);
  out.vectorSection(4, 1, table);
  ByteWriter exports;
  for (uint32_t i = 0; i < n; ++i) {
    exports.name(std::to_string(i));
    exports.byte(0x00);
    exports.u32(i);
  }
  exports.name("$imports");
  exports.byte(0x01);
  exports.u32(0);
  out.vectorSection(7, n + 1, exports);
  // Each body forwards its parameters to table slot i.
  ByteWriter code;
  for (uint32_t i = 0; i < n; ++i) {
    ByteWriter body;
    body.u32(0);  // no locals
    for (uint32_t p = 0; p < types[i].params.size(); ++p) {
      body.byte(0x20);  // local.get
      body.u32(p);
    }
    body.byte(0x41);  // i32.const
    body.s33(i);      // (a signed LEB, as s33 writes it)
    body.byte(0x11);  // call_indirect
    body.u32(i);
    body.u32(0);
    body.byte(0x0b);
    code.u32(static_cast<uint32_t>(body.size()));
    code.append(body);
  }
  out.vectorSection(10, n, code);
  return out.take();
}

std::vector<uint8_t> FixupModule(const std::vector<FuncType>& types, bool initialize) {
  uint32_t n = static_cast<uint32_t>(types.size());
  std::vector<FuncType> all = types;
  if (initialize) all.push_back(FuncType{});
  ByteWriter out;
  Preamble(out);
  TypeSection(all, out);
  ByteWriter imports;
  uint32_t numImports = 0;
  for (uint32_t i = 0; i < n; ++i, ++numImports) {
    imports.name("");
    imports.name(std::to_string(i));
    imports.byte(0x00);
    imports.u32(i);
  }
  if (n > 0) {
    imports.name("");
    imports.name("$imports");
    imports.byte(0x01);
    TableType(n, imports);
    ++numImports;
  }
  if (initialize) {
    imports.name("");
    imports.name("_initialize");
    imports.byte(0x00);
    imports.u32(n);
    ++numImports;
  }
  out.vectorSection(2, numImports, imports);
  if (initialize) {
    ByteWriter start;
    start.u32(n);  // the imported _initialize
    out.section(8, start);
  }
  if (n > 0) {
    ByteWriter elem;
    elem.byte(0x00);  // active, table 0, funcref, function indices
    elem.byte(0x41);
    elem.s33(0);
    elem.byte(0x0b);
    elem.u32(n);
    for (uint32_t i = 0; i < n; ++i) elem.u32(i);
    out.vectorSection(9, 1, elem);
  }
  return out.take();
}

}  // namespace wacc::embed
