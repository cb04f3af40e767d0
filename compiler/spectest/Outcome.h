// Reading what the generated driver reported for each command, and judging
// it against what the command expects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/spectest/SpecScript.h"

namespace wacc::spectest {

struct ReportedOutcome {
  int32_t trap = -1;            // wacc_trap_reason, or -1: completed
  std::vector<uint64_t> words;  // results, a v128 as two words (low first)
};

// Parses the driver's stdout: "<command> <trap> <hex word>..." per line.
absl::flat_hash_map<uint32_t, ReportedOutcome> ParseReports(std::string_view output);

// The runtime's text for a trap reason ("integer divide by zero", ...).
const char* TrapText(int32_t reason);

// "" when `reported` is what `command` expects, otherwise why it is not.
std::string JudgeOutcome(const SpecCommand& command, const ReportedOutcome& reported);

}  // namespace wacc::spectest
