// wasi:io/error: an error is an errno plus the text to-debug-string returns,
// e.g. "Broken pipe (errno 32)", kept inside the host object: the returned
// pointer stays valid until the runtime is next called, as Runtime.h asks.
#include "core/HostObjects.h"
#include "core/Output.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

struct IoError {
  int32_t code;
  uint32_t textLength;
  char text[48];
};

// Linux errno numbers are the same on x86-64 and AArch64.
const char* ErrnoDescription(int32_t code) {
  switch (code) {
    case 1: return "Operation not permitted";
    case 2: return "No such file or directory";
    case 4: return "Interrupted system call";
    case 5: return "Input/output error";
    case 6: return "No such device or address";
    case 9: return "Bad file descriptor";
    case 11: return "Resource temporarily unavailable";
    case 12: return "Cannot allocate memory";
    case 13: return "Permission denied";
    case 14: return "Bad address";
    case 16: return "Device or resource busy";
    case 17: return "File exists";
    case 18: return "Invalid cross-device link";
    case 20: return "Not a directory";
    case 21: return "Is a directory";
    case 22: return "Invalid argument";
    case 27: return "File too large";
    case 28: return "No space left on device";
    case 29: return "Illegal seek";
    case 30: return "Read-only file system";
    case 32: return "Broken pipe";
    case 104: return "Connection reset by peer";
    case 122: return "Disk quota exceeded";
    case 0x10001: return "Past the content-length";  // wasi/http/Http.h kBodySizeExceeded
    case 0x10002: return "Request body cut short";   // kRequestBodyCutShort
    case 0x10003: return "Malformed request body";   // kRequestBodyMalformed
    case 0x10004: return "Request body too large";   // kRequestBodyTooLarge
    default: return "Unknown error";
  }
}

void Describe(IoError& error) {
  MessageBuffer message;
  message.append(ErrnoDescription(error.code)).append(" (errno ");
  message.appendDecimal((uint64_t)error.code).append(")");
  uint32_t length = 0;
  for (; length < message.size() && length < sizeof(error.text); ++length) error.text[length] = message.data()[length];
  error.textLength = length;
}

IoError& ioError(uint32_t rep) { return hostObject<IoError>(rep, HostKind::kIoError); }

}  // namespace

uint32_t NewIoError(int32_t code) {
  uint32_t rep = CreateHostObject(HostKind::kIoError);
  IoError& error = ioError(rep);
  error.code = code;
  Describe(error);
  return rep;
}

int32_t IoErrorCode(uint32_t rep) { return ioError(rep).code; }

}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_io_error_method_error_to_debug_string(uint32_t self, uint64_t* results) {
  IoError& error = ioError(self);
  results[0] = reinterpret_cast<uintptr_t>(error.text);
  results[1] = error.textLength;
}

extern "C" void wacc_host_wasi_io_error_resource_drop_error(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kIoError);
}
