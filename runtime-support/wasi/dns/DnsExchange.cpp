// Asking nameservers: the A and AAAA queries for one name go out together
// on one UDP socket connected to the server (so the kernel delivers only
// datagrams from the server's address and port), each with a random id
// from getrandom; an answer that does not match its query (DnsMessage.cpp)
// is dropped and the wait goes on. A truncated answer is asked again over
// TCP. Each server gets `timeout` seconds a try; `attempts` rounds go over
// the servers, all within the lookup's deadline.
//
// Which outcome a lookup gets (Resolver.h): addresses for either type make
// it a success; NXDOMAIN or no data for both, name-unresolvable; a query
// left without a final answer, a temporary failure if a server timed out,
// failed (SERVFAIL) or could not be reached, and a permanent one if the
// servers refused it or answered nonsense.
#include "wasi/Streams.h"
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

using namespace linux_abi;

constexpr uint16_t kTypes[2] = {kTypeA, kTypeAaaa};
constexpr long kNanosecondsPerSecond = 1000000000;

// What one query has got so far.
enum class State : uint8_t { kNone, kTimedOut, kUnreachable, kServFail, kRefused, kMalformed, kFinal };

struct Query {
  uint8_t bytes[kMaxUdpMessage];
  uint32_t length;
  State state;
  AnswerKind final;  // when state is kFinal
};

alignas(8) Query gQueries[2];
// What each query's answers gave: the A addresses go before the AAAA ones
// whichever answer comes first.
alignas(8) AddressList gFound[2];
alignas(8) uint8_t gAnswer[kMaxMessage + 2];

uint16_t RandomId() {
  uint16_t id = 0;
  RetryInterrupted([&] { return Sys(arch::kSysGetrandom, (long)&id, sizeof id, 0); });
  return id;
}

// Waits until `fd` has `events` or `deadline` passes; false on the latter.
bool WaitFd(int fd, short events, uint64_t deadline) {
  for (;;) {
    uint64_t now = MonotonicNow();
    if (now >= deadline) return false;
    uint64_t remaining = deadline - now;
    Timespec timeout{(int64_t)(remaining / kNanosecondsPerSecond), (int64_t)(remaining % kNanosecondsPerSecond)};
    PollFd poll{fd, events, 0};
    long ready = Sys(arch::kSysPpoll, (long)&poll, 1, (long)&timeout, 0, 8);
    if (ready > 0) return true;
    if (ready < 0 && ready != -kEintr) return false;
  }
}

uint32_t AddressLength(const Sockaddr& server) {
  return server.family == kAfInet6 ? sizeof(SockaddrIn6) : sizeof(SockaddrIn);
}

long ConnectedSocket(const Sockaddr& server, int type) {
  long fd = Sys(arch::kSysSocket, server.family, type | kSockCloexec | kSockNonBlock, 0);
  if (fd < 0) return fd;
  long connected = Sys(arch::kSysConnect, fd, (long)&server, AddressLength(server));
  if (connected < 0 && connected != -kEinprogress) {
    CloseFd((int)fd);
    return connected;
  }
  return fd;
}

bool SendAllBy(int fd, const uint8_t* bytes, uint32_t size, uint64_t deadline) {
  while (size > 0) {
    long sent = Sys(arch::kSysSendto, fd, (long)bytes, size, kMsgNoSignal, 0, 0);
    if (sent == -kEagain || sent == -kEintr) {
      if (!WaitFd(fd, linux_abi::kPollOut, deadline)) return false;
      continue;
    }
    if (sent <= 0) return false;
    bytes += sent;
    size -= (uint32_t)sent;
  }
  return true;
}

bool ReceiveAllBy(int fd, uint8_t* bytes, uint32_t size, uint64_t deadline) {
  while (size > 0) {
    long got = Sys(arch::kSysRecvfrom, fd, (long)bytes, size, kMsgDontWait, 0, 0);
    if (got == -kEagain || got == -kEintr) {
      if (!WaitFd(fd, kPollIn, deadline)) return false;
      continue;
    }
    if (got <= 0) return false;
    bytes += got;
    size -= (uint32_t)got;
  }
  return true;
}

// The query again over TCP (RFC 1035 4.2.2: each message after its
// two-byte length).
void AskOverTcp(const Sockaddr& server, Query& query, uint64_t deadline, AddressList& out) {
  query.state = State::kUnreachable;
  long fd = ConnectedSocket(server, kSockStream);
  if (fd < 0) return;
  int error = 0;
  uint32_t errorLength = sizeof error;
  uint8_t prefix[2] = {(uint8_t)(query.length >> 8), (uint8_t)query.length};
  bool connected = WaitFd((int)fd, linux_abi::kPollOut, deadline) &&
                   Sys(arch::kSysGetsockopt, fd, kSolSocket, kSoError, (long)&error, (long)&errorLength) == 0 &&
                   error == 0;
  if (connected && SendAllBy((int)fd, prefix, 2, deadline) && SendAllBy((int)fd, query.bytes, query.length, deadline)) {
    query.state = State::kTimedOut;
    if (ReceiveAllBy((int)fd, gAnswer, 2, deadline)) {
      uint32_t length = (uint32_t)(gAnswer[0] << 8 | gAnswer[1]);
      if (ReceiveAllBy((int)fd, gAnswer, length, deadline)) {
        AnswerKind kind = ParseAnswer(gAnswer, length, query.bytes, query.length, out);
        switch (kind) {
          case AnswerKind::kNoData:
          case AnswerKind::kNxDomain:
          case AnswerKind::kAddresses: query.state = State::kFinal, query.final = kind; break;
          case AnswerKind::kServFail: query.state = State::kServFail; break;
          case AnswerKind::kRefused: query.state = State::kRefused; break;
          default: query.state = State::kMalformed; break;
        }
      }
    }
  }
  CloseFd((int)fd);
}

// One try at `server`: sends the queries not yet answered and waits for
// their answers until `tryDeadline`.
void AskServer(const Sockaddr& server, uint64_t tryDeadline, uint64_t deadline) {
  long fd = ConnectedSocket(server, kSockDgram);
  bool waiting[2] = {false, false};
  for (int i = 0; i < 2; ++i) {
    Query& query = gQueries[i];
    if (query.state == State::kFinal) continue;
    if (fd < 0) {
      query.state = State::kUnreachable;
      continue;
    }
    long sent = Sys(arch::kSysSendto, fd, (long)query.bytes, query.length, kMsgNoSignal, 0, 0);
    waiting[i] = sent == (long)query.length;
    if (!waiting[i]) query.state = State::kUnreachable;
  }
  if (fd < 0) return;
  while ((waiting[0] || waiting[1]) && WaitFd((int)fd, kPollIn, tryDeadline)) {
    long got = Sys(arch::kSysRecvfrom, fd, (long)gAnswer, sizeof gAnswer, kMsgDontWait, 0, 0);
    if (got == -kEagain || got == -kEintr) continue;
    if (got < 0) {  // ECONNREFUSED (nothing listens there) and the like
      for (int i = 0; i < 2; ++i)
        if (waiting[i]) gQueries[i].state = State::kUnreachable, waiting[i] = false;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (!waiting[i]) continue;
      Query& query = gQueries[i];
      AnswerKind kind = ParseAnswer(gAnswer, (uint32_t)got, query.bytes, query.length, gFound[i]);
      if (kind == AnswerKind::kMismatch) continue;
      waiting[i] = false;
      switch (kind) {
        case AnswerKind::kTruncated: AskOverTcp(server, query, deadline, gFound[i]); break;
        case AnswerKind::kNoData:
        case AnswerKind::kNxDomain:
        case AnswerKind::kAddresses: query.state = State::kFinal, query.final = kind; break;
        case AnswerKind::kServFail: query.state = State::kServFail; break;
        case AnswerKind::kRefused: query.state = State::kRefused; break;
        default: query.state = State::kMalformed; break;
      }
      break;
    }
  }
  for (int i = 0; i < 2; ++i)
    if (waiting[i]) gQueries[i].state = State::kTimedOut;
  CloseFd((int)fd);
}

}  // namespace

Outcome QueryName(const ResolverConfig& config, const char* name, uint32_t length, uint64_t deadline,
                  AddressList& out) {
  for (int i = 0; i < 2; ++i) {
    Query& query = gQueries[i];
    query.state = State::kNone;
    gFound[i].count = 0;
    query.length = BuildQuery(query.bytes, RandomId(), name, length, kTypes[i]);
    if (query.length == 0) return Outcome::kNameUnresolvable;
  }
  uint64_t perTry = (uint64_t)config.timeoutSeconds * kNanosecondsPerSecond;
  for (uint32_t attempt = 0; attempt < config.attempts; ++attempt) {
    for (uint32_t s = 0; s < config.serverCount; ++s) {
      uint64_t now = MonotonicNow();
      if (now >= deadline) break;
      uint64_t tryDeadline = now + perTry < deadline ? now + perTry : deadline;
      AskServer(config.servers[s], tryDeadline, deadline);
      if (gQueries[0].state == State::kFinal && gQueries[1].state == State::kFinal) break;
    }
    if (gQueries[0].state == State::kFinal && gQueries[1].state == State::kFinal) break;
  }
  for (const AddressList& found : gFound)
    for (uint32_t i = 0; i < found.count; ++i) out.add(found.items[i]);
  bool temporary = false, permanent = false, unresolvable = true;
  for (const Query& query : gQueries) {
    if (query.state == State::kFinal && query.final == AnswerKind::kAddresses) return Outcome::kOk;
    if (query.state != State::kFinal) unresolvable = false;
    if (query.state == State::kRefused || query.state == State::kMalformed) permanent = true;
    if (query.state == State::kTimedOut || query.state == State::kUnreachable || query.state == State::kServFail ||
        query.state == State::kNone)
      temporary = true;
  }
  // A name that does not exist does not exist for either type.
  for (const Query& query : gQueries)
    if (query.state == State::kFinal && query.final == AnswerKind::kNxDomain) return Outcome::kNameUnresolvable;
  if (unresolvable) return Outcome::kNameUnresolvable;
  if (temporary) return Outcome::kTemporaryFailure;
  return permanent ? Outcome::kPermanentFailure : Outcome::kTemporaryFailure;
}

}  // namespace wacc_rt::dns
