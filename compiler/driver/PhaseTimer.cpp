#include "compiler/driver/PhaseTimer.h"

#include <sys/resource.h>

#include <cstdio>

namespace wacc::driver {

double PhaseTimer::CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void PhaseTimer::endPhase(std::string name) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  double cpu = CpuSeconds();
  phases_.push_back({std::move(name), std::chrono::duration<double>(now - last_).count(), cpu - lastCpu_});
  last_ = now;
  lastCpu_ = cpu;
}

void PhaseTimer::report() const {
  if (!enabled_) return;
  double total = std::chrono::duration<double>(last_ - start_).count();
  std::fprintf(stderr, "wacc: time report (seconds)%*s    wall  share      CPU\n", 25, "");
  for (const Phase& p : phases_)
    std::fprintf(stderr, "  %-50s %8.3f  %5.1f%% %8.3f\n", p.name.c_str(), p.wall, total > 0 ? 100 * p.wall / total : 0.0,
                 p.cpu);
  std::fprintf(stderr, "  %-50s %8.3f         %8.3f\n", "total", total, lastCpu_ - startCpu_);
}

}  // namespace wacc::driver
