// The async component model's run-time half (WASI 0.3): tasks, subtasks,
// waitable sets, streams, futures and the event loop that drives them.
//
// How it works
// ------------
// Everything async is an Object in one pool, named by its index (the "rep"
// that component handle tables and the host hold). A guest holds objects
// through its component instance's handle table (wacc_handle_table), under
// reserved resource types (wacc/Async.h), so waitables share one index space
// with resource handles as CanonicalABI.md's `inst.handles` does and a wrong
// index traps in the table's own checks.
//
// Waitables (subtasks, stream and future ends) carry at most one pending
// event, as the ABI's Waitable does. An event is computed when it is set and
// completed when it is delivered (a subtask's results are lowered into the
// guest only on delivery: Subtask.deliver_resolve). A waitable set is found
// by scanning the pool for waitables joined to it: sets are small and few,
// and the scan keeps joining and dropping O(1).
//
// There is one thread of control and no fibers yet: a task is a
// callback-lifted export (the form Rust's wasm32-wasip3 produces), driven by
// wacc_rt_task_run_callback, which is canon_lift's loop: call the core
// function, then while the code is not EXIT, wait (WAIT) or yield (YIELD)
// and call the callback with the next event. Waiting runs the event loop,
// RunLoop, until an event is pending on the set: it fires due timers (host
// subtasks of wasi:clocks' wait-for/until), waits for the descriptors host
// stream ends and host subtasks are blocked on (epoll through
// core/EventLoop.h, which keeps a registration while its object keeps
// waiting; the earliest timer is the timeout), and lets host ends make
// progress. A wait that nothing can ever satisfy
// (no timers, no descriptors, no event) is a deadlock and traps rather than
// hanging.
//
// Streams and futures are a pair of End objects linked to each other. A
// copy (stream.read/write) on a guest end rendezvouses with its peer: a
// guest peer's pending copy gives the new copy min of the two counts at once
// (COMPLETED), while the pending side stays pending with its buffer advanced
// and an event carrying its progress so far: a later copy can take more from
// it, and it becomes idle only when the event is delivered (or the copy is
// cancelled), as CanonicalABI.md's SharedStreamImpl and stream_event do. A
// pending copy with nothing left notifies its side and the new copy waits in
// its place. A host peer is asked
// through its callbacks (HostEnd), and an idle peer leaves the copy pending
// (BLOCKED) until the peer acts. Element types other than plain data are
// rejected by the compiler, so a copy is a byte copy of count * elemSize.
// Futures are one-element streams that are done after one copy.
//
// What is missing (the next steps): stackful (non-callback) lifts and sync
// callers of async functions need fibers; cancellation is never delivered
// (task.cancel and subtask.cancel of a pending subtask trap or report
// their copy result); backpressure only counts; stream element types are
// not checked against the built-in's type.
#include "core/AsyncHost.h"
#include "core/EventLoop.h"
#include "core/Fiber.h"
#include "core/PageAllocator.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

enum class Kind : uint8_t { Free, Task, WaitableSet, Subtask, StreamEnd, ErrorContext };
enum class EndState : uint8_t { Idle, GuestPending, HostWaiting, Done };

constexpr uint32_t kResultSlots = 64;
constexpr uint32_t kMaxObjects = 1u << 16;

struct Object {
  Kind kind;
  // Waitable: the guest table and index it is held under (0: host-held),
  // the set it joined (object id, 0: none) and its pending event.
  bool hasEvent;
  wacc_handle_table* table;
  uint32_t handle;
  uint32_t set;
  uint32_t eventCode, eventPayload;

  // Task.
  uint32_t flags;
  bool returned;
  uint32_t resultCount;
  uint32_t context[WACC_CONTEXT_SLOTS];
  uint32_t previousTask;
  // A task another component called asynchronously, driven by the event
  // loop between its callback's calls: the callback, its last code and
  // waitable set (object id), and the caller's subtask (0: none yet).
  wacc_callback_fn callback;
  bool pending;
  bool held;  // a sync caller waits for it: FinishTask leaves it to the caller
  uint32_t pendingCode, pendingSet;
  uint32_t adopter;
  // A stackful task (lifted async without a callback) runs on a fiber; it
  // is pending while suspended in waitable-set.wait or thread.yield.
  Fiber* fiber;
  void (*entry)(void*);
  void* entryArg;

  // Subtask (always a host subtask here).
  bool resolved, delivered, adopted;
  uint64_t deadline;  // 0: none
  // A host subtask waiting on a descriptor (HostSubtaskResolveWhenReady);
  // null when it does not.
  bool (*waitReady)(void* state, uint64_t* results);
  void* waitState;
  int32_t waitFd;
  int16_t waitEvents;
  wacc_lower_results_fn lower;
  uint32_t retptr;
  uint64_t* results;  // kResultSlots slots, allocated on demand

  // Stream / future end.
  bool isFuture, isReadable, dropped, peerDropped;
  uint32_t peer;
  EndState state;
  wacc_memory* memory;  // GuestPending
  uint32_t ptr, count, elemSize;
  bool hostHeld;
  HostEnd host;
  wacc_lower_elements_fn lowerElements;  // GuestPending read of elements holding strings
  uint32_t copiedTotal;                  // futures: whether the value moved
  uint32_t progress;                     // GuestPending: elements moved so far
  bool done;  // the guest saw DROPPED (or a future's COMPLETED): no more copies or lifts
};

Object* objects = nullptr;
uint32_t objectCount = 1;  // 0 is never an object
uint32_t freeList = 0;
uint32_t currentTask = 0;

Object& Get(uint32_t id) { return objects[id]; }

uint32_t NewObject(Kind kind) {
  if (!objects) {
    objects = static_cast<Object*>(AllocatePages(sizeof(Object) * kMaxObjects));
    if (!objects) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  }
  uint32_t id;
  if (freeList) {
    id = freeList;
    freeList = objects[id].peer;
  } else {
    if (objectCount == kMaxObjects) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
    id = objectCount++;
  }
  uint64_t* results = objects[id].results;  // kept across reuse
  objects[id] = Object{};
  objects[id].kind = kind;
  objects[id].results = results;
  return id;
}

void FreeObject(uint32_t id) {
  uint64_t* results = objects[id].results;
  objects[id] = Object{};
  objects[id].results = results;
  objects[id].peer = freeList;
  freeList = id;
}

[[noreturn]] void Invalid() { Trap(WACC_TRAP_ASYNC_INVALID, nullptr); }

uint32_t Lookup(wacc_handle_table* table, uint32_t handle, uint32_t type) {
  return wacc_rt_handle_rep(table, handle, type);
}

uint32_t Insert(wacc_handle_table* table, uint32_t type, uint32_t id) {
  uint32_t handle = wacc_rt_handle_new(table, type, id, 1);
  Get(id).table = table;
  Get(id).handle = handle;
  return handle;
}

void Remove(wacc_handle_table* table, uint32_t handle, uint32_t type) {
  uint32_t rep;
  wacc_rt_handle_drop(table, handle, type, &rep);
}

uint32_t EndType(const Object& e) {
  if (e.isFuture) return e.isReadable ? WACC_HANDLE_FUTURE_READABLE : WACC_HANDLE_FUTURE_WRITABLE;
  return e.isReadable ? WACC_HANDLE_STREAM_READABLE : WACC_HANDLE_STREAM_WRITABLE;
}

void SetEvent(uint32_t id, uint32_t code, uint32_t payload) {
  Object& o = Get(id);
  o.hasEvent = true;
  o.eventCode = code;
  o.eventPayload = payload;
}

uint64_t Now() {
  struct {
    long seconds, nanoseconds;
  } ts{};
  syscall(arch::kSysClockGettime, 1 /* CLOCK_MONOTONIC */, (long)&ts);
  return (uint64_t)ts.seconds * 1000000000u + (uint64_t)ts.nanoseconds;
}

// --- Streams and futures ---------------------------------------------------

uint32_t EventCodeOf(const Object& e);

// A copy's event was delivered (or the copy cancelled): the end is idle.
void EndCopy(Object& e) {
  if (e.state == EndState::GuestPending) e.state = EndState::Idle;
  e.progress = 0;
}

// A copy result the guest receives: once it has seen the other end dropped
// (or a future's value move) the end is done (CopyState.DONE).
uint32_t Report(Object& e, uint32_t result) {
  if (result == WACC_COPY_BLOCKED) return result;
  uint32_t code = result & 0xf;
  if (code == WACC_COPY_DROPPED || (e.isFuture && code == WACC_COPY_COMPLETED)) e.done = true;
  return result;
}

uint8_t* GuestBuffer(const Object& e) {
  uint64_t bytes = (uint64_t)e.count * e.elemSize;
  if (bytes == 0) return e.memory ? e.memory->base + e.ptr : nullptr;
  if ((uint64_t)e.ptr + bytes > e.memory->pages * 65536ull) Trap(WACC_TRAP_MEMORY_OUT_OF_BOUNDS, nullptr);
  return e.memory->base + e.ptr;
}

uint32_t CopyResult(uint32_t result, uint32_t count) { return result | (count << 4); }
// A future's copy result carries no count (CanonicalABI.md, future_copy).
uint32_t CopyResultOf(const Object& e, uint32_t result, uint32_t count) {
  return e.isFuture ? result : CopyResult(result, count);
}

// The guest end `id` has a copy pending and its host peer may be able to
// serve it; completes it (setting the event) unless the host would block.
// Returns whether it completed.
bool ServeFromHost(uint32_t id) {
  Object& e = Get(id);
  Object& peer = Get(e.peer);
  if (peer.dropped) {
    e.state = EndState::Idle;
    SetEvent(id,
             e.isFuture ? (e.isReadable ? WACC_EVENT_FUTURE_READ : WACC_EVENT_FUTURE_WRITE)
                        : (e.isReadable ? WACC_EVENT_STREAM_READ : WACC_EVENT_STREAM_WRITE),
             CopyResult(WACC_COPY_DROPPED, 0));
    return true;
  }
  uint32_t n;
  if (peer.host.produce && e.lowerElements) {
    // Elements holding strings: the host produces slots, generated code
    // lowers them (a batch at a time).
    constexpr uint32_t kBatch = 64;
    static uint64_t* slots = nullptr;
    if (!slots) slots = static_cast<uint64_t*>(AllocatePages(kBatch * 16 * sizeof(uint64_t)));
    uint32_t want = e.count < kBatch ? e.count : kBatch;
    if (peer.host.slotsPerElement > 16 || !slots) Invalid();
    n = peer.host.produce(peer.host.state, slots, want);
    if (n != kHostWouldBlock && n != kHostClosed && n > 0) e.lowerElements(slots, n, e.ptr);
  } else {
    n = peer.host.ready(peer.host.state, GuestBuffer(e), e.count, e.elemSize);
  }
  if (n == kHostWouldBlock) {
    e.state = EndState::HostWaiting;
    return false;
  }
  if (n == kHostClosed) {
    peer.dropped = true;
    e.state = EndState::Idle;
    SetEvent(id, EventCodeOf(e), CopyResult(WACC_COPY_DROPPED, 0));
    return true;
  }
  e.state = EndState::Idle;
  SetEvent(id,
           e.isFuture ? (e.isReadable ? WACC_EVENT_FUTURE_READ : WACC_EVENT_FUTURE_WRITE)
                      : (e.isReadable ? WACC_EVENT_STREAM_READ : WACC_EVENT_STREAM_WRITE),
           CopyResultOf(e, WACC_COPY_COMPLETED, n));
  if (e.isFuture && n > 0) e.copiedTotal = 1;
  return true;
}

uint32_t EventCodeOf(const Object& e) {
  return e.isFuture ? (e.isReadable ? WACC_EVENT_FUTURE_READ : WACC_EVENT_FUTURE_WRITE)
                    : (e.isReadable ? WACC_EVENT_STREAM_READ : WACC_EVENT_STREAM_WRITE);
}

// --- The event loop -----------------------------------------------------------

// One round: fire due timers, let host ends blocked on descriptors make
// progress. With `block`, sleeps until something can happen first; traps
// if nothing ever can.
bool TakeEvent(uint32_t set, uint32_t* code, uint32_t* p1, uint32_t* p2);
void FinishTask(uint32_t task);

bool HasEvent(uint32_t set) {
  for (uint32_t id = 1; id < objectCount; ++id)
    if (objects[id].hasEvent && objects[id].set == set && objects[id].kind != Kind::Free) return true;
  return false;
}

// Resumes a stackful task's fiber until it suspends again or finishes.
void ResumeStackful(uint32_t id) {
  Object& t = Get(id);
  t.pending = false;
  uint32_t saved = currentTask;
  currentTask = id;
  FiberResume(t.fiber);
  currentTask = saved;
  Object& after = Get(id);
  if (after.fiber->done) {
    FiberFree(after.fiber);
    after.fiber = nullptr;
    FinishTask(id);
  }
}

// Runs every pending callee task that can proceed (YIELD, or an event on
// the set it WAITs on) through one call of its callback; returns whether
// any did.
bool DriveTasks() {
  bool progressed = false;
  for (uint32_t id = 1; id < objectCount; ++id) {
    Object& t = Get(id);
    if (t.kind != Kind::Task || !t.pending) continue;
    if (t.fiber) {
      if (t.pendingCode == WACC_CALLBACK_WAIT && !HasEvent(t.pendingSet)) continue;
      progressed = true;
      ResumeStackful(id);
      continue;
    }
    uint32_t code = WACC_EVENT_NONE, p1 = 0, p2 = 0;
    if (t.pendingCode == WACC_CALLBACK_WAIT && !TakeEvent(t.pendingSet, &code, &p1, &p2)) continue;
    progressed = true;
    uint32_t saved = currentTask;
    currentTask = id;
    t.pending = false;  // not re-entered by a loop its callback runs (a blocking wait)
    uint32_t packed = t.callback(code, p1, p2);
    currentTask = saved;
    Object& again = Get(id);
    again.pending = true;
    again.pendingCode = packed & 0xf;
    if (again.pendingCode == WACC_CALLBACK_EXIT) {
      FinishTask(id);
    } else if (again.pendingCode == WACC_CALLBACK_WAIT) {
      again.pendingSet = Lookup(again.table, packed >> 4, WACC_HANDLE_WAITABLE_SET);
    } else if (again.pendingCode != WACC_CALLBACK_YIELD) {
      Invalid();
    }
  }
  return progressed;
}

// A descriptor an object waits on is ready (core/EventLoop.h, a round
// interest keyed by the object's id): a host end blocked on it may make
// progress, a host subtask may resolve.
void ObjectReady(void* key, uint32_t) {
  uint32_t id = (uint32_t)(uintptr_t)key;
  Object& o = Get(id);
  if (o.kind == Kind::StreamEnd) {
    if (o.state == EndState::HostWaiting) ServeFromHost(id);
  } else if (o.kind == Kind::Subtask && !o.resolved && o.waitReady && o.waitReady(o.waitState, o.results)) {
    o.waitReady = nullptr;
    HostSubtaskResolve(id);
  }
}

void RunLoop(bool block) {
  if (DriveTasks()) block = false;
  uint64_t deadline = ~0ull;
  uint64_t now = Now();
  bool progressed = false;
  // Each round declares the descriptors objects wait on (unchanged ones
  // cost nothing: EventLoop keeps their epoll registration).
  IoRoundBegin(ObjectReady);
  for (uint32_t id = 1; id < objectCount; ++id) {
    Object& o = Get(id);
    if (o.kind == Kind::Subtask && !o.resolved && o.deadline) {
      if (o.deadline <= now) {
        HostSubtaskResolve(id);
        progressed = true;
      } else if (o.deadline < deadline) {
        deadline = o.deadline;
      }
    } else if (o.kind == Kind::Subtask && !o.resolved && o.waitReady) {
      IoRoundInterest(id, o.waitFd, (uint16_t)o.waitEvents);
    } else if (o.kind == Kind::StreamEnd && o.state == EndState::HostWaiting) {
      const Object& peer = Get(o.peer);
      IoRoundInterest(id, peer.host.fd, (uint16_t)peer.host.events);
    }
  }
  IoRoundEnd();
  if (progressed) block = false;
  if (block && IoWatchCount() == 0 && deadline == ~0ull) {
    // Nothing external can happen; a callee task may still be runnable
    // (an event arrived while the loop ran).
    if (DriveTasks()) return;
    Trap(WACC_TRAP_ASYNC_DEADLOCK, nullptr);
  }
  if (IoWatchCount() == 0 && !block) return;
  uint64_t timeout = 0;
  if (block) timeout = deadline == ~0ull ? kIoWaitForever : (deadline > now ? deadline - now : 0);
  IoWait(timeout);
  now = Now();
  for (uint32_t id = 1; id < objectCount; ++id) {
    Object& o = Get(id);
    if (o.kind == Kind::Subtask && !o.resolved && o.deadline && o.deadline <= now) HostSubtaskResolve(id);
  }
}

// Delivers the first pending event of a waitable in `set`; false if none.
bool TakeEvent(uint32_t set, uint32_t* code, uint32_t* p1, uint32_t* p2) {
  for (uint32_t id = 1; id < objectCount; ++id) {
    Object& o = Get(id);
    if (!o.hasEvent || o.set != set || o.kind == Kind::Free) continue;
    o.hasEvent = false;
    *code = o.eventCode;
    *p1 = o.handle;
    *p2 = o.eventPayload;
    if (o.kind == Kind::StreamEnd) {
      EndCopy(o);
      Report(o, o.eventPayload);
    }
    if (o.kind == Kind::Subtask && o.resolved && !o.delivered) {
      // Subtask.deliver_resolve: the results reach the guest now.
      o.delivered = true;
      if (o.lower) o.lower(o.results, o.retptr);
    }
    return true;
  }
  return false;
}

uint32_t Wait(uint32_t set, uint32_t* out, bool block) {
  uint32_t code, p1, p2;
  if (block && currentTask && Get(currentTask).fiber && CurrentFiber() == Get(currentTask).fiber) {
    // A stackful task waits by suspending its fiber; the event loop
    // resumes it once the set has an event.
    while (!TakeEvent(set, &code, &p1, &p2)) {
      Object& t = Get(currentTask);
      t.pendingCode = WACC_CALLBACK_WAIT;
      t.pendingSet = set;
      t.pending = true;
      FiberSuspend();
    }
    out[0] = p1;
    out[1] = p2;
    return code;
  }
  while (!TakeEvent(set, &code, &p1, &p2)) {
    if (!block) {
      RunLoop(false);
      if (TakeEvent(set, &code, &p1, &p2)) break;
      out[0] = out[1] = 0;
      return WACC_EVENT_NONE;
    }
    RunLoop(true);
  }
  out[0] = p1;
  out[1] = p2;
  return code;
}

Object& CurrentTask() {
  if (!currentTask) {
    // Sync code outside any async task (a sync export) has an implicit one.
    currentTask = NewObject(Kind::Task);
  }
  return Get(currentTask);
}

}  // namespace

// --- Host interface (AsyncHost.h) ----------------------------------------------

uint32_t HostSubtaskNew() {
  uint32_t id = NewObject(Kind::Subtask);
  Object& o = Get(id);
  if (!o.results) {
    o.results = static_cast<uint64_t*>(AllocatePages(kResultSlots * sizeof(uint64_t)));
    if (!o.results) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  }
  return id;
}

uint64_t* HostSubtaskResults(uint32_t subtask) { return Get(subtask).results; }

void HostSubtaskResolve(uint32_t subtask) {
  Object& o = Get(subtask);
  o.resolved = true;
  if (o.adopted) SetEvent(subtask, WACC_EVENT_SUBTASK, WACC_SUBTASK_RETURNED);
}

void HostSubtaskResolveAt(uint32_t subtask, uint64_t deadline) { Get(subtask).deadline = deadline ? deadline : 1; }

void HostSubtaskResolveWhenReady(uint32_t subtask, int32_t fd, int16_t events,
                                 bool (*ready)(void* state, uint64_t* results), void* state) {
  Object& o = Get(subtask);
  o.waitReady = ready;
  o.waitState = state;
  o.waitFd = fd;
  o.waitEvents = events;
}

uint32_t HostStreamWithWriter(uint32_t isFuture, const HostEnd& writer) {
  uint32_t r = NewObject(Kind::StreamEnd), w = NewObject(Kind::StreamEnd);
  Object &re = Get(r), &we = Get(w);
  re.isFuture = we.isFuture = isFuture != 0;
  re.isReadable = true;
  re.peer = w;
  we.peer = r;
  we.hostHeld = true;
  we.host = writer;
  re.hostHeld = true;  // until lowered into a guest
  return r;
}

void HostStreamAttachReader(uint32_t readableRep, const HostEnd& reader) {
  Object& re = Get(readableRep);
  re.hostHeld = true;
  re.host = reader;
  // A write already pending on the guest's writable end can proceed.
  Object& we = Get(re.peer);
  if (we.state == EndState::GuestPending) ServeFromHost(re.peer);
}

void HostStreamClose(uint32_t rep) {
  Object& e = Get(rep);
  e.dropped = true;
  Object& peer = Get(e.peer);
  if (peer.state == EndState::GuestPending || peer.state == EndState::HostWaiting) {
    peer.state = EndState::Idle;
    SetEvent(e.peer, EventCodeOf(peer), CopyResult(WACC_COPY_DROPPED, 0));
  }
}

namespace {
void FinishTask(uint32_t task) {
  Object& t = Get(task);
  if ((t.flags & WACC_TASK_ASYNC) && !t.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
  t.pending = false;
  if (t.adopter) Get(t.adopter).peer = 0;
  if (!t.held) FreeObject(task);
}
}  // namespace

void HostStreamWake(uint32_t readableRep) {
  // Whichever end the guest holds may have a copy waiting on the host.
  uint32_t ends[2] = {readableRep, Get(readableRep).peer};
  for (uint32_t id : ends) {
    Object& e = Get(id);
    if (!e.hostHeld && (e.state == EndState::HostWaiting || e.state == EndState::GuestPending)) ServeFromHost(id);
  }
}

}  // namespace wacc_rt

using namespace wacc_rt;

// --- Tasks ---------------------------------------------------------------------------

extern "C" uint32_t wacc_rt_task_begin(wacc_handle_table* table, uint32_t flags) {
  uint32_t id = NewObject(Kind::Task);
  Object& t = Get(id);
  t.table = table;
  t.flags = flags;
  t.previousTask = currentTask;
  if (!t.results) {
    t.results = static_cast<uint64_t*>(AllocatePages(kResultSlots * sizeof(uint64_t)));
    if (!t.results) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  }
  currentTask = id;
  return id;
}

extern "C" void wacc_rt_task_run_callback(uint32_t task, uint32_t packed, wacc_callback_fn callback) {
  Object& t = Get(task);
  for (;;) {
    uint32_t code = packed & 0xf, set = packed >> 4;
    uint32_t event[2] = {0, 0};
    uint32_t eventCode = WACC_EVENT_NONE;
    switch (code) {
      case WACC_CALLBACK_EXIT: return;
      case WACC_CALLBACK_YIELD: RunLoop(false); break;
      case WACC_CALLBACK_WAIT: {
        uint32_t setId = Lookup(t.table, set, WACC_HANDLE_WAITABLE_SET);
        eventCode = Wait(setId, event, true);
        break;
      }
      default: Invalid();
    }
    currentTask = task;
    packed = callback(eventCode, event[0], event[1]);
  }
}

extern "C" const uint64_t* wacc_rt_task_results(uint32_t task) { return Get(task).results; }

extern "C" void wacc_rt_task_end(uint32_t task) {
  Object& t = Get(task);
  if ((t.flags & WACC_TASK_ASYNC) && !t.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
  currentTask = t.previousTask;
  // The results stay readable until the next task reuses the object.
  t.kind = Kind::Free;
  t.peer = freeList;
  freeList = task;
}

extern "C" void wacc_rt_task_return(const uint64_t* results, uint32_t count) {
  Object& t = CurrentTask();
  if (!(t.flags & WACC_TASK_ASYNC) || t.returned || count > kResultSlots) Trap(WACC_TRAP_TASK_RETURN_TWICE, nullptr);
  for (uint32_t i = 0; i < count; ++i) t.results[i] = results[i];
  t.resultCount = count;
  t.returned = true;
  if (t.adopter) {
    // The caller's subtask resolves: its results are these (lowered into
    // the caller when the event is delivered).
    Object& sub = Get(t.adopter);
    for (uint32_t i = 0; i < count; ++i) sub.results[i] = results[i];
    HostSubtaskResolve(t.adopter);
  }
}

// Cancellation is never requested of a task, so task.cancel is always
// early (CanonicalABI.md: trap_if(state != CANCEL_DELIVERED)).
extern "C" void wacc_rt_task_cancel(void) { Invalid(); }

extern "C" uint32_t wacc_rt_context_get(uint32_t slot) {
  if (slot >= WACC_CONTEXT_SLOTS) Invalid();
  return CurrentTask().context[slot];
}

extern "C" void wacc_rt_context_set(uint32_t slot, uint32_t value) {
  if (slot >= WACC_CONTEXT_SLOTS) Invalid();
  CurrentTask().context[slot] = value;
}

extern "C" void wacc_rt_backpressure_adjust(wacc_handle_table*, int32_t) {}

extern "C" uint32_t wacc_rt_thread_yield(uint32_t) {
  if (currentTask && Get(currentTask).fiber && CurrentFiber() == Get(currentTask).fiber) {
    Object& t = Get(currentTask);
    t.pendingCode = WACC_CALLBACK_YIELD;
    t.pending = true;
    FiberSuspend();
    return 0;
  }
  RunLoop(false);
  return 0;
}

// --- Waitable sets ----------------------------------------------------------------------

extern "C" uint32_t wacc_rt_waitable_set_new(wacc_handle_table* table) {
  return Insert(table, WACC_HANDLE_WAITABLE_SET, NewObject(Kind::WaitableSet));
}

extern "C" uint32_t wacc_rt_waitable_set_wait(wacc_handle_table* table, uint32_t set, uint32_t* out) {
  return Wait(Lookup(table, set, WACC_HANDLE_WAITABLE_SET), out, true);
}

extern "C" uint32_t wacc_rt_waitable_set_poll(wacc_handle_table* table, uint32_t set, uint32_t* out) {
  return Wait(Lookup(table, set, WACC_HANDLE_WAITABLE_SET), out, false);
}

extern "C" void wacc_rt_waitable_set_drop(wacc_handle_table* table, uint32_t set) {
  uint32_t id = Lookup(table, set, WACC_HANDLE_WAITABLE_SET);
  for (uint32_t i = 1; i < objectCount; ++i)
    if (Get(i).kind != Kind::Free && Get(i).kind != Kind::WaitableSet && Get(i).set == id)
      Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  Remove(table, set, WACC_HANDLE_WAITABLE_SET);
  FreeObject(id);
}

// The object behind any waitable handle (subtask or stream/future end).
static uint32_t LookupWaitable(wacc_handle_table* table, uint32_t handle) {
  for (uint32_t id = 1; id < objectCount; ++id) {
    Object& o = Get(id);
    if (o.table != table || o.handle != handle) continue;
    if (o.kind == Kind::Subtask) return Lookup(table, handle, WACC_HANDLE_SUBTASK);
    if (o.kind == Kind::StreamEnd) return Lookup(table, handle, EndType(o));
  }
  Trap(WACC_TRAP_INVALID_HANDLE, nullptr);
}

extern "C" void wacc_rt_waitable_join(wacc_handle_table* table, uint32_t waitable, uint32_t set) {
  uint32_t id = LookupWaitable(table, waitable);
  Get(id).set = set == 0 ? 0 : Lookup(table, set, WACC_HANDLE_WAITABLE_SET);
}

// --- Subtasks -------------------------------------------------------------------------------

extern "C" void wacc_rt_subtask_drop(wacc_handle_table* table, uint32_t subtask) {
  uint32_t id = Lookup(table, subtask, WACC_HANDLE_SUBTASK);
  Object& o = Get(id);
  if (!o.resolved || !o.delivered) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  Remove(table, subtask, WACC_HANDLE_SUBTASK);
  FreeObject(id);
}

extern "C" uint32_t wacc_rt_subtask_cancel(wacc_handle_table* table, uint32_t subtask, uint32_t async) {
  uint32_t id = Lookup(table, subtask, WACC_HANDLE_SUBTASK);
  Object& o = Get(id);
  if (o.delivered) Invalid();
  if (o.resolved) {
    // Already returned: its event carries the results.
    o.hasEvent = false;
    o.delivered = true;
    if (o.lower) o.lower(o.results, o.retptr);
    return WACC_SUBTASK_RETURNED;
  }
  // Host subtasks are cancelled at once: the timer is simply forgotten.
  (void)async;
  o.resolved = o.delivered = true;
  o.deadline = 0;
  o.waitReady = nullptr;
  return WACC_SUBTASK_CANCELLED_BEFORE_RETURNED;
}

extern "C" uint32_t wacc_rt_subtask_adopt(wacc_handle_table* table, uint32_t hostSubtask, wacc_lower_results_fn lower,
                                          uint32_t retptr) {
  Object& o = Get(hostSubtask);
  o.lower = lower;
  o.retptr = retptr;
  o.adopted = true;
  uint32_t handle = Insert(table, WACC_HANDLE_SUBTASK, hostSubtask);
  if (o.resolved) SetEvent(hostSubtask, WACC_EVENT_SUBTASK, WACC_SUBTASK_RETURNED);
  return WACC_SUBTASK_STARTED | (handle << 4);
}

// --- Streams and futures ------------------------------------------------------------------

extern "C" uint32_t wacc_rt_waitable_lift(wacc_handle_table* table, uint32_t handle, uint32_t type) {
  uint32_t id = Lookup(table, handle, type);
  Object& e = Get(id);
  if (e.state != EndState::Idle || e.set != 0) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  if (e.kind == Kind::StreamEnd && (e.done || (e.isFuture && e.copiedTotal))) Trap(WACC_TRAP_ASYNC_DONE, nullptr);
  Remove(table, handle, type);
  e.table = nullptr;
  e.handle = 0;
  e.hostHeld = true;
  return id;
}

extern "C" uint32_t wacc_rt_waitable_lower(wacc_handle_table* table, uint32_t type, uint32_t rep) {
  Get(rep).hostHeld = false;
  return Insert(table, type, rep);
}

extern "C" uint64_t wacc_rt_stream_new(wacc_handle_table* table, uint32_t isFuture) {
  uint32_t r = NewObject(Kind::StreamEnd), w = NewObject(Kind::StreamEnd);
  Object &re = Get(r), &we = Get(w);
  re.isFuture = we.isFuture = isFuture != 0;
  re.isReadable = true;
  re.peer = w;
  we.peer = r;
  uint32_t readable = Insert(table, isFuture ? WACC_HANDLE_FUTURE_READABLE : WACC_HANDLE_STREAM_READABLE, r);
  uint32_t writable = Insert(table, isFuture ? WACC_HANDLE_FUTURE_WRITABLE : WACC_HANDLE_STREAM_WRITABLE, w);
  return (uint64_t)readable | ((uint64_t)writable << 32);
}

extern "C" uint32_t wacc_rt_stream_copy(wacc_handle_table* table, uint32_t end, uint32_t handle, wacc_memory* memory,
                                        uint32_t ptr, uint32_t count, uint32_t elemSize, wacc_lower_elements_fn lower) {
  uint32_t id = Lookup(table, handle, end);
  Object& e = Get(id);
  if (e.state != EndState::Idle || e.dropped) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  if (e.done) Trap(WACC_TRAP_ASYNC_DONE, nullptr);
  if (e.isFuture && e.copiedTotal) Trap(WACC_TRAP_ASYNC_DONE, nullptr);  // a future's value moves once
  // Elements holding strings, lists or handles (bit 31) cross only to and
  // from the host, which writes none of those: between two guests they
  // would need lifting and lowering, which is not implemented.
  bool nonPlain = (elemSize & 0x80000000u) != 0;
  elemSize &= 0x7FFFFFFFu;
  if (count > (1u << 28) - 1) Invalid();
  e.memory = memory;
  e.ptr = ptr;
  e.count = count;
  e.elemSize = elemSize;
  e.lowerElements = lower;
  (void)GuestBuffer(e);  // bounds check now, as the ABI's Buffer does
  Object& peer = Get(e.peer);
  if (peer.dropped || e.peerDropped) return Report(e, CopyResult(WACC_COPY_DROPPED, 0));
  if (peer.hostHeld && peer.host.ready) {
    e.state = EndState::GuestPending;
    if (!ServeFromHost(id)) return WACC_COPY_BLOCKED;
    e.hasEvent = false;  // reported by the return value instead
    return Report(e, e.eventPayload);
  }
  if (peer.state == EndState::GuestPending && peer.count > 0) {
    if (nonPlain) Invalid();
    // SharedStreamImpl.read/write with a pending buffer that has room: a
    // zero-length copy completes without touching it.
    if (count == 0) return CopyResultOf(e, WACC_COPY_COMPLETED, 0);
    uint32_t n = count < peer.count ? count : peer.count;
    uint8_t* mine = GuestBuffer(e);
    uint8_t* theirs = GuestBuffer(peer);
    if (e.isReadable)
      for (uint64_t i = 0; i < (uint64_t)n * elemSize; ++i) mine[i] = theirs[i];
    else
      for (uint64_t i = 0; i < (uint64_t)n * elemSize; ++i) theirs[i] = mine[i];
    peer.ptr += n * elemSize;
    peer.count -= n;
    peer.progress += n;
    SetEvent(e.peer, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_COMPLETED, peer.progress));
    // A future's copy is over for both sides at once (SharedFutureImpl).
    if (e.isFuture) {
      e.copiedTotal = peer.copiedTotal = 1;
      peer.state = EndState::Idle;
    }
    return Report(e, CopyResultOf(e, WACC_COPY_COMPLETED, n));
  }
  if (peer.state == EndState::GuestPending && !peer.hasEvent) {
    // A pending copy with no room left (zero-length): it completes, and
    // this copy waits in its place.
    SetEvent(e.peer, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_COMPLETED, peer.progress));
  }
  e.state = EndState::GuestPending;
  return WACC_COPY_BLOCKED;
}

extern "C" uint32_t wacc_rt_stream_cancel(wacc_handle_table* table, uint32_t end, uint32_t handle, uint32_t) {
  uint32_t id = Lookup(table, handle, end);
  Object& e = Get(id);
  if (e.state == EndState::Idle && !e.hasEvent) Invalid();
  if (e.hasEvent) {
    // The copy finished before the cancel: report how it finished.
    e.hasEvent = false;
    EndCopy(e);
    return Report(e, e.eventPayload);
  }
  uint32_t progress = e.progress;
  EndCopy(e);
  e.state = EndState::Idle;
  return CopyResultOf(e, WACC_COPY_CANCELLED, progress);
}

extern "C" void wacc_rt_stream_drop(wacc_handle_table* table, uint32_t end, uint32_t handle) {
  uint32_t id = Lookup(table, handle, end);
  Object& e = Get(id);
  if (e.state != EndState::Idle) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  Remove(table, handle, end);
  e.dropped = true;
  e.table = nullptr;
  Object& peer = Get(e.peer);
  if (peer.hostHeld && peer.host.closed) {
    peer.host.closed(peer.host.state);
  } else if (peer.state == EndState::GuestPending) {
    // Stays pending until the event is delivered; the elements it already
    // passed on count.
    SetEvent(e.peer, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_DROPPED, peer.progress));
  }
}

// --- Error contexts ------------------------------------------------------------------------

extern "C" uint32_t wacc_rt_error_context_new(wacc_handle_table* table, const uint8_t*, uint32_t) {
  return Insert(table, WACC_HANDLE_ERROR_CONTEXT, NewObject(Kind::ErrorContext));
}

extern "C" void wacc_rt_error_context_drop(wacc_handle_table* table, uint32_t handle) {
  uint32_t id = Lookup(table, handle, WACC_HANDLE_ERROR_CONTEXT);
  Remove(table, handle, WACC_HANDLE_ERROR_CONTEXT);
  FreeObject(id);
}

extern "C" const uint64_t* wacc_rt_subtask_block(uint32_t hostSubtask) {
  while (!Get(hostSubtask).resolved) RunLoop(true);
  const uint64_t* results = Get(hostSubtask).results;
  FreeObject(hostSubtask);  // the slots stay with the free object until reuse
  return results;
}

// --- Calls between components (wacc/Async.h) ---------------------------------

extern "C" uint32_t wacc_rt_task_start(uint32_t task, uint32_t packed, wacc_callback_fn callback) {
  Object& t = Get(task);
  currentTask = t.previousTask;
  t.callback = callback;
  t.pendingCode = packed & 0xf;
  bool returned = t.returned;
  if (t.pendingCode == WACC_CALLBACK_EXIT) {
    if (!returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
    return 1;  // the caller reads the results, then ends the task
  }
  if (t.pendingCode == WACC_CALLBACK_WAIT)
    t.pendingSet = Lookup(t.table, packed >> 4, WACC_HANDLE_WAITABLE_SET);
  else if (t.pendingCode != WACC_CALLBACK_YIELD)
    Invalid();
  t.pending = true;
  return returned ? 2 : 0;
}

extern "C" uint32_t wacc_rt_subtask_adopt_task(wacc_handle_table* table, uint32_t task, wacc_lower_results_fn lower,
                                               uint32_t retptr) {
  uint32_t sub = HostSubtaskNew();
  Get(task).adopter = sub;
  Get(sub).peer = task;
  return wacc_rt_subtask_adopt(table, sub, lower, retptr);
}

extern "C" const uint64_t* wacc_rt_task_block(uint32_t task) {
  Get(task).held = true;
  while (!Get(task).returned) RunLoop(true);
  // The results outlive the task until the next blocking call returns.
  static uint64_t results[kResultSlots];
  Object& t = Get(task);
  for (uint32_t i = 0; i < t.resultCount; ++i) results[i] = t.results[i];
  t.held = false;
  if (!t.pending) FreeObject(task);  // it already exited
  return results;
}

namespace {
void StackfulMain(void* raw) {
  uint32_t task = (uint32_t)(uintptr_t)raw;
  Object& t = Get(task);
  t.entry(t.entryArg);
}
}  // namespace

extern "C" uint32_t wacc_rt_task_start_stackful(uint32_t task, void (*entry)(void*), void* arg) {
  constexpr size_t kFiberStack = 1u << 20;
  Object& t = Get(task);
  t.entry = entry;
  t.entryArg = arg;
  t.fiber = FiberNew(StackfulMain, (void*)(uintptr_t)task, kFiberStack);
  if (!t.fiber) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  uint32_t caller = t.previousTask;
  FiberResume(t.fiber);  // currentTask is the task (task_begin made it so)
  currentTask = caller;
  Object& after = Get(task);
  if (after.fiber->done) {
    FiberFree(after.fiber);
    after.fiber = nullptr;
    if (!after.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
    return 1;
  }
  return after.returned ? 2 : 0;
}
