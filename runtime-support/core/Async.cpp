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
// A task is a call of a lifted function. A callback-lifted export (the form
// Rust's wasm32-wasip3 produces) is driven by wacc_rt_task_run_callback,
// which is canon_lift's loop: call the core function, then while the code is
// not EXIT, wait (WAIT) or yield (YIELD) and call the callback with the
// next event. A callee another component calls runs on a fiber of its own
// (Fiber.h) until it first returns or suspends: all of a stackful callee, a
// callback callee's first core call and each later turn of its callback
// (StepCallback), a sync-lifted callee of `async` type; a wait or a sync
// call that would block on such a fiber suspends it, and the loop
// (DriveTasks) resumes it when what it waits for is there. Only code the
// host called directly (a root export, its callback loop) runs the loop
// nested on its own stack when it blocks: nothing is under it to resume. In a
// program using the async ABI a sync-lifted callee is a task too, so that
// context.get/set (2 slots per task) and Task.may_block (a task of a sync
// type may not block before returning) see the right task. Waiting runs the event loop,
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
// (BLOCKED) until the peer acts. Plain data moves as a byte copy of
// count * elemSize; elements holding strings, lists or handles move through
// host slots, lifted by the writer's generated code and lowered by the
// reader's (MoveElements). A copy without the `async` option waits for its
// own event (WaitForCopy). Futures are one-element streams that are done
// after one copy.
//
// Lifetime: an object is freed when nothing can name it any more. A task
// when it finishes (or its sync caller has read its results), a waitable
// set, error context or subtask at its drop. A stream or future's two ends
// go together, once each holder has released its end (ReleaseEnd): the
// guest by dropping it, the host by HostStreamClose or by being told
// through `closed` that the guest dropped the other end; a drop discards
// the end's pending event, so none is left to deliver. An id (the rep
// handed out) is the object's pool index in its low 16 bits and the slot's
// generation above them, bumped each time the slot is freed: the host
// entry points check both, so a host that kept a rep past its end traps
// (async-invalid) instead of reaching the object that reuses the slot, and
// so do the runtime's own links that may outlive their object (a task's
// caller). Slots are reused oldest-freed first, after kQuarantine later
// frees, so a generation wraps (and a stale rep could name a live object
// again) only after 65,536 × 64 frees at the very least.
//
// Cancellation: subtask.cancel of a guest task delivers TASK_CANCELLED to a
// callback task waiting in its loop at once, and otherwise leaves it pending
// for the next turn of the loop; task.cancel resolves the caller's subtask
// CANCELLED_BEFORE_RETURNED. A task still STARTING (held out by
// backpressure) ends at once, CANCELLED_BEFORE_STARTED, its code never run.
// A copy cancelled after a partial rendezvous reports CANCELLED with the
// elements it moved.
//
// Backpressure: backpressure.inc/dec and an instance's exclusive lock (held
// by sync-lifted and callback tasks while their core code runs) hold new
// calls, which start as STARTING subtasks and enter when the instance is
// free. Before a held call reports STARTING, the tasks already able to go on
// run (Wasmtime queues the call behind them), which may free the instance.
// The loop serves pending tasks oldest first, as Wasmtime's queue does.
// subtask.cancel of a STARTING call resolves it CANCELLED_BEFORE_STARTED at
// once: its code never runs.
//
// Threads (the component model's cooperative threads, the Threads section
// at the end): a task is its own implicit thread; thread.new-indirect adds
// explicit ones, Task objects with an `owner`, each on a fiber. Switching
// is Thread.resume's loop: a fiber thread that suspends to let another run
// names it (switchTo) and its resumer runs it next. A sync task that
// blocks or yields lets only its own instance's ready threads run, and
// traps "cannot block" when none can.
//
// Borrows: a borrow handle lowered into a callee task's table belongs to
// the task (Task.num_borrows, counted through the handle table,
// core/HandleTable.h) until resource.drop removes it, whichever task drops
// it; the task's return (task.return, task.cancel, a sync callee's return)
// traps while any remain.
#include "core/AsyncHost.h"
#include "core/Clock.h"
#include "core/EventLoop.h"
#include "core/Fiber.h"
#include "core/HandleTable.h"
#include "core/PageAllocator.h"
#include "core/ScratchArena.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

enum class Kind : uint8_t { Free, Task, WaitableSet, Subtask, StreamEnd, ErrorContext };
enum class EndState : uint8_t { Idle, GuestPending, HostWaiting, Done };
// Task.State's cancellation part.
enum : uint8_t { kCancelNone, kCancelPending, kCancelDelivered };

constexpr uint32_t kResultSlots = 64;
// A task's fiber stack (a stackful task, a callee's first core call, a
// callback turn); pooled mappings make a fiber cheap (core/Fiber.h).
constexpr size_t kFiberStack = 1u << 20;
constexpr uint32_t kMaxObjects = 1u << 16;
// An id: pool index | generation << kIndexBits (see "Lifetime" above).
constexpr uint32_t kIndexBits = 16;
constexpr uint32_t kIndexMask = kMaxObjects - 1;
static_assert(kMaxObjects == 1u << kIndexBits);

struct Object {
  Kind kind;
  // Waitable: the guest table and index it is held under (0: host-held),
  // the set it joined (object id, 0: none) and its pending event.
  bool hasEvent;
  bool syncWaiter;  // a sync copy waits for its event (waitable.join traps)
  wacc_handle_table* table;
  uint32_t handle;
  uint32_t set;
  uint32_t eventCode, eventPayload;

  // Task.
  uint32_t flags;
  uint32_t pendingWaitable;  // a stackful task blocked in a sync copy: the end it waits on
  bool returned;
  uint32_t resultCount;
  uint32_t context[WACC_CONTEXT_SLOTS];
  uint32_t previousTask;
  uint64_t seq;  // creation order: the loop serves pending tasks in it (DriveTasks)
  // Waitable set: callers blocked in waitable-set.wait on their own stack
  // (callee tasks waiting through the loop are found by their pendingSet).
  uint32_t waiters;
  // A task another component called asynchronously, driven by the event
  // loop between its callback's calls: the callback, its last code and
  // waitable set (object id), and the caller's subtask (0: none yet).
  wacc_callback_fn callback;
  bool pending;
  bool held;  // a sync caller waits for it: FinishTask leaves it to the caller
  uint32_t pendingCode, pendingSet;
  // A callback task's code from its fiber: the first core call's, then
  // each callback turn's (StepCallback), with the event that turn gets.
  uint32_t fiberPacked;
  uint32_t stepEvent[3];
  uint32_t adopter;
  // A task the host called (AsyncHost.h's TaskOnReturn): told of its
  // task.return or task.cancel.
  void (*onReturn)(void* state, uint32_t task);
  void* onReturnState;
  bool cancelled;
  uint8_t cancel;  // kCancel*
  // A fiber task suspended in a `cancellable` wait or yield (the
  // pre-component-model#716 immediate): subtask.cancel resumes it at once,
  // and the wait returns TASK_CANCELLED (resumedCancelled).
  bool cancellableWait, resumedCancelled;
  bool starting;   // waiting in TaskEnter (the caller's subtask is STARTING)
  uint32_t returnKey;  // task.return's type and options must match (0: unchecked)
  uint32_t borrows;    // live borrow handles lent to it (Task.num_borrows)
  // A stackful task (lifted async without a callback) runs on a fiber; it
  // is pending while suspended in waitable-set.wait or thread.yield.
  Fiber* fiber;
  void (*entry)(void*);
  void* entryArg;
  // Cooperative threads (Threads section below). A task object is also its
  // implicit thread; an explicit thread (thread.new-indirect) is a Task
  // object too, with `owner` naming its task. threadIndex: its index in the
  // instance's thread table (0: none yet; an implicit thread gets one when
  // it first asks). threadCount: a task's live explicit threads, which keep
  // it from being freed (threadEnd: 1 its implicit thread exited before
  // task.return, 2 it would have been freed). switchTo: a fiber thread that
  // suspended to let this thread run next (its resumer does). stackless: a
  // thread without a fiber of its own blocked in a thread built-in, on the
  // stack it was called on (kStackless*).
  uint32_t owner, threadIndex, threadCount, switchTo;
  uint8_t threadEnd, stackless;
  bool requeued;  // yielded: behind the ready ones, and not again in the same pass (DriveTasks)
  void (*threadStart)(uint32_t);  // an explicit thread's start function, and its argument
  uint32_t threadArg;

  // Subtask: of a host call, or of a guest task (peer: the task, while it
  // runs). resolvedState: how it resolved (0: RETURNED, else the
  // CANCELLED_* state); cancelRequested: subtask.cancel was called.
  bool resolved, delivered, adopted, cancelRequested;
  // A host subtask the host resolves itself (no timer or descriptor wait
  // of the runtime's), cancelled before it did: the host still holds its id
  // and will call HostSubtaskResolve, so subtask.drop leaves the object
  // (orphaned) for that call to free.
  bool hostPending, orphaned;
  uint32_t resolvedState;
  uint64_t deadline;  // 0: none
  // A host subtask waiting on a descriptor (HostSubtaskResolveWhenReady);
  // null when it does not.
  bool (*waitReady)(void* state, uint64_t* results);
  void* waitState;
  int32_t waitFd;
  int16_t waitEvents;
  uint64_t waitUntil;  // `waitReady` is also asked once CLOCK_MONOTONIC passes this (0: never)
  wacc_lower_results_fn lower;
  uint32_t retptr;
  uint64_t* results;  // kResultSlots slots, allocated on demand

  // Stream / future end.
  bool isFuture, isReadable, dropped, peerDropped;
  // Its holder is done with it: the guest dropped it (stream.drop-*), or
  // the host closed it (HostStreamClose) or was told the guest's end went
  // (HostEnd::closed). The pair is freed once both ends are released
  // (ReleaseEnd); a released end has no pending event (a drop discards it).
  bool released;
  uint32_t peer;
  EndState state;
  wacc_memory* memory;  // GuestPending
  uint32_t ptr, count, elemSize;
  bool hostHeld;
  HostEnd host;
  wacc_lower_elements_fn lowerElements;  // GuestPending read of elements holding strings
  wacc_lift_elements_fn liftElements;    // GuestPending write of such elements
  uint32_t slotsPerElement;              // their host-flattened size
  uint32_t copyFlags;                    // WACC_COPY_*
  uint32_t copiedTotal;                  // futures: whether the value moved
  uint32_t progress;                     // GuestPending: elements moved so far
  // The pending event only reports progress of a copy that still has room
  // and stays in the stream (SharedStreamImpl's on_copy, not on_copy_done):
  // cancelling it reports CANCELLED with that progress, as Wasmtime and
  // the component model's tests (big-interleaving-test, cancel-stream) do.
  bool partial;
  bool done;  // the guest saw DROPPED (or a future's COMPLETED): no more copies or lifts

  // The slot's generation (kept across reuse): bits 16..31 of its id.
  uint16_t generation;
};

Object* objects = nullptr;
uint32_t objectCount = 1;  // 0 is never an object
// Freed slots (pool indices), oldest first (linked through `peer`): a slot
// is reused only after kQuarantine later frees, so its generation moves on
// slowly. (Kept small: the loop scans the pool up to objectCount.)
uint32_t freeList = 0, freeTail = 0, freeCount = 0;
constexpr uint32_t kQuarantine = 64;
uint32_t currentTask = 0;

Object& Get(uint32_t id) { return objects[id & kIndexMask]; }

// The id of the object in slot `index` (a scan of the pool names objects
// by index; whatever it stores or hands on must be the id).
uint32_t IdOf(uint32_t index) { return index | (uint32_t)objects[index].generation << kIndexBits; }
uint32_t IdOf(const Object& o) { return IdOf((uint32_t)(&o - objects)); }

// Whether `id` names a live object: a rep a host kept, or a link, may name
// a slot freed (and perhaps reused) since.
bool Live(uint32_t id) {
  uint32_t index = id & kIndexMask;
  return index != 0 && index < objectCount && objects[index].generation == id >> kIndexBits &&
         objects[index].kind != Kind::Free;
}

// What the canonical ABI keeps per component instance (ComponentInstance):
// found by the instance's handle table; instances are few.
struct InstanceState {
  wacc_handle_table* table;
  uint32_t backpressure;
  // The task whose core code runs with the instance's exclusive lock
  // (ComponentInstance.exclusive_thread; 0: unlocked), and how many calls
  // wait to enter (num_waiting_to_enter).
  uint32_t exclusive;
  uint32_t waitingToEnter;
  // The instance's thread table (ComponentInstance.threads): the next
  // fresh index, and freed ones reused last-freed first, as Table.add does.
  uint32_t nextThread;
  uint32_t freeThreadCount;
  uint32_t freeThreads[32];
};
constexpr uint32_t kMaxInstances = 1024;
InstanceState instances[kMaxInstances];
uint32_t instanceCount = 0;

InstanceState& StateOf(wacc_handle_table* table) {
  for (uint32_t i = 0; i < instanceCount; ++i)
    if (instances[i].table == table) return instances[i];
  if (instanceCount == kMaxInstances) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  instances[instanceCount] = InstanceState{table, 0, 0, 0, 0, 0, {}};
  return instances[instanceCount++];
}

// Task.needs_exclusive: sync-lifted and callback-lifted tasks run their
// core code under the instance's exclusive lock; stackful ones do not.
bool NeedsExclusive(const Object& t) { return !(t.flags & WACC_TASK_ASYNC) || (t.flags & WACC_TASK_CALLBACK); }

// Whether backpressure keeps task `id` from entering its instance.
bool HeldOut(uint32_t id) {
  const Object& t = Get(id);
  const InstanceState& inst = StateOf(t.table);
  return inst.backpressure > 0 || (NeedsExclusive(t) && inst.exclusive != 0 && inst.exclusive != id);
}

// The task's core code stopped running (returned or suspended for good):
// the exclusive lock is free again.
void LeaveExclusive(uint32_t id) {
  InstanceState& inst = StateOf(Get(id).table);
  if (inst.exclusive == id) inst.exclusive = 0;
}

uint64_t nextSeq = 0;

[[noreturn]] void Invalid() { Trap(WACC_TRAP_ASYNC_INVALID, nullptr); }

// Readies a slot for its next object: all zero but what outlives each
// object (its result slots, the slot's generation). Once per object, at
// its creation: a freed object is only marked Free (every scan of the pool
// checks the kind). The 384 bytes are cleared by plain stores: memset's
// `rep stosb` start-up cost more than the clearing (bench/NOTES.md).
void ClearObject(Object& o) {
  uint64_t* results = o.results;
  uint16_t generation = o.generation;
  __builtin_memset_inline(&o, 0, sizeof(Object));
  o.results = results;
  o.generation = generation;
}

uint32_t NewObject(Kind kind) {
  if (!objects) {
    objects = static_cast<Object*>(AllocatePages(sizeof(Object) * kMaxObjects));
    if (!objects) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  }
  uint32_t id;
  if (freeList && (freeCount > kQuarantine || objectCount == kMaxObjects)) {
    id = freeList;
    freeList = objects[id].peer;
    if (!freeList) freeTail = 0;
    --freeCount;
  } else {
    if (objectCount == kMaxObjects) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
    id = objectCount++;
  }
  Object& o = objects[id];
  ClearObject(o);
  o.kind = kind;
  o.seq = ++nextSeq;
  return IdOf(id);
}

// Appends object `id` (already Kind::Free) to the free list; its slot's
// next life has a new generation, so `id` names nothing from now on.
void PushFree(uint32_t id) {
  id &= kIndexMask;
  ++objects[id].generation;
  objects[id].peer = 0;
  if (freeTail)
    objects[freeTail].peer = id;
  else
    freeList = id;
  freeTail = id;
  ++freeCount;
}

void FreeObject(uint32_t id) {
  Get(id).kind = Kind::Free;  // (cleared when the slot is reused: ClearObject)
  PushFree(id);
}

// The end `id` a host names (AsyncHost.h): a rep it kept past the end's
// release (its close, or its `closed` call) is a host bug, caught here
// rather than left to hit whatever object reuses the id.
Object& HostGet(uint32_t id) {
  if (!Live(id) || Get(id).kind != Kind::StreamEnd) Invalid();
  return Get(id);
}

// The host subtask `id` a host names (AsyncHost.h), checked likewise.
Object& HostSubtask(uint32_t id) {
  if (!Live(id) || Get(id).kind != Kind::Subtask) Invalid();
  return Get(id);
}

// The holder of end `id` is done with it; once both ends are, the pair is
// freed (neither can have an event left: a drop discards its end's, and a
// host end never has one).
void ReleaseEnd(uint32_t id) {
  Object& e = Get(id);
  e.released = true;
  uint32_t peer = e.peer;
  if (!Get(peer).released) return;
  FreeObject(id);
  FreeObject(peer);
}

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
  o.partial = false;  // a final event unless the caller says otherwise
}

uint64_t Now() { return MonotonicNanoseconds(); }

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

// A rendezvous of two guest ends moves `n` elements from the writer's
// buffer into the reader's (neither is advanced here). Plain data is a byte
// copy. Elements holding strings, lists or handles are what CanonicalABI.md's
// Buffer read/write do, load then store: the writer's generated code lifts
// them into host slots, the reader's lowers them (its realloc, its handle
// table), a batch at a time.
void MoveElements(Object& reader, Object& writer, uint32_t n) {
  uint32_t size = writer.elemSize;
  if (!writer.liftElements && !reader.lowerElements) {
    // The ABI loads all, then stores: overlapping buffers of one memory
    // copy as by memmove.
    uint8_t* to = GuestBuffer(reader);
    const uint8_t* from = GuestBuffer(writer);
    uint64_t bytes = (uint64_t)n * size;
    if (to > from && to < from + bytes)
      for (uint64_t i = bytes; i-- > 0;) to[i] = from[i];
    else
      for (uint64_t i = 0; i < bytes; ++i) to[i] = from[i];
    return;
  }
  if (!writer.liftElements || !reader.lowerElements) Invalid();
  constexpr uint32_t kSlots = 1024;
  static uint64_t* slots = nullptr;
  if (!slots) slots = static_cast<uint64_t*>(AllocatePages(kSlots * sizeof(uint64_t)));
  uint32_t per = writer.slotsPerElement ? writer.slotsPerElement : 1;
  if (!slots || per > kSlots) Invalid();
  uint32_t batch = kSlots / per;
  for (uint32_t done = 0; done < n;) {
    uint32_t k = n - done < batch ? n - done : batch;
    // The lift's slot arrays for nested lists live in the scratch arena
    // for the batch, bounded (an element can alias the writer's memory at
    // every level: Wasmtime's streams-massive-send.wast).
    ScratchScope scope = ScratchBegin();
    writer.liftElements(slots, k, writer.ptr + done * size);
    reader.lowerElements(slots, k, reader.ptr + done * size);
    ScratchEnd(scope);
    done += k;
  }
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
  } else if (peer.host.consume && e.liftElements) {
    // The same for a host reader: generated code lifts the guest's
    // elements (one at a time: what the host does not take stays).
    static uint64_t elementSlots[16];
    uint32_t per = e.slotsPerElement ? e.slotsPerElement : 1;
    if (per > 16) Invalid();
    n = 0;
    while (n < e.count) {
      e.liftElements(elementSlots, 1, e.ptr + n * e.elemSize);
      uint32_t took = peer.host.consume(peer.host.state, elementSlots, 1);
      if (took != 1) break;
      ++n;
    }
    if (n == 0) n = kHostWouldBlock;
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

// A task's fiber finished: a stackful task is over; a callback task's
// first core call returned its code (wacc_rt_task_first_code), and the loop
// drives its callback from now on. Returns task_start's state (1: exited).
uint32_t FiberFinished(uint32_t id) {
  Object& t = Get(id);
  FiberFree(t.fiber);
  t.fiber = nullptr;
  LeaveExclusive(id);
  if (t.callback) {
    uint32_t code = t.fiberPacked & 0xf;
    if (code == WACC_CALLBACK_EXIT) {
      if (!t.returned) {
        // An explicit thread of the task may still call task.return.
        if (!t.threadCount) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
        t.threadEnd = 1;
        return 0;
      }
      return 1;
    }
    if (code == WACC_CALLBACK_WAIT)
      t.pendingSet = Lookup(t.table, t.fiberPacked >> 4, WACC_HANDLE_WAITABLE_SET);
    else if (code != WACC_CALLBACK_YIELD)
      Trap(WACC_TRAP_INVALID_CALLBACK_CODE, nullptr);
    t.pendingCode = code;
    t.pending = true;
    return t.returned ? 2 : 0;
  }
  if (!t.returned) {
    if (!t.threadCount) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
    t.threadEnd = 1;
    return 0;
  }
  return 1;
}

void ThreadExited(uint32_t id);
uint32_t SwitchTarget(uint32_t next);

// Resumes a task's fiber until it suspends again or finishes; a thread
// that suspended to switch to another (thread.*-then-resume) has that one
// resumed next, in a loop (Thread.resume), so switching back and forth
// does not nest.
void ResumeStackful(uint32_t id) {
  while (id) {
    Object& t = Get(id);
    t.pending = false;
    t.requeued = false;
    uint32_t saved = currentTask;
    currentTask = id;
    FiberResume(t.fiber);
    currentTask = saved;
    uint32_t next = Get(id).switchTo;
    Get(id).switchTo = 0;
    if (Get(id).fiber->done) {
      if (Get(id).owner)
        ThreadExited(id);
      else if (FiberFinished(id) == 1)
        FinishTask(id);
    }
    id = next ? SwitchTarget(next) : 0;
  }
}

// Runs every pending callee task that can proceed (YIELD, or an event on
// the set it WAITs on) through one call of its callback; returns whether
// any did.
void StepCallback(uint32_t id, uint32_t code, uint32_t p1, uint32_t p2);

// A suspended fiber task's pendingCode while it waits, in a sync call, for
// a subtask or task (pendingSet) to resolve (BlockUntilResolved).
constexpr uint32_t kPendingResolved = 0x10;
// ... or, not started yet, for backpressure to let it enter (TaskEnter).
constexpr uint32_t kPendingEnter = 0x11;
// ... or suspended (thread.suspend, a new thread): only thread.resume-later
// or another thread's switch to it goes on.
constexpr uint32_t kPendingSuspended = 0x12;

bool Resolved(uint32_t id) {
  const Object& o = Get(id);
  return o.kind == Kind::Task ? o.returned : o.resolved;
}

// The current task runs on a fiber of its own (stackful, or a sync-lifted
// callee of `async` type), so it can wait by suspending.
bool OnOwnFiber() { return currentTask && Get(currentTask).fiber && CurrentFiber() == Get(currentTask).fiber; }

// A fiber task suspended in a wait that is over: what it waits for is there.
bool FiberReady(uint32_t id) {
  const Object& t = Get(id);
  if (t.kind != Kind::Task || !t.pending || !t.fiber) return false;
  if (t.pendingCode == WACC_CALLBACK_WAIT)
    return t.pendingWaitable ? Get(t.pendingWaitable).hasEvent : HasEvent(t.pendingSet);
  if (t.pendingCode == kPendingResolved) return Resolved(t.pendingSet);
  if (t.pendingCode == kPendingEnter) return !HeldOut(id);
  if (t.pendingCode == kPendingSuspended) return false;  // until thread.resume-later or a switch
  return true;
}

bool DriveTaskList(const uint32_t* list, const uint64_t* seqList, uint32_t count);

// Pending tasks are served oldest first, as Wasmtime's queue does: pool
// indices are reused, so their order is not the order calls were made in,
// and the order decides which of two calls waiting to enter instances runs
// first (async-calls-sync.wast counts on it). A pass takes them a chunk at a
// time (the oldest not yet served), so it needs no memory of its own and
// nests (a callback that blocks runs the loop on its stack); tasks created
// during the pass are served in it too, as higher indices were.
// With `only`, just the threads of that instance run: what a sync task
// that blocks lets run (canon_lift's loop for a callee whose type is not
// `async`; since component-model#705 a thread holding the instance's
// exclusive lock, suspended mid-frame, is one of them).
bool DriveTasks(wacc_handle_table* only = nullptr) {
  constexpr uint32_t kChunk = 256;
  uint32_t list[kChunk];
  uint64_t seqList[kChunk];
  uint64_t after = 0;
  bool progressed = false;
  // A thread that yields during the pass waits for the next one (or the
  // pass would not end while it yields in a loop).
  uint64_t passStart = nextSeq;
  for (;;) {
    uint32_t count = 0;
    for (uint32_t id = 1; id < objectCount; ++id) {
      const Object& t = Get(id);
      if (t.kind != Kind::Task || !t.pending || t.seq <= after || (only && t.table != only)) continue;
      if (t.requeued && t.seq > passStart) continue;
      if (count == kChunk && t.seq > seqList[count - 1]) continue;
      uint32_t at = count < kChunk ? count++ : count - 1;
      while (at > 0 && seqList[at - 1] > t.seq) {
        list[at] = list[at - 1];
        seqList[at] = seqList[at - 1];
        --at;
      }
      list[at] = IdOf(id);
      seqList[at] = t.seq;
    }
    if (count == 0) return progressed;
    after = seqList[count - 1];
    progressed |= DriveTaskList(list, seqList, count);
  }
}

bool DriveTaskList(const uint32_t* list, const uint64_t* seqList, uint32_t count) {
  bool progressed = false;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t id = list[i];
    Object& t = Get(id);
    if (t.kind != Kind::Task || t.seq != seqList[i] || !t.pending) continue;
    if (t.fiber) {
      if (!FiberReady(id)) continue;
      progressed = true;
      ResumeStackful(id);
      continue;
    }
    // A callback runs under the exclusive lock: not while another task's
    // core code holds it.
    uint32_t holder = StateOf(t.table).exclusive;
    if (holder != 0 && holder != id) continue;
    uint32_t code = WACC_EVENT_NONE, p1 = 0, p2 = 0;
    if (t.cancel == kCancelPending) {
      // The callback loop's wait is cancellable: a cancellation requested
      // while the task ran is delivered now.
      t.cancel = kCancelDelivered;
      code = WACC_EVENT_TASK_CANCELLED;
    } else if (t.pendingCode == WACC_CALLBACK_WAIT && !TakeEvent(t.pendingSet, &code, &p1, &p2)) {
      continue;
    }
    progressed = true;
    StepCallback(id, code, p1, p2);
  }
  return progressed;
}

// One callback turn on the task's fiber: the code goes where the first
// core call's does, for FiberFinished.
void CallbackMain(void* raw) {
  Object& t = Get((uint32_t)(uintptr_t)raw);
  uint32_t packed = t.callback(t.stepEvent[0], t.stepEvent[1], t.stepEvent[2]);
  Get((uint32_t)(uintptr_t)raw).fiberPacked = packed;
}

// Calls a pending callee task's callback once with an event and handles
// the code it returns (one turn of canon_lift's callback loop). The turn
// runs on a fiber of the task's own, as its first core call did: a
// callback that blocks (a sync call, a sync copy, waitable-set.wait,
// thread.yield) suspends its fiber and the loop goes on, so tasks that block
// later do not sit above it on one stack; run on the loop's stack, it could
// not resume until every wait nested above it had returned
// (test/Wast/Inputs/blocking-callbacks.wast).
void StepCallback(uint32_t id, uint32_t code, uint32_t p1, uint32_t p2) {
  Object& t = Get(id);
  t.stepEvent[0] = code;
  t.stepEvent[1] = p1;
  t.stepEvent[2] = p2;
  t.fiber = FiberNew(CallbackMain, (void*)(uintptr_t)id, kFiberStack);
  if (!t.fiber) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  StateOf(t.table).exclusive = id;  // released when the turn ends (FiberFinished)
  ResumeStackful(id);
}

// --- Cancellation ------------------------------------------------------------------
// Task.request_cancellation: a callee task waiting in its callback loop
// (cancellable) or suspended on its fiber in a cancellable wait or yield
// gets TASK_CANCELLED at once; any other (running, or in a wait that is not
// cancellable) has it pending, for its next cancellable wait
// (DeliverPendingCancel).
uint32_t CancellableThreadOf(uint32_t task) {
  for (uint32_t id = 1; id < objectCount; ++id) {
    const Object& t = objects[id];
    if (t.kind == Kind::Task && t.owner == task && t.fiber && t.pending && t.cancellableWait) return IdOf(id);
  }
  return 0;
}

void RequestCancellation(uint32_t id) {
  Object& t = Get(id);
  if (t.callback && t.pending && !t.fiber) {
    t.cancel = kCancelDelivered;
    StepCallback(id, WACC_EVENT_TASK_CANCELLED, 0, 0);
  } else if (t.fiber && t.pending && t.cancellableWait) {
    t.cancel = kCancelDelivered;
    t.resumedCancelled = true;
    ResumeStackful(id);
  } else if (uint32_t thread = CancellableThreadOf(id)) {
    // An explicit thread of the task blocked in a cancellable built-in
    // (thread.suspend cancellable, ...) takes it instead.
    t.cancel = kCancelDelivered;
    Get(thread).resumedCancelled = true;
    ResumeStackful(thread);
  } else {
    t.cancel = kCancelPending;
  }
}

// Task.request_cancellation of a task still waiting to enter its instance
// (INITIAL, its subtask STARTING): it never starts. Its fiber, suspended in
// wacc_rt_task_enter before the callee's code, is abandoned (nothing on it
// is needed again), and the subtask resolves CANCELLED_BEFORE_STARTED.
void CancelStarting(uint32_t id) {
  Object& t = Get(id);
  --StateOf(t.table).waitingToEnter;
  FiberFree(t.fiber);
  Object& sub = Get(t.adopter);
  sub.peer = 0;
  sub.resolvedState = WACC_SUBTASK_CANCELLED_BEFORE_STARTED;
  sub.resolved = true;
  // (Borrow handles lowered for it stay in the callee's table, no longer
  // counted: its code, which would drop them, never runs.)
  FreeObject(id);
}

// A descriptor an object waits on is ready (core/EventLoop.h, a round
// interest keyed by the object's id): a host end blocked on it may make
// progress, a host subtask may resolve.
void ObjectReady(void* key, uint32_t) {
  uint32_t id = IdOf((uint32_t)(uintptr_t)key);  // keys are pool indices (< 1 << 16)
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
        HostSubtaskResolve(IdOf(id));
        progressed = true;
      } else if (o.deadline < deadline) {
        deadline = o.deadline;
      }
    } else if (o.kind == Kind::Subtask && !o.resolved && o.waitReady) {
      IoRoundInterest(id, o.waitFd, (uint16_t)o.waitEvents);
      if (o.waitUntil && o.waitUntil < deadline) deadline = o.waitUntil;
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
    if (o.kind == Kind::Subtask && !o.resolved && o.deadline && o.deadline <= now) HostSubtaskResolve(IdOf(id));
    // A descriptor wait whose time is up: its host decides (a timeout).
    if (o.kind == Kind::Subtask && !o.resolved && o.waitReady && o.waitUntil && o.waitUntil <= now)
      ObjectReady((void*)(uintptr_t)id, 0);  // (keys are pool indices)
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
      if (o.lower && !o.resolvedState) o.lower(o.results, o.retptr);
    }
    return true;
  }
  return false;
}

Object& CurrentTask();
void CheckMayBlock();

// Task.deliver_pending_cancel: a cancellable wait, poll or yield of a task
// whose cancellation is pending takes it (TASK_CANCELLED) instead.
bool DeliverPendingCancel(bool cancellable) {
  if (!cancellable || !currentTask) return false;
  Object& task = Get(currentTask).owner ? Get(Get(currentTask).owner) : Get(currentTask);
  if (task.cancel != kCancelPending) return false;
  task.cancel = kCancelDelivered;
  return true;
}

// Suspends the current fiber task (pendingCode etc. set by the caller);
// returns whether subtask.cancel resumed it (only in a cancellable wait).
bool SuspendTask(bool cancellable) {
  Get(currentTask).cancellableWait = cancellable;
  FiberSuspend();
  Object& t = Get(currentTask);
  t.cancellableWait = false;
  bool cancelled = t.resumedCancelled;
  t.resumedCancelled = false;
  return cancelled;
}

uint32_t Wait(uint32_t set, uint32_t* out, bool block, bool cancellable) {
  uint32_t code, p1, p2;
  if (DeliverPendingCancel(cancellable)) {
    out[0] = out[1] = 0;
    return WACC_EVENT_TASK_CANCELLED;
  }
  if (block) CheckMayBlock();
  if (block && currentTask && Get(currentTask).fiber && CurrentFiber() == Get(currentTask).fiber) {
    // A stackful task waits by suspending its fiber; the event loop
    // resumes it once the set has an event.
    while (!TakeEvent(set, &code, &p1, &p2)) {
      Object& t = Get(currentTask);
      t.pendingCode = WACC_CALLBACK_WAIT;
      t.pendingSet = set;
      t.pending = true;
      if (SuspendTask(cancellable)) {
        out[0] = out[1] = 0;
        return WACC_EVENT_TASK_CANCELLED;
      }
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
    // A waiter of the set while the loop runs (waitable-set.drop traps).
    ++Get(set).waiters;
    RunLoop(true);
    --Get(set).waiters;
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

// Task.may_block: a task whose function type is not `async` must not block
// before it returns (CanonicalABI.md's canon_lower asserts it of a sync
// callee; Wasmtime traps "cannot block a synchronous task before
// returning"). Sync code outside any task (a start function, a sync export
// the host calls) is such a task.
bool MayBlock(const Object& t) { return (t.flags & (WACC_TASK_ASYNC | WACC_TASK_ASYNC_TYPE)) || t.returned; }

// The task the current thread belongs to (an explicit thread's owner).
Object& CurrentOwnerTask() {
  Object& t = CurrentTask();
  return t.owner ? Get(t.owner) : t;
}

bool OtherThreadReady(wacc_handle_table* table);

void CheckMayBlock() {
  // An explicit thread on its own fiber blocks back to whoever resumed it.
  if (currentTask && Get(currentTask).owner && OnOwnFiber()) return;
  // A sync task may block while another thread of its instance can run
  // (canon_lift's loop traps only when none can).
  if (!MayBlock(CurrentOwnerTask()) && !OtherThreadReady(Get(currentTask).table))
    Trap(WACC_TRAP_CANNOT_BLOCK, nullptr);
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

uint64_t* HostSubtaskResults(uint32_t subtask) { return HostSubtask(subtask).results; }

void HostSubtaskResolve(uint32_t subtask) {
  Object& o = HostSubtask(subtask);  // (a host's stale id traps)
  if (o.hostPending) {
    // Cancelled first: the host is done with it now.
    o.hostPending = false;
    if (o.orphaned) FreeObject(subtask);
    return;
  }
  if (o.resolved) return;  // cancelled first
  o.resolved = true;
  if (o.adopted) SetEvent(subtask, WACC_EVENT_SUBTASK, o.resolvedState ? o.resolvedState : WACC_SUBTASK_RETURNED);
}

void HostSubtaskResolveAt(uint32_t subtask, uint64_t deadline) {
  HostSubtask(subtask).deadline = deadline ? deadline : 1;
}

void HostSubtaskResolveWhenReady(uint32_t subtask, int32_t fd, int16_t events,
                                 bool (*ready)(void* state, uint64_t* results), void* state, uint64_t deadline) {
  Object& o = HostSubtask(subtask);
  o.waitReady = ready;
  o.waitState = state;
  o.waitFd = fd;
  o.waitEvents = events;
  o.waitUntil = deadline == ~0ull ? 0 : deadline;
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
  Object& re = HostGet(readableRep);
  if (Get(re.peer).released) {
    // The guest dropped the writer before the host came: the stream is
    // over (and freed), as if it had dropped it now.
    ReleaseEnd(readableRep);
    if (reader.closed) reader.closed(reader.state);
    return;
  }
  re.hostHeld = true;
  re.host = reader;
  // A write already pending on the guest's writable end can proceed.
  Object& we = Get(re.peer);
  if (we.state == EndState::GuestPending) ServeFromHost(re.peer);
}

bool HostStreamPeerDropped(uint32_t rep) { return Get(HostGet(rep).peer).dropped; }

// End `id` is done with, and its peer is a host end still attached (not
// closed): the pair is freed and that host is told through `closed`, the
// pair first, so a host that touched its rep in `closed` or later would
// meet a free object (HostGet). False (nothing done) for any other peer.
bool ReleasePairWithHostPeer(uint32_t id) {
  uint32_t peerId = Get(id).peer;
  const Object& peer = Get(peerId);
  if (!peer.hostHeld || !peer.host.ready || peer.released) return false;
  HostEnd host = peer.host;
  ReleaseEnd(id);
  ReleaseEnd(peerId);
  if (host.closed) host.closed(host.state);
  return true;
}

void HostStreamClose(uint32_t rep) {
  Object& e = HostGet(rep);
  if (e.released) Invalid();  // closed twice
  e.dropped = true;
  // No more callbacks: the host is done with its end (and its state).
  e.host = HostEnd{};
  // If the other end is the host's too (a stream it made and never handed
  // to a guest, or got back from one: a read-via-stream's stream passed to
  // a write-via-stream that will not read it), nobody else can release it,
  // so it is told, as of a guest's drop, and the pair goes.
  if (ReleasePairWithHostPeer(rep)) return;
  uint32_t peerId = e.peer;
  Object& peer = Get(peerId);
  if (peer.state == EndState::GuestPending || peer.state == EndState::HostWaiting) {
    peer.state = EndState::Idle;
    SetEvent(e.peer, EventCodeOf(peer), CopyResult(WACC_COPY_DROPPED, 0));
  }
  ReleaseEnd(rep);
}

namespace {
void ReleaseThreadIndex(Object& t);

// Frees a task object, or, while explicit threads of it live, leaves that
// to the last one's exit (ThreadExited).
void FreeTask(uint32_t task) {
  Object& t = Get(task);
  ReleaseThreadIndex(t);
  if (t.threadCount) {
    t.threadEnd = 2;
    return;
  }
  FreeObject(task);
}

void FinishTask(uint32_t task) {
  Object& t = Get(task);
  if ((t.flags & WACC_TASK_ASYNC) && !t.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
  t.pending = false;
  if (t.adopter) Get(t.adopter).peer = 0;
  if (!t.held) FreeTask(task);
}

// A task a host names (AsyncHost.h): a stale id traps.
Object& HostTask(uint32_t id) {
  if (!Live(id) || Get(id).kind != Kind::Task) Invalid();
  return Get(id);
}
}  // namespace

void TaskOnReturn(uint32_t task, void (*done)(void* state, uint32_t task), void* state) {
  Object& t = HostTask(task);
  t.onReturn = done;
  t.onReturnState = state;
}

bool TaskWasCancelled(uint32_t task) { return HostTask(task).cancelled; }

void EventLoopRound(bool block) { RunLoop(block); }

uint32_t RunningTask() {
  // An explicit thread runs as part of its task.
  return currentTask && Get(currentTask).owner ? Get(currentTask).owner : currentTask;
}

uint32_t TaskCaller(uint32_t task) {
  uint32_t caller = Live(task) && Get(task).kind == Kind::Task ? Get(task).previousTask : 0;
  return Live(caller) && Get(caller).kind == Kind::Task ? caller : 0;
}

void HostStreamWake(uint32_t readableRep) {
  // Whichever end the guest holds may have a copy waiting on the host.
  uint32_t ends[2] = {readableRep, HostGet(readableRep).peer};
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
  t.flags = flags & 0xffu;
  t.returnKey = flags >> 8;
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
        eventCode = Wait(setId, event, true, false);
        break;
      }
      default: Trap(WACC_TRAP_INVALID_CALLBACK_CODE, nullptr);
    }
    currentTask = task;
    packed = callback(eventCode, event[0], event[1]);
  }
}

extern "C" const uint64_t* wacc_rt_task_results(uint32_t task) { return Get(task).results; }

extern "C" void wacc_rt_task_check_block(void) { CheckMayBlock(); }

extern "C" void wacc_rt_task_end(uint32_t task) {
  Object& t = Get(task);
  if ((t.flags & WACC_TASK_ASYNC) && !t.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
  // A sync callee returned (Task.return_): none of its borrows may remain.
  if (t.borrows) Trap(WACC_TRAP_BORROWS_REMAIN, nullptr);
  // (A caller's task that trapped and was abandoned is no longer one.)
  currentTask = Live(t.previousTask) && Get(t.previousTask).kind == Kind::Task ? t.previousTask : 0;
  ReleaseThreadIndex(t);
  if (t.threadCount) {
    t.threadEnd = 2;  // its threads still run as part of it
    return;
  }
  // The results stay readable until the next task reuses the object.
  t.kind = Kind::Free;
  PushFree(task);
}

static void ResolveTask(Object& t, const uint64_t* results, uint32_t count);

extern "C" void wacc_rt_task_return(const uint64_t* results, uint32_t count, uint32_t key) {
  Object& t = CurrentOwnerTask();
  if (!(t.flags & WACC_TASK_ASYNC) || t.returned || count > kResultSlots) Trap(WACC_TRAP_TASK_RETURN_TWICE, nullptr);
  // canon task.return: trap_if(result type or LiftOptions differ from the task's).
  // (The key's bits 16..23 name task.return's memory, checked when it has one.)
  uint32_t differ = key ^ t.returnKey;
  if (t.returnKey && ((differ & 0xFFFFu) || ((key >> 16) && (differ >> 16))))
    Trap(WACC_TRAP_TASK_RETURN_MISMATCH, nullptr);
  if (t.borrows) Trap(WACC_TRAP_BORROWS_REMAIN, nullptr);  // Task.return_
  ResolveTask(t, results, count);
}

extern "C" void wacc_rt_task_resolve(const uint64_t* results, uint32_t count) {
  Object& t = CurrentOwnerTask();
  if (t.returned || count > kResultSlots) Trap(WACC_TRAP_TASK_RETURN_TWICE, nullptr);
  if (t.borrows) Trap(WACC_TRAP_BORROWS_REMAIN, nullptr);
  ResolveTask(t, results, count);
}

// The task's results are delivered: to a sync caller through the task's
// slots, to an async caller's subtask.
static void ResolveTask(Object& t, const uint64_t* results, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) t.results[i] = results[i];
  t.resultCount = count;
  t.returned = true;
  if (t.onReturn) t.onReturn(t.onReturnState, IdOf(t));
  if (t.adopter) {
    // The caller's subtask resolves: its results are these (lowered into
    // the caller when the event is delivered).
    Object& sub = Get(t.adopter);
    for (uint32_t i = 0; i < count; ++i) sub.results[i] = results[i];
    HostSubtaskResolve(t.adopter);
  }
}

// Task.cancel: only once cancellation was delivered, and instead of
// task.return; the caller's subtask resolves CANCELLED_BEFORE_RETURNED.
extern "C" void wacc_rt_task_cancel(void) {
  Object& t = CurrentOwnerTask();
  if (!(t.flags & WACC_TASK_ASYNC) || t.cancel != kCancelDelivered || t.returned) Invalid();
  if (t.borrows) Trap(WACC_TRAP_BORROWS_REMAIN, nullptr);  // Task.cancel
  t.returned = true;
  t.cancelled = true;
  t.resultCount = 0;
  if (t.onReturn) t.onReturn(t.onReturnState, IdOf(t));
  if (t.adopter) {
    Get(t.adopter).resolvedState = WACC_SUBTASK_CANCELLED_BEFORE_RETURNED;
    HostSubtaskResolve(t.adopter);
  }
}

extern "C" void wacc_rt_task_borrow(wacc_handle_table* table, uint32_t handle, uint32_t type, uint32_t task) {
  HandleSetBorrowScope(table, handle, type, task);
  ++Get(task).borrows;
}

void wacc_rt::TaskBorrowDropped(uint32_t task) {
  Object& t = Get(task);
  if (t.kind == Kind::Task && t.borrows) --t.borrows;
}

extern "C" uint64_t wacc_rt_context_swap(uint64_t slots) {
  Object& t = CurrentTask();
  uint64_t old = (uint64_t)t.context[0] | ((uint64_t)t.context[1] << 32);
  t.context[0] = (uint32_t)slots;
  t.context[1] = (uint32_t)(slots >> 32);
  return old;
}

extern "C" uint32_t wacc_rt_context_get(uint32_t slot) {
  if (slot >= WACC_CONTEXT_SLOTS) Invalid();
  return CurrentTask().context[slot];
}

extern "C" void wacc_rt_context_set(uint32_t slot, uint32_t value) {
  if (slot >= WACC_CONTEXT_SLOTS) Invalid();
  CurrentTask().context[slot] = value;
}

// backpressure.inc/dec: the instance's counter, in [0, 2^16).
extern "C" void wacc_rt_backpressure_adjust(wacc_handle_table* table, int32_t delta) {
  InstanceState& inst = StateOf(table);
  int32_t value = (int32_t)inst.backpressure + delta;
  if (value < 0 || value >= (1 << 16)) Trap(WACC_TRAP_BACKPRESSURE_OVERFLOW, nullptr);
  inst.backpressure = (uint32_t)value;
}

extern "C" uint32_t wacc_rt_thread_yield(uint32_t cancellable) {
  // Returns 1 when cancelled (Cancelled.TRUE), only if `cancellable`.
  if (DeliverPendingCancel(cancellable != 0)) return 1;
  // A sync task that has not returned lets only its instance's other ready
  // threads run (canon_lift's loop), then goes on.
  if (!MayBlock(CurrentOwnerTask()) && !(Get(currentTask).owner && OnOwnFiber())) {
    uint32_t self = currentTask;
    DriveTasks(Get(self).table);
    currentTask = self;
    return 0;
  }
  if (currentTask && Get(currentTask).fiber && CurrentFiber() == Get(currentTask).fiber) {
    Object& t = Get(currentTask);
    t.pendingCode = WACC_CALLBACK_YIELD;
    t.pending = true;
    // To the back of the loop's queue: the threads already ready go first.
    t.seq = ++nextSeq;
    t.requeued = true;
    return SuspendTask(cancellable != 0) ? 1 : 0;
  }
  RunLoop(false);
  return 0;
}

// --- Waitable sets ----------------------------------------------------------------------

extern "C" uint32_t wacc_rt_waitable_set_new(wacc_handle_table* table) {
  return Insert(table, WACC_HANDLE_WAITABLE_SET, NewObject(Kind::WaitableSet));
}

extern "C" uint32_t wacc_rt_waitable_set_wait(wacc_handle_table* table, uint32_t set, uint32_t* out,
                                              uint32_t cancellable) {
  return Wait(Lookup(table, set, WACC_HANDLE_WAITABLE_SET), out, true, cancellable != 0);
}

extern "C" uint32_t wacc_rt_waitable_set_poll(wacc_handle_table* table, uint32_t set, uint32_t* out,
                                              uint32_t cancellable) {
  return Wait(Lookup(table, set, WACC_HANDLE_WAITABLE_SET), out, false, cancellable != 0);
}

extern "C" void wacc_rt_waitable_set_drop(wacc_handle_table* table, uint32_t set) {
  uint32_t id = Lookup(table, set, WACC_HANDLE_WAITABLE_SET);
  if (Get(id).waiters) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  for (uint32_t i = 1; i < objectCount; ++i) {
    const Object& o = Get(i);
    // A callee task waiting on the set through the event loop.
    if (o.kind == Kind::Task && o.pending && o.pendingCode == WACC_CALLBACK_WAIT && o.pendingSet == id)
      Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
    if (o.kind != Kind::Free && o.kind != Kind::WaitableSet && o.set == id) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  }
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
  if (Get(id).syncWaiter) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);  // trap_if(w.has_sync_waiter)
  Get(id).set = set == 0 ? 0 : Lookup(table, set, WACC_HANDLE_WAITABLE_SET);
}

// --- Subtasks -------------------------------------------------------------------------------

extern "C" void wacc_rt_subtask_drop(wacc_handle_table* table, uint32_t subtask) {
  uint32_t id = Lookup(table, subtask, WACC_HANDLE_SUBTASK);
  Object& o = Get(id);
  if (!o.resolved || !o.delivered) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  // A callee task may run on after its return: it must not reach the
  // freed subtask (FinishTask).
  if (o.peer && Get(o.peer).kind == Kind::Task && Get(o.peer).adopter == id) Get(o.peer).adopter = 0;
  Remove(table, subtask, WACC_HANDLE_SUBTASK);
  if (o.hostPending) {
    o.orphaned = true;
    o.table = nullptr;
    o.handle = 0;
    o.set = 0;
    o.hasEvent = false;
    return;
  }
  FreeObject(id);
}

extern "C" uint32_t wacc_rt_subtask_cancel(wacc_handle_table* table, uint32_t subtask, uint32_t async) {
  uint32_t id = Lookup(table, subtask, WACC_HANDLE_SUBTASK);
  Object& o = Get(id);
  if (o.delivered || o.cancelRequested) Invalid();
  if (!async && o.set) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);  // sync use of a waitable in a set
  if (!o.resolved) {
    o.cancelRequested = true;
    uint32_t task = o.peer;
    if (task && Get(task).kind == Kind::Task && Get(task).adopter == id && Get(task).starting) {
      CancelStarting(task);
    } else if (task && Get(task).kind == Kind::Task && Get(task).adopter == id) {
      RequestCancellation(task);
    } else {
      // A host subtask is cancelled at once: its timer or descriptor wait
      // is simply forgotten.
      o.hostPending = !task && !o.deadline && !o.waitReady;
      o.deadline = 0;
      o.waitReady = nullptr;
      o.resolvedState = WACC_SUBTASK_CANCELLED_BEFORE_RETURNED;
      o.resolved = true;
    }
    if (!Get(id).resolved) {
      if (async) return WACC_COPY_BLOCKED;
      CheckMayBlock();
      while (!Get(id).resolved) RunLoop(true);
    }
  }
  // Resolved: the pending event is delivered as the result (with the
  // results lowered when it returned).
  Object& r = Get(id);
  r.hasEvent = false;
  r.delivered = true;
  if (r.lower && !r.resolvedState) r.lower(r.results, r.retptr);
  return r.resolvedState ? r.resolvedState : WACC_SUBTASK_RETURNED;
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
  // A done end (CopyState.DONE) is not IDLE either: say why it cannot move.
  if (e.kind == Kind::StreamEnd && (e.done || (e.isFuture && e.copiedTotal))) Trap(WACC_TRAP_ASYNC_DONE, nullptr);
  if (e.state != EndState::Idle || e.set != 0) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  Remove(table, handle, type);
  e.table = nullptr;
  e.handle = 0;
  e.hostHeld = true;
  return id;
}

extern "C" uint32_t wacc_rt_waitable_lower(wacc_handle_table* table, uint32_t type, uint32_t rep) {
  if (!Live(rep)) Invalid();  // a host's stale rep
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

// A copy made without the `async` option waits for its own event
// (CanonicalABI.md, stream_copy: e.wait_for_pending_event) and returns it:
// a stackful task suspends its fiber, anything else runs the event loop.
static uint32_t WaitForCopy(uint32_t id) {
  if (!Get(id).hasEvent) CheckMayBlock();
  Get(id).syncWaiter = true;
  while (!Get(id).hasEvent) {
    if (OnOwnFiber()) {
      Object& t = Get(currentTask);
      t.pendingCode = WACC_CALLBACK_WAIT;
      t.pendingWaitable = id;
      t.pending = true;
      FiberSuspend();
      Get(currentTask).pendingWaitable = 0;
    } else {
      RunLoop(true);
    }
  }
  Object& e = Get(id);
  e.syncWaiter = false;
  e.hasEvent = false;
  EndCopy(e);
  return Report(e, e.eventPayload);
}

static uint32_t StreamCopy(uint32_t id, uint32_t count) {
  Object& e = Get(id);
  Object& peer = Get(e.peer);
  if (peer.dropped || e.peerDropped) return Report(e, CopyResult(WACC_COPY_DROPPED, 0));
  if (peer.hostHeld && peer.host.ready) {
    e.state = EndState::GuestPending;
    if (!ServeFromHost(id)) return WACC_COPY_BLOCKED;
    e.hasEvent = false;  // reported by the return value instead
    return Report(e, e.eventPayload);
  }
  // SharedStreamImpl.read/write meeting a pending copy of one instance
  // over elements that are not numbers traps ("temporary" in the ABI).
  if (peer.state == EndState::GuestPending && peer.table == e.table && !(e.copyFlags & WACC_COPY_NUMERIC))
    Trap(WACC_TRAP_ASYNC_INTRA_COMPONENT, nullptr);
  if (peer.state == EndState::GuestPending && peer.count > 0) {
    // SharedStreamImpl.read/write with a pending buffer that has room: a
    // zero-length copy completes without touching it.
    if (count == 0) return CopyResultOf(e, WACC_COPY_COMPLETED, 0);
    uint32_t n = count < peer.count ? count : peer.count;
    if (e.isReadable)
      MoveElements(e, peer, n);
    else
      MoveElements(peer, e, n);
    peer.ptr += n * e.elemSize;
    peer.count -= n;
    peer.progress += n;
    SetEvent(e.peer, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_COMPLETED, peer.progress));
    peer.partial = !e.isFuture && peer.count > 0;
    // A future's copy is over for both sides at once (SharedFutureImpl).
    if (e.isFuture) {
      e.copiedTotal = peer.copiedTotal = 1;
      peer.state = EndState::Idle;
    }
    return Report(e, CopyResultOf(e, WACC_COPY_COMPLETED, n));
  }
  // A zero-length write meeting a zero-length read completes at once and
  // leaves the read pending (SharedStreamImpl.write; a read has no such case).
  if (peer.state == EndState::GuestPending && !e.isReadable && count == 0 && peer.count == 0 && peer.progress == 0)
    return CopyResultOf(e, WACC_COPY_COMPLETED, 0);
  if (peer.state == EndState::GuestPending && !peer.hasEvent) {
    // A pending copy with no room left (zero-length): it completes, and
    // this copy waits in its place.
    SetEvent(e.peer, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_COMPLETED, peer.progress));
  }
  e.state = EndState::GuestPending;
  return WACC_COPY_BLOCKED;
}

extern "C" uint32_t wacc_rt_stream_copy(wacc_handle_table* table, uint32_t end, uint32_t handle, wacc_memory* memory,
                                        uint32_t ptr, uint32_t count, uint32_t elemSize, wacc_lower_elements_fn lower,
                                        wacc_lift_elements_fn lift, uint32_t slotsPerElement, uint32_t flags) {
  uint32_t id = Lookup(table, handle, end);
  Object& e = Get(id);
  if (e.state != EndState::Idle || e.dropped) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  if (e.done) Trap(WACC_TRAP_ASYNC_DONE, nullptr);
  if (e.isFuture && e.copiedTotal) Trap(WACC_TRAP_ASYNC_DONE, nullptr);  // a future's value moves once
  // stream_copy/future_copy: trap_if(e.in_waitable_set() and not opts.async_),
  // as the cancels and subtask.cancel do: its event belongs to the set.
  if (!(flags & WACC_COPY_ASYNC) && e.set) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);
  if (count > (1u << 28) - 1) Trap(WACC_TRAP_COPY_TOO_LARGE, nullptr);
  e.memory = memory;
  e.ptr = ptr;
  e.count = count;
  e.elemSize = elemSize & 0x7FFFFFFFu;  // bit 31: elements hold strings, lists or handles
  e.lowerElements = lower;
  e.liftElements = lift;
  e.slotsPerElement = slotsPerElement;
  e.copyFlags = flags;
  (void)GuestBuffer(e);  // bounds check now, as the ABI's Buffer does
  uint32_t result = StreamCopy(id, count);
  if (result == WACC_COPY_BLOCKED && !(flags & WACC_COPY_ASYNC)) return WaitForCopy(id);
  return result;
}

extern "C" uint32_t wacc_rt_stream_cancel(wacc_handle_table* table, uint32_t end, uint32_t handle, uint32_t async) {
  uint32_t id = Lookup(table, handle, end);
  Object& e = Get(id);
  if (!async && e.set) Trap(WACC_TRAP_ASYNC_BUSY, nullptr);  // sync use of a waitable in a set
  if (e.state == EndState::Idle && !e.hasEvent) Invalid();
  if (e.hasEvent && e.partial) {
    // Elements moved but the copy still had room: it is cancelled with
    // what it moved (definitions.py's cancel_copy would deliver the
    // COMPLETED event instead; the reference tests expect CANCELLED).
    uint32_t progress = e.progress;
    e.hasEvent = false;
    EndCopy(e);
    return CopyResultOf(e, WACC_COPY_CANCELLED, progress);
  }
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
  // WritableFutureEnd.drop: only once the value moved or the reader's drop
  // was reported (CopyState.DONE).
  if (e.isFuture && !e.isReadable && !e.done && !e.copiedTotal) Trap(WACC_TRAP_FUTURE_NOT_WRITTEN, nullptr);
  Remove(table, handle, end);
  e.dropped = true;
  e.table = nullptr;
  // A dropped waitable leaves its set (Waitable.drop joins None), event and all.
  e.set = 0;
  e.hasEvent = false;
  // A host end (attached, not closed) is told, and that is its end too.
  if (ReleasePairWithHostPeer(id)) return;
  uint32_t peerId = e.peer;
  Object& peer = Get(peerId);
  if (peer.state == EndState::GuestPending) {
    // Stays pending until the event is delivered; the elements it already
    // passed on count.
    SetEvent(peerId, EventCodeOf(peer), CopyResultOf(peer, WACC_COPY_DROPPED, peer.progress));
  }
  // Freed once the peer is dropped too (by a guest, or closed by a host
  // it is passed to: HostStreamClose).
  ReleaseEnd(id);
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

// A sync call waits for subtask or task `id` to resolve: a task on a fiber
// of its own suspends and the loop resumes it; otherwise the loop runs on
// this stack.
static void BlockUntilResolved(uint32_t id) {
  if (Resolved(id)) return;
  CheckMayBlock();
  while (!Resolved(id)) {
    if (OnOwnFiber()) {
      Object& t = Get(currentTask);
      t.pendingCode = kPendingResolved;
      t.pendingSet = id;
      t.pending = true;
      FiberSuspend();
    } else {
      RunLoop(true);
    }
  }
}

extern "C" const uint64_t* wacc_rt_subtask_block(uint32_t hostSubtask) {
  BlockUntilResolved(hostSubtask);
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
    if (!returned) {
      // An explicit thread of the task may still call task.return.
      if (!t.threadCount) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
      t.threadEnd = 1;
      return 0;
    }
    return 1;  // the caller reads the results, then ends the task
  }
  if (t.pendingCode == WACC_CALLBACK_WAIT)
    t.pendingSet = Lookup(t.table, packed >> 4, WACC_HANDLE_WAITABLE_SET);
  else if (t.pendingCode != WACC_CALLBACK_YIELD)
    Trap(WACC_TRAP_INVALID_CALLBACK_CODE, nullptr);
  t.pending = true;
  return returned ? 2 : 0;
}

extern "C" uint32_t wacc_rt_subtask_adopt_task(wacc_handle_table* table, uint32_t task, wacc_lower_results_fn lower,
                                               uint32_t retptr) {
  uint32_t sub = HostSubtaskNew();
  Get(task).adopter = sub;
  Get(sub).peer = task;
  uint32_t packed = wacc_rt_subtask_adopt(table, sub, lower, retptr);
  // Still held out by backpressure: STARTING, and a SUBTASK event when it
  // enters (TaskEnter).
  if (Get(task).starting) packed = (packed & ~0xfu) | WACC_SUBTASK_STARTING;
  return packed;
}

// Task.enter_implicit_thread, from a callee's fiber before its core code
// runs: waits while backpressure (the counter, or another task holding the
// exclusive lock) holds the instance, then takes the lock if it needs it.
extern "C" void wacc_rt_task_enter(void) {
  uint32_t id = currentTask;
  InstanceState* inst = &StateOf(Get(id).table);
  // The lock's holder may be a fiber task whose wait is already over (a
  // sync copy in its first core call that a peer has since completed): it
  // goes on first, as Wasmtime lets it, so this call need not start held
  // out (the ABI leaves the choice of ready thread to the host).
  uint32_t holder = inst->exclusive;
  if (holder != 0 && holder != id && FiberReady(holder)) {
    ResumeStackful(holder);
    inst = &StateOf(Get(id).table);
  }
  if (HeldOut(id) || inst->waitingToEnter > 0) {
    ++inst->waitingToEnter;
    Get(id).starting = true;
    while (HeldOut(id)) {
      Object& t = Get(id);
      t.pendingCode = kPendingEnter;
      t.pending = true;
      FiberSuspend();
    }
    inst = &StateOf(Get(id).table);
    --inst->waitingToEnter;
    Object& t = Get(id);
    t.starting = false;
    if (t.adopter && !Get(t.adopter).resolved) SetEvent(t.adopter, WACC_EVENT_SUBTASK, WACC_SUBTASK_STARTED);
  }
  if (NeedsExclusive(Get(id))) inst->exclusive = id;
}

extern "C" const uint64_t* wacc_rt_task_block(uint32_t task) {
  Get(task).held = true;
  BlockUntilResolved(task);
  // The results outlive the task until the next blocking call returns.
  static uint64_t results[kResultSlots];
  Object& t = Get(task);
  for (uint32_t i = 0; i < t.resultCount; ++i) results[i] = t.results[i];
  t.held = false;
  if (!t.pending) FreeTask(task);  // it already exited
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
  Object& t = Get(task);
  t.entry = entry;
  t.entryArg = arg;
  t.fiber = FiberNew(StackfulMain, (void*)(uintptr_t)task, kFiberStack);
  if (!t.fiber) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  uint32_t caller = t.previousTask;
  FiberResume(t.fiber);  // currentTask is the task (task_begin made it so)
  currentTask = caller;
  if (uint32_t next = Get(task).switchTo) {
    // Its first run switched to one of its threads (thread.*-then-resume):
    // that one runs now, and the switches that follow, which may run the
    // task to its end: it stays (held) for the caller.
    Get(task).switchTo = 0;
    Get(task).held = true;
    currentTask = task;
    ResumeStackful(SwitchTarget(next));
    currentTask = caller;
    Object& t2 = Get(task);
    t2.held = false;
    if (!t2.fiber) {
      if (!t2.pending && t2.threadEnd != 1) return 1;
      return t2.returned ? 2 : 0;
    }
  }
  if (Get(task).starting) {
    // Held out by backpressure: before the call reports STARTING, the work
    // that was ready before it runs first (Wasmtime queues the call behind
    // it), such as a task whose sync wait was satisfied, which may release
    // the instance so the call starts after all (sync-streams.wast). The
    // loop may run the call itself to its end: the task stays (held) for
    // the caller to read its results and end it.
    Get(task).held = true;
    DriveTasks();
    currentTask = caller;
    Object& t2 = Get(task);
    t2.held = false;
    if (!t2.fiber) {
      if (!t2.pending) return 1;  // finished (FinishTask)
      return t2.returned ? 2 : 0;  // a callback task after its first core call
    }
  }
  Object& after = Get(task);
  if (after.fiber->done) return FiberFinished(task);
  return after.returned ? 2 : 0;
}

extern "C" void wacc_rt_task_first_code(uint32_t packed, wacc_callback_fn callback) {
  Object& t = CurrentTask();
  t.fiberPacked = packed;
  t.callback = callback;
}

// --- Threads -------------------------------------------------------------------------
// The cooperative threads of CanonicalABI.md (Thread, and the 🧵 built-ins).
// A thread is a Task object: the task itself for its implicit thread, or
// an explicit thread (thread.new-indirect) whose `owner` is the task it
// belongs to, which task.return, task.cancel, cancellation and may-block
// go to. Explicit threads run on fibers of their own, created suspended
// (pendingCode kPendingSuspended), made ready by thread.resume-later
// (pendingCode YIELD, which the event loop resumes) or run at once by
// another thread's switch to them. A thread on its own fiber suspends by
// suspending the fiber, leaving the thread it switches to (switchTo) to
// its resumer (ResumeStackful). An implicit thread without a fiber of its
// own (a root export, a sync callee on its caller's stack) cannot give its
// stack away: it blocks by running others from where it is until someone
// resumes it (BlockStackless), and a switch to it only marks it resumed.
// Indices are per component instance (ComponentInstance.threads).
namespace wacc_rt {
namespace {

enum : uint8_t { kStacklessRunning, kStacklessSuspended, kStacklessReady };

void ReleaseThreadIndex(Object& t) {
  if (!t.threadIndex) return;
  InstanceState& inst = StateOf(t.table);
  if (inst.freeThreadCount < sizeof(inst.freeThreads) / sizeof(inst.freeThreads[0]))
    inst.freeThreads[inst.freeThreadCount++] = t.threadIndex;
  t.threadIndex = 0;
}

uint32_t AssignThreadIndex(Object& t) {
  InstanceState& inst = StateOf(t.table);
  t.threadIndex = inst.freeThreadCount ? inst.freeThreads[--inst.freeThreadCount] : ++inst.nextThread;
  return t.threadIndex;
}

// Table.get of the instance's thread table: traps unless `index` names a
// live thread of the instance `table` belongs to.
uint32_t ThreadAt(wacc_handle_table* table, uint32_t index) {
  if (index != 0)
    for (uint32_t id = 1; id < objectCount; ++id) {
      const Object& o = objects[id];
      if (o.kind == Kind::Task && o.threadIndex == index && o.table == table) return IdOf(id);
    }
  Invalid();
}

// Thread.suspended: blocked in thread.suspend (or a switch away), or new.
bool Suspended(const Object& t) {
  if (t.stackless) return t.stackless == kStacklessSuspended;
  return t.fiber && t.pending && t.pendingCode == kPendingSuspended;
}

// Thread.ready: waiting, and what it waits for is there.
bool ThreadReady(uint32_t id) {
  const Object& t = Get(id);
  if (t.stackless) return t.stackless == kStacklessReady;
  return FiberReady(id);
}

// Whether a thread of the instance other than the current one could run
// now: a fiber thread whose wait is over, a callback task ready for its
// next turn while no other task holds the exclusive lock.
bool OtherThreadReady(wacc_handle_table* table) {
  uint32_t exclusive = StateOf(table).exclusive;
  for (uint32_t index = 1; index < objectCount; ++index) {
    const Object& t = objects[index];
    uint32_t id = IdOf(index);
    if (t.kind != Kind::Task || t.table != table || id == currentTask || !t.pending) continue;
    if (t.fiber ? FiberReady(id)
                : (exclusive == 0 || exclusive == id) &&
                      (t.pendingCode == WACC_CALLBACK_YIELD || HasEvent(t.pendingSet)))
      return true;
  }
  return false;
}

// Thread.stop_waiting_internal ahead of resuming it (a promotion).
void StopWaiting(uint32_t id) {
  Object& t = Get(id);
  if (t.stackless)
    t.stackless = kStacklessSuspended;
  else
    t.pendingCode = kPendingSuspended;
}

// A suspended thread a switch resumes: a fiber thread is run by the caller
// (returned), a stackless one is marked resumed, for its own loop.
uint32_t SwitchTarget(uint32_t next) {
  Object& t = Get(next);
  if (t.kind != Kind::Task) return 0;
  if (t.stackless || !t.fiber) {
    if (t.stackless) t.stackless = kStacklessReady;
    return 0;
  }
  return next;
}

// An explicit thread's start function returned: Task.unregister_thread.
void ThreadExited(uint32_t id) {
  Object& t = Get(id);
  uint32_t owner = t.owner;
  FiberFree(t.fiber);
  t.fiber = nullptr;
  ReleaseThreadIndex(t);
  FreeObject(id);
  Object& task = Get(owner);
  if (--task.threadCount) return;
  // It was the last thread of its task.
  if (task.threadEnd == 1) {
    if (!task.returned) Trap(WACC_TRAP_TASK_NOT_RETURNED, nullptr);
    task.threadEnd = 0;
    FinishTask(owner);
  } else if (task.threadEnd == 2) {
    FreeObject(owner);
  }
}

void ThreadMain(void* raw) {
  uint32_t id = (uint32_t)(uintptr_t)raw;
  Object& t = Get(id);
  t.threadStart(t.threadArg);
}

// Blocks the current thread, which has no fiber of its own, until it is
// resumed (`ready`: at once, a yield), after running `other` first if
// given. Meanwhile others run: any, through the event loop, or, while its
// task is a sync one that has not returned, only its instance's (and with
// none able to, it traps: a sync task cannot block).
uint32_t BlockStackless(uint32_t self, bool ready, uint32_t other) {
  Get(self).stackless = ready ? kStacklessReady : kStacklessSuspended;
  if (other) ResumeStackful(SwitchTarget(other));
  while (Get(self).stackless != kStacklessReady) {
    Object& t = Get(self);
    const Object& task = t.owner ? Get(t.owner) : t;
    if (!MayBlock(task)) {
      if (!DriveTasks(t.table)) {
        Get(self).stackless = kStacklessRunning;
        Trap(WACC_TRAP_CANNOT_BLOCK, nullptr);
      }
    } else {
      RunLoop(true);
    }
  }
  Get(self).stackless = kStacklessRunning;
  currentTask = self;
  return 0;
}

// Suspends the current thread (`ready`: it stays ready, a yield), letting
// `other` (0: none) run next.
uint32_t BlockCurrent(bool ready, bool cancellable, uint32_t other) {
  uint32_t self = currentTask;
  Object& t = Get(self);
  if (OnOwnFiber()) {
    t.pending = true;
    t.pendingCode = ready ? WACC_CALLBACK_YIELD : kPendingSuspended;
    t.switchTo = other;
    return SuspendTask(cancellable) ? 1 : 0;
  }
  return BlockStackless(self, ready, other);
}

// The current thread, with its table known (code outside any task gets an
// implicit one, CurrentTask).
Object& CurrentThread(wacc_handle_table* table) {
  Object& t = CurrentTask();
  if (!t.table) t.table = table;
  return t;
}

}  // namespace
}  // namespace wacc_rt

extern "C" uint32_t wacc_rt_thread_index(wacc_handle_table* table) {
  Object& t = CurrentThread(table);
  return t.threadIndex ? t.threadIndex : AssignThreadIndex(t);
}

extern "C" uint32_t wacc_rt_thread_new(wacc_handle_table* table, void (*start)(uint32_t), uint32_t arg) {
  Object& current = CurrentThread(table);
  uint32_t owner = current.owner ? current.owner : currentTask;
  uint32_t id = NewObject(Kind::Task);
  Object& t = Get(id);
  t.owner = owner;
  t.table = table;
  t.threadStart = start;
  t.threadArg = arg;
  t.fiber = FiberNew(ThreadMain, (void*)(uintptr_t)id, kFiberStack);
  if (!t.fiber) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  t.pending = true;
  t.pendingCode = kPendingSuspended;
  ++Get(owner).threadCount;
  return AssignThreadIndex(Get(id));
}

extern "C" void wacc_rt_thread_resume_later(wacc_handle_table* table, uint32_t index) {
  CurrentThread(table);
  Object& t = Get(ThreadAt(table, index));
  if (!Suspended(t)) Invalid();
  if (t.stackless)
    t.stackless = kStacklessReady;
  else
    t.pendingCode = WACC_CALLBACK_YIELD;  // ready: the event loop resumes it
}

extern "C" uint32_t wacc_rt_thread_switch(wacc_handle_table* table, uint32_t op, uint32_t cancellable, uint32_t index) {
  CurrentThread(table);
  uint32_t other = 0;
  if (op != WACC_THREAD_SUSPEND) {
    other = ThreadAt(table, index);
    bool resume = op == WACC_THREAD_SUSPEND_THEN_RESUME || op == WACC_THREAD_YIELD_THEN_RESUME;
    if (resume && !Suspended(Get(other))) Invalid();
  }
  if (DeliverPendingCancel(cancellable != 0)) return 1;
  bool yield = op == WACC_THREAD_YIELD_THEN_RESUME || op == WACC_THREAD_YIELD_THEN_PROMOTE;
  if (op == WACC_THREAD_SUSPEND_THEN_PROMOTE || op == WACC_THREAD_YIELD_THEN_PROMOTE) {
    // Promote only a thread whose wait is over; otherwise a plain
    // suspend or yield.
    if (other != currentTask && ThreadReady(other))
      StopWaiting(other);
    else
      other = 0;
    if (!other && yield) return wacc_rt_thread_yield(cancellable);
  }
  return BlockCurrent(yield, cancellable != 0, other);
}
