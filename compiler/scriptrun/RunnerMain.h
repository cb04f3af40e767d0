// The command line and the file loop both script runners (wacc-spectest,
// wacc-wast) share: the options every runner takes, the target set-up, and
// running files on worker threads while printing their results in file
// order, so a run's output reads the same whatever the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "compiler/scriptrun/ScriptRun.h"

namespace wacc::scriptrun {

// Spelled as for wacc-spectest: --target=<triple or arch>, -O<n>, -j<n>,
// --timeout=<seconds>.
struct CommonArguments {
  std::string targetName = "x86_64-linux-gnu";
  unsigned jobs = 2;
};

// Takes `arg` when it is one of the options above; false leaves it to the
// runner.
bool ParseCommonArgument(const std::string& arg, CommonArguments& common, RunnerOptions& options);

// Fills in the target, its runtime archive and (for AArch64 on another host)
// qemu-aarch64 from PATH, and makes a fresh work directory named after
// `runnerName`.
absl::Status PrepareRunner(const CommonArguments& common, const char* argv0, const std::string& runnerName,
                           RunnerOptions& options);

// "name: N passed, M failed, K skipped (Ts)<note>", then the failure lines
// and skip reasons.
void PrintFileResult(const FileResult& result, const std::string& note = "");

// Runs run(0) … run(count-1) on `jobs` threads, timing each into its
// `seconds`; print(result) is called for each in index order as soon as it
// and all before it are done. Returns the results in index order.
template <class Result>
std::vector<Result> RunFilesInOrder(size_t count, unsigned jobs, const std::function<Result(size_t)>& run,
                                    const std::function<void(const Result&)>& print) {
  static_assert(std::is_base_of_v<FileResult, Result>);
  std::vector<Result> results(count);
  std::vector<bool> done(count, false);
  std::atomic<size_t> next{0};
  size_t nextToPrint = 0;
  std::mutex printMutex;
  auto worker = [&]() {
    for (size_t i = next++; i < count; i = next++) {
      auto start = std::chrono::steady_clock::now();
      Result result = run(i);
      result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::lock_guard<std::mutex> lock(printMutex);
      results[i] = std::move(result);
      done[i] = true;
      while (nextToPrint < count && done[nextToPrint]) print(results[nextToPrint++]);
    }
  };
  std::vector<std::thread> threads;
  size_t threadCount = std::min<size_t>(std::max(jobs, 1u), std::max<size_t>(count, 1));
  for (size_t j = 0; j < threadCount; ++j) threads.emplace_back(worker);
  for (std::thread& thread : threads) thread.join();
  return results;
}

}  // namespace wacc::scriptrun
