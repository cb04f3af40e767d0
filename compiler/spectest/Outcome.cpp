#include "compiler/spectest/Outcome.h"

#include "compiler/spectest/SpecProgram.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/str_cat.h"

namespace wacc::spectest {

namespace {

constexpr int32_t kStackExhausted = 8;  // WACC_TRAP_STACK_EXHAUSTED

// Texts the spec uses for a trap wacc reports differently: a call_indirect
// past the table's end is "undefined element" in older tests, and one case
// says "uninitialized element 2".
bool TrapTextMatches(const std::string& expected, int32_t reason) {
  std::string ours = TrapText(reason);
  if (expected.rfind(ours, 0) == 0) return true;
  if (expected == "undefined element") return ours == "out of bounds table access" || ours == "uninitialized element";
  return false;
}

std::string Hex(uint64_t v) { return absl::StrCat("0x", absl::Hex(v)); }

bool NanMatches(uint64_t bits, unsigned width, SpecValue::Nan nan) {
  uint64_t exponent = width == 32 ? 0x7f800000ull : 0x7ff0000000000000ull;
  uint64_t quiet = width == 32 ? 0x00400000ull : 0x0008000000000000ull;
  uint64_t payload = width == 32 ? 0x007fffffull : 0x000fffffffffffffull;
  if ((bits & exponent) != exponent || (bits & quiet) == 0) return false;
  return nan == SpecValue::Nan::Arithmetic || (bits & payload) == quiet;
}

bool ScalarMatches(uint64_t actual, uint64_t expected, unsigned width, SpecValue::Nan nan) {
  uint64_t mask = width == 64 ? ~0ull : (1ull << width) - 1;
  actual &= mask;
  if (nan != SpecValue::Nan::None) return NanMatches(actual, width, nan);
  return actual == (expected & mask);
}

unsigned LaneWidth(const std::string& laneType) {
  if (laneType == "i8") return 8;
  if (laneType == "i16") return 16;
  if (laneType == "i32" || laneType == "f32") return 32;
  return 64;
}

// "" if the value in words[at...] matches `expected`; advances `at`.
std::string ValueMismatch(const SpecValue& expected, const std::vector<uint64_t>& words, size_t& at) {
  unsigned count = expected.type == "v128" ? 2 : 1;
  if (at + count > words.size()) return "fewer results than expected";
  uint64_t w0 = words[at], w1 = count == 2 ? words[at + 1] : 0;
  at += count;
  const std::string& t = expected.type;
  if (t == "i32" || t == "f32" || t == "i64" || t == "f64") {
    unsigned width = t == "i32" || t == "f32" ? 32 : 64;
    if (ScalarMatches(w0, expected.bits[0], width, expected.nan)) return "";
    return absl::StrCat(t, " result ", Hex(w0), ", expected ",
                        expected.nan == SpecValue::Nan::None ? Hex(expected.bits[0]) : "a NaN");
  }
  if (t == "v128") {
    unsigned width = LaneWidth(expected.laneType);
    for (size_t i = 0; i < expected.lanes.size(); ++i) {
      size_t bit = i * width;
      uint64_t lane = (bit < 64 ? w0 : w1) >> (bit % 64);
      if (!ScalarMatches(lane, expected.lanes[i].bits, width, expected.lanes[i].nan))
        return absl::StrCat("v128 result ", Hex(w1), ":", Hex(w0), ", lane ", i, " (", expected.laneType, ") expected ",
                            Hex(expected.lanes[i].bits));
    }
    return "";
  }
  // References: null is 0; host reference n is n + 1 (see SpecProgram.cpp).
  if (expected.isNull) return w0 == 0 ? "" : absl::StrCat(t, " result is not null");
  if (!expected.hasValue) return w0 != 0 ? "" : absl::StrCat(t, " result is null");
  if (t == "externref" && w0 != expected.bits[0] + 1)
    return absl::StrCat("externref result ", w0 == 0 ? "null" : absl::StrCat(w0 - 1), ", expected ", expected.bits[0]);
  return "";
}

}  // namespace

absl::flat_hash_map<uint32_t, ReportedOutcome> ParseReports(std::string_view output) {
  absl::flat_hash_map<uint32_t, ReportedOutcome> reports;
  const char* p = output.data();
  const char* end = p + output.size();
  while (p < end) {
    const char* lineEnd = std::find(p, end, '\n');
    uint32_t command = 0;
    ReportedOutcome outcome;
    auto field = std::from_chars(p, lineEnd, command);
    bool ok = field.ec == std::errc() && field.ptr < lineEnd && *field.ptr == ' ';
    if (ok) {
      field = std::from_chars(field.ptr + 1, lineEnd, outcome.trap);
      ok = field.ec == std::errc();
    }
    while (ok && field.ptr < lineEnd) {
      uint64_t word = 0;
      ok = *field.ptr == ' ';
      if (ok) field = std::from_chars(field.ptr + 1, lineEnd, word, 16);
      ok = ok && field.ec == std::errc();
      outcome.words.push_back(word);
    }
    if (ok) reports[command] = std::move(outcome);
    p = lineEnd + 1;
  }
  return reports;
}

const char* TrapText(int32_t reason) {
  static const char* const kTexts[] = {
#define WACC_TRAP_REASON(name, value, text) text,
#include "wacc/TrapReasons.def"
#undef WACC_TRAP_REASON
  };

  if (reason == int32_t(kIncompatibleImportOutcome)) return "incompatible import type";
  return reason >= 0 && reason < int32_t(std::size(kTexts)) ? kTexts[reason] : "unknown trap";
}

std::string JudgeOutcome(const SpecCommand& command, const ReportedOutcome& reported) {
  bool trapped = reported.trap >= 0;
  switch (command.kind) {
    case SpecCommand::Kind::AssertTrap:
    case SpecCommand::Kind::AssertUninstantiable:
      if (!trapped) return absl::StrCat("no trap; expected \"", command.text, "\"");
      if (!TrapTextMatches(command.text, reported.trap))
        return absl::StrCat("trap \"", TrapText(reported.trap), "\"; expected \"", command.text, "\"");
      return "";
    case SpecCommand::Kind::AssertUnlinkable:
      if (reported.trap == int32_t(kIncompatibleImportOutcome)) return "";
      return absl::StrCat("module linked; expected \"", command.text, "\"");
    case SpecCommand::Kind::AssertExhaustion:
      if (reported.trap == kStackExhausted) return "";
      return trapped ? absl::StrCat("trap \"", TrapText(reported.trap), "\"; expected stack exhaustion")
                     : "no trap; expected stack exhaustion";
    default: break;
  }
  if (trapped) return absl::StrCat("unexpected trap \"", TrapText(reported.trap), "\"");
  if (command.kind != SpecCommand::Kind::AssertReturn) return "";
  size_t at = 0;
  if (!command.either.empty()) {
    std::string mismatch;
    for (const SpecValue& alternative : command.either) {
      at = 0;
      mismatch = ValueMismatch(alternative, reported.words, at);
      if (mismatch.empty() && at == reported.words.size()) return "";
    }
    return absl::StrCat(mismatch.empty() ? "more results than expected" : mismatch, " (nor any other of ",
                        command.either.size(), " allowed results)");
  }
  for (const SpecValue& expected : command.expected) {
    std::string mismatch = ValueMismatch(expected, reported.words, at);
    if (!mismatch.empty()) return mismatch;
  }
  if (at != reported.words.size()) return "more results than expected";
  return "";
}

}  // namespace wacc::spectest
