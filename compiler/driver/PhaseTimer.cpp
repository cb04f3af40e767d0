#include "compiler/driver/PhaseTimer.h"

#include <cstdio>

namespace wacc::driver {

void PhaseTimer::endPhase(std::string name) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  phases_.emplace_back(std::move(name), std::chrono::duration<double>(now - last_).count());
  last_ = now;
}

void PhaseTimer::report() const {
  if (!enabled_) return;
  double total = std::chrono::duration<double>(last_ - start_).count();
  std::fprintf(stderr, "wacc: time report (wall seconds)\n");
  for (const auto& [name, seconds] : phases_)
    std::fprintf(stderr, "  %-50s %8.3f  %5.1f%%\n", name.c_str(), seconds, total > 0 ? 100 * seconds / total : 0.0);
  std::fprintf(stderr, "  %-50s %8.3f\n", "total", total);
}

}  // namespace wacc::driver
