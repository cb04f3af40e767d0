// proc_exit, proc_raise, sched_yield and random_get.
#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/preview1/GuestMemory.h"

using namespace wacc_rt;
using namespace wacc_rt::p1;

// As Wasmtime: a status below 126 is the process's exit status; anything
// else is an error (126 and up mean "could not run" and signals to a shell),
// reported like Wasmtime's, with status 1.
extern "C" void wacc_p1_proc_exit(uint32_t status) {
  if (status < 126) SysExitGroup((int)status);
  MessageBuffer message;
  message.append("Error: exit with invalid exit status outside of [0..126): ");
  message.appendDecimal(status).append("\n");
  message.writeTo(2);
  SysExitGroup(1);
}

// Wasmtime raises nothing: a valid signal is ENOTSUP, an unknown one EINVAL.
extern "C" uint32_t wacc_p1_proc_raise(uint32_t sig) { return sig > kMaxSignal ? kInval : kNotsup; }

// 0.2 has no yield; Wasmtime returns at once too.
extern "C" uint32_t wacc_p1_sched_yield(void) { return kSuccess; }

extern "C" uint32_t wacc_p1_random_get(uint32_t buf, uint32_t bufLen) {
  if (GuestRange(buf, bufLen) == nullptr) return kFault;
  constexpr uint32_t kChunk = 64 * 1024;  // bounds the result arena
  for (uint32_t done = 0; done < bufLen;) {
    uint32_t chunk = bufLen - done < kChunk ? bufLen - done : kChunk;
    uint64_t results[2];
    wacc_host_wasi_random_random_get_random_bytes(chunk, results);
    StoreBytes(buf + done, reinterpret_cast<const void*>(results[0]), chunk);
    done += chunk;
  }
  return kSuccess;
}
