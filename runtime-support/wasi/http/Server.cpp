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
// Per-request isolation, as `wasmtime serve` gives 0.2 handlers with a
// fresh instance per request. By default the server runs each complete
// request's handler itself, under wacc_rt_catch_trap, and then puts the
// instance back exactly as instantiated: core/Snapshot.h captured the
// linear memories, the executable's writable data and the runtime's page
// blocks right after instantiation, and restoring copies back only the
// pages the request wrote (a few pages, a few microseconds). So a request
// costs about what a native server's does, and a trap costs nothing more:
// the restore undoes whatever the trapped handler left, and the request
// gets a 500. The server's own state (connections, buffers) lives outside
// what a restore touches (raw mmap, and the http heap's server-phase lists).
//
// Several connections at once on several cores: after the snapshot the
// server forks one more process per CPU (--processes N to choose), each
// with its own listening socket on the same port (SO_REUSEPORT, so the
// kernel spreads connections) and its own copy of the instance. The first
// process forwards SIGINT/SIGTERM to them and waits for them.
//
// --fork-per-request keeps the older way (and the server falls back to it
// when the snapshot cannot be taken): each request runs in a *worker*, a
// child forked from the server at that moment, which never runs guest code
// itself, so each worker starts from the instance as instantiated
// (copy-on-write). The worker builds the incoming-request from the parsed
// request (already in its memory), calls the handler, serialises the
// response into a pipe and exits; a trap ends only the worker and the
// server answers 500. The cost is one fork per request: README "wasi:http"
// has the figures of both.
//
// Request bodies are streamed: a request is dispatched once its head is
// here. A body already complete in what was read (the first kBodyWindow
// bytes) is handed over whole; otherwise the handler's incoming-body
// stream reads it off the connection as the guest asks (RequestBody.cpp
// over the connection's buffer, BodyDecoder.h), the connection's reads
// stopping while the guest does not take, and the body limit enforced as
// bytes arrive. A body that fails (past the limit, malformed, cut short)
// gets the server's 413 or 400 instead of the handler's response while
// none of that has left; the connection then closes. What the handler did
// not read is read and dropped after its response (`draining`), before
// the connection's next request. Under --fork-per-request the worker reads
// the body itself, no byte past its end, and the server does not read the
// connection meanwhile (`bodyInWorker`).
//
// Responses are streamed (in-process requests): response-outparam.set hands
// the response to the server's sink (Http.h ResponseSink), and the body's
// bytes go to the socket as the guest writes them. They gather in a small
// staging buffer first (kStageBytes), so a response the guest finishes
// before that fills, the usual small one, still leaves in one send with a
// Content-Length (and, when it finished with trailers and the client speaks
// HTTP/1.1, as one chunk and the trailers); a bigger one leaves as it comes,
// its head with the first 64 KiB. So does one whose guest waits before it
// finishes (in wasi:io/poll, or for an outgoing request: gBeforeGuestWaits),
// so that bytes trickling out (server-sent events) do not wait for the end.
// The framing: the guest's Content-Length when it gave one (counted: a write
// past it fails, and finish reports a short body as
// HTTP-response-body-size), else chunked (HTTP/1.1) or delimited by the
// connection's close (HTTP/1.0). Back-pressure: check-write grants what
// the staging buffer has room for, after handing the socket what it takes,
// and the stream's pollable waits for the socket to take more, so a big
// body never sits in memory whole; a guest that writes without asking
// waits in its write instead. The wait for a client that does not read is
// bounded by --idle-timeout (the response is then cut off). A guest that
// traps after bytes have left cannot get a 500 any more: the connection is
// closed mid-response, as it is when the body breaks its Content-Length.
// While one handler waits on its socket the process serves nobody else
// (handlers run one at a time per process; --processes spreads the load).
// Under --fork-per-request the worker streams the same bytes into its pipe,
// and the server passes them on as they come, reading the pipe only while
// the connection has less than kMaxForwarded to send.
//
// A connection idle for --idle-timeout seconds (a stalled request included)
// is closed by a once-a-second sweep.
//
// A connection closed after an error while the client may still be
// sending (a 413 or 400 before the body's end) lingers: the server shuts
// its sending side and reads and drops what comes, for at most
// kLingerSeconds, before it closes, since closing a socket with unread
// bytes sends a reset that can destroy the answer before the client reads
// it.
//
// SIGINT and SIGTERM arrive through a signalfd: the server stops accepting,
// lets the requests in flight finish and their responses drain, and exits 0.
#include "core/Output.h"
#include "core/Snapshot.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"
#include "wasi/http/BodyDecoder.h"
#include "wasi/http/Http.h"
#include "wasi/http/ListenAddress.h"
#include "wasi/http/RequestParser.h"
#include "wasi/http/ServerOptions.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

using arch::EpollEvent;
using arch::kSysClone, arch::kSysEpollCreate1, arch::kSysEpollCtl, arch::kSysEpollPwait, arch::kSysPipe2,
    arch::kSysSignalfd4, arch::kSysWait4;

constexpr uint32_t kEpollIn = 0x1, kEpollOut = 0x4, kEpollErr = 0x8, kEpollHup = 0x10;
constexpr int kNonBlock = 04000, kCloexec = 02000000;
constexpr int kSigint = 2, kSigterm = 15, kSigchld = 17;
constexpr int kIpprotoTcp = 6, kTcpNodelay = 1;
constexpr int kMsgNosignal = 0x4000;

// How long a connection lingers after an error (the opening comment).
constexpr uint64_t kLingerSeconds = 2;
// At most this many workers at once; further requests wait their turn.
constexpr uint32_t kMaxWorkers = 64;
// A request body's bytes the server holds at most: what is here when the
// head is parsed (a body complete within it is handed over whole), and
// the window a streamed body passes through (RequestBody.cpp).
constexpr uint32_t kBodyWindow = 256 * 1024;
// A connection stops reading while this much is buffered and unparsed.
constexpr uint32_t kMaxBuffered = kMaxHeadBytes + kBodyWindow;

// epoll data: what the descriptor is, and the descriptor.
enum Tag : uint64_t { kListener = 0, kClient = 1, kWorkerPipe = 2, kSignals = 3, kTimer = 4 };
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
  uint64_t lastActive;  // the server's tick (seconds) of the last byte in or out
  int workerPipe = -1;  // the pipe of the worker running its request (busy)
  uint8_t eof = 0;           // the client's sending side ended
  uint8_t draining = 0;      // the last request's body is still arriving (its handler is done)
  uint8_t bodyInWorker = 0;  // a worker reads the request's body off the socket (not read here)
  uint8_t linger = 0;        // closing after an error while the client may still be sending
  uint8_t lingering = 0;     // sent all, its sending side shut: reading and dropping until the client's end
  BodyDecoder body{};        // the streamed request body being received (or drained)
};

// A worker, by the descriptor of the pipe it answers through.
struct Worker {
  int pid;  // 0: the slot is free
  int client;
  uint32_t generation;
  uint64_t forwarded;  // response bytes passed on to the connection
  uint8_t paused;      // not read while the connection has kMaxForwarded to send
};

// How each request gets a fresh instance (the file's opening comment).
enum class Isolation : uint8_t { kReset, kFork };

// How a response's body is delimited on the wire.
enum class Framing : uint8_t { kNone, kLength, kChunked, kClose };

// The response of the request running in-process, as the sink streams it.
struct Streamed {
  int fd;             // the connection's, or a worker's pipe to the server
  uint8_t toPipe;
  ResponseSlot* slot;
  uint8_t started;    // set() delivered the response
  uint8_t committed;  // the head is framed (into `staged`)
  uint8_t sending;    // and bytes have gone to the socket
  uint8_t noBody;     // 204, 304, 1xx
  uint8_t discard;    // no body sent: noBody or a HEAD request
  uint8_t hasLength;  // the guest gave a content-length
  uint8_t broken;     // the socket failed, or the body broke its length
  uint8_t finished;
  uint8_t http11, isHead, close;
  Framing framing;
  uint64_t length;   // the guest's content-length
  uint64_t written;  // body bytes the guest wrote
  ByteBuffer staged;  // guest-phase memory: gone at the restore
};

struct Server {
  void (*handler)(uint32_t, uint32_t);
  Isolation isolation;
  uint32_t processes;  // server processes wanted (--workers)
  int children[64];    // the other server processes (the first process's)
  uint32_t childCount;
  RequestHead head;    // the request being dispatched (large: not on the stack)
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
  uint32_t idleTimeout;  // seconds; 0: none
  uint64_t tick;         // seconds since start, from a timerfd
  int timer;
  Streamed streamed;  // the response of the request running in-process
  // The lowest free descriptor, known while the server has opened and
  // closed none since it was found and no request left one open (-1:
  // unknown): CloseRequestDescriptors' starting point.
  int lowestFree;
};

// Raw mmap, outside the state a snapshot restores; the pointer is set before.
Server* gServer;

void Watch(int fd, Tag tag, uint32_t events, int op) {
  EpollEvent e{events, EventData(tag, fd)};
  long r = Sys(kSysEpollCtl, gServer->epoll, op, fd, (long)&e);
  if (r < 0 && op != kEpollCtlDel) ServerFail("epoll_ctl", r);
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

Connection& connection(int fd) { return gServer->connections[fd]; }

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

void AppendFields(ByteBuffer& out, const FieldsData* fields, uint32_t i) {
  const FieldEntry& e = *fields->at(i);
  out.append(fields->name(e), e.nameLength);
  AppendText(out, ": ");
  out.append(fields->value(e), e.valueLength);
  AppendText(out, "\r\n");
}

// The status line, the guest's headers but the framing ones (the server's:
// content-length unless `keepLength`, transfer-encoding, connection), the
// framing's header and the blank line.
void AppendHead(ByteBuffer& out, uint32_t status, const FieldsData* fields, bool keepLength, Framing framing,
                uint64_t length, bool close) {
  AppendStatusLine(out, status);
  if (fields) {
    for (uint32_t i = 0; i < fields->count(); ++i) {
      const FieldEntry& e = *fields->at(i);
      if (NameIs(fields, e, "connection") || NameIs(fields, e, "transfer-encoding")) continue;
      if (!keepLength && NameIs(fields, e, "content-length")) continue;
      AppendFields(out, fields, i);
    }
  }
  if (framing == Framing::kChunked) {
    AppendText(out, "transfer-encoding: chunked\r\n");
  } else if (framing == Framing::kLength && !keepLength) {
    AppendText(out, "content-length: ");
    AppendDecimal(out, length);
    AppendText(out, "\r\n");
  }
  if (close) AppendText(out, "connection: close\r\n");
  AppendText(out, "\r\n");
}

void AppendChunkSize(ByteBuffer& out, uint64_t size) {
  char digits[16];
  int n = 0;
  for (uint64_t v = size; v; v >>= 4) digits[n++] = "0123456789abcdef"[v & 15];
  while (n) out.append(&digits[--n], 1);
  AppendText(out, "\r\n");
}

// The last chunk and the trailers.
void AppendLastChunk(ByteBuffer& out, const FieldsData* trailers) {
  AppendText(out, "0\r\n");
  if (trailers)
    for (uint32_t i = 0; i < trailers->count(); ++i) AppendFields(out, trailers, i);
  AppendText(out, "\r\n");
}

bool IsNoBodyStatus(uint32_t status) { return status == 204 || status == 304 || (status >= 100 && status < 200); }

// ---- requests -------------------------------------------------------------------

RequestData* BuildRequest(const uint8_t* data, const RequestHead& head, const uint8_t* bodyBytes, size_t available) {
  RequestData* r = NewRequestData();
  r->body = FillIncomingRequest(r, data, head, bodyBytes, available);
  return r;
}

// ---- connections -------------------------------------------------------------------

void UpdateWatch(Connection& c) {
  uint32_t events = 0;
  if (c.open && !c.bodyInWorker && c.in.size < kMaxBuffered) events |= kEpollIn;
  if (c.out.size > c.outSent) events |= kEpollOut;
  if (events != c.watched) {
    Watch(c.fd, kClient, events, kEpollCtlMod);
    c.watched = events;
  }
}

void CloseConnection(Connection& c) {
  // A worker held back for this connection now writes into the void (its
  // pipe is read and dropped), so that it ends.
  if (c.workerPipe >= 0) {
    Worker& w = gServer->workerTable[c.workerPipe];
    if (w.paused) {
      w.paused = 0;
      Watch(c.workerPipe, kWorkerPipe, kEpollIn, kEpollCtlMod);
    }
    c.workerPipe = -1;
  }
  Sys(kSysEpollCtl, gServer->epoll, kEpollCtlDel, c.fd, 0);
  CloseFd(c.fd);
  gServer->lowestFree = -1;
  c.in.release();
  c.out.release();
  c.fd = -1;
  --gServer->live;
}

void ResumeWorker(Connection& c);
bool SendWaiting(int fd, const uint8_t* data, size_t size);

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
  if (c.workerPipe >= 0) ResumeWorker(c);
  if (c.out.size == c.outSent) {
    c.out.clear();
    c.outSent = 0;
    if (c.closeAfterResponse && !c.busy && !c.queued) {
      // (Lingering needs the sweep's timer, and ends when the server stops.)
      if (c.linger && !c.lingering && gServer->idleTimeout && !gServer->stopping) {
        Sys(arch::kSysShutdown, c.fd, kShutWrite);
        c.lingering = 1;
        c.open = 0;
        c.in.clear();
        c.lastActive = gServer->tick;
        Watch(c.fd, kClient, kEpollIn, kEpollCtlMod);
        c.watched = kEpollIn;
        return false;
      }
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
  c.linger = !c.eof;
  c.in.clear();
}

void StartWorker(Connection& c, const RequestHead& head, size_t bodyBytes, bool fed);
bool Dispatch(Connection& c);
void RunInProcess(Connection& c, const RequestHead& head, size_t bodyBytes, bool fed);

// The server's own answer to a request whose body failed (413 past the
// limit, else 400), the connection closing after it.
void AppendBodyFailure(ByteBuffer& out, BodyFailure failure) {
  if (failure == BodyFailure::kTooLarge)
    AppendPlainResponse(out, 413, "request body too large\n", true);
  else
    AppendPlainResponse(out, 400, failure == BodyFailure::kMalformed ? "bad request body\n" : "incomplete request\n",
                        true);
}

// Decodes and drops what has come of a body whose handler is done; once
// it has all come, the connection reads its next request. A body that
// fails (its response has gone or is going) leaves nothing to read after
// it: the connection closes after the response.
void DrainBody(Connection& c) {
  if (!c.draining) return;
  c.in.reserve(16 * 1024);
  BodyFeed feed{c.fd, 0, c.eof, 0, &c.in, &c.body};
  PumpFeed(feed, nullptr, ~0u);
  c.eof = feed.eof;
  if (BodyDecoding(c.body)) return;
  c.draining = 0;
  if (c.body.phase == BodyPhase::kFailed) {
    c.open = 0;
    c.closeAfterResponse = 1;
    c.linger = !c.eof;
    c.in.clear();
  }
}

// Parses and dispatches the next complete request, if any and if the
// connection has no request in flight; in-process, every complete request
// there is (pipelining).
void Advance(Connection& c) {
  while (Dispatch(c)) {
  }
}

// One request; true when it ran in-process (so the next may follow).
bool Dispatch(Connection& c) {
  if (c.busy || c.queued || c.draining || c.in.size == 0) return false;
  RequestHead& head = gServer->head;
  ParseResult r = ParseRequestHead(c.in.data, c.in.size, head);
  if (r == ParseResult::kIncomplete) return false;
  if (r == ParseResult::kBad) {
    Reject(c, 400, "bad request\n");
    return false;
  }
  if (r == ParseResult::kTooLarge) {
    Reject(c, 413, "request body too large\n");
    return false;
  }
  size_t consumed;
  r = ParseRequestBody(c.in.data + head.headLength, c.in.size - head.headLength, head, consumed, nullptr, nullptr,
                       nullptr);
  if (r == ParseResult::kBad) {
    Reject(c, 400, "bad request body\n");
    return false;
  }
  if (r == ParseResult::kTooLarge) {
    Reject(c, 413, "request body too large\n");
    return false;
  }
  // A body not all here yet streams to the handler as it arrives
  // (RequestBody.cpp); one the client cut short is answered here.
  bool fed = r == ParseResult::kIncomplete;
  if (fed && c.eof) {
    Reject(c, 400, "incomplete request\n");
    return false;
  }
  if (fed && head.expectContinue && !c.sentContinue) {
    // The client waits for it before it sends the body the handler reads.
    AppendText(c.out, "HTTP/1.1 100 Continue\r\n\r\n");
    c.sentContinue = 1;
    SendWaiting(c.fd, c.out.data + c.outSent, c.out.size - c.outSent);
    c.out.clear();
    c.outSent = 0;
  }
  if (gServer->isolation == Isolation::kReset) {
    RunInProcess(c, head, consumed, fed);
    return true;
  }
  if (gServer->workers >= kMaxWorkers) {
    // Compacted before it grows, so the order survives.
    if (gServer->queueHead != 0) {
      for (uint32_t i = 0; i < gServer->queueSize; ++i) gServer->queue[i] = gServer->queue[gServer->queueHead + i];
      gServer->queueHead = 0;
    }
    GrowArray(gServer->queue, gServer->queueCapacity, gServer->queueSize, -1);
    gServer->queue[gServer->queueSize++] = c.fd;
    c.queued = 1;
    return false;
  }
  StartWorker(c, head, consumed, fed);
  return false;
}

// ---- streamed responses (in-process requests) ---------------------------------------

// Body bytes gathered before they go to the socket (the head waits for the
// first of them, so a small response leaves whole), and what check-write
// grants at most.
constexpr uint32_t kStageBytes = 64 * 1024;
// Past this many staged bytes a write waits for the socket: the bound for
// a guest that writes without asking check-write.
constexpr uint32_t kMaxStaged = 4 * kStageBytes;

Streamed& streamed() { return gServer->streamed; }

bool StreamFinish(ResponseSlot* slot, uint64_t& written);

// Waits until `fd` takes more bytes, at most --idle-timeout seconds; false
// when it did not.
bool WaitWritable(int fd) {
  PollFd p{fd, linux_abi::kPollOut, 0};
  Timespec timeout{(int64_t)gServer->idleTimeout, 0};
  long r = RetryInterrupted(
      [&] { return Sys(arch::kSysPpoll, (long)&p, 1, gServer->idleTimeout ? (long)&timeout : 0, 0, 8); });
  return r > 0;
}

// Sends what the socket (or a worker's pipe) takes now: the count, or -1
// when the connection failed.
long SendNow(int fd, const uint8_t* data, size_t size) {
  long sent = RetryInterrupted([&] {
    return gServer->streamed.toPipe ? Sys(arch::kSysWrite, fd, (long)data, size)
                                    : Sys(arch::kSysSendto, fd, (long)data, size, kMsgNosignal, 0, 0);
  });
  if (sent == -kEagain) return 0;
  return sent <= 0 ? -1 : sent;
}

bool SendWaiting(int fd, const uint8_t* data, size_t size) {
  while (size > 0) {
    long sent = SendNow(fd, data, size);
    if (sent < 0) return false;
    data += sent;
    size -= (size_t)sent;
    if (size > 0 && !WaitWritable(fd)) return false;
  }
  return true;
}

// Hands the committed staged bytes to the socket: what it takes now, or
// (wait) all of them.
void SendStaged(Streamed& s, bool wait) {
  if (s.broken || s.staged.size == 0) return;
  if (wait) {
    if (!SendWaiting(s.fd, s.staged.data, s.staged.size)) s.broken = 1;
    s.staged.clear();
    return;
  }
  long sent = SendNow(s.fd, s.staged.data, s.staged.size);
  if (sent < 0) {
    s.broken = 1;
    s.staged.clear();
    return;
  }
  Consume(s.staged, (size_t)sent);
}

// The guest's content-length: false when it is not one decimal number (or
// several that differ).
bool GuestLength(const FieldsData* fields, uint8_t& has, uint64_t& length) {
  has = 0;
  if (!fields) return true;
  for (uint32_t i = 0; i < fields->count(); ++i) {
    const FieldEntry& e = *fields->at(i);
    if (!NameIs(fields, e, "content-length")) continue;
    const uint8_t* v = fields->value(e);
    uint64_t value = 0;
    if (e.valueLength == 0 || e.valueLength > 19) return false;
    for (uint32_t j = 0; j < e.valueLength; ++j) {
      if (v[j] < '0' || v[j] > '9') return false;
      value = value * 10 + (uint64_t)(v[j] - '0');
    }
    if (has && value != length) return false;
    has = 1;
    length = value;
  }
  return true;
}

// Frames the head and the staged body bytes. `final`: the body is complete
// (its length known, the trailers too): the bytes stay staged for the
// connection's buffer. Otherwise they start leaving, after what the
// connection still had to send (earlier pipelined responses).
void Commit(Streamed& s, const ResponseSlot& slot, bool final) {
  // A streamed request body that failed gets the server's 413 or 400
  // (RunInProcess, RunWorker): the guest's response does not start.
  if (!final && gActiveFeed && gActiveFeed->decoder->phase == BodyPhase::kFailed) {
    s.broken = 1;
    s.staged.clear();
    return;
  }
  const FieldsData* trailers = slot.body ? slot.body->trailers : nullptr;
  bool withTrailers = trailers && trailers->count() > 0;
  if (s.noBody) {
    s.framing = Framing::kNone;
  } else if (s.hasLength) {
    s.framing = Framing::kLength;
  } else if (final) {
    s.framing = s.http11 && !s.isHead && withTrailers ? Framing::kChunked : Framing::kLength;
  } else if (s.http11) {
    s.framing = Framing::kChunked;
  } else {
    s.framing = Framing::kClose;
    s.close = 1;
  }
  ByteBuffer wire{};
  AppendHead(wire, slot.status, slot.headers, s.hasLength && !s.noBody, s.framing, s.written, s.close);
  if (!s.discard && s.staged.size > 0) {
    if (s.framing == Framing::kChunked) AppendChunkSize(wire, s.staged.size);
    wire.append(s.staged.data, s.staged.size);
    if (s.framing == Framing::kChunked) AppendText(wire, "\r\n");
  }
  if (final && s.framing == Framing::kChunked) AppendLastChunk(wire, trailers);
  s.staged.release();
  s.staged = wire;
  s.committed = 1;
  if (final) return;
  s.sending = 1;
  // (A worker's pipe: the server appends to the connection's buffer.)
  if (!s.toPipe) {
    Connection& c = connection(s.fd);
    if (c.out.size > c.outSent && !SendWaiting(s.fd, c.out.data + c.outSent, c.out.size - c.outSent)) s.broken = 1;
    c.out.clear();
    c.outSent = 0;
  }
  SendStaged(s, s.staged.size >= kMaxStaged);
}

int StreamWrite(ResponseSlot* slot, const void* data, uint64_t size) {
  Streamed& s = streamed();
  const auto* bytes = static_cast<const uint8_t*>(data);
  if (s.broken) return kEpipe;
  if (s.discard) {
    // A HEAD response announces the length a GET would have.
    if (s.isHead) s.written += size;
    return 0;
  }
  if (s.hasLength && size > s.length - s.written) return kBodySizeExceeded;
  s.written += size;
  if (!s.committed) {
    s.staged.append(bytes, size);
    if (s.staged.size >= kStageBytes) Commit(s, *slot, false);
    return s.broken ? kEpipe : 0;
  }
  if (size == 0) return 0;
  bool chunked = s.framing == Framing::kChunked;
  if (chunked) AppendChunkSize(s.staged, size);
  if (s.staged.size + size > kMaxStaged) {
    // Too big to stage: what is staged, then the bytes straight from the guest.
    SendStaged(s, true);
    if (!s.broken && !SendWaiting(s.fd, bytes, size)) s.broken = 1;
  } else {
    s.staged.append(bytes, size);
  }
  if (chunked) AppendText(s.staged, "\r\n");
  if (s.staged.size >= kStageBytes) SendStaged(s, s.staged.size >= kMaxStaged);
  return s.broken ? kEpipe : 0;
}

void StreamStart(ResponseSlot* slot) {
  Streamed& s = streamed();
  s.started = 1;
  s.slot = slot;
  s.noBody = IsNoBodyStatus(slot->status);
  s.discard = s.noBody || s.isHead;
  if (!GuestLength(slot->headers, s.hasLength, s.length)) {
    s.broken = 1;  // nothing sent yet: the request gets a 500
    return;
  }
  // What the guest wrote before set(), as if written now.
  BodyData* body = slot->body;
  if (body->bytes.size > 0) {
    ByteBuffer early = body->bytes;
    body->bytes = ByteBuffer{};
    if (StreamWrite(slot, early.data, early.size) != 0) s.broken = 1;
    early.release();
  }
  uint64_t written;
  if (body->finished && !s.broken) StreamFinish(slot, written);
}

long StreamPermit(ResponseSlot*) {
  Streamed& s = streamed();
  if (s.broken) return -kEpipe;
  if (s.discard) return kStageBytes;
  if (s.sending) SendStaged(s, false);
  if (s.broken) return -kEpipe;
  return s.staged.size < kStageBytes ? kStageBytes - s.staged.size : 0;
}

// The stream's pollable: ready while check-write grants something; else
// it waits for the socket (and each look hands it what it takes).
PollTarget StreamPollTarget(uint32_t) {
  Streamed& s = streamed();
  if (!s.sending || s.broken) return PollTarget{-1, 0};
  SendStaged(s, false);
  if (s.broken || s.staged.size < kStageBytes) return PollTarget{-1, 0};
  return PollTarget{s.fd, linux_abi::kPollOut};
}

uint32_t StreamSubscribe(ResponseSlot*) { return NewDynamicPollable(0, StreamPollTarget); }

bool StreamFinish(ResponseSlot* slot, uint64_t& written) {
  Streamed& s = streamed();
  s.finished = 1;
  written = s.written;
  if (s.broken) return true;  // the connection is gone, or the response failed already
  if (s.hasLength && !s.discard && s.written != s.length) {
    s.broken = 1;
    return false;
  }
  if (!s.committed) {
    Commit(s, *slot, true);
  } else if (s.framing == Framing::kChunked) {
    AppendLastChunk(s.staged, slot->body->trailers);
  }
  return true;
}

// The guest is about to wait (wasi:io/poll, an outgoing request): what it
// has written goes now, the head with it if it has not left, rather than
// when 64 KiB gather or the body finishes (a response trickling out, as
// server-sent events do, would otherwise reach the client only at the end).
void StreamBeforeWait() {
  Streamed& s = streamed();
  if (!s.started || s.finished || s.broken || s.discard) return;
  if (!s.committed) {
    Commit(s, *s.slot, false);
  } else {
    SendStaged(s, false);
  }
}

// output-stream.flush: as before a wait, what the guest has written leaves
// now, the head with it (a guest that flushes wants the client to see it).
int StreamFlush(ResponseSlot*) {
  Streamed& s = streamed();
  if (s.broken) return kEpipe;
  StreamBeforeWait();
  return s.broken ? kEpipe : 0;
}

const ResponseSink kStreamSink = {StreamStart, StreamWrite, StreamPermit, StreamSubscribe, StreamFinish, StreamFlush};

// ---- in-process requests (Isolation::kReset) ---------------------------------------

struct HandlerCall {
  RequestData* request;
  ResponseSlot* slot;
};

void CallHandler(void* argument) {
  auto* call = static_cast<HandlerCall*>(argument);
  uint32_t requestRep = NewIncomingRequest(call->request);
  uint32_t outparam = NewResponseOutparam(call->slot);
  gServer->handler(requestRep, outparam);
}

// The lowest descriptor number free at or above `from` (a dup of one the
// server holds, closed again).
int LowestFreeDescriptor(int from) {
  long fd = Sys(arch::kSysFcntl, gServer->epoll, 0 /* F_DUPFD */, from);
  if (fd < 0) return -1;
  CloseFd((int)fd);
  return (int)fd;
}

bool IsServerDescriptor(int fd) {
  return fd == gServer->epoll || fd == gServer->listener || fd == gServer->signals || fd == SnapshotDescriptor() ||
         (gServer->idleTimeout && fd == gServer->timer) ||
         ((uint32_t)fd < gServer->capacity && gServer->connections[fd].fd == fd);
}

// The lowest free descriptor before a request: found again (a dup, a
// close) only after the server opened or closed one, or a request left
// some open; the usual request reuses the last one found.
int RequestLowestFree() {
  if (gServer->lowestFree < 0) gServer->lowestFree = LowestFreeDescriptor(0);
  return gServer->lowestFree;
}

// A restore puts back the host objects but not the descriptors a request
// opened and left open (an outgoing connection the handler never dropped, or
// was trapped holding): every descriptor from `low`, the lowest free one
// when the request began, that is not the server's is the request's. The
// kernel hands out the lowest free number, so a request that left one open
// left `low` taken: only then are they listed (/proc/self/fd). The usual
// request costs one fcntl here (EBADF: `low` is still free).
void CloseRequestDescriptors(int low) {
  if (low < 0 || Sys(arch::kSysFcntl, low, 1 /* F_GETFD */) == -kEbadf) return;
  gServer->lowestFree = -1;
  long dir = Sys(arch::kSysOpenat, kAtFdCwd, (long)"/proc/self/fd", kOpenReadOnly | kOpenDirectory | kOpenCloexec);
  if (dir < 0) return;
  int found[256];
  uint32_t count = 0;
  alignas(8) uint8_t entries[4096];
  for (;;) {
    long got = Sys(arch::kSysGetdents64, dir, (long)entries, sizeof entries);
    if (got <= 0) break;
    for (long at = 0; at < got;) {
      // struct linux_dirent64: ino, off, reclen (u16), type, name.
      uint16_t length;
      __builtin_memcpy(&length, entries + at + 16, 2);
      const char* name = reinterpret_cast<const char*>(entries + at + 19);
      int fd = 0;
      bool number = *name != 0;
      for (const char* c = name; *c; ++c) {
        if (*c < '0' || *c > '9') number = false;
        fd = fd * 10 + (*c - '0');
      }
      if (number && fd >= low && fd != dir && !IsServerDescriptor(fd) && count < 256) found[count++] = fd;
      at += length;
    }
  }
  CloseFd((int)dir);
  for (uint32_t i = 0; i < count; ++i) CloseFd(found[i]);
}

// A trap (wacc_rt_catch_trap's result; negative: none) on stderr.
void ReportTrap(int32_t trap) {
  if (trap == (int32_t)kGuestExited) {
    MessageBuffer().append("wacc: http server: the handler called exit\n").writeTo(2);
  } else if (trap >= 0) {
    MessageBuffer m;
    m.append("wasm trap: ").append(TrapReasonText((uint32_t)trap)).append("\n").writeTo(2);
  }
}

// Runs the request's handler here, under a trap catcher, and puts the
// instance back as the snapshot has it (core/Snapshot.h). Everything the
// request makes between EnterGuestPhase and RestoreSnapshot, the response
// objects included, is gone after; the response bytes are copied into the
// connection's buffer (the server's) before. A `streamed` body is read off
// the connection as the guest asks (RequestBody.cpp) through the window
// of the connection's buffer, which is the server's and so must not grow
// while the guest runs: it gets its room before. (`fed`: the body is
// streamed.)
void RunInProcess(Connection& c, const RequestHead& head, size_t bodyBytes, bool fed) {
  bool last = !head.keepAlive || gServer->stopping;
  int lowestFree = RequestLowestFree();
  BodyFeed feed{c.fd, 0, c.eof, gServer->idleTimeout, &c.in, &c.body};
  if (fed) {
    c.in.reserve(kBodyWindow);
    c.body = StartBodyDecoder(head, true);
  }
  EnterGuestPhase();
  RequestData* request = BuildRequest(c.in.data, head, c.in.data + head.headLength, fed ? 0 : bodyBytes);
  if (fed) {
    Consume(c.in, head.headLength);
    request->body->finished = 0;
    request->body->feed = &feed;
    gActiveFeed = &feed;
  }
  Streamed& s = streamed();
  s = Streamed{};
  s.fd = c.fd;
  s.http11 = head.minorVersion >= 1;
  s.isHead = request->method == kHead;
  s.close = last;
  ResponseSlot slot{};
  slot.sink = &kStreamSink;
  HandlerCall call{request, &slot};
  int32_t trap = wacc_rt_catch_trap(CallHandler, &call);
  bool ok = trap < 0 && slot.set && !slot.isError;
  // A body the guest left unfinished ends as it stands (without trailers).
  uint64_t written;
  if (ok && s.started && !s.finished) StreamFinish(&slot, written);
  // A response that failed before any of it left gets a 500; one that
  // failed after (a trap, a broken length, a dead socket) is cut off with
  // the connection.
  if (s.broken && !s.sending) ok = false;
  // A fed body that failed (over the limit, malformed, cut short)
  // gets the server's 413 or 400 instead of the response while none of
  // it has left; after, the response is cut off. What is here of the
  // rest of a body the guest did not read is dropped now, and what is
  // still to come after the response (draining).
  BodyFailure failure = BodyFailure::kNone;
  if (fed) {
    gActiveFeed = nullptr;
    c.body.trailers = nullptr;  // the guest's, gone with the restore
    c.body.keepTrailers = 0;
    PumpFeed(feed, nullptr, ~0u);
    c.eof = feed.eof;
    if (c.body.phase == BodyPhase::kFailed) failure = c.body.failure;
  }
  bool cutOff = s.sending && (!ok || s.broken || failure != BodyFailure::kNone);
  ByteBuffer response = s.staged;  // guest-phase memory, copied below
  LeaveGuestPhase();

  if (!fed) Consume(c.in, head.headLength + bodyBytes);
  c.draining = fed && BodyDecoding(c.body);
  if (last || s.close || cutOff || failure != BodyFailure::kNone) {
    // (The client may still be sending a body not read to its end.)
    c.linger = (c.draining || failure != BodyFailure::kNone) && !c.eof;
    c.closeAfterResponse = 1;
    c.open = 0;
    c.draining = 0;
    c.in.clear();  // nothing after a last request is read
  }
  c.sentContinue = 0;
  ReportTrap(trap);
  if (failure != BodyFailure::kNone && !s.sending) {
    AppendBodyFailure(c.out, failure);
  } else if (ok || s.sending) {
    c.out.append(response.data, response.size);
  } else {
    AppendPlainResponse(c.out, 500, "internal server error\n", c.closeAfterResponse);
  }
  CloseRequestDescriptors(lowestFree);
  RestoreSnapshot();
  s = Streamed{};  // its buffer was the request's
}

// The worker streams the response into its pipe as the in-process server
// streams into the socket (the server passes the bytes on as they come);
// exits 0, 3 when the connection must close after the response (its end
// is the close), or 1 when it failed. A streamed request body (`feed`) is
// read straight off the connection, no byte past its end (the server reads
// what follows), and drained after the response; a body that failed gets
// the worker's own 413 or 400 while nothing of the response has left, and
// the connection closes.
[[noreturn]] void RunWorker(RequestData* request, const RequestHead& head, bool close, int pipe, BodyFeed* feed) {
  Sys(arch::kSysFcntl, pipe, 4 /* F_SETFL */, kNonBlock);
  Streamed& s = streamed();
  s = Streamed{};
  s.fd = pipe;
  s.toPipe = 1;
  s.http11 = head.minorVersion >= 1;
  s.isHead = request->method == kHead;
  s.close = close;
  ResponseSlot slot{};
  slot.sink = &kStreamSink;
  HandlerCall call{request, &slot};
  int32_t trap = wacc_rt_catch_trap(CallHandler, &call);
  ReportTrap(trap);
  bool ok = trap < 0 && slot.set && !slot.isError;
  uint64_t written;
  if (ok && s.started && !s.finished) StreamFinish(&slot, written);
  if (s.broken) ok = false;
  if (feed) {
    feed->decoder->keepTrailers = 0;
    PumpFeed(*feed, nullptr, ~0u);
    if (feed->decoder->phase == BodyPhase::kFailed) {
      if (!s.sending) {
        ByteBuffer answer{};
        AppendBodyFailure(answer, feed->decoder->failure);
        SendWaiting(s.fd, answer.data, answer.size);
        SysExitGroup(3);
      }
      ok = false;
    }
  }
  // What is staged goes even when the response failed after bytes left, as
  // in-process (the server then cuts it off).
  if (ok || s.sending) SendWaiting(s.fd, s.staged.data, s.staged.size);
  // The rest of the body, so that the server reads the next request.
  if (ok && feed && !DrainFeed(*feed)) SysExitGroup(3);
  SysExitGroup(ok ? (s.close ? 3 : 0) : 1);
}

void StartWorker(Connection& c, const RequestHead& head, size_t bodyBytes, bool fed) {
  RequestData* request = BuildRequest(c.in.data, head, c.in.data + head.headLength, fed ? 0 : bodyBytes);
  // A streamed body's bytes here are the worker's (its copy of the buffer).
  Consume(c.in, head.headLength + (fed ? 0 : bodyBytes));
  if (!head.keepAlive || gServer->stopping) {
    c.closeAfterResponse = 1;
    c.open = 0;
    if (!fed) c.in.clear();  // nothing after a last request is read (a body's bytes are the worker's)
  }
  c.sentContinue = 0;
  int pipe[2];
  gServer->lowestFree = -1;
  long r = Sys(kSysPipe2, (long)pipe, kCloexec);
  if (r < 0) ServerFail("pipe2", r);
  long pid = Sys(kSysClone, kSigchld, 0, 0, 0, 0);
  if (pid == 0) {
    CloseFd(pipe[0]);
    if (!fed) RunWorker(request, head, c.closeAfterResponse, pipe[1], nullptr);
    c.in.reserve(kBodyWindow);
    c.body = StartBodyDecoder(head, true);
    BodyFeed feed{c.fd, 1, c.eof, gServer->idleTimeout, &c.in, &c.body};
    request->body->finished = 0;
    request->body->feed = &feed;
    gActiveFeed = &feed;
    RunWorker(request, head, c.closeAfterResponse, pipe[1], &feed);
  }
  CloseFd(pipe[1]);
  FreeRequestData(request);
  if (fed) {
    // The worker reads the body; the server reads on after it is done (or,
    // with no worker, cannot find where the next request starts).
    c.in.clear();
    c.bodyInWorker = pid > 0;
    if (pid < 0) {
      c.closeAfterResponse = 1;
      c.open = 0;
      c.linger = 1;
    }
  }
  if (pid < 0) {
    CloseFd(pipe[0]);
    AppendPlainResponse(c.out, 503, "cannot start a worker\n", c.closeAfterResponse);
    return;
  }
  Sys(arch::kSysFcntl, pipe[0], 4 /* F_SETFL */, kNonBlock);
  c.busy = 1;
  c.workerPipe = pipe[0];
  ++gServer->workers;
  GrowArray(gServer->workerTable, gServer->workerCapacity, (uint32_t)pipe[0], Worker{});
  gServer->workerTable[pipe[0]] = Worker{(int)pid, c.fd, c.generation, 0, 0};
  Watch(pipe[0], kWorkerPipe, kEpollIn, kEpollCtlAdd);
}

void StartQueued() {
  while (gServer->queueSize > 0 && gServer->workers < kMaxWorkers) {
    int fd = gServer->queue[gServer->queueHead++];
    --gServer->queueSize;
    if (gServer->queueSize == 0) gServer->queueHead = 0;
    Connection& c = connection(fd);
    if (c.fd != fd || !c.queued) continue;
    c.queued = 0;
    Advance(c);
    Flush(c);
  }
}

// A connection has this much to send: its worker's pipe is not read (the
// worker then waits), so a big response never sits in the server whole.
constexpr uint32_t kMaxForwarded = 1024 * 1024;

// The connection whose worker is busy, if it is still the one the worker
// serves (else the client went away meanwhile).
Connection* ClientOf(const Worker& w) {
  Connection& c = connection(w.client);
  return c.fd == w.client && c.generation == w.generation ? &c : nullptr;
}

void ResumeWorker(Connection& c) {
  Worker& w = gServer->workerTable[c.workerPipe];
  if (!w.paused || c.out.size - c.outSent >= kMaxForwarded) return;
  w.paused = 0;
  Watch(c.workerPipe, kWorkerPipe, kEpollIn, kEpollCtlMod);
}

// The worker's pipe is at its end: reap the worker and finish its
// response: a 500 if it trapped or failed before any byte of it came, the
// connection closed if after (the response cannot be completed).
void FinishWorker(int pipe) {
  // A copy: what runs next may grow the table.
  Worker w = gServer->workerTable[pipe];
  gServer->workerTable[pipe] = Worker{};
  Sys(kSysEpollCtl, gServer->epoll, kEpollCtlDel, pipe, 0);
  CloseFd(pipe);
  gServer->lowestFree = -1;
  int status = 0;
  long r = RetryInterrupted([&] { return Sys(kSysWait4, w.pid, (long)&status, 0, 0); });
  int code = (status >> 8) & 0xff;
  bool ok = r > 0 && (status & 0x7f) == 0 && (code == 0 || code == 3) && w.forwarded > 0;
  --gServer->workers;
  if (Connection* c = ClientOf(w)) {
    c->busy = 0;
    c->workerPipe = -1;
    // A worker that read a body and failed may have left some of it.
    if (c->bodyInWorker && code != 0) {
      c->closeAfterResponse = 1;
      c->open = 0;
      c->linger = 1;
      c->in.clear();
    }
    c->bodyInWorker = 0;
    if (!ok && w.forwarded == 0) {
      AppendPlainResponse(c->out, 500, "internal server error\n", c->closeAfterResponse);
    } else if (!ok || code == 3) {
      c->closeAfterResponse = 1;
      c->open = 0;
      c->in.clear();
    }
    if (Flush(*c)) {
      Advance(*c);
      Flush(*c);
    }
  }
}

// Passes what the worker wrote on to its connection (or drops it, the
// client gone), until the connection has kMaxForwarded to send.
void OnWorkerPipe(int pipe) {
  uint8_t buffer[64 * 1024];
  for (;;) {
    Worker& w = gServer->workerTable[pipe];
    Connection* c = ClientOf(w);
    if (c && c->out.size - c->outSent >= kMaxForwarded) {
      w.paused = 1;
      Watch(pipe, kWorkerPipe, 0, kEpollCtlMod);
      return;
    }
    long got = RetryInterrupted([&] { return SysRead(pipe, buffer, sizeof buffer); });
    if (got > 0) {
      w.forwarded += (uint64_t)got;
      if (c) {
        c->out.append(buffer, (size_t)got);
        Flush(*c);  // a connection it closes drops the rest
      }
      continue;
    }
    if (got == -kEagain) return;
    break;  // end of file (or an error): the worker is done
  }
  FinishWorker(pipe);
  StartQueued();
}

// A lingering connection: what the client still sends is dropped until
// its end (or the sweep's kLingerSeconds).
void Linger(Connection& c) {
  uint8_t buffer[16 * 1024];
  for (;;) {
    long got = RetryInterrupted([&] { return SysRead(c.fd, buffer, sizeof buffer); });
    if (got > 0) continue;
    if (got != -kEagain) CloseConnection(c);
    return;
  }
}

void OnClient(int fd, uint32_t events) {
  Connection& c = connection(fd);
  if (c.fd != fd) return;
  if (c.lingering) return Linger(c);
  c.lastActive = gServer->tick;
  if (events & kEpollOut) {
    if (!Flush(c)) return;
  }
  if ((events & (kEpollIn | kEpollHup | kEpollErr)) && c.open && !c.bodyInWorker) {
    while (c.in.size < kMaxBuffered && !c.eof) {
      uint8_t* at = c.in.reserve(16 * 1024);
      long got = RetryInterrupted([&] { return SysRead(fd, at, 16 * 1024); });
      if (got > 0) {
        c.in.size += (uint32_t)got;
        // A short read took all there was: the next read would only say
        // EAGAIN (epoll is level-triggered: more, or the end, wakes us).
        if (got < 16 * 1024) break;
        continue;
      }
      if (got == -kEagain) break;
      c.eof = 1;
      break;
    }
    DrainBody(c);
    Advance(c);
    if (c.eof && c.open) {
      // Bytes of a request that never completed (a truncated chunked body,
      // a cut-off head) get a 400; a clean end just closes.
      if (!c.busy && !c.queued && !c.draining && c.in.size > 0) Reject(c, 400, "incomplete request\n");
      c.open = 0;
      c.closeAfterResponse = 1;
    }
  }
  Flush(c);
}

void Accept() {
  for (;;) {
    long fd = Sys(arch::kSysAccept4, gServer->listener, 0, 0, kNonBlock | kCloexec);
    if (fd < 0) return;
    gServer->lowestFree = -1;
    int one = 1;
    Sys(arch::kSysSetsockopt, fd, kIpprotoTcp, kTcpNodelay, (long)&one, sizeof one);
    GrowArray(gServer->connections, gServer->capacity, (uint32_t)fd, Connection{-1, 0, 0, 0, 0, 0, 0, 0, {}, {}, 0, 0});
    Connection& c = connection((int)fd);
    c = Connection{(int)fd, ++gServer->generations, 1, 0, 0, 0, 0, kEpollIn, {}, {}, 0, gServer->tick};
    ++gServer->live;
    Watch((int)fd, kClient, kEpollIn, kEpollCtlAdd);
  }
}

// Closes the connections idle longer than --idle-timeout: nothing in
// flight, nothing left to send, no byte either way for that long (a request
// that stopped half-way counts as idle, so a slow client cannot hold a
// connection for ever).
// Runs once a second (a timerfd), so serving pays nothing for it.
void OnTimer() {
  uint64_t expirations = 0;
  SysRead(gServer->timer, &expirations, sizeof expirations);
  gServer->tick += expirations ? expirations : 1;
  for (uint32_t fd = 0; fd < gServer->capacity; ++fd) {
    Connection& c = gServer->connections[fd];
    if (c.fd < 0 || c.busy || c.queued || c.out.size > c.outSent) continue;
    if (c.lingering) {
      if (gServer->tick - c.lastActive >= kLingerSeconds) CloseConnection(c);
      continue;
    }
    if (gServer->tick - c.lastActive > gServer->idleTimeout) CloseConnection(c);
  }
}

void Stop() {
  gServer->stopping = 1;
  for (uint32_t i = 0; i < gServer->childCount; ++i) Sys(arch::kSysKill, gServer->children[i], kSigterm);
  if (gServer->listener >= 0) {
    Sys(kSysEpollCtl, gServer->epoll, kEpollCtlDel, gServer->listener, 0);
    CloseFd(gServer->listener);
    gServer->listener = -1;
    gServer->lowestFree = -1;
  }
  // Idle connections close now; busy ones after their response.
  for (uint32_t fd = 0; fd < gServer->capacity; ++fd) {
    Connection& c = gServer->connections[fd];
    if (c.fd < 0) continue;
    c.open = 0;
    c.closeAfterResponse = 1;
    if (!c.busy && !c.queued) Flush(c);
  }
}

// The other server processes that ended (the first process's SIGCHLD).
void ReapChildren() {
  for (;;) {
    int status = 0;
    long pid = Sys(kSysWait4, -1, (long)&status, 1 /* WNOHANG */, 0);
    if (pid <= 0) return;
    for (uint32_t i = 0; i < gServer->childCount; ++i) {
      if (gServer->children[i] != (int)pid) continue;
      gServer->children[i] = gServer->children[--gServer->childCount];
      if (!gServer->stopping) MessageBuffer().append("wacc: http server: a server process ended unexpectedly\n").writeTo(2);
      break;
    }
  }
}

// ---- start-up ---------------------------------------------------------------------------

[[noreturn]] void Usage(const char* problem) { ServerUsage(problem, true); }

const char* ParseArguments() {
  ServerOptions options = ParseServerOptions(true);
  gServer->processes = options.processes;
  gServer->idleTimeout = options.idleTimeout;
  if (options.forkPerRequest) gServer->isolation = Isolation::kFork;
  return options.addr;
}

int OpenListener(ListenAddress& address, bool sharePort) {
  const char* what;
  long fd = OpenListener(address, sharePort, what);
  if (fd < 0) ServerFail(what, fd);
  return (int)fd;
}

void Listen(const char* addr, ListenAddress& address) {
  if (!ParseListenAddress(addr, address)) Usage(kListenAddressProblem);
  gServer->listener = OpenListener(address, gServer->processes > 1);
  AnnounceListening(address);
}

}  // namespace
}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" int32_t wacc_rt_http_serve(void (*handler)(uint32_t request, uint32_t response_out)) {
  // The server's state is outside what a snapshot restores.
  long state = SysMmap(nullptr, sizeof(Server), kProtRead | kProtWrite, kMapPrivate | kMapAnonymous);
  if (IsSyscallError(state)) ServerFail("out of memory", state);
  gServer = reinterpret_cast<Server*>(state);
  gServer->handler = handler;
  gServer->listener = -1;
  gServer->lowestFree = -1;
  const char* addr = ParseArguments();
  gBeforeGuestWaits = StreamBeforeWait;
  // The instance as instantiated, before any request touches it.
  if (gServer->isolation == Isolation::kReset && !TakeSnapshot()) {
    MessageBuffer().append("wacc: http server: cannot snapshot the instance; forking a process per request\n").writeTo(2);
    gServer->isolation = Isolation::kFork;
  }
  if (gServer->isolation == Isolation::kFork) gServer->processes = 1;
  ListenAddress address;
  Listen(addr, address);

  // SIGINT and SIGTERM as events; workers inherit the mask and never look.
  // The first process also hears of the other server processes ending.
  uint64_t mask = (1ull << (kSigint - 1)) | (1ull << (kSigterm - 1));
  if (gServer->processes > 1) mask |= 1ull << (kSigchld - 1);
  Sys(arch::kSysRtSigprocmask, 0 /* SIG_BLOCK */, (long)&mask, 0, 8);
  for (uint32_t i = 1; i < gServer->processes; ++i) {
    long pid = Sys(kSysClone, kSigchld, 0, 0, 0, 0);
    if (pid < 0) break;  // fewer processes, still serving
    if (pid > 0) {
      gServer->children[gServer->childCount++] = (int)pid;
      continue;
    }
    // A child: its own listening socket on the same port, and it ends when
    // the first process does.
    Sys(arch::kSysPrctl, 1 /* PR_SET_PDEATHSIG */, kSigterm, 0, 0, 0);
    SnapshotAfterFork();
    gServer->childCount = 0;
    CloseFd(gServer->listener);
    gServer->listener = OpenListener(address, true);
    mask &= ~(1ull << (kSigchld - 1));
    break;
  }

  long epoll = Sys(kSysEpollCreate1, kCloexec);
  if (epoll < 0) ServerFail("epoll_create1", epoll);
  gServer->epoll = (int)epoll;
  Watch(gServer->listener, kListener, kEpollIn, kEpollCtlAdd);
  long signals = Sys(kSysSignalfd4, -1, (long)&mask, 8, kNonBlock | kCloexec);
  if (signals < 0) ServerFail("signalfd", signals);
  gServer->signals = (int)signals;
  Watch(gServer->signals, kSignals, kEpollIn, kEpollCtlAdd);
  if (gServer->idleTimeout) {
    long timer = Sys(arch::kSysTimerfdCreate, 1 /* CLOCK_MONOTONIC */, kNonBlock | kCloexec);
    if (timer < 0) ServerFail("timerfd_create", timer);
    gServer->timer = (int)timer;
    Timespec second[2] = {{1, 0}, {1, 0}};  // struct itimerspec: interval, first expiry
    Sys(arch::kSysTimerfdSettime, timer, 0, (long)second, 0);
    Watch(gServer->timer, kTimer, kEpollIn, kEpollCtlAdd);
  }

  EpollEvent events[64];
  while (!gServer->stopping || gServer->live > 0 || gServer->workers > 0 || gServer->childCount > 0) {
    long n = Sys(kSysEpollPwait, gServer->epoll, (long)events, 64, -1, 0, 8);
    if (n == -kEintr) continue;
    if (n < 0) ServerFail("epoll_pwait", n);
    for (long i = 0; i < n; ++i) {
      uint64_t data = events[i].data;
      int fd = (int)(uint32_t)data;
      switch ((Tag)(data >> 32)) {
        case kListener:
          if (!gServer->stopping) Accept();
          break;
        case kClient: OnClient(fd, events[i].events); break;
        case kWorkerPipe: OnWorkerPipe(fd); break;
        case kTimer: OnTimer(); break;
        case kSignals: {
          // struct signalfd_siginfo: 128 bytes, ssi_signo first.
          uint8_t info[128];
          bool stop = false;
          while (SysRead(gServer->signals, info, sizeof info) == (long)sizeof info) {
            uint32_t signal;
            __builtin_memcpy(&signal, info, 4);
            if (signal == kSigchld) {
              ReapChildren();
            } else {
              stop = true;
            }
          }
          if (stop && !gServer->stopping) Stop();
          break;
        }
      }
    }
  }
  return 0;
}
