#include "core/Output.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {

bool ParseHostPort(const char* text, uint32_t length, uint32_t defaultPort, linux_abi::SockaddrIn& out) {
  uint32_t colon = length;
  for (uint32_t i = 0; i < length; ++i)
    if (text[i] == ':') colon = i;
  uint32_t port = defaultPort;
  if (colon < length) {
    if (colon + 1 == length) return false;
    port = 0;
    for (uint32_t i = colon + 1; i < length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      port = port * 10 + (uint32_t)(text[i] - '0');
      if (port > 65535) return false;
    }
  } else if (defaultPort == 0) {
    return false;
  }
  uint8_t octets[4];
  if (colon == 9 && BytesEqual(text, "localhost", 9)) {
    octets[0] = 127, octets[1] = 0, octets[2] = 0, octets[3] = 1;
  } else {
    uint32_t p = 0;
    for (int i = 0; i < 4; ++i) {
      uint32_t value = 0, digits = 0;
      while (p < colon && text[p] >= '0' && text[p] <= '9' && digits < 3) {
        value = value * 10 + (uint32_t)(text[p++] - '0');
        ++digits;
      }
      if (digits == 0 || value > 255) return false;
      octets[i] = (uint8_t)value;
      if (i < 3 && (p >= colon || text[p++] != '.')) return false;
    }
    if (p != colon) return false;
  }
  out = linux_abi::SockaddrIn{};
  out.family = 2;
  out.port = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
  __builtin_memcpy(out.address, octets, 4);
  return true;
}

}  // namespace wacc_rt::http
