// The HTTP/1.1 server a wasi:http/proxy component compiles to: wacc_main
// instantiates the component and calls wacc_rt_http_serve with its
// incoming-handler (Runtime.h).
//
// How it works. One process, the *server*, owns the listening socket and
// every connection, in an epoll loop of its own (this file; the async
// runtime's ppoll loop in core/Async.cpp serves WASI 0.3 tasks, not
// sockets by the thousand). It reads requests, parses them strictly
// (RequestParser.h: 400 for a malformed head, an oversized head or a
// truncated chunked body, 413 past the body limit), and writes responses,
// with keep-alive and pipelining.
//
// Each complete request runs in a *worker*: a child forked from the server
// at that moment. The server never calls the guest, so its copy of the
// instance is always the state right after instantiation, and each worker
// starts from exactly that state (copy-on-write) — the per-request
// isolation `wasmtime serve` gives 0.2 handlers with a fresh instance per
// request, without the compiler enumerating memories and globals to reset.
// The worker builds the incoming-request from the parsed request (already in
// its memory: nothing is sent to it), calls the handler, serialises the
// response (whole: bodies are buffers, wasi/http/Bodies.cpp, so it is sent
// with a Content-Length) into a pipe and exits. A trap ends only the worker;
// the server sees no response (or a non-zero exit) and answers 500, and
// carries on. The cost is one fork per request (the page tables of the
// instance, copied lazily): README "wasi:http" has the figures.
//
// SIGINT and SIGTERM arrive through a signalfd: the server stops accepting,
// lets the requests in flight finish and their responses drain, and exits 0.
#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"
#include "wasi/Linux.h"
#include "wasi/http/Http.h"
#include "wasi/http/RequestParser.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

using arch::EpollEvent;
using arch::kSysClone, arch::kSysEpollCreate1, arch::kSysEpollCtl, arch::kSysEpollPwait, arch::kSysPipe2,
    arch::kSysSignalfd4, arch::kSysWait4;

constexpr uint32_t kEpollIn = 0x1, kEpollOut = 0x4, kEpollErr = 0x8, kEpollHup = 0x10;
constexpr int kNonBlock = 04000, kCloexec = 02000000;
constexpr int kSigint = 2, kSigterm = 15, kSigchld = 17;
constexpr int kSolSocket = 1, kSoReuseaddr = 2, kIpprotoTcp = 6, kTcpNodelay = 1;
constexpr int kMsgNosignal = 0x4000;

// At most this many workers at once; further requests wait their turn.
constexpr uint32_t kMaxWorkers = 64;
// A connection stops reading while this much is buffered and unparsed.
constexpr uint32_t kMaxBuffered = kMaxHeadBytes + kMaxBodyBytes + 64 * 1024;

// epoll data: what the descriptor is, and the descriptor.
enum Tag : uint64_t { kListener = 0, kClient = 1, kWorkerPipe = 2, kSignals = 3 };
uint64_t EventData(Tag tag, int fd) { return ((uint64_t)tag << 32) | (uint32_t)fd; }

struct Connection {
  int fd;               // -1: the slot is free
  uint32_t generation;  // tells a reused slot from the connection a worker served
  uint8_t open;         // still reading requests
  uint8_t closeAfterResponse;
  uint8_t sentContinue;
  uint8_t queued;    // waiting for a worker slot
  uint8_t busy;      // a worker runs its request
  uint32_t watched;  // the epoll events registered
  ByteBuffer in;     // received, not yet consumed
  ByteBuffer out;    // to send
  uint32_t outSent;
};

// A worker, by the descriptor of the pipe it answers through.
struct Worker {
  int pid;  // 0: the slot is free
  int client;
  uint32_t generation;
  ByteBuffer out;
};

struct Server {
  void (*handler)(uint32_t, uint32_t);
  int epoll, listener, signals;
  uint8_t stopping;
  uint32_t workers;
  uint32_t generations;
  Connection* connections;  // indexed by descriptor
  uint32_t capacity;
  Worker* workerTable;  // indexed by pipe descriptor
  uint32_t workerCapacity;
  int* queue;  // connections waiting for a worker, FIFO
  uint32_t queueHead, queueSize, queueCapacity;
  uint32_t live;  // open connections
};

Server gServer;

[[noreturn]] void Fail(const char* what, long error) {
  MessageBuffer m;
  m.append("wacc: http server: ").append(what);
  if (error < 0) m.append(" (errno ").appendDecimal((uint64_t)-error).append(")");
  m.append("\n").writeTo(2);
  SysExitGroup(1);
}

void Watch(int fd, Tag tag, uint32_t events, int op) {
  EpollEvent e{events, EventData(tag, fd)};
  long r = Sys(kSysEpollCtl, gServer.epoll, op, fd, (long)&e);
  if (r < 0 && op != kEpollCtlDel) Fail("epoll_ctl", r);
}

template <typename T>
void GrowArray(T*& array, uint32_t& capacity, uint32_t index, T fill) {
  if (index < capacity) return;
  uint32_t grown = capacity ? capacity : 64;
  while (grown <= index) grown *= 2;
  T* bigger = static_cast<T*>(HeapAllocate(grown * sizeof(T)));
  for (uint32_t i = 0; i < capacity; ++i) bigger[i] = array[i];
  for (uint32_t i = capacity; i < grown; ++i) bigger[i] = fill;
  HeapFree(array, capacity * sizeof(T));
  array = bigger;
  capacity = grown;
}

Connection& connection(int fd) { return gServer.connections[fd]; }

// ---- responses ----------------------------------------------------------------

const char* ReasonPhrase(uint32_t status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 418: return "I'm a teapot";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

void AppendText(ByteBuffer& out, const char* text) { out.append(text, StringLength(text)); }

void AppendDecimal(ByteBuffer& out, uint64_t value) {
  char digits[24];
  int n = 0;
  do digits[n++] = (char)('0' + value % 10);
  while ((value /= 10) != 0);
  uint8_t* at = out.reserve(n);
  for (int i = 0; i < n; ++i) at[i] = (uint8_t)digits[n - 1 - i];
  out.size += n;
}

void AppendStatusLine(ByteBuffer& out, uint32_t status) {
  AppendText(out, "HTTP/1.1 ");
  AppendDecimal(out, status);
  AppendText(out, " ");
  AppendText(out, ReasonPhrase(status));
  AppendText(out, "\r\n");
}

// A response of the server's own (errors), with a short text body.
void AppendPlainResponse(ByteBuffer& out, uint32_t status, const char* body, bool close) {
  AppendStatusLine(out, status);
  AppendText(out, "content-type: text/plain; charset=utf-8\r\ncontent-length: ");
  uint32_t length = (uint32_t)StringLength(body);
  AppendDecimal(out, length);
  AppendText(out, close ? "\r\nconnection: close\r\n\r\n" : "\r\n\r\n");
  out.append(body, length);
}

bool NameIs(const FieldsData* fields, const FieldEntry& e, const char* lower) {
  uint32_t n = (uint32_t)StringLength(lower);
  return e.nameLength == n && BytesEqual(fields->name(e), lower, n);
}

// The guest's response as bytes: its headers (but the framing ones, which
// are the server's: content-length, connection), then the whole body.
void SerializeResponse(const ResponseSlot& slot, bool head, bool close, ByteBuffer& out) {
  AppendStatusLine(out, slot.status);
  bool guestLength = false;
  if (const FieldsData* fields = slot.headers) {
    for (uint32_t i = 0; i < fields->count(); ++i) {
      const FieldEntry& e = *fields->at(i);
      if (NameIs(fields, e, "connection")) continue;
      if (NameIs(fields, e, "content-length")) {
        // A HEAD response may announce the length a GET would have.
        if (!head) continue;
        guestLength = true;
      }
      out.append(fields->name(e), e.nameLength);
      AppendText(out, ": ");
      out.append(fields->value(e), e.valueLength);
      AppendText(out, "\r\n");
    }
  }
  uint32_t bodyLength = slot.body ? slot.body->bytes.size : 0;
  bool noBody = slot.status == 204 || slot.status == 304 || (slot.status >= 100 && slot.status < 200);
  if (!noBody && !guestLength) {
    AppendText(out, "content-length: ");
    AppendDecimal(out, bodyLength);
    AppendText(out, "\r\n");
  }
  if (close) AppendText(out, "connection: close\r\n");
  AppendText(out, "\r\n");
  if (!head && !noBody && bodyLength) out.append(slot.body->bytes.data, bodyLength);
}

// ---- requests -------------------------------------------------------------------

Method MethodOf(const uint8_t* text, uint32_t length) {
  static const char* const kNames[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  for (uint32_t m = 0; m < 9; ++m)
    if (StringLength(kNames[m]) == length && BytesEqual(kNames[m], text, length)) return (Method)m;
  return kOtherMethod;
}

void AddTrailer(void* context, const uint8_t* name, uint32_t nameLength, const uint8_t* value, uint32_t valueLength) {
  auto* body = static_cast<BodyData*>(context);
  if (!body->trailers) body->trailers = NewFieldsData();
  AppendField(body->trailers, reinterpret_cast<const char*>(name), nameLength, value, valueLength);
}

// The request as the guest sees it: the target's path (an absolute-form
// target gives its authority and path), scheme http, the Host header as
// the authority, every header, and the decoded body.
RequestData* BuildRequest(const uint8_t* data, const RequestHead& head, const uint8_t* bodyBytes, size_t available) {
  RequestData* r = NewRequestData();
  const uint8_t* method = data + head.method.offset;
  r->method = MethodOf(method, head.method.length);
  if (r->method == kOtherMethod) r->otherMethod.append(method, head.method.length);
  r->hasScheme = 1;
  r->scheme = kHttp;
  const uint8_t* target = data + head.target.offset;
  uint32_t targetLength = head.target.length;
  static const char kHttpPrefix[] = "http://";
  if (targetLength > 7 && BytesEqual(target, kHttpPrefix, 7)) {
    uint32_t i = 7;
    while (i < targetLength && target[i] != '/' && target[i] != '?') ++i;
    r->hasAuthority = 1;
    r->authority.append(target + 7, i - 7);
    r->path.append(target + i, targetLength - i);
    if (i == targetLength || target[i] == '?') {
      r->path.clear();
      AppendText(r->path, "/");
      r->path.append(target + i, targetLength - i);
    }
  } else {
    r->path.append(target, targetLength);
  }
  r->hasPath = 1;
  r->headers = NewFieldsData();
  for (uint32_t i = 0; i < head.headerCount; ++i) {
    const ParsedHeader& h = head.headers[i];
    AppendField(r->headers, reinterpret_cast<const char*>(data + h.name.offset), h.name.length, data + h.value.offset,
                h.value.length);
  }
  if (!r->hasAuthority && head.host >= 0) {
    const ParsedHeader& h = head.headers[head.host];
    r->hasAuthority = 1;
    r->authority.append(data + h.value.offset, h.value.length);
  }
  r->body = NewBodyData();
  size_t consumed;
  ParseRequestBody(bodyBytes, available, head, consumed, &r->body->bytes, AddTrailer, r->body);
  r->body->finished = 1;
  return r;
}

// ---- connections -------------------------------------------------------------------

void UpdateWatch(Connection& c) {
  uint32_t events = 0;
  if (c.open && c.in.size < kMaxBuffered) events |= kEpollIn;
  if (c.out.size > c.outSent) events |= kEpollOut;
  if (events != c.watched) {
    Watch(c.fd, kClient, events, kEpollCtlMod);
    c.watched = events;
  }
}

void CloseConnection(Connection& c) {
  Sys(kSysEpollCtl, gServer.epoll, kEpollCtlDel, c.fd, 0);
  CloseFd(c.fd);
  c.in.release();
  c.out.release();
  c.fd = -1;
  --gServer.live;
}

// Sends what is pending; closes the connection when it is done with.
// Returns false when the connection was closed.
bool Flush(Connection& c) {
  while (c.out.size > c.outSent) {
    long sent = RetryInterrupted([&] {
      return Sys(arch::kSysSendto, c.fd, (long)(c.out.data + c.outSent), c.out.size - c.outSent, kMsgNosignal, 0, 0);
    });
    if (sent == -kEagain) break;
    if (sent <= 0) {
      CloseConnection(c);
      return false;
    }
    c.outSent += (uint32_t)sent;
  }
  if (c.out.size == c.outSent) {
    c.out.clear();
    c.outSent = 0;
    if (c.closeAfterResponse && !c.busy && !c.queued) {
      CloseConnection(c);
      return false;
    }
  }
  UpdateWatch(c);
  return true;
}

void Consume(ByteBuffer& buffer, size_t count) {
  if (count >= buffer.size) {
    buffer.size = 0;
    return;
  }
  __builtin_memmove(buffer.data, buffer.data + count, buffer.size - count);
  buffer.size -= (uint32_t)count;
}

// Answers with the server's own error and stops reading the connection.
void Reject(Connection& c, uint32_t status, const char* text) {
  AppendPlainResponse(c.out, status, text, true);
  c.open = 0;
  c.closeAfterResponse = 1;
  c.in.clear();
}

void StartWorker(Connection& c, const RequestHead& head, size_t bodyBytes);

// Parses and dispatches the next complete request, if any and if the
// connection has no request in flight.
void Advance(Connection& c) {
  if (c.busy || c.queued || c.in.size == 0) return;
  static RequestHead head;  // large (the header table): not on the stack
  ParseResult r = ParseRequestHead(c.in.data, c.in.size, head);
  if (r == ParseResult::kIncomplete) return;
  if (r == ParseResult::kBad) return Reject(c, 400, "bad request\n");
  if (r == ParseResult::kTooLarge) return Reject(c, 413, "request body too large\n");
  size_t consumed;
  r = ParseRequestBody(c.in.data + head.headLength, c.in.size - head.headLength, head, consumed, nullptr, nullptr,
                       nullptr);
  if (r == ParseResult::kBad) return Reject(c, 400, "bad request body\n");
  if (r == ParseResult::kTooLarge) return Reject(c, 413, "request body too large\n");
  if (r == ParseResult::kIncomplete) {
    if (head.expectContinue && !c.sentContinue) {
      AppendText(c.out, "HTTP/1.1 100 Continue\r\n\r\n");
      c.sentContinue = 1;
    }
    return;
  }
  if (gServer.workers >= kMaxWorkers) {
    // Compacted before it grows, so the order survives.
    if (gServer.queueHead != 0) {
      for (uint32_t i = 0; i < gServer.queueSize; ++i) gServer.queue[i] = gServer.queue[gServer.queueHead + i];
      gServer.queueHead = 0;
    }
    GrowArray(gServer.queue, gServer.queueCapacity, gServer.queueSize, -1);
    gServer.queue[gServer.queueSize++] = c.fd;
    c.queued = 1;
    return;
  }
  StartWorker(c, head, consumed);
}

[[noreturn]] void RunWorker(RequestData* request, bool head, bool close, int pipe) {
  ResponseSlot slot{};
  uint32_t requestRep = NewIncomingRequest(request);
  uint32_t outparam = NewResponseOutparam(&slot);
  gServer.handler(requestRep, outparam);
  if (!slot.set || slot.isError) SysExitGroup(1);
  ByteBuffer out{};
  SerializeResponse(slot, head, close, out);
  SysExitGroup(WriteAll(pipe, out.data, out.size) == 0 ? 0 : 1);
}

void StartWorker(Connection& c, const RequestHead& head, size_t bodyBytes) {
  RequestData* request = BuildRequest(c.in.data, head, c.in.data + head.headLength, bodyBytes);
  bool isHead = request->method == kHead;
  Consume(c.in, head.headLength + bodyBytes);
  if (!head.keepAlive || gServer.stopping) {
    c.closeAfterResponse = 1;
    c.open = 0;
    c.in.clear();  // nothing after a last request is read
  }
  c.sentContinue = 0;
  int pipe[2];
  long r = Sys(kSysPipe2, (long)pipe, kCloexec);
  if (r < 0) Fail("pipe2", r);
  long pid = Sys(kSysClone, kSigchld, 0, 0, 0, 0);
  if (pid == 0) {
    CloseFd(pipe[0]);
    RunWorker(request, isHead, c.closeAfterResponse, pipe[1]);
  }
  CloseFd(pipe[1]);
  FreeRequestData(request);
  if (pid < 0) {
    CloseFd(pipe[0]);
    AppendPlainResponse(c.out, 503, "cannot start a worker\n", c.closeAfterResponse);
    return;
  }
  Sys(arch::kSysFcntl, pipe[0], 4 /* F_SETFL */, kNonBlock);
  c.busy = 1;
  ++gServer.workers;
  GrowArray(gServer.workerTable, gServer.workerCapacity, (uint32_t)pipe[0], Worker{});
  gServer.workerTable[pipe[0]] = Worker{(int)pid, c.fd, c.generation, {}};
  Watch(pipe[0], kWorkerPipe, kEpollIn, kEpollCtlAdd);
}

void StartQueued() {
  while (gServer.queueSize > 0 && gServer.workers < kMaxWorkers) {
    int fd = gServer.queue[gServer.queueHead++];
    --gServer.queueSize;
    if (gServer.queueSize == 0) gServer.queueHead = 0;
    Connection& c = connection(fd);
    if (c.fd != fd || !c.queued) continue;
    c.queued = 0;
    Advance(c);
    Flush(c);
  }
}

// The worker's pipe is at its end: reap the worker and send its response,
// or a 500 if it trapped or answered nothing.
void FinishWorker(int pipe) {
  // A copy: what runs next may grow the table.
  Worker w = gServer.workerTable[pipe];
  gServer.workerTable[pipe] = Worker{};
  Sys(kSysEpollCtl, gServer.epoll, kEpollCtlDel, pipe, 0);
  CloseFd(pipe);
  int status = 0;
  long r = RetryInterrupted([&] { return Sys(kSysWait4, w.pid, (long)&status, 0, 0); });
  bool ok = r > 0 && (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0 && w.out.size > 0;
  --gServer.workers;
  Connection& c = connection(w.client);
  if (c.fd == w.client && c.generation == w.generation) {  // else the client went away meanwhile
    c.busy = 0;
    if (ok) {
      c.out.append(w.out.data, w.out.size);
    } else {
      AppendPlainResponse(c.out, 500, "internal server error\n", c.closeAfterResponse);
    }
    if (Flush(c)) {
      Advance(c);
      Flush(c);
    }
  }
  w.out.release();
}

void OnWorkerPipe(int pipe) {
  Worker& w = gServer.workerTable[pipe];
  for (;;) {
    uint8_t* at = w.out.reserve(64 * 1024);
    long got = RetryInterrupted([&] { return SysRead(pipe, at, 64 * 1024); });
    if (got > 0) {
      w.out.size += (uint32_t)got;
      continue;
    }
    if (got == -kEagain) return;
    break;  // end of file (or an error): the worker is done
  }
  FinishWorker(pipe);
  StartQueued();
}

void OnClient(int fd, uint32_t events) {
  Connection& c = connection(fd);
  if (c.fd != fd) return;
  if (events & kEpollOut) {
    if (!Flush(c)) return;
  }
  if ((events & (kEpollIn | kEpollHup | kEpollErr)) && c.open) {
    bool eof = false;
    while (c.in.size < kMaxBuffered) {
      uint8_t* at = c.in.reserve(16 * 1024);
      long got = RetryInterrupted([&] { return SysRead(fd, at, 16 * 1024); });
      if (got > 0) {
        c.in.size += (uint32_t)got;
        continue;
      }
      if (got == -kEagain) break;
      eof = true;
      break;
    }
    Advance(c);
    if (eof) {
      // Bytes of a request that never completed (a truncated chunked body,
      // a cut-off head) get a 400; a clean end just closes.
      if (!c.busy && !c.queued && c.in.size > 0 && c.open) Reject(c, 400, "incomplete request\n");
      c.open = 0;
      c.closeAfterResponse = 1;
    }
  }
  Flush(c);
}

void Accept() {
  for (;;) {
    long fd = Sys(arch::kSysAccept4, gServer.listener, 0, 0, kNonBlock | kCloexec);
    if (fd < 0) return;
    int one = 1;
    Sys(arch::kSysSetsockopt, fd, kIpprotoTcp, kTcpNodelay, (long)&one, sizeof one);
    GrowArray(gServer.connections, gServer.capacity, (uint32_t)fd, Connection{-1, 0, 0, 0, 0, 0, 0, 0, {}, {}, 0});
    Connection& c = connection((int)fd);
    c = Connection{(int)fd, ++gServer.generations, 1, 0, 0, 0, 0, kEpollIn, {}, {}, 0};
    ++gServer.live;
    Watch((int)fd, kClient, kEpollIn, kEpollCtlAdd);
  }
}

void Stop() {
  gServer.stopping = 1;
  if (gServer.listener >= 0) {
    Sys(kSysEpollCtl, gServer.epoll, kEpollCtlDel, gServer.listener, 0);
    CloseFd(gServer.listener);
    gServer.listener = -1;
  }
  // Idle connections close now; busy ones after their response.
  for (uint32_t fd = 0; fd < gServer.capacity; ++fd) {
    Connection& c = gServer.connections[fd];
    if (c.fd < 0) continue;
    c.open = 0;
    c.closeAfterResponse = 1;
    if (!c.busy && !c.queued) Flush(c);
  }
}

// ---- start-up ---------------------------------------------------------------------------

[[noreturn]] void Usage(const char* problem) {
  MessageBuffer m;
  m.append("wacc: http server: ").append(problem).append("\nusage: ");
  const char* const* argv = wacc_rt_argv();
  m.append(argv && argv[0] ? argv[0] : "server").append(" [--addr HOST:PORT]   (default 127.0.0.1:8080)\n");
  m.writeTo(2);
  SysExitGroup(2);
}

void Listen() {
  const char* addr = "127.0.0.1:8080";
  int32_t argc = wacc_rt_argc();
  const char* const* argv = wacc_rt_argv();
  for (int32_t i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (StringLength(a) > 7 && BytesEqual(a, "--addr=", 7)) {
      addr = a + 7;
    } else if (StringLength(a) == 6 && BytesEqual(a, "--addr", 6)) {
      if (i + 1 >= argc) Usage("--addr needs HOST:PORT");
      addr = argv[++i];
    } else {
      Usage("unknown argument");
    }
  }
  SockaddrIn address;
  if (!ParseHostPort(addr, (uint32_t)StringLength(addr), 0, address)) Usage("--addr must be an IPv4 HOST:PORT");
  long fd = Sys(arch::kSysSocket, 2 /* AF_INET */, 1 /* SOCK_STREAM */ | kNonBlock | kCloexec, 0);
  if (fd < 0) Fail("socket", fd);
  int one = 1;
  Sys(arch::kSysSetsockopt, fd, kSolSocket, kSoReuseaddr, (long)&one, sizeof one);
  long r = Sys(arch::kSysBind, fd, (long)&address, sizeof address);
  if (r < 0) Fail("cannot bind the address", r);
  r = Sys(arch::kSysListen, fd, 1024);
  if (r < 0) Fail("listen", r);
  uint32_t length = sizeof address;
  Sys(arch::kSysGetsockname, fd, (long)&address, (long)&length);
  gServer.listener = (int)fd;

  // As `wasmtime serve` says it (on stderr).
  MessageBuffer m;
  const uint8_t* ip = address.address;
  m.append("Serving HTTP on http://");
  for (int i = 0; i < 4; ++i) m.appendDecimal(ip[i]).append(i < 3 ? "." : ":");
  m.appendDecimal((uint32_t)((address.port >> 8) | ((address.port & 0xff) << 8))).append("/\n");
  m.writeTo(2);
}

}  // namespace
}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" int32_t wacc_rt_http_serve(void (*handler)(uint32_t request, uint32_t response_out)) {
  gServer.handler = handler;
  gServer.listener = -1;
  long epoll = Sys(kSysEpollCreate1, kCloexec);
  if (epoll < 0) Fail("epoll_create1", epoll);
  gServer.epoll = (int)epoll;
  Listen();
  Watch(gServer.listener, kListener, kEpollIn, kEpollCtlAdd);

  // SIGINT and SIGTERM as events; workers inherit the mask and never look.
  uint64_t mask = (1ull << (kSigint - 1)) | (1ull << (kSigterm - 1));
  Sys(arch::kSysRtSigprocmask, 0 /* SIG_BLOCK */, (long)&mask, 0, 8);
  long signals = Sys(kSysSignalfd4, -1, (long)&mask, 8, kNonBlock | kCloexec);
  if (signals < 0) Fail("signalfd", signals);
  gServer.signals = (int)signals;
  Watch(gServer.signals, kSignals, kEpollIn, kEpollCtlAdd);

  EpollEvent events[64];
  while (!gServer.stopping || gServer.live > 0 || gServer.workers > 0) {
    long n = Sys(kSysEpollPwait, gServer.epoll, (long)events, 64, -1, 0, 8);
    if (n == -kEintr) continue;
    if (n < 0) Fail("epoll_pwait", n);
    for (long i = 0; i < n; ++i) {
      uint64_t data = events[i].data;
      int fd = (int)(uint32_t)data;
      switch ((Tag)(data >> 32)) {
        case kListener:
          if (!gServer.stopping) Accept();
          break;
        case kClient: OnClient(fd, events[i].events); break;
        case kWorkerPipe: OnWorkerPipe(fd); break;
        case kSignals: {
          uint8_t info[128];
          while (SysRead(gServer.signals, info, sizeof info) > 0) {
          }
          Stop();
          break;
        }
      }
    }
  }
  return 0;
}
