// Reading a component `.wast` script: the s-expression text of the
// component model's reference tests and Wasmtime's misc_testsuite, turned
// into commands. Component text is kept verbatim (jco assembles it later);
// values are parsed into WastValue trees.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wacc::wast {

// A component value as a script spells it: `(u32.const 7)`, `(str.const "x")`,
// `(record.const (field "a" u8.const 1))`, `(option.none)`, ...
struct WastValue {
  std::string kind;                 // "u32", "str", "list", "record", "variant", "option.some", "result.ok", ...
  std::string text;                 // the literal: a number, string, char, case or label
  std::vector<std::string> labels;  // flags
  std::vector<std::string> names;   // record field names (parallel to items)
  std::vector<WastValue> items;     // list/tuple/record elements, variant/option/result payload
};

// How a component is given: text for jco, or bytes.
struct WastModule {
  enum class Form : uint8_t { Text, Binary, Quote };
  Form form = Form::Text;
  std::string text;     // Text and Quote: component text for the assembler
  std::string bytes;    // Binary
  bool isCore = false;  // a `(module ...)`
};

struct WastCommand {
  enum class Kind : uint8_t {
    Component,  // define (and unless definitionOnly, instantiate) module
    Instance,   // (component instance $name $definition)
    Invoke,     // an invoke on its own
    AssertReturn,
    AssertTrap,  // of an invoke, or (hasModule) of instantiating module
    AssertInvalid,
    AssertMalformed,
    AssertUnlinkable,
    Unsupported,  // a command the runner does not know; reason says which
  };
  Kind kind = Kind::Unsupported;
  uint32_t line = 0;
  std::string name;        // Component: its $id; Instance: the instance's $id
  std::string definition;  // Instance: the definition's $id
  bool definitionOnly = false;
  bool hasModule = false;
  WastModule module;
  std::string function;  // invoked export
  std::vector<WastValue> args;
  std::vector<WastValue> results;  // AssertReturn
  std::string message;             // assert_* text; Unsupported: the reason
};

struct WastScript {
  std::vector<WastCommand> commands;
};

absl::StatusOr<WastScript> ParseWastScript(std::string_view text);

const char* CommandKindName(WastCommand::Kind kind);
std::string ValueToString(const WastValue& value);

}  // namespace wacc::wast
