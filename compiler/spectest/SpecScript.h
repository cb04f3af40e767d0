// The commands of one spec test file, as wast2json writes them (see the
// suite's README.md): a JSON list of module / register / action / assert_*
// commands that run in order and share state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace wacc::spectest {

// One argument or expected result. `bits` is the value's bit pattern
// (v128: low 64 bits first); `lanes` holds an expected v128's lanes, each
// with its own NaN pattern.
struct SpecValue {
  enum class Nan : uint8_t { None, Canonical, Arithmetic };
  std::string type;      // "i32", "i64", "f32", "f64", "v128", "funcref", "externref"
  bool hasValue = true;  // false: only the type is known (assert_trap results)
  bool isNull = false;   // references: "null"
  uint64_t bits[2] = {0, 0};
  Nan nan = Nan::None;
  std::string laneType;  // v128
  struct Lane {
    uint64_t bits = 0;
    Nan nan = Nan::None;
  };
  std::vector<Lane> lanes;
};

struct SpecAction {
  enum class Kind : uint8_t { Invoke, Get };
  Kind kind = Kind::Invoke;
  std::string module;  // "" = the current module
  std::string field;
  std::vector<SpecValue> args;
};

struct SpecCommand {
  enum class Kind : uint8_t {
    Module,
    Register,
    Action,
    AssertReturn,
    AssertTrap,
    AssertExhaustion,
    AssertInvalid,
    AssertMalformed,
    AssertUnlinkable,
    AssertUninstantiable,
  };
  Kind kind = Kind::Module;
  uint32_t line = 0;
  std::string filename;    // module files, relative to the JSON's folder
  std::string moduleType;  // "binary" or "text"
  std::string name;        // Module: optional $name; Register: optional source module
  std::string as;          // Register
  std::string text;        // expected failure / trap message
  SpecAction action;
  std::vector<SpecValue> expected;
  // AssertReturn of a nondeterministic result (relaxed SIMD's `either`):
  // the single result must be one of these.
  std::vector<SpecValue> either;
};

const char* CommandKindName(SpecCommand::Kind kind);

struct SpecScript {
  std::string sourceFilename;
  std::vector<SpecCommand> commands;
};

absl::StatusOr<SpecScript> ParseSpecScript(std::string_view json);

}  // namespace wacc::spectest
