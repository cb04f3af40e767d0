#include "wasi/http/RequestParser.h"

#include "wasi/http/Http.h"

namespace wacc_rt::http {

uint64_t gMaxBodyBytes = kMaxBodyBytes;

namespace {

char Lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : (char)c; }

bool EqualsIgnoreCase(const uint8_t* text, uint32_t length, const char* lower) {
  uint32_t i = 0;
  for (; i < length && lower[i]; ++i)
    if (Lower(text[i]) != lower[i]) return false;
  return i == length && lower[i] == 0;
}

bool IsTokenChar(uint8_t c) { return ValidFieldName(reinterpret_cast<const char*>(&c), 1); }

// Whether a comma-separated list (Connection) holds `token`.
bool ListHas(const uint8_t* text, uint32_t length, const char* token) {
  uint32_t i = 0;
  while (i < length) {
    while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    uint32_t start = i;
    while (i < length && text[i] != ',' && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start && EqualsIgnoreCase(text + start, i - start, token)) return true;
  }
  return false;
}

// The end of the line starting at `pos` (the index of its CR), or -1 when
// incomplete; -2 for a bare LF or CR not followed by LF.
long LineEnd(const uint8_t* data, size_t size, size_t pos) {
  for (size_t i = pos; i < size; ++i) {
    if (data[i] == '\n') return -2;
    if (data[i] == '\r') {
      if (i + 1 >= size) return -1;
      return data[i + 1] == '\n' ? (long)i : -2;
    }
  }
  return -1;
}

// One "name: value" field line in [start, end); false if malformed.
bool ParseFieldLine(const uint8_t* data, size_t start, size_t end, Span& name, Span& value) {
  size_t i = start;
  while (i < end && IsTokenChar(data[i])) ++i;
  if (i == start || i >= end || data[i] != ':') return false;  // also rejects space before ':'
  name = Span{(uint32_t)start, (uint32_t)(i - start)};
  ++i;
  while (i < end && (data[i] == ' ' || data[i] == '\t')) ++i;
  size_t valueEnd = end;
  while (valueEnd > i && (data[valueEnd - 1] == ' ' || data[valueEnd - 1] == '\t')) --valueEnd;
  for (size_t j = i; j < valueEnd; ++j) {
    uint8_t c = data[j];
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  value = Span{(uint32_t)i, (uint32_t)(valueEnd - i)};
  return true;
}

bool ParseDecimal(const uint8_t* text, uint32_t length, uint64_t& out) {
  if (length == 0 || length > 18) return false;
  out = 0;
  for (uint32_t i = 0; i < length; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

int HexDigit(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ParseResult ParseRequestHead(const uint8_t* data, size_t size, RequestHead& head) {
  size_t limit = size < kMaxHeadBytes ? size : kMaxHeadBytes;
  size_t pos = 0;
  // RFC 9112 2.2: a server should ignore empty lines before the request line.
  while (pos + 1 < limit && data[pos] == '\r' && data[pos + 1] == '\n') pos += 2;
  long end = LineEnd(data, limit, pos);
  if (end == -2) return ParseResult::kBad;
  if (end == -1) return size >= kMaxHeadBytes ? ParseResult::kBad : ParseResult::kIncomplete;

  // request-line = method SP request-target SP HTTP-version
  size_t i = pos;
  while (i < (size_t)end && IsTokenChar(data[i])) ++i;
  if (i == pos || i >= (size_t)end || data[i] != ' ') return ParseResult::kBad;
  head.method = Span{(uint32_t)pos, (uint32_t)(i - pos)};
  size_t targetStart = ++i;
  while (i < (size_t)end && data[i] > ' ' && data[i] != 0x7f) ++i;
  if (i == targetStart || i >= (size_t)end || data[i] != ' ') return ParseResult::kBad;
  head.target = Span{(uint32_t)targetStart, (uint32_t)(i - targetStart)};
  ++i;
  static const char kVersion[] = "HTTP/1.";
  if ((size_t)end - i != 8) return ParseResult::kBad;
  for (size_t k = 0; k < 7; ++k)
    if (data[i + k] != (uint8_t)kVersion[k]) return ParseResult::kBad;
  if (data[i + 7] != '0' && data[i + 7] != '1') return ParseResult::kBad;
  head.minorVersion = (uint8_t)(data[i + 7] - '0');

  head.headerCount = 0;
  head.host = -1;
  head.bodyKind = BodyKind::kNone;
  head.contentLength = 0;
  head.expectContinue = 0;
  bool close = false, keepAlive = false, chunked = false, haveLength = false;
  pos = (size_t)end + 2;
  for (;;) {
    end = LineEnd(data, limit, pos);
    if (end == -2) return ParseResult::kBad;
    if (end == -1) return size >= kMaxHeadBytes ? ParseResult::kBad : ParseResult::kIncomplete;
    if ((size_t)end == pos) break;  // the empty line
    // obs-fold (a continuation line) is rejected, as RFC 9112 5.2 allows.
    if (data[pos] == ' ' || data[pos] == '\t') return ParseResult::kBad;
    if (head.headerCount == kMaxHeaders) return ParseResult::kBad;
    ParsedHeader& h = head.headers[head.headerCount];
    if (!ParseFieldLine(data, pos, (size_t)end, h.name, h.value)) return ParseResult::kBad;
    const uint8_t* name = data + h.name.offset;
    const uint8_t* value = data + h.value.offset;
    if (EqualsIgnoreCase(name, h.name.length, "content-length")) {
      uint64_t length;
      if (!ParseDecimal(value, h.value.length, length)) return ParseResult::kBad;
      if (haveLength && length != head.contentLength) return ParseResult::kBad;
      haveLength = true;
      head.contentLength = length;
    } else if (EqualsIgnoreCase(name, h.name.length, "transfer-encoding")) {
      // Only `chunked` alone, once, and only in HTTP/1.1.
      if (chunked || head.minorVersion == 0 || !EqualsIgnoreCase(value, h.value.length, "chunked"))
        return ParseResult::kBad;
      chunked = true;
    } else if (EqualsIgnoreCase(name, h.name.length, "host")) {
      if (head.host >= 0) return ParseResult::kBad;
      head.host = (int32_t)head.headerCount;
    } else if (EqualsIgnoreCase(name, h.name.length, "connection")) {
      close |= ListHas(value, h.value.length, "close");
      keepAlive |= ListHas(value, h.value.length, "keep-alive");
    } else if (EqualsIgnoreCase(name, h.name.length, "expect")) {
      if (!EqualsIgnoreCase(value, h.value.length, "100-continue")) return ParseResult::kBad;
      head.expectContinue = 1;
    }
    ++head.headerCount;
    pos = (size_t)end + 2;
  }
  if (chunked && haveLength) return ParseResult::kBad;                    // RFC 9112 6.3: request smuggling
  if (head.minorVersion == 1 && head.host < 0) return ParseResult::kBad;  // RFC 9112 3.2
  head.headLength = (uint32_t)end + 2;
  // HTTP/1.1 keeps the connection unless told to close; 1.0 only when asked.
  head.keepAlive = !close && (head.minorVersion == 1 || keepAlive);
  if (chunked)
    head.bodyKind = BodyKind::kChunked;
  else if (haveLength && head.contentLength > 0)
    head.bodyKind = BodyKind::kLength;
  if (head.bodyKind == BodyKind::kLength && head.contentLength > gMaxBodyBytes) return ParseResult::kTooLarge;
  return ParseResult::kComplete;
}

ParseResult ParseRequestBody(const uint8_t* data, size_t size, const RequestHead& head, size_t& consumed,
                             ByteBuffer* body,
                             void (*trailer)(void*, const uint8_t*, uint32_t, const uint8_t*, uint32_t),
                             void* context) {
  if (head.bodyKind == BodyKind::kNone) {
    consumed = 0;
    return ParseResult::kComplete;
  }
  if (head.bodyKind == BodyKind::kLength) {
    if (size < head.contentLength) return ParseResult::kIncomplete;
    if (body) body->append(data, head.contentLength);
    consumed = head.contentLength;
    return ParseResult::kComplete;
  }
  // chunked-body = *chunk last-chunk trailer-section CRLF
  size_t pos = 0;
  uint64_t total = 0;
  for (;;) {
    long end = LineEnd(data, size, pos);
    if (end == -2) return ParseResult::kBad;
    if (end == -1) return size - pos > 1024 ? ParseResult::kBad : ParseResult::kIncomplete;
    size_t i = pos;
    uint64_t chunk = 0;
    while (i < (size_t)end && HexDigit(data[i]) >= 0) {
      if (i - pos >= 15) return ParseResult::kBad;
      chunk = chunk * 16 + (uint64_t)HexDigit(data[i]);
      ++i;
    }
    if (i == pos) return ParseResult::kBad;
    // chunk-ext: `;` and whatever follows, up to the line's end, printable.
    if (i < (size_t)end) {
      if (data[i] != ';' && data[i] != ' ' && data[i] != '\t') return ParseResult::kBad;
      for (size_t j = i; j < (size_t)end; ++j)
        if ((data[j] < 0x20 && data[j] != '\t') || data[j] == 0x7f) return ParseResult::kBad;
    }
    pos = (size_t)end + 2;
    if (chunk == 0) break;
    total += chunk;
    if (total > gMaxBodyBytes) return ParseResult::kTooLarge;
    if (size - pos < chunk + 2) return ParseResult::kIncomplete;
    if (data[pos + chunk] != '\r' || data[pos + chunk + 1] != '\n') return ParseResult::kBad;
    if (body) body->append(data + pos, chunk);
    pos += chunk + 2;
  }
  // The trailer section: field lines, then the empty line.
  for (uint32_t count = 0;; ++count) {
    long end = LineEnd(data, size, pos);
    if (end == -2) return ParseResult::kBad;
    if (end == -1) return size - pos > kMaxHeadBytes ? ParseResult::kBad : ParseResult::kIncomplete;
    if ((size_t)end == pos) break;
    if (count == kMaxHeaders) return ParseResult::kBad;
    Span name, value;
    if (!ParseFieldLine(data, pos, (size_t)end, name, value)) return ParseResult::kBad;
    if (trailer) trailer(context, data + name.offset, name.length, data + value.offset, value.length);
    pos = (size_t)end + 2;
  }
  consumed = pos + 2;
  return ParseResult::kComplete;
}

}  // namespace wacc_rt::http
