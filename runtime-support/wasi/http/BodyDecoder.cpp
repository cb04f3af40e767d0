#include "wasi/http/BodyDecoder.h"

#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

// The end of the line starting the bytes (the offset of its CRLF), -1 when
// it is not all here, -2 for a bare LF or a CR not followed by LF.
long LineEnd(const uint8_t* data, uint32_t size) {
  for (uint32_t i = 0; i < size; ++i) {
    if (data[i] == '\n') return -2;
    if (data[i] == '\r') {
      if (i + 1 >= size) return -1;
      return data[i + 1] == '\n' ? (long)i : -2;
    }
  }
  return -1;
}

// chunk-size [ chunk-ext ]: the size, or -1.
int64_t ChunkSize(const uint8_t* line, uint32_t length) {
  uint64_t size = 0;
  uint32_t i = 0;
  for (; i < length; ++i) {
    uint8_t ch = line[i];
    int digit = ch >= '0' && ch <= '9'                                ? ch - '0'
                : (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10
                                                                      : -1;
    if (digit < 0) break;
    if (i >= 15) return -1;
    size = size * 16 + (uint64_t)digit;
  }
  if (i == 0) return -1;
  // chunk-ext: `;` and whatever follows, up to the line's end, printable.
  if (i < length && line[i] != ';' && line[i] != ' ' && line[i] != '\t') return -1;
  for (; i < length; ++i)
    if ((line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f) return -1;
  return (int64_t)size;
}

// A trailer field line: checked, and added to the trailers when kept.
bool AddTrailer(BodyDecoder& d, const uint8_t* line, uint32_t length) {
  uint32_t colon = 0;
  while (colon < length && line[colon] != ':') ++colon;
  if (colon == length || !ValidFieldName(reinterpret_cast<const char*>(line), colon)) return false;
  uint32_t from = colon + 1, to = length;
  while (from < to && (line[from] == ' ' || line[from] == '\t')) ++from;
  while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) --to;
  if (!ValidFieldValue(line + from, to - from)) return false;
  if (!d.keepTrailers) return true;
  if (!d.trailers) d.trailers = NewFieldsData();
  AppendField(d.trailers, reinterpret_cast<const char*>(line), colon, line + from, to - from);
  return true;
}

void Fail(BodyDecoder& d, BodyFailure why) {
  d.phase = BodyPhase::kFailed;
  d.failure = why;
}

}  // namespace

BodyDecoder StartBodyDecoder(const RequestHead& head, bool keepTrailers) {
  BodyDecoder d{};
  d.keepTrailers = keepTrailers;
  if (head.bodyKind == BodyKind::kChunked) {
    d.chunked = 1;
    d.phase = BodyPhase::kSizeLine;
  } else if (head.bodyKind == BodyKind::kLength) {
    d.phase = BodyPhase::kData;
    d.left = head.contentLength;
  } else {
    d.phase = BodyPhase::kDone;
  }
  return d;
}

uint32_t DecodeBody(BodyDecoder& d, const uint8_t* data, uint32_t size, uint32_t& consumed, uint8_t* out,
                    uint32_t max) {
  uint32_t pos = 0, produced = 0;
  for (;;) {
    if (d.phase == BodyPhase::kData) {
      uint64_t n = d.left;
      if (n > size - pos) n = size - pos;
      if (n > max - produced) n = max - produced;
      if (n == 0) break;
      if (out) __builtin_memcpy(out + produced, data + pos, n);
      produced += (uint32_t)n;
      pos += (uint32_t)n;
      d.left -= n;
      if (d.left == 0) d.phase = d.chunked ? BodyPhase::kDataEnd : BodyPhase::kDone;
    } else if (d.phase == BodyPhase::kDataEnd) {
      if (size - pos < 2) break;
      if (data[pos] != '\r' || data[pos + 1] != '\n') {
        Fail(d, BodyFailure::kMalformed);
        break;
      }
      pos += 2;
      d.phase = BodyPhase::kSizeLine;
    } else if (d.phase == BodyPhase::kSizeLine || d.phase == BodyPhase::kTrailers) {
      bool trailers = d.phase == BodyPhase::kTrailers;
      long end = LineEnd(data + pos, size - pos);
      if (end == -1) {
        // A line longer than any this server takes.
        if (size - pos > (trailers ? kMaxHeadBytes : 1024)) Fail(d, BodyFailure::kMalformed);
        break;
      }
      const uint8_t* line = data + pos;
      if (end < 0 || (!trailers && ChunkSize(line, (uint32_t)end) < 0)) {
        Fail(d, BodyFailure::kMalformed);
        break;
      }
      pos += (uint32_t)end + 2;
      if (trailers) {
        if (end == 0) {
          d.phase = BodyPhase::kDone;
          break;
        }
        if (++d.trailerCount > kMaxHeaders || !AddTrailer(d, line, (uint32_t)end)) {
          Fail(d, BodyFailure::kMalformed);
          break;
        }
        continue;
      }
      uint64_t chunk = (uint64_t)ChunkSize(line, (uint32_t)end);
      if (chunk == 0) {
        d.phase = BodyPhase::kTrailers;
        continue;
      }
      d.total += chunk;
      if (d.total > gMaxBodyBytes) {
        Fail(d, BodyFailure::kTooLarge);
        break;
      }
      d.left = chunk;
      d.phase = BodyPhase::kData;
    } else {
      break;  // kDone, kFailed
    }
  }
  consumed = pos;
  return produced;
}

uint32_t BodyBytesAhead(const BodyDecoder& d, uint32_t buffered, const uint8_t* peeked, uint32_t size) {
  switch (d.phase) {
    case BodyPhase::kData: return d.left > 0xffffffffu ? 0xffffffffu : (uint32_t)d.left;
    case BodyPhase::kDataEnd: return buffered < 2 ? 2 - buffered : 0;
    case BodyPhase::kSizeLine:
    case BodyPhase::kTrailers: {
      if (!peeked) return 0;
      for (uint32_t i = 0; i < size; ++i)
        if (peeked[i] == '\n') return i + 1;
      return size;
    }
    default: return 0;
  }
}

}  // namespace wacc_rt::http
