#include "compiler/support/ChildProcess.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "absl/strings/str_cat.h"
#include "llvm/Support/Program.h"

namespace wacc {

int RunChildWithDeadline(llvm::StringRef program, llvm::ArrayRef<llvm::StringRef> args,
                         std::optional<llvm::ArrayRef<llvm::StringRef>> env,
                         llvm::ArrayRef<std::optional<llvm::StringRef>> redirects, unsigned timeoutSeconds,
                         std::string& error) {
  llvm::sys::ProcessInfo child;
  // ETXTBSY lasts only until the other thread's child execs: a few short
  // pauses are plenty.
  const std::string busy = std::strerror(ETXTBSY);
  for (int attempt = 0;; ++attempt) {
    bool failedToRun = false;
    error.clear();
    child = llvm::sys::ExecuteNoWait(program, args, env, redirects, 0, &error, &failedToRun);
    if (!failedToRun && child.Pid != llvm::sys::ProcessInfo::InvalidPid) break;
    if (attempt == 50 || error.find(busy) == std::string::npos) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
  for (auto pause = std::chrono::microseconds(200);; pause = std::min(pause * 2, decltype(pause)(20000))) {
    llvm::sys::ProcessInfo done = llvm::sys::Wait(child, /*SecondsToWait=*/0, &error);
    if (done.Pid != 0) return done.ReturnCode;
    if (timeoutSeconds != 0 && std::chrono::steady_clock::now() >= deadline) {
      kill(child.Pid, SIGKILL);
      llvm::sys::Wait(child, std::nullopt, nullptr);
      error = absl::StrCat("timed out after ", timeoutSeconds, " s");
      return -2;
    }
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace wacc
