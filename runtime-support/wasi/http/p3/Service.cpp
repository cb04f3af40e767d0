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
// (pipelined requests wait in its buffer). A complete request, body
// included, becomes a `request` (P3Http.h's Message: its body is served to
// consume-body from memory) and the handler's task starts. When the task
// returns (TaskOnReturn, or at once), the response head goes out, and the
// server becomes the reader of the response's body stream: each guest write
// is framed (chunked, unless the guest set content-length) and sent; the
// guest dropping its end ends the body, resolves the response's
// transmission future ok, and the connection reads its next request. The
// response's trailers future is not read (trailers are not sent).
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
constexpr int kSolSocket = 1, kSoReuseaddr = 2, kIpprotoTcp = 6, kTcpNodelay = 1;
constexpr int kMsgNosignal = 0x4000;
// A response body stops taking guest writes while this much is unsent.
constexpr uint32_t kMaxUnsent = 256 * 1024;
constexpr uint32_t kMaxBuffered = kMaxHeadBytes + kMaxBodyBytes + 64 * 1024;

struct Conn {
  int fd;  // -1 once closed
  uint32_t watch;
  bool open;        // still reading requests
  bool busy;        // a request in flight: the handler runs, or its body is sent
  bool closeAfter;  // close once the response is out
  bool headRequest, chunked;
  bool sentContinue;  // "100 Continue" went out for the request being read
  bool returned;      // the handler's task returned: `result` is its outcome
  bool queued;    // in the work list
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
  Conn* starting;  // whose handler the start call runs (a trap in it is that request's)
  // The supervisor's.
  uint32_t processes;
  int workers[64];  // 0: a free slot
  uint32_t workerCount;
};

Service gService;

[[noreturn]] void Fail(const char* what, long error) {
  MessageBuffer m;
  m.append("wacc: http server: ").append(what);
  if (error < 0) m.append(" (errno ").appendDecimal((uint64_t)-error).append(")");
  m.append("\n").writeTo(2);
  SysExitGroup(1);
}

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

void Queue(Conn* c) {
  if (c->queued) return;
  if (gService.workSize == gService.workCapacity) {
    uint32_t capacity = gService.workCapacity ? gService.workCapacity * 2 : 64;
    auto** grown = static_cast<Conn**>(HeapAllocate(capacity * sizeof(Conn*)));
    for (uint32_t i = 0; i < gService.workSize; ++i) grown[i] = gService.work[i];
    if (gService.work) HeapFree(gService.work, gService.workCapacity * sizeof(Conn*));
    gService.work = grown;
    gService.workCapacity = capacity;
  }
  c->queued = true;
  gService.work[gService.workSize++] = c;
}

// ---- connections ------------------------------------------------------------------

void Close(Conn* c) {
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
  c->in.release();
  c->out.release();
  HeapFree(c, sizeof(Conn));
}

void UpdateWatch(Conn* c) {
  if (c->fd < 0) return;
  uint32_t events = 0;
  if (c->open && c->in.size < kMaxBuffered) events |= kIoIn;
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

// The request as the guest sees it (FillIncomingRequest), in a 0.3 message.
Message* BuildRequest(const uint8_t* data, const RequestHead& head, const uint8_t* bodyBytes, size_t available) {
  Message* m = NewMessage(false);
  m->body = FillIncomingRequest(m->request, data, head, bodyBytes, available);
  return m;
}

void OnReturned(void* state, uint32_t task) {
  auto* c = static_cast<Conn*>(state);
  const uint64_t* results = wacc_rt_task_results(task);
  c->returned = true;
  c->resultCase = TaskWasCancelled(task) ? 1 : (uint32_t)results[0];
  c->responseRep = (uint32_t)results[1];
  Queue(c);
}

// Starts the handler for the next complete request, if any.
void Advance(Conn* c) {
  if (c->busy || c->fd < 0 || c->in.size == 0) return;
  RequestHead head;
  ParseResult parsed = ParseRequestHead(c->in.data, c->in.size, head);
  if (parsed == ParseResult::kIncomplete) return;
  if (parsed != ParseResult::kComplete) return Reject(c, 400, "bad request\n");
  if (head.expectContinue && !c->sentContinue) {
    // The client waits for this before it sends the body.
    AppendText(c->out, "HTTP/1.1 100 Continue\r\n\r\n");
    c->sentContinue = true;
  }
  size_t consumed = 0;
  parsed = ParseRequestBody(c->in.data + head.headLength, c->in.size - head.headLength, head, consumed, nullptr,
                            nullptr, nullptr);
  if (parsed == ParseResult::kIncomplete) return Flush(c);
  if (parsed == ParseResult::kTooLarge) return Reject(c, 413, "request body too large\n");
  if (parsed != ParseResult::kComplete) return Reject(c, 400, "bad request body\n");
  Message* m = BuildRequest(c->in.data, head, c->in.data + head.headLength, c->in.size - head.headLength);
  c->headRequest = m->request->method == kHead;
  if (!head.keepAlive) c->closeAfter = true;
  Consume(c->in, head.headLength + consumed);
  c->sentContinue = false;
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
  c->busy = false;
  c->task = 0;
  Queue(c);  // the next request, if it is here (or the object's end)
  Flush(c);
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
  Flush(c);
  return count;
}

// The guest dropped its end: the body is complete.
void BodyDone(void* state) {
  auto* c = static_cast<Conn*>(state);
  if (c->chunked) AppendText(c->out, "0\r\n\r\n");
  FinishResponse(c);
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
    if (m->contents) {
      c->chunked = true;
      AppendText(c->out, "transfer-encoding: chunked\r\n");
    } else {
      AppendText(c->out, "content-length: 0\r\n");
    }
  }
  if (c->closeAfter) AppendText(c->out, "connection: close\r\n");
  AppendText(c->out, "\r\n");
  Flush(c);
  if (noBody || !m->contents || c->fd < 0) return FinishResponse(c);
  uint32_t contents = m->contents;
  m->contents = 0;
  HostStreamAttachReader(contents, HostEnd{BodyWrite, c, c->fd, linux_abi::kPollOut, BodyDone, nullptr, 0});
}

void OnConn(void* state, uint32_t revents) {
  auto* c = static_cast<Conn*>(state);
  if (c->fd < 0) return;
  if (revents & (kIoIn | kIoErr | kIoHup)) {
    while (c->open && c->in.size < kMaxBuffered) {
      uint8_t* at = c->in.reserve(16 * 1024);
      long n = Sys(arch::kSysRecvfrom, c->fd, (long)at, 16 * 1024, 0, 0, 0);
      if (n == -kEintr) continue;
      if (n == -kEagain) break;
      if (n <= 0) {
        c->open = false;
        break;
      }
      c->in.size += (uint32_t)n;
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

void Listen() {
  ServerOptions options = ParseServerOptions(false);
  const char* addr = options.addr;
  gService.processes = options.processes;
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
  gService.listener = (int)fd;
  MessageBuffer m;
  const uint8_t* ip = address.address;
  m.append("Serving HTTP on http://");
  for (int i = 0; i < 4; ++i) m.appendDecimal(ip[i]).append(i < 3 ? "." : ":");
  m.appendDecimal((uint32_t)((address.port >> 8) | ((address.port & 0xff) << 8))).append("/\n");
  m.writeTo(2);
}

// The work the watches and task returns queued: responses to send,
// requests to start. Runs between loop rounds, never inside one.
void DoWork() {
  while (gService.workSize > 0) {
    Conn* c = gService.work[--gService.workSize];
    c->queued = false;
    if (c->returned) Respond(c);
    if (gService.stopping && c->fd >= 0) {
      c->open = false;
      c->closeAfter = true;
    }
    if (c->fd < 0) {
      if (!c->busy && !c->queued) Destroy(c);
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
  if (signals < 0) Fail("signalfd", signals);
  gService.signals = (int)signals;
  gService.signalWatch = IoWatchAdd(gService.signals, kIoIn, OnSignal, nullptr);
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
  if (signals < 0) Fail("signalfd", signals);
  for (uint32_t i = 0; i < gService.processes; ++i)
    if (long error = StartWorker(i, (int)signals); error < 0) Fail("fork", error);
  bool stopping = false;
  int32_t status = 0;
  while (!stopping || gService.workerCount > 0) {
    uint8_t info[128];  // struct signalfd_siginfo, ssi_signo first
    long n = SysRead((int)signals, info, sizeof info);
    if (n == -kEintr) continue;
    if (n != (long)sizeof info) Fail("signalfd read", n);
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
    if (!stopping && gService.workerCount == 0) Fail("no worker process is left", 0);
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
