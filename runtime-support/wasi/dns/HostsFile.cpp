// /etc/hosts: "ADDRESS NAME [ALIASES...]" lines, '#' comments.
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

using namespace linux_abi;

// A larger file is read up to this much.
constexpr uint32_t kMaxHostsFile = 64 * 1024;
alignas(8) char gHostsFile[kMaxHostsFile];

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

long ReadSmallFile(const char* path, char* buffer, uint32_t capacity) {
  long fd = Sys(arch::kSysOpenat, kAtFdCwd, (long)path, kOpenReadOnly | kOpenCloexec);
  if (fd < 0) return -1;
  uint32_t length = 0;
  while (length < capacity) {
    long got = RetryInterrupted([&] { return SysRead((int)fd, buffer + length, capacity - length); });
    if (got <= 0) break;
    length += (uint32_t)got;
  }
  CloseFd((int)fd);
  return length;
}

void LookUpHostsFile(const char* name, uint32_t nameLength, AddressList& out) {
  // "name." and "name" are the same host here.
  if (nameLength > 1 && name[nameLength - 1] == '.') --nameLength;
  long read = ReadSmallFile("/etc/hosts", gHostsFile, kMaxHostsFile);
  uint32_t length = read < 0 ? 0 : (uint32_t)read;
  uint32_t at = 0;
  while (at < length) {
    uint32_t lineEnd = at;
    while (lineEnd < length && gHostsFile[lineEnd] != '\n' && gHostsFile[lineEnd] != '#') ++lineEnd;
    // Tokens of the line: the address, then its names.
    IpAddress address;
    bool first = true;
    uint32_t cursor = at;
    while (cursor < lineEnd) {
      while (cursor < lineEnd && IsSpace(gHostsFile[cursor])) ++cursor;
      uint32_t start = cursor;
      while (cursor < lineEnd && !IsSpace(gHostsFile[cursor])) ++cursor;
      if (cursor == start) break;
      if (first) {
        first = false;
        if (!ParseIpAddress(gHostsFile + start, cursor - start, &address)) break;
      } else if (SameName(gHostsFile + start, cursor - start, name, nameLength)) {
        out.add(address);
      }
    }
    while (lineEnd < length && gHostsFile[lineEnd] != '\n') ++lineEnd;
    at = lineEnd + 1;
  }
}

}  // namespace wacc_rt::dns
