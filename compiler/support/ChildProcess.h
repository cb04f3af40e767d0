// Running a test program from a multi-threaded test runner (wacc-spectest,
// wacc-wast), each child against its own deadline.
#pragma once

#include <optional>
#include <string>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace wacc {

// Runs `program` and waits for it at most `timeoutSeconds` (0: no limit),
// killing it then. Returns as llvm::sys::ExecuteAndWait does: the exit
// status, -1 could not run, -2 crashed or timed out (`error` says which).
//
// Why not ExecuteAndWait: its timeout is an alarm(), one per process, so
// with two runner threads a second run re-arms or cancels the first one's
// and a spinning program runs on for good. And why the retry: a runner
// thread writing one executable while another spawns a child lets that
// child inherit the write descriptor until it execs; exec of the first
// executable in that window fails with ETXTBSY ("Text file busy"), the
// well-known race of fork/exec in threaded programs, so it is retried.
int RunChildWithDeadline(llvm::StringRef program, llvm::ArrayRef<llvm::StringRef> args,
                         std::optional<llvm::ArrayRef<llvm::StringRef>> env,
                         llvm::ArrayRef<std::optional<llvm::StringRef>> redirects, unsigned timeoutSeconds,
                         std::string& error);

}  // namespace wacc
