// Wall and CPU time of each compilation phase, for `wacc --time-report`
// (clang's -ftime-report in spirit, per phase rather than per pass): what a
// user or bench/run needs to see where a slow compile spends its time. CPU
// time is the whole process's (user + system, every thread): on a busy
// machine it is the figure that does not move with the load, and against
// wall time it shows how much of a phase ran in parallel.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace wacc::driver {

class PhaseTimer {
 public:
  explicit PhaseTimer(bool enabled)
      : enabled_(enabled), last_(Clock::now()), start_(last_), lastCpu_(CpuSeconds()), startCpu_(lastCpu_) {}

  // Ends the phase running since the previous call (or construction).
  void endPhase(std::string name);
  // Prints the table to stderr; nothing when disabled.
  void report() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Phase {
    std::string name;
    double wall;
    double cpu;
  };
  static double CpuSeconds();
  bool enabled_;
  Clock::time_point last_;
  Clock::time_point start_;
  double lastCpu_;
  double startCpu_;
  std::vector<Phase> phases_;
};

}  // namespace wacc::driver
