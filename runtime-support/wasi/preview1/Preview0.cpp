// wasi_unstable (snapshot 0) where its ABI differs from preview1: filestat
// with a 32-bit nlink (the 56-byte record), whence ordered cur/end/set,
// and a clock subscription with an identifier before the clock id.
// Everything else of wasi_unstable is the preview1 function.
#include "wacc/Preview1.h"
#include "wasi/preview1/Filestat.h"
#include "wasi/preview1/Poll.h"
#include "wasi/preview1/Types.h"

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p0_fd_filestat_get(uint32_t fd, uint32_t statOut) {
  Filestat stat{};
  uint32_t error = FdFilestat(fd, &stat);
  if (error != kSuccess) return error;
  return StoreFilestat0(statOut, stat) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p0_path_filestat_get(uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen,
                                              uint32_t statOut) {
  Filestat stat{};
  uint32_t error = PathFilestat(fd, flags, path, pathLen, &stat);
  if (error != kSuccess) return error;
  return StoreFilestat0(statOut, stat) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p0_fd_seek(uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoffsetOut) {
  static const uint32_t kPreview1Whence[] = {kWhenceCur, kWhenceEnd, kWhenceSet};
  if (whence > 2) return kInval;
  return wacc_p1_fd_seek(fd, offset, kPreview1Whence[whence], newoffsetOut);
}

extern "C" uint32_t wacc_p0_poll_oneoff(uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t neventsOut) {
  return PollOneoff(SubscriptionLayout::kPreview0, in, out, nsubscriptions, neventsOut);
}
