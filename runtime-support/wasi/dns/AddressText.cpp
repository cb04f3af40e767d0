// Numeric addresses in text: dotted-quad IPv4 and RFC 4291 IPv6.
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted quad into out[0..4): exactly four decimal parts of 0..255.
bool ParseIpv4(const char* text, uint32_t length, uint8_t* out) {
  uint32_t at = 0;
  for (unsigned part = 0; part < 4; ++part) {
    if (part != 0) {
      if (at >= length || text[at] != '.') return false;
      ++at;
    }
    uint32_t value = 0, digits = 0;
    while (at < length && IsDigit(text[at]) && digits < 4) {
      value = value * 10 + (uint32_t)(text[at++] - '0');
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255) return false;
    out[part] = (uint8_t)value;
  }
  return at == length;
}

// RFC 4291 text form (with "::" and an optional trailing dotted quad).
bool ParseIpv6(const char* text, uint32_t length, uint8_t* out) {
  uint16_t groups[8] = {};
  int count = 0, gap = -1;
  uint32_t at = 0;
  if (length >= 2 && text[0] == ':' && text[1] == ':') {
    gap = 0;
    at = 2;
  }
  while (at < length) {
    if (count == 8) return false;
    // A trailing dotted quad fills the last two groups.
    uint32_t end = at;
    while (end < length && text[end] != ':') ++end;
    bool hasDot = false;
    for (uint32_t i = at; i < end; ++i) hasDot |= text[i] == '.';
    if (hasDot) {
      uint8_t quad[4];
      if (end != length || count > 6 || !ParseIpv4(text + at, end - at, quad)) return false;
      groups[count++] = (uint16_t)(quad[0] << 8 | quad[1]);
      groups[count++] = (uint16_t)(quad[2] << 8 | quad[3]);
      at = end;
      break;
    }
    if (end == at || end - at > 4) return false;
    uint32_t value = 0;
    for (uint32_t i = at; i < end; ++i) {
      int digit = HexValue(text[i]);
      if (digit < 0) return false;
      value = value * 16 + (uint32_t)digit;
    }
    groups[count++] = (uint16_t)value;
    at = end;
    if (at == length) break;
    ++at;  // the ':'
    if (at < length && text[at] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++at;
    } else if (at == length) {
      return false;  // a trailing single ':'
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count > 7) return false;
  int fill = 8 - count;
  for (int i = 0, g = 0; i < 8; ++i) {
    uint16_t value = 0;
    if (gap >= 0 && i >= gap && i < gap + fill)
      value = 0;
    else
      value = groups[g++];
    out[2 * i] = (uint8_t)(value >> 8);
    out[2 * i + 1] = (uint8_t)value;
  }
  return true;
}

}  // namespace

bool ParseIpAddress(const char* text, uint32_t length, IpAddress* address) {
  for (uint8_t& byte : address->bytes) byte = 0;
  address->isV6 = 0;
  if (ParseIpv4(text, length, address->bytes)) return true;
  address->isV6 = 1;
  if (length >= 2 && text[0] == '[' && text[length - 1] == ']') return ParseIpv6(text + 1, length - 2, address->bytes);
  return ParseIpv6(text, length, address->bytes);
}

bool IsValidHostName(const char* name, uint32_t length) {
  if (length == 0 || length > 254 || (length == 254 && name[253] != '.')) return false;
  uint32_t label = 0;
  for (uint32_t i = 0; i < length; ++i) {
    char c = name[i];
    if (c == '.') {
      if (label == 0 && !(i == length - 1 && i != 0)) return false;  // an empty label
      label = 0;
      continue;
    }
    bool ok = IsDigit(c) || (Lower(c) >= 'a' && Lower(c) <= 'z') || c == '-' || c == '_';
    if (!ok || ++label > 63) return false;
  }
  return true;
}

bool SameName(const char* a, uint32_t aLength, const char* b, uint32_t bLength) {
  if (aLength != bLength) return false;
  for (uint32_t i = 0; i < aLength; ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

void AddressList::add(const IpAddress& address) {
  for (uint32_t i = 0; i < count; ++i)
    if (items[i].isV6 == address.isV6 && __builtin_memcmp(items[i].bytes, address.bytes, 16) == 0) return;
  if (count < kMaxAddresses) items[count++] = address;
}

}  // namespace wacc_rt::dns
