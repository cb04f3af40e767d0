// What the WASI 0.3 host (runtime-support/wasi/) uses of the async runtime
// (core/Async.cpp): host subtasks for `async func`s, host-held stream and
// future ends, and the event loop's timers and descriptor waits.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// --- Host subtasks (wacc/Async.h, "Async calls of host functions") -------

// A new unresolved host subtask; its id is what an async host function
// returns. Resolve it after writing its results. A host that resolves it
// itself (no ResolveAt / ResolveWhenReady) must do so even when the guest
// cancelled it: that call frees a cancelled, dropped subtask.
uint32_t HostSubtaskNew();
uint64_t* HostSubtaskResults(uint32_t subtask);  // 64 slots
void HostSubtaskResolve(uint32_t subtask);
// Resolves the subtask by itself at `deadline` (CLOCK_MONOTONIC ns).
void HostSubtaskResolveAt(uint32_t subtask, uint64_t deadline);
// Resolves the subtask once `ready` says so: the event loop calls it each
// time `fd` is ready for `events` (poll events), and once CLOCK_MONOTONIC
// passes `deadline` (ns; 0 or ~0: none), and it either writes the
// subtask's results and returns true, or returns false to keep waiting (it
// may call this again from there to wait for something else).
void HostSubtaskResolveWhenReady(uint32_t subtask, int32_t fd, int16_t events,
                                 bool (*ready)(void* state, uint64_t* results), void* state, uint64_t deadline = 0);

// --- Tasks the host calls (wasi:http/handler#handle) ----------------------

// Calls `done(state, task)` when `task` (a task the host started that has
// not returned yet) returns or is cancelled, from inside its task.return:
// wacc_rt_task_results(task) holds the results then. `done` must not run
// guest code.
void TaskOnReturn(uint32_t task, void (*done)(void* state, uint32_t task), void* state);
// Whether task.return or task.cancel ended it (then its results are 0 slots).
bool TaskWasCancelled(uint32_t task);
// The task whose code runs now (0: none), and the task that was running
// when `task` was entered (0: none, or no longer a task): after a trap
// caught outside the guest they still name the task that trapped and its
// callers, so a host can tell whose request it was (wasi/http/p3/Service.cpp).
uint32_t RunningTask();
uint32_t TaskCaller(uint32_t task);
// One round of the event loop: runs the tasks that can proceed and waits
// (when `block`) for a descriptor or timer; a host loop (the HTTP server)
// calls it instead of waiting on its own.
void EventLoopRound(bool block);

// --- Host ends of streams and futures ------------------------------------
//
// A rep names its end until the host is done with it: after
// HostStreamClose(rep), or once `closed` is called (the guest dropped the
// other end), the pair may be freed and the id reused, so the host forgets
// the rep there (zero it in `closed`) and calls nothing with it again; a
// stale rep traps (async-invalid), also once its slot is reused (the id
// carries the slot's generation), as stale subtask and task ids do. A rep the
// host took from the guest and does not attach to (a body it will not read)
// it closes.

// A host-held end is driven by callbacks: when the guest end has a copy
// pending, `ready` is called (from the event loop or the guest's built-in)
// with the guest's buffer; it returns how many elements it consumed
// (reader side: bytes the host took from a guest write) or produced (writer
// side: bytes it put into a guest read), or kHostWouldBlock to wait for
// `fd` to become ready for `events` (then it is called again).
inline constexpr uint32_t kHostWouldBlock = 0xFFFFFFFFu;
// Returned by `ready`: the host's end is finished (end of stream); the
// guest's copy reports DROPPED.
inline constexpr uint32_t kHostClosed = 0xFFFFFFFEu;
struct HostEnd {
  uint32_t (*ready)(void* state, uint8_t* buffer, uint32_t count, uint32_t elemSize);
  void* state;
  int32_t fd;      // for kHostWouldBlock
  int16_t events;  // poll events
  // Called once the guest drops its end (the stream is done), also after
  // `ready` returned kHostClosed; not after HostStreamClose. The rep is
  // gone by then.
  void (*closed)(void* state);
  // A writer of elements holding strings or lists: produces up to `count`
  // elements as host-flattened slots (pointers valid until the next call),
  // with kHostWouldBlock / kHostClosed as `ready`; the runtime has generated
  // code lower them. Null for writers of bytes.
  uint32_t (*produce)(void* state, uint64_t* slots, uint32_t count);
  uint32_t slotsPerElement;
  // Its counterpart for a reader of such elements: takes `count` elements
  // the guest writer's generated code lifted into host-flattened slots
  // (own handles have left the guest's table) and returns how many it
  // consumed. Null for readers of bytes.
  uint32_t (*consume)(void* state, const uint64_t* slots, uint32_t count) = nullptr;
};

// A new stream (or future) whose writable end the host holds, driven by
// `writer`; returns the rep of the readable end for a host function result.
uint32_t HostStreamWithWriter(uint32_t isFuture, const HostEnd& writer);
// Attaches the host as reader of a readable end a guest passed in (rep).
// If the guest already dropped the writer, `closed` is called at once.
void HostStreamAttachReader(uint32_t readableRep, const HostEnd& reader);
// Whether the guest already dropped the other end of the host end `rep`
// (before the host attached: its `closed` will not be called).
bool HostStreamPeerDropped(uint32_t rep);
// The host closes its end (end of stream / future written); no callback
// of its HostEnd runs after this.
// When the other end is the host's too (a stream it made whose readable end
// no guest holds: never handed over, or lifted back from the guest), that
// end's `closed` is called and the pair is freed: the host's way to discard
// a stream it made, as a guest's drop would.
void HostStreamClose(uint32_t rep);
// The host end `rep` (a readable end from HostStreamWithWriter names the
// stream) can make progress without a descriptor: serve a pending guest
// copy now.
void HostStreamWake(uint32_t readableRep);

}  // namespace wacc_rt
