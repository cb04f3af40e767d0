// DNS messages (RFC 1035 section 4): building a query, and checking and
// reading an answer.
//
// An answer counts only if it is the answer to what was sent: the same id,
// the response bit, and the question echoed (name compared without regard
// to case, type and class). Anything else is a stray or forged datagram
// and is ignored, so the exchange keeps waiting for the real one. Names in
// the answer may be compressed (pointers into the message); a pointer must
// go backwards, and a name grows with every label read, so a loop of
// pointers ends at the name length limit.
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

constexpr uint16_t kClassIn = 1;
constexpr uint16_t kFlagResponse = 0x8000, kFlagTruncated = 0x0200, kFlagRecursionDesired = 0x0100;
constexpr uint32_t kHeaderSize = 12;
constexpr uint32_t kMaxNameText = 256;  // dotted, without the final dot, plus a NUL
constexpr uint32_t kMaxCnameHops = 16;

uint16_t Read16(const uint8_t* p) { return (uint16_t)(p[0] << 8 | p[1]); }
void Write16(uint8_t* p, uint16_t value) {
  p[0] = (uint8_t)(value >> 8);
  p[1] = (uint8_t)value;
}

// A name in text form: dotted, lower case, no final dot ("" is the root).
struct NameText {
  char text[kMaxNameText];
  uint32_t length;
  bool operator==(const NameText& other) const {
    return length == other.length && __builtin_memcmp(text, other.text, length) == 0;
  }
};

// Reads the name at `offset` into `name`; `offset` moves past it (past the
// first pointer when compressed). False when it is malformed.
bool ReadName(const uint8_t* message, uint32_t length, uint32_t& offset, NameText& name) {
  name.length = 0;
  uint32_t at = offset;
  bool jumped = false;
  for (;;) {
    if (at >= length) return false;
    uint8_t size = message[at];
    if ((size & 0xc0) == 0xc0) {
      if (at + 1 >= length) return false;
      uint32_t target = (uint32_t)(size & 0x3f) << 8 | message[at + 1];
      if (!jumped) offset = at + 2;
      jumped = true;
      if (target >= at) return false;  // only backwards: no loops
      at = target;
      continue;
    }
    if (size & 0xc0) return false;
    if (size == 0) {
      if (!jumped) offset = at + 1;
      name.text[name.length] = '\0';
      return true;
    }
    if (at + 1 + size > length || name.length + size + 2 > kMaxNameText) return false;
    if (name.length) name.text[name.length++] = '.';
    for (uint32_t i = 0; i < size; ++i) name.text[name.length++] = Lower((char)message[at + 1 + i]);
    at += 1 + size;
  }
}

struct Record {
  NameText owner;
  uint16_t type, klass;
  uint32_t data, dataLength;  // offset of the RDATA in the message
};

// Reads the resource record at `offset`, moving past it.
bool ReadRecord(const uint8_t* message, uint32_t length, uint32_t& offset, Record& record) {
  if (!ReadName(message, length, offset, record.owner) || offset + 10 > length) return false;
  record.type = Read16(message + offset);
  record.klass = Read16(message + offset + 2);
  record.dataLength = Read16(message + offset + 8);
  record.data = offset + 10;
  if (record.data + record.dataLength > length) return false;
  offset = record.data + record.dataLength;
  return true;
}

alignas(8) Record gRecord;
alignas(8) NameText gQueryName, gEchoName, gTarget;

}  // namespace

uint32_t BuildQuery(uint8_t* out, uint16_t id, const char* name, uint32_t length, uint16_t type) {
  if (length > 0 && name[length - 1] == '.') --length;
  Write16(out, id);
  Write16(out + 2, kFlagRecursionDesired);
  Write16(out + 4, 1);  // one question
  Write16(out + 6, 0);
  Write16(out + 8, 0);
  Write16(out + 10, 0);
  uint32_t at = kHeaderSize;
  uint32_t start = 0;
  while (start < length) {
    uint32_t end = start;
    while (end < length && name[end] != '.') ++end;
    uint32_t label = end - start;
    if (label == 0 || label > 63 || at - kHeaderSize + label + 2 > 255) return 0;
    out[at++] = (uint8_t)label;
    for (uint32_t i = 0; i < label; ++i) out[at++] = (uint8_t)name[start + i];
    start = end + 1;
  }
  out[at++] = 0;
  Write16(out + at, type);
  Write16(out + at + 2, kClassIn);
  return at + 4;
}

AnswerKind ParseAnswer(const uint8_t* message, uint32_t length, const uint8_t* query, uint32_t queryLength,
                       AddressList& out) {
  if (length < kHeaderSize || Read16(message) != Read16(query)) return AnswerKind::kMismatch;
  uint16_t flags = Read16(message + 2);
  if (!(flags & kFlagResponse)) return AnswerKind::kMismatch;
  // A server that cannot parse or will not answer the query may leave the
  // question out (FORMERR, NOTIMP, REFUSED with no question, as glibc
  // accepts them): the id, from the server's address, is all there is.
  uint16_t rcode = flags & 0xf;
  if (Read16(message + 4) == 0 && (rcode == 1 || rcode == 4 || rcode == 5)) return AnswerKind::kRefused;
  if (Read16(message + 4) != 1) return AnswerKind::kMismatch;
  // The question, echoed.
  uint32_t queryOffset = kHeaderSize, offset = kHeaderSize;
  if (!ReadName(query, queryLength, queryOffset, gQueryName) || !ReadName(message, length, offset, gEchoName) ||
      offset + 4 > length || !(gQueryName == gEchoName) ||
      __builtin_memcmp(message + offset, query + queryOffset, 4) != 0)
    return AnswerKind::kMismatch;
  uint16_t type = Read16(query + queryOffset);
  offset += 4;
  if (flags & kFlagTruncated) return AnswerKind::kTruncated;
  switch (rcode) {
    case 0: break;
    case 2: return AnswerKind::kServFail;
    case 3: return AnswerKind::kNxDomain;
    default: return AnswerKind::kRefused;
  }
  uint32_t answers = Read16(message + 6);
  uint32_t firstAnswer = offset;
  // Follow the CNAME chain from the question's name: the addresses are
  // those of the name at its end.
  NameText& current = gTarget;
  current = gQueryName;
  for (uint32_t hop = 0; hop < kMaxCnameHops; ++hop) {
    bool followed = false;
    offset = firstAnswer;
    for (uint32_t i = 0; i < answers && !followed; ++i) {
      if (!ReadRecord(message, length, offset, gRecord)) return AnswerKind::kMalformed;
      if (gRecord.type != kTypeCname || gRecord.klass != kClassIn || !(gRecord.owner == current)) continue;
      uint32_t data = gRecord.data;
      if (!ReadName(message, gRecord.data + gRecord.dataLength, data, current)) return AnswerKind::kMalformed;
      followed = true;
    }
    if (!followed) break;
  }
  uint32_t size = type == kTypeA ? 4 : 16;
  uint32_t found = 0;
  offset = firstAnswer;
  for (uint32_t i = 0; i < answers; ++i) {
    if (!ReadRecord(message, length, offset, gRecord)) return AnswerKind::kMalformed;
    if (gRecord.type != type || gRecord.klass != kClassIn || gRecord.dataLength != size || !(gRecord.owner == current))
      continue;
    IpAddress address{};
    address.isV6 = type == kTypeAaaa;
    __builtin_memcpy(address.bytes, message + gRecord.data, size);
    out.add(address);
    ++found;
  }
  return found ? AnswerKind::kAddresses : AnswerKind::kNoData;
}

}  // namespace wacc_rt::dns
