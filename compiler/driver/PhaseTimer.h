// Wall time of each compilation phase, for `wacc --time-report` (clang's
// -ftime-report in spirit, per phase rather than per pass): what a user or
// bench/run needs to see where a slow compile spends its time.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace wacc::driver {

class PhaseTimer {
 public:
  explicit PhaseTimer(bool enabled) : enabled_(enabled), last_(Clock::now()), start_(last_) {}

  // Ends the phase running since the previous call (or construction).
  void endPhase(std::string name);
  // Prints the table to stderr; nothing when disabled.
  void report() const;

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point last_;
  Clock::time_point start_;
  std::vector<std::pair<std::string, double>> phases_;
};

}  // namespace wacc::driver
