// The HTTP/1.1 server a wasi:http/service component (0.3) compiles to:
// wacc_main instantiates the component and calls wacc_rt_http_serve_async
// with a function that starts one async call of its handler#handle
// (compiler/abi's EmitAsyncHostExportStart).
//
// How it works. Unlike the 0.2 server (../Server.cpp, which puts its
// instance back after every request), the requests a worker process
// (below) accepts are served by its one instance, concurrently, as the
// async ABI allows: each request is an async call of `handle`, a task of the
// async runtime (core/Async.cpp), and the server is a guest of that
// runtime's event loop rather than a loop of its own. The listening socket,
// each connection and the signalfd are watches on its epoll instance
// (core/EventLoop.h); the server's main loop runs EventLoopRound (which also
// runs the tasks, their timers and their streams) and, between rounds, the
// work its watches found: it never calls the guest from inside the loop.
//
// A connection reads requests (RequestParser.h, the 0.2 server's strict
// parser: 400 for a malformed head, 413 past the body limit) one at a time
// (pipelined requests wait in its buffer). A request whose head is here
// becomes a `request` (P3Http.h's Message) and the handler's task starts;
// its body follows as the guest reads it ("request bodies" below: streamed
// through a fixed buffer, its trailers the value of the body's trailers
// future). When the task returns (TaskOnReturn, or at once), the response
// head goes out, and the server becomes the reader of the response's body
// stream: each guest write is framed (chunked, unless the guest set
// content-length or the client speaks HTTP/1.0) and sent; the guest
// dropping its end ends the body, and a chunked body's last chunk carries
// the trailers of the response's trailers future (the server waits for
// its value: a guest must write it); then the response's
// transmission future resolves ok and the connection reads its next
// request, once the last request's body is all read (what the handler
// left unread is dropped). A connection idle for --idle-timeout seconds (a
// request body the client stopped sending included) is closed by a
// once-a-second sweep.
//
// SIGINT and SIGTERM (through a signalfd): stop accepting, close idle
// connections, finish the requests in flight, exit 0.
//
// Traps. One instance serves many requests at once, so a trap poisons all
// of them: the trapped task's fiber is abandoned mid-way, the tasks it
// shared memory, tables and handles with may hold its half-done state, and
// the async runtime's objects (tasks, fibers, waitables, streams, the
// event loop's registrations) refer to one another. Rolling all that back
// in place (core/Snapshot.h does it for 0.2, whose instance is idle
// between requests) would mean resetting every runtime table consistently
// at an arbitrary point of the loop; a process boundary does it for free.
// So the process that instantiated the component never serves: it is the
// *supervisor*. It opens the listening socket and forks the *workers*
// (--processes N, one per CPU by default), each a copy-on-write copy of
// the instance exactly as instantiated, all accepting on that one socket
// (the kernel hands each connection to one of them). A worker runs the
// loop above under wacc_rt_catch_trap; a trap jumps back out of whatever
// fiber ran, and the worker finishes its connections without running guest
// code again: the request whose task trapped gets 500; every other request
// in flight on the instance gets 503 (it did nothing wrong and may be
// retried; its handler cannot go on in a poisoned instance), as does a
// request still being received; a response whose head already went out is
// cut short (closing mid-body tells the client it is incomplete); idle
// connections close. Then the worker exits (kPoisoned) and its descriptors,
// the guest's included, close with it; the supervisor forks a fresh worker
// from its pristine copy. The listening socket stays open in the
// supervisor throughout, so connections that arrive meanwhile wait in its
// backlog instead of being refused. The supervisor forwards SIGINT/SIGTERM
// to the workers and exits 0 once they have.
#include "core/AsyncHost.h"
#include "core/EventLoop.h"
#include "core/Output.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Async.h"
#include "wacc/Runtime.h"
#include "wasi/Linux.h"
#include "wasi/http/BodyDecoder.h"
#include "wasi/http/ListenAddress.h"
#include "wasi/http/RequestParser.h"
#include "wasi/http/ServerOptions.h"
#include "wasi/http/p3/P3Http.h"

namespace wacc_rt::http::p3 {
namespace {

using namespace linux_abi;

constexpr int kNonBlock = 04000, kCloexec = 02000000;
constexpr int kSigint = 2, kSigterm = 15, kSigchld = 17;
// A worker's exit status after a trap: the supervisor replaces it.
constexpr int kPoisoned = 75;
constexpr int kIpprotoTcp = 6, kTcpNodelay = 1;
constexpr int kMsgNosignal = 0x4000;
// A response body stops taking guest writes while this much is unsent.
constexpr uint32_t kMaxUnsent = 256 * 1024;
// A connection stops reading while this much is received and not taken:
// a request head and some of its body (the rest waits in the kernel until
// the guest reads).
constexpr uint32_t kMaxBuffered = kMaxHeadBytes + 256 * 1024;
// error-code cases (wit/p3/http.wit order) of a request body's trailers.
constexpr uint32_t kHttpRequestBodySize = 17;

struct Conn;

// The request body's two guest-held ends (its stream<u8> and its trailers
// future), made by consume-body: they outlive the connection when the guest
// keeps them, so they point at it through this, which the connection
// detaches when it is done with the request.
struct Feed {
  BodySource source;  // first: the request message holds its address
  Conn* conn;         // null once detached
  uint32_t contents, trailers;  // readable reps, 0 when not open (or closed)
  uint32_t refs;      // the connection, the message, each open end
  bool settled;       // the outcome is known: `fields`, or `error`
  uint32_t error;     // error-code case + 1
  FieldsData* fields;
};

// Reads a response's trailers future (after its body).
struct TrailerReader {
  Conn* conn;  // null once the value came or the connection went
};

struct Conn {
  int fd;  // -1 once closed
  uint32_t watch;
  bool open;        // still reading requests
  bool busy;        // a request in flight: the handler runs, or its body is sent
  bool closeAfter;  // close once the response is out
  bool headRequest, chunked;
  bool returned;      // the handler's task returned: `result` is its outcome
  bool queued;    // in the work list
  bool eof;       // the client closed its sending side (or the connection failed)
  bool http11;    // the request being answered is HTTP/1.1 (chunked may be sent)
  bool sendQueued;  // in the send list (Send)
  uint64_t lastActive;  // the idle sweep's tick of the last event
  BodyDecoder body;     // the request body being received (or drained)
  Feed* feed;           // its guest ends, while the request is answered
  TrailerReader* trailerReader;  // the response's trailers, being read
  uint32_t resultCase, responseRep;
  // The handler's task, until the response is done (it may write the body
  // after returning): whose request a trap was.
  uint32_t task;
  ByteBuffer in, out;
  uint32_t outSent;
  Message* response;  // whose body is being sent
  Conn* next;         // every open connection, for stopping
};

struct Service {
  uint32_t (*start)(uint32_t request, uint32_t* task);
  int listener, signals;
  uint32_t listenWatch, signalWatch;
  bool stopping;
  uint32_t live;
  Conn* conns;
  Conn** work;
  uint32_t workSize, workCapacity;
  Conn** sends;  // connections with output to send before the loop sleeps
  uint32_t sendSize, sendCapacity;
  Conn* starting;  // whose handler the start call runs (a trap in it is that request's)
  uint32_t idleTimeout;  // seconds, 0: never
  uint64_t tick;         // seconds since the worker started (a timerfd)
  int timer;
  // The supervisor's.
  uint32_t processes;
  int workers[64];  // 0: a free slot
  uint32_t workerCount;
};

Service gService;

void AppendText(ByteBuffer& out, const char* text) { out.append(text, StringLength(text)); }

void AppendNumber(ByteBuffer& out, uint64_t value, uint32_t base) {
  char digits[24];
  int n = 0;
  do digits[n++] = "0123456789abcdef"[value % base];
  while ((value /= base) != 0);
  uint8_t* at = out.reserve(n);
  for (int i = 0; i < n; ++i) at[i] = (uint8_t)digits[n - 1 - i];
  out.size += n;
}

const char* ReasonPhrase(uint32_t status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    default: return "";
  }
}

void AppendStatusLine(ByteBuffer& out, uint32_t status) {
  AppendText(out, "HTTP/1.1 ");
  AppendNumber(out, status, 10);
  AppendText(out, " ");
  AppendText(out, ReasonPhrase(status));
  AppendText(out, "\r\n");
}

void Push(Conn**& list, uint32_t& size, uint32_t& capacity, Conn* c) {
  if (size == capacity) {
    uint32_t grownCapacity = capacity ? capacity * 2 : 64;
    auto** grown = static_cast<Conn**>(HeapAllocate(grownCapacity * sizeof(Conn*)));
    for (uint32_t i = 0; i < size; ++i) grown[i] = list[i];
    if (list) HeapFree(list, capacity * sizeof(Conn*));
    list = grown;
    capacity = grownCapacity;
  }
  list[size++] = c;
}

void Queue(Conn* c) {
  if (c->queued) return;
  c->queued = true;
  Push(gService.work, gService.workSize, gService.workCapacity, c);
}

// ---- connections ------------------------------------------------------------------

void DetachFeed(Conn* c);

bool DecoderActive(const Conn* c) { return BodyDecoding(c->body); }

// Whether the connection wants bytes: the next request, or the rest of
// this one's body (also once it stopped taking requests).
bool Reading(const Conn* c) { return (c->open || DecoderActive(c)) && !c->eof; }

void Close(Conn* c) {
  DetachFeed(c);
  if (c->trailerReader) {
    c->trailerReader->conn = nullptr;
    c->trailerReader = nullptr;
  }
  if (c->fd >= 0) {
    IoWatchRemove(c->watch);
    CloseFd(c->fd);
    c->fd = -1;
    --gService.live;
    for (Conn** at = &gService.conns; *at; at = &(*at)->next)
      if (*at == c) {
        *at = c->next;
        break;
      }
  }
  c->open = false;
  // Freed by DoWork, never here: callers up the stack still hold `c`
  // (and a request in flight keeps it until its handler is done).
  Queue(c);
}

void Destroy(Conn* c) {
  if (c->body.trailers) ReleaseFields(c->body.trailers);
  c->in.release();
  c->out.release();
  HeapFree(c, sizeof(Conn));
}

void UpdateWatch(Conn* c) {
  if (c->fd < 0) return;
  uint32_t events = 0;
  if (Reading(c) && c->in.size < kMaxBuffered) events |= kIoIn;
  if (c->out.size > c->outSent) events |= kIoOut;
  IoWatchSetEvents(c->watch, events);
}

// Sends what it can; closes a connection that is done with.
void Flush(Conn* c) {
  while (c->fd >= 0 && c->outSent < c->out.size) {
    long n = Sys(arch::kSysSendto, c->fd, (long)(c->out.data + c->outSent), c->out.size - c->outSent, kMsgNosignal,
                 0, 0);
    if (n == -kEintr) continue;
    if (n == -kEagain) break;
    if (n <= 0) {
      Close(c);
      return;
    }
    c->outSent += (uint32_t)n;
  }
  if (c->fd < 0) return;
  if (c->outSent == c->out.size) {
    c->out.clear();
    c->outSent = 0;
    if (!c->busy && (c->closeAfter || (!c->open && c->in.size == 0))) {
      Close(c);
      return;
    }
  }
  UpdateWatch(c);
}

// Output gathers until the event loop is about to sleep (SendGathered),
// so a response's head, body chunks and last chunk, written over several
// steps of its handler, usually leave in one send.
void Send(Conn* c) {
  if (c->sendQueued || c->fd < 0) return;
  c->sendQueued = true;
  Push(gService.sends, gService.sendSize, gService.sendCapacity, c);
}

// core/EventLoop.h's before-sleep hook. True when it closed a connection
// (work for DoWork, which must run before the loop sleeps).
bool SendGathered() {
  while (gService.sendSize > 0) {
    Conn* c = gService.sends[--gService.sendSize];
    c->sendQueued = false;
    if (c->fd >= 0) Flush(c);
    if (c->fd < 0) Queue(c);  // for DoWork to free
  }
  return gService.workSize > 0;
}

void PlainResponse(Conn* c, uint32_t status, const char* body) {
  AppendStatusLine(c->out, status);
  AppendText(c->out, "content-type: text/plain; charset=utf-8\r\ncontent-length: ");
  AppendNumber(c->out, StringLength(body), 10);
  AppendText(c->out, c->closeAfter ? "\r\nconnection: close\r\n\r\n" : "\r\n\r\n");
  AppendText(c->out, body);
}

void Reject(Conn* c, uint32_t status, const char* text) {
  c->open = false;
  c->closeAfter = true;
  c->in.clear();
  PlainResponse(c, status, text);
  Flush(c);
}

void Consume(ByteBuffer& buffer, size_t count) {
  __builtin_memmove(buffer.data, buffer.data + count, buffer.size - count);
  buffer.size -= (uint32_t)count;
}

// ---- request bodies ------------------------------------------------------------
//
// A request's handler starts as soon as its head is here; its body follows
// as the guest reads it. The connection's BodyDecoder takes the body's
// bytes out of its input buffer (content-length or chunked, whose chunk
// framing it checks and whose trailer section it parses) straight into the
// guest's read buffer, and the buffer stops taking bytes from the socket
// while full, so a body of any size streams through a fixed buffer. The
// trailers future resolves once the whole body is decoded: ok(some) with
// the trailer fields, ok(none), or an error-code (the body over
// gMaxBodyBytes, malformed, or cut short by the client). A body the handler
// does not read is decoded and dropped after its response, before the
// connection's next request.

// The error-code case (wit/p3/http.wit) a failed body reports.
uint32_t BodyErrorCase(BodyFailure failure) {
  switch (failure) {
    case BodyFailure::kTooLarge: return kHttpRequestBodySize;
    case BodyFailure::kCutShort: return kConnectionTerminated;
    default: return kHttpProtocolError;
  }
}

// Decodes what of the body the connection has received: up to `max` bytes
// of it into `out` (dropped when `out` is null), and past its framing and
// trailer section as far as the bytes go. Returns the body bytes produced.
uint32_t Decode(Conn* c, uint8_t* out, uint32_t max) {
  BodyDecoder& d = c->body;
  uint32_t consumed = 0;
  uint32_t produced = DecodeBody(d, c->in.data, c->in.size, consumed, out, max);
  Consume(c->in, consumed);
  // Stopped short of `max` while still decoding: for want of received
  // bytes. The client ended before the body did: nothing more will come.
  if (BodyDecoding(d) && produced < max && c->eof) {
    d.phase = BodyPhase::kFailed;
    d.failure = BodyFailure::kCutShort;
  }
  if (d.phase == BodyPhase::kFailed) {
    // Where the next request would start is lost.
    c->open = false;
    c->closeAfter = true;
    c->in.clear();
  }
  return produced;
}

void Unref(Feed* f) {
  if (--f->refs > 0) return;
  if (f->fields) ReleaseFields(f->fields);
  HeapFree(f, sizeof(Feed));
}

// The outcome, once the decoder has one (or the connection is gone).
void Settle(Feed* f) {
  if (f->settled) return;
  Conn* c = f->conn;
  if (c && c->body.phase == BodyPhase::kDone) {
    f->fields = c->body.trailers;
    c->body.trailers = nullptr;
  } else if (c && c->body.phase == BodyPhase::kFailed) {
    f->error = BodyErrorCase(c->body.failure) + 1;
  } else if (!c) {
    f->error = kConnectionTerminated + 1;
  } else {
    return;
  }
  f->settled = true;
}

// Serves the guest's reads waiting on the feed (from DoWork: new bytes, or
// the outcome known).
void WakeFeed(Feed* f) {
  Settle(f);
  if (f->contents) HostStreamWake(f->contents);
  if (f->trailers && f->settled) HostStreamWake(f->trailers);
}

void DetachFeed(Conn* c) {
  Feed* f = c->feed;
  if (!f) return;
  c->feed = nullptr;
  Settle(f);  // the decoder's outcome, if it has one
  f->conn = nullptr;
  Settle(f);  // else connection-terminated
  WakeFeed(f);
  Unref(f);
}

// The body stream: a guest read, from the decoder.
uint32_t FeedRead(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  auto* f = static_cast<Feed*>(state);
  Conn* c = f->conn;
  if (!c) return kHostClosed;
  uint32_t n = count ? Decode(c, buffer, count) : 0;
  if (n > 0 || !DecoderActive(c) || c->body.phase == BodyPhase::kTrailers) {
    // Room in the buffer again, or the outcome for the trailers future.
    UpdateWatch(c);
    Queue(c);
  }
  if (n > 0 || count == 0) return n;
  return c->body.phase == BodyPhase::kData || c->body.phase == BodyPhase::kDataEnd || c->body.phase == BodyPhase::kSizeLine
             ? kHostWouldBlock
             : kHostClosed;
}

void FeedContentsClosed(void* state) {
  auto* f = static_cast<Feed*>(state);
  f->contents = 0;
  Unref(f);
}

// The trailers future: result<option<trailers>, error-code>, as lowered
// slots (case, option case or error case, fields rep).
uint32_t FeedProduce(void* state, uint64_t* slots, uint32_t count) {
  auto* f = static_cast<Feed*>(state);
  Settle(f);
  if (!f->settled) return kHostWouldBlock;
  if (count == 0) return 0;
  LowerTrailersResult(slots, f->error, f->fields);
  return 1;
}

uint32_t FeedTrailersReady(void* state, uint8_t* buffer, uint32_t count, uint32_t elemSize) {
  auto* f = static_cast<Feed*>(state);
  Settle(f);
  if (!f->settled) return kHostWouldBlock;
  if (count == 0) return 0;
  StoreErrorResult(buffer, elemSize, f->error);
  return 1;
}

void FeedTrailersClosed(void* state) {
  auto* f = static_cast<Feed*>(state);
  f->trailers = 0;
  Unref(f);
}

// consume-body: the two ends.
void FeedOpen(BodySource* source, uint32_t* contents, uint32_t* trailers) {
  auto* f = reinterpret_cast<Feed*>(source);
  f->refs += 2;
  f->contents = *contents = HostStreamWithWriter(0, HostEnd{FeedRead, f, -1, 0, FeedContentsClosed, nullptr, 0});
  f->trailers = *trailers = HostStreamWithWriter(
      1, HostEnd{FeedTrailersReady, f, -1, 0, FeedTrailersClosed, FeedProduce, kTrailersResultSlots});
  Unref(f);  // the message's
}

void FeedAbandon(BodySource* source) { Unref(reinterpret_cast<Feed*>(source)); }

// ---- requests --------------------------------------------------------------------

void OnReturned(void* state, uint32_t task) {
  auto* c = static_cast<Conn*>(state);
  const uint64_t* results = wacc_rt_task_results(task);
  c->returned = true;
  c->resultCase = TaskWasCancelled(task) ? 1 : (uint32_t)results[0];
  c->responseRep = (uint32_t)results[1];
  Queue(c);
}

// Starts the handler for the next request whose head is here, if any
// (the last one's body drained first).
void Advance(Conn* c) {
  if (c->busy || c->fd < 0) return;
  if (DecoderActive(c)) {
    Decode(c, nullptr, ~0u);
    if (DecoderActive(c)) return UpdateWatch(c);
  }
  if (c->body.phase == BodyPhase::kFailed) return Flush(c);
  if (c->in.size == 0) return;
  RequestHead head;
  ParseResult parsed = ParseRequestHead(c->in.data, c->in.size, head);
  if (parsed == ParseResult::kIncomplete) {
    // Bytes of a head that never completed.
    if (c->eof) Reject(c, 400, "incomplete request\n");
    return;
  }
  if (parsed == ParseResult::kTooLarge) return Reject(c, 413, "request body too large\n");
  if (parsed != ParseResult::kComplete) return Reject(c, 400, "bad request\n");
  if (head.bodyKind != BodyKind::kNone) {
    // What of the body is here already: a malformed or oversized body, or
    // one the client cut short, is the server's to answer while it can.
    size_t consumed = 0;
    parsed = ParseRequestBody(c->in.data + head.headLength, c->in.size - head.headLength, head, consumed, nullptr,
                              nullptr, nullptr);
    if (parsed == ParseResult::kTooLarge) return Reject(c, 413, "request body too large\n");
    if (parsed == ParseResult::kBad) return Reject(c, 400, "bad request body\n");
    if (parsed == ParseResult::kIncomplete && c->eof) return Reject(c, 400, "incomplete request\n");
  }
  if (head.expectContinue) AppendText(c->out, "HTTP/1.1 100 Continue\r\n\r\n");  // the client waits for it
  Message* m = NewMessage(false);
  m->body = FillIncomingRequest(m->request, c->in.data, head, nullptr, 0);
  // The body comes from the connection (none: a stream that ends at once).
  ReleaseBody(m->body);
  m->body = nullptr;
  // The last body's trailers, when it was drained with no guest end left.
  if (c->body.trailers) ReleaseFields(c->body.trailers);
  c->body = StartBodyDecoder(head, /*keepTrailers=*/true);
  auto* f = static_cast<Feed*>(HeapAllocate(sizeof(Feed)));
  *f = Feed{};
  f->source = BodySource{FeedOpen, FeedAbandon};
  f->conn = c;
  f->refs = 2;  // the connection's and the message's
  c->feed = f;
  m->source = &f->source;
  c->headRequest = m->request->method == kHead;
  c->http11 = head.minorVersion >= 1;
  if (!head.keepAlive) c->closeAfter = true;
  Consume(c->in, head.headLength);
  c->busy = true;
  c->returned = false;
  uint32_t task = 0;
  gService.starting = c;
  uint32_t state = gService.start(NewRequestHandle(m), &task);
  gService.starting = nullptr;
  if (state != 1) c->task = task;  // it runs on (state 2: returned already)
  if (state == 0) {
    TaskOnReturn(task, OnReturned, c);
    return;
  }
  const uint64_t* results = wacc_rt_task_results(task);
  c->returned = true;
  c->resultCase = (uint32_t)results[0];
  c->responseRep = (uint32_t)results[1];
  if (state == 1) wacc_rt_task_end(task);
  Queue(c);
}

void FinishResponse(Conn* c) {
  if (c->response) {
    ResolveTransmitted(c->response, 0);
    FreeMessage(c->response);
    c->response = nullptr;
  }
  // A body the handler left unread is the guest's no more (Advance drains it).
  DetachFeed(c);
  c->busy = false;
  c->task = 0;
  Queue(c);  // the next request, if it is here (or the object's end)
  Send(c);
}

bool NameIs(const FieldsData* fields, const FieldEntry& e, const char* lower) {
  uint32_t n = (uint32_t)StringLength(lower);
  return e.nameLength == n && BytesEqual(fields->name(e), lower, n);
}

// The response's body stream, as its reader: each guest write, framed.
uint32_t BodyWrite(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  auto* c = static_cast<Conn*>(state);
  if (c->fd < 0) return kHostClosed;
  if (c->out.size - c->outSent > kMaxUnsent) {
    Flush(c);
    if (c->fd < 0) return kHostClosed;
    if (c->out.size - c->outSent > kMaxUnsent) return kHostWouldBlock;
  }
  if (count == 0) return 0;
  if (c->chunked) {
    AppendNumber(c->out, count, 16);
    AppendText(c->out, "\r\n");
  }
  c->out.append(buffer, count);
  if (c->chunked) AppendText(c->out, "\r\n");
  Send(c);
  return count;
}

// The last chunk and the trailer section; or, when the trailers future
// held an error, none: the response is cut short (the connection closes
// after what was sent, which tells the client it is incomplete).
void EndChunked(Conn* c, bool ok, const FieldsData* trailers) {
  if (!ok) {
    c->closeAfter = true;
    c->open = false;
    return FinishResponse(c);
  }
  AppendText(c->out, "0\r\n");
  for (uint32_t i = 0; trailers && i < trailers->count(); ++i) {
    const FieldEntry& e = *trailers->at(i);
    c->out.append(trailers->name(e), e.nameLength);
    AppendText(c->out, ": ");
    c->out.append(trailers->value(e), e.valueLength);
    AppendText(c->out, "\r\n");
  }
  AppendText(c->out, "\r\n");
  FinishResponse(c);
}

uint32_t NoBytes(void*, uint8_t*, uint32_t, uint32_t) { return kHostWouldBlock; }

// The response's trailers future: result<option<trailers>, error-code> as
// lifted slots (case, option case or error case, fields rep).
uint32_t TrailersTaken(void* state, const uint64_t* slots, uint32_t count) {
  auto* r = static_cast<TrailerReader*>(state);
  if (count == 0) return 0;
  FieldsData* fields = slots[0] == 0 && slots[1] != 0 ? TakeFields((uint32_t)slots[2]) : nullptr;
  if (Conn* c = r->conn) {
    r->conn = nullptr;
    c->trailerReader = nullptr;
    EndChunked(c, slots[0] == 0, fields);
  }
  if (fields) ReleaseFields(fields);
  return 1;
}

// The guest dropped the future unwritten: no trailers.
void TrailersEnded(void* state) {
  auto* r = static_cast<TrailerReader*>(state);
  Conn* c = r->conn;
  HeapFree(r, sizeof(TrailerReader));
  if (!c) return;
  c->trailerReader = nullptr;
  EndChunked(c, true, nullptr);
}

// The guest dropped its end: the body is complete. A chunked one ends
// with the trailers the response's future holds (waiting for them).
void BodyDone(void* state) {
  auto* c = static_cast<Conn*>(state);
  if (!c->chunked || c->fd < 0) return FinishResponse(c);
  Message* m = c->response;
  uint32_t trailers = m ? m->trailers : 0;
  if (!trailers || HostStreamPeerDropped(trailers)) return EndChunked(c, true, nullptr);
  m->trailers = 0;
  auto* r = static_cast<TrailerReader*>(HeapAllocate(sizeof(TrailerReader)));
  r->conn = c;
  c->trailerReader = r;
  HostStreamAttachReader(trailers, HostEnd{NoBytes, r, -1, 0, TrailersEnded, nullptr, 0, TrailersTaken});
}

// The handler's task returned: the response head, then its body.
void Respond(Conn* c) {
  c->returned = false;
  if (c->resultCase != 0) {
    if (c->fd >= 0) PlainResponse(c, 500, "the handler returned an error\n");
    return FinishResponse(c);
  }
  Message* m = TakeResponse(c->responseRep);
  c->response = m;
  if (c->fd < 0) return FinishResponse(c);
  AppendStatusLine(c->out, m->status);
  bool guestLength = false;
  const FieldsData* fields = m->request->headers;
  for (uint32_t i = 0; fields && i < fields->count(); ++i) {
    const FieldEntry& e = *fields->at(i);
    if (NameIs(fields, e, "connection") || NameIs(fields, e, "transfer-encoding")) continue;
    if (NameIs(fields, e, "content-length")) guestLength = true;
    c->out.append(fields->name(e), e.nameLength);
    AppendText(c->out, ": ");
    c->out.append(fields->value(e), e.valueLength);
    AppendText(c->out, "\r\n");
  }
  bool noBody = c->headRequest || m->status == 204 || m->status == 304 || m->status < 200;
  c->chunked = false;
  if (!noBody && !guestLength) {
    if (m->contents && c->http11) {
      c->chunked = true;
      AppendText(c->out, "transfer-encoding: chunked\r\n");
    } else if (m->contents) {
      // HTTP/1.0 has no chunked coding: the body runs to the close.
      c->closeAfter = true;
      c->open = false;
    } else {
      AppendText(c->out, "content-length: 0\r\n");
    }
  }
  if (c->closeAfter) AppendText(c->out, "connection: close\r\n");
  AppendText(c->out, "\r\n");
  Send(c);
  if (noBody || !m->contents) return FinishResponse(c);
  uint32_t contents = m->contents;
  m->contents = 0;
  if (HostStreamPeerDropped(contents)) {
    // The guest already dropped its end, with nothing written (writes wait
    // for a reader): an empty body, and no `closed` call to come.
    HostStreamClose(contents);
    return BodyDone(c);
  }
  HostStreamAttachReader(contents, HostEnd{BodyWrite, c, c->fd, linux_abi::kPollOut, BodyDone, nullptr, 0});
}

void OnConn(void* state, uint32_t revents) {
  auto* c = static_cast<Conn*>(state);
  if (c->fd < 0) return;
  c->lastActive = gService.tick;
  if (revents & (kIoIn | kIoErr | kIoHup)) {
    while (Reading(c) && c->in.size < kMaxBuffered) {
      uint8_t* at = c->in.reserve(16 * 1024);
      long n = Sys(arch::kSysRecvfrom, c->fd, (long)at, 16 * 1024, 0, 0, 0);
      if (n == -kEintr) continue;
      if (n == -kEagain) break;
      if (n <= 0) {
        c->open = false;
        c->eof = true;
        break;
      }
      c->in.size += (uint32_t)n;
      // A short read took all there was (the watch is level-triggered:
      // more, or the end, is another event), sparing the EAGAIN read.
      if (n < 16 * 1024) break;
    }
    if (!c->open && !c->busy && c->in.size == 0) return Close(c);
  }
  if (revents & kIoOut) Flush(c);
  if (c->fd >= 0) {
    UpdateWatch(c);
    Queue(c);
  }
}

void OnListen(void*, uint32_t) {
  for (;;) {
    long fd = Sys(arch::kSysAccept4, gService.listener, 0, 0, kNonBlock | kCloexec);
    if (fd < 0) return;
    int one = 1;
    Sys(arch::kSysSetsockopt, fd, kIpprotoTcp, kTcpNodelay, (long)&one, sizeof one);
    auto* c = static_cast<Conn*>(HeapAllocate(sizeof(Conn)));
    *c = Conn{};
    c->fd = (int)fd;
    c->open = true;
    c->lastActive = gService.tick;
    c->watch = IoWatchAdd((int)fd, kIoIn, OnConn, c);
    c->next = gService.conns;
    gService.conns = c;
    ++gService.live;
  }
}

void OnSignal(void*, uint32_t) {
  uint8_t info[128];
  while (SysRead(gService.signals, info, sizeof info) > 0) {
  }
  if (gService.stopping) return;
  gService.stopping = true;
  IoWatchRemove(gService.listenWatch);
  CloseFd(gService.listener);
  IoWatchRemove(gService.signalWatch);
  CloseFd(gService.signals);
  // Idle connections close now, busy ones after their response (DoWork).
  for (Conn* c = gService.conns; c; c = c->next) Queue(c);
}

[[noreturn]] void Usage(const char* problem) { ServerUsage(problem, false); }

// The supervisor's one listening socket, which every worker accepts on.
void Listen() {
  ServerOptions options = ParseServerOptions(false);
  gService.processes = options.processes;
  gService.idleTimeout = options.idleTimeout;
  ListenAddress address;
  if (!ParseListenAddress(options.addr, address)) Usage(kListenAddressProblem);
  const char* what;
  long fd = OpenListener(address, false, what);
  if (fd < 0) ServerFail(what, fd);
  gService.listener = (int)fd;
  AnnounceListening(address);
}

// Closes the connections idle longer than --idle-timeout, as the 0.2
// server does: nothing in flight (or only its request body, which the
// client stopped sending), nothing left to send, no byte either way for
// that long. Runs once a second (a timerfd).
void OnTimer(void*, uint32_t) {
  uint64_t expirations = 0;
  SysRead(gService.timer, &expirations, sizeof expirations);
  gService.tick += expirations ? expirations : 1;
  for (Conn* c = gService.conns; c;) {
    Conn* next = c->next;
    bool waiting = !c->busy || (DecoderActive(c) && !c->response && !c->returned);
    if (c->fd >= 0 && waiting && c->out.size == c->outSent && gService.tick - c->lastActive > gService.idleTimeout)
      Close(c);
    c = next;
  }
}

// The work the watches and task returns queued: responses to send,
// requests to start. Runs between loop rounds, never inside one.
void DoWork() {
  while (gService.workSize > 0) {
    Conn* c = gService.work[--gService.workSize];
    c->queued = false;
    if (c->feed) WakeFeed(c->feed);
    if (c->returned) Respond(c);
    if (gService.stopping && c->fd >= 0) {
      c->open = false;
      c->closeAfter = true;
    }
    if (c->fd < 0) {
      if (!c->busy && !c->queued && !c->sendQueued) Destroy(c);
      continue;
    }
    Advance(c);
    if (gService.stopping && c->fd >= 0 && !c->busy) Flush(c);
  }
}

// ---- traps ----------------------------------------------------------------------------

// Sends what is left of `c->out`, giving a slow client about a second.
void SendRest(Conn* c) {
  uint32_t waits = 0;
  while (c->outSent < c->out.size) {
    long n =
        Sys(arch::kSysSendto, c->fd, (long)(c->out.data + c->outSent), c->out.size - c->outSent, kMsgNosignal, 0, 0);
    if (n == -kEintr) continue;
    if (n == -kEagain) {
      if (++waits > 10) return;
      PollFd poll{c->fd, wacc_rt::kPollOut, 0};
      Timespec wait{0, 100000000};
      Sys(arch::kSysPpoll, (long)&poll, 1, (long)&wait, 0, 8);
      continue;
    }
    if (n <= 0) return;
    c->outSent += (uint32_t)n;
  }
}

// Whose request the trapped task served: the task that ran at the trap or
// one of its callers (nested calls into the component), or the request
// whose handler was being started.
Conn* TrappedConn() {
  if (gService.starting) return gService.starting;
  uint32_t depth = 0;
  for (uint32_t t = RunningTask(); t && depth < 256; t = TaskCaller(t), ++depth) {
    // A task id names one live task, but a handler that ended without
    // closing its body stream leaves its id on a connection still sending:
    // a request whose response has not started is the better match.
    Conn* sending = nullptr;
    for (Conn* c = gService.conns; c; c = c->next) {
      if (!c->busy || c->task != t) continue;
      if (!c->response) return c;
      sending = c;
    }
    if (sending) return sending;
  }
  return nullptr;
}

// The instance trapped: answer what can be answered, close the rest and
// exit, never calling the guest again (the opening comment).
[[noreturn]] void Poisoned(uint32_t reason) {
  Conn* trapped = TrappedConn();
  uint32_t others = 0;
  for (Conn* c = gService.conns; c; c = c->next) {
    if (c->fd < 0) continue;
    c->closeAfter = true;
    if (c->busy && !c->response) {
      if (c == trapped) {
        PlainResponse(c, 500, "the handler trapped\n");
      } else {
        PlainResponse(c, 503, "the instance serving this request trapped; try again\n");
        ++others;
      }
    } else if (!c->busy && c->in.size > 0) {
      PlainResponse(c, 503, "the instance serving this request trapped; try again\n");
    }
    SendRest(c);
    Sys(arch::kSysShutdown, c->fd, 1 /* SHUT_WR */);
    CloseFd(c->fd);
  }
  MessageBuffer m;
  m.append("wasm trap: ").append(TrapReasonText(reason));
  if (!trapped)
    m.append(", in the instance: 503 to ");
  else if (trapped->response)
    m.append(", in a request handler writing its body: that response cut short, 503 to ");
  else
    m.append(", in a request handler: 500 to its request, 503 to ");
  m.appendDecimal(others).append(trapped ? " other" : "").append(others == 1 ? " request" : " requests");
  m.append(" in flight; the instance restarts\n").writeTo(2);
  SysExitGroup(kPoisoned);
}

// ---- processes --------------------------------------------------------------------------

void RunLoop(void*) {
  IoSetBeforeSleep(SendGathered);
  while (!gService.stopping || gService.live > 0) {
    EventLoopRound(true);
    DoWork();
  }
}

// A worker: serves on the supervisor's listening socket until SIGINT or
// SIGTERM, or a trap.
[[noreturn]] void Work() {
  gService.listenWatch = IoWatchAdd(gService.listener, kIoIn, OnListen, nullptr);
  uint64_t mask = (1ull << (kSigint - 1)) | (1ull << (kSigterm - 1));
  long signals = Sys(arch::kSysSignalfd4, -1, (long)&mask, 8, kNonBlock | kCloexec);
  if (signals < 0) ServerFail("signalfd", signals);
  gService.signals = (int)signals;
  gService.signalWatch = IoWatchAdd(gService.signals, kIoIn, OnSignal, nullptr);
  if (gService.idleTimeout) {
    long timer = Sys(arch::kSysTimerfdCreate, 1 /* CLOCK_MONOTONIC */, kNonBlock | kCloexec);
    if (timer < 0) ServerFail("timerfd_create", timer);
    gService.timer = (int)timer;
    Timespec second[2] = {{1, 0}, {1, 0}};  // struct itimerspec: interval, first expiry
    Sys(arch::kSysTimerfdSettime, timer, 0, (long)second, 0);
    IoWatchAdd(gService.timer, kIoIn, OnTimer, nullptr);
  }
  int32_t trap = wacc_rt_catch_trap(RunLoop, nullptr);
  if (trap >= 0) Poisoned((uint32_t)trap);
  SysExitGroup(0);
}

// Forks a worker into slot `i`; a negative errno if fork failed.
long StartWorker(uint32_t i, int signals) {
  long pid = Sys(arch::kSysClone, kSigchld, 0, 0, 0, 0);
  if (pid < 0) return pid;
  if (pid > 0) {
    gService.workers[i] = (int)pid;
    ++gService.workerCount;
    return 0;
  }
  // The worker ends when the supervisor does, and hears only SIGINT/SIGTERM.
  Sys(arch::kSysPrctl, 1 /* PR_SET_PDEATHSIG */, kSigterm, 0, 0, 0);
  CloseFd(signals);
  uint64_t child = 1ull << (kSigchld - 1);
  Sys(arch::kSysRtSigprocmask, 1 /* SIG_UNBLOCK */, (long)&child, 0, 8);
  Work();
}

// The supervisor: keeps --processes workers running until told to stop.
int32_t Supervise() {
  uint64_t mask = (1ull << (kSigint - 1)) | (1ull << (kSigterm - 1)) | (1ull << (kSigchld - 1));
  Sys(arch::kSysRtSigprocmask, 0 /* SIG_BLOCK */, (long)&mask, 0, 8);
  long signals = Sys(arch::kSysSignalfd4, -1, (long)&mask, 8, kCloexec);
  if (signals < 0) ServerFail("signalfd", signals);
  for (uint32_t i = 0; i < gService.processes; ++i)
    if (long error = StartWorker(i, (int)signals); error < 0) ServerFail("fork", error);
  bool stopping = false;
  int32_t status = 0;
  while (!stopping || gService.workerCount > 0) {
    uint8_t info[128];  // struct signalfd_siginfo, ssi_signo first
    long n = SysRead((int)signals, info, sizeof info);
    if (n == -kEintr) continue;
    if (n != (long)sizeof info) ServerFail("signalfd read", n);
    uint32_t signal;
    __builtin_memcpy(&signal, info, 4);
    if (signal != kSigchld) {
      if (stopping) continue;
      stopping = true;
      // New connections would only wait: refuse them now.
      CloseFd(gService.listener);
      for (uint32_t i = 0; i < gService.processes; ++i)
        if (gService.workers[i] > 0) Sys(arch::kSysKill, gService.workers[i], kSigterm);
      continue;
    }
    for (;;) {
      int wstatus = 0;
      long pid = Sys(arch::kSysWait4, -1, (long)&wstatus, 1 /* WNOHANG */, 0);
      if (pid <= 0) break;
      for (uint32_t i = 0; i < gService.processes; ++i) {
        if (gService.workers[i] != (int)pid) continue;
        gService.workers[i] = 0;
        --gService.workerCount;
        bool poisoned = (wstatus & 0x7f) == 0 && ((wstatus >> 8) & 0xff) == kPoisoned;
        bool clean = wstatus == 0;
        if (stopping) {
          if (!clean && !poisoned) status = 1;
        } else {
          // A trap, or a worker that ended otherwise (a crash, wasi:cli/exit
          // in a handler): the instance as instantiated takes its place.
          if (!poisoned)
            MessageBuffer().append("wacc: http server: a worker process ended unexpectedly; restarting\n").writeTo(2);
          if (StartWorker(i, (int)signals) < 0)
            MessageBuffer().append("wacc: http server: cannot fork a worker\n").writeTo(2);
        }
        break;
      }
    }
    if (!stopping && gService.workerCount == 0) ServerFail("no worker process is left", 0);
  }
  return status;
}

}  // namespace
}  // namespace wacc_rt::http::p3

using namespace wacc_rt;
using namespace wacc_rt::http::p3;

extern "C" int32_t wacc_rt_http_serve_async(uint32_t (*start)(uint32_t request, uint32_t* task)) {
  gService.start = start;
  Listen();
  return Supervise();
}
