// What the fuzz targets count as a finding beyond crashes and sanitizer
// reports (shared by FuzzComponent.cpp and FuzzCore.cpp).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace wacc::fuzz {

// Reports and aborts, so libFuzzer keeps the input as a crash.
[[noreturn]] inline void Finding(const std::string& what) {
  std::fprintf(stderr, "wacc fuzz finding: %s\n", what.c_str());
  std::abort();
}

// Every error about the input's bytes names where in the file it is
// ("0x1f: ...", which the driver prints after the file name), and that
// offset is in the file: at most its size, as "unexpected end" points just
// past the last byte.
inline bool HasOffsetInFile(const absl::Status& status, size_t size) {
  absl::string_view message = status.message();
  size_t colon = message.find(": ");
  uint64_t offset = 0;
  return absl::StartsWith(message, "0x") && colon != absl::string_view::npos &&
         absl::SimpleHexAtoi(message.substr(2, colon - 2), &offset) && offset <= size;
}

// An error from reading, validation or planning is a normal outcome when it
// is such a diagnostic. An InternalError means the compiler met a state it
// believed impossible, which no input may cause.
inline void ExpectDiagnostic(const absl::Status& status, size_t size) {
  if (absl::IsInternal(status)) Finding("internal error from input: " + status.ToString());
  if (!HasOffsetInFile(status, size)) Finding("an error without an offset in the file: " + status.ToString());
}

}  // namespace wacc::fuzz
