// Stale ids of the async runtime (core/Async.cpp) as a host could keep
// them: a host subtask, a stream end and a task, each used again after its
// object was freed AND its pool slot reused by a live object of the same
// kind. Every use traps (async-invalid) rather than reaching the new object
// (test/Runtime/async-stale-reps.test): ids carry the slot's generation.
// Without an argument, the slot reuse itself is shown to happen.
#include "TestArgs.h"
#include "TestSupport.h"
#include "core/AsyncHost.h"
#include "wacc/Async.h"

using namespace wacc_rt;

extern "C" const struct wacc_capabilities wacc_capabilities = {0, 0, nullptr, nullptr, 0, 1};

namespace {

wacc_handle_table table;  // zeroed: a valid empty table

constexpr uint32_t kSlot = 0xFFFF;  // an id's pool index

// A host subtask, resolved and freed (a sync caller read its results).
uint32_t SubtaskRound() {
  uint32_t s = HostSubtaskNew();
  HostSubtaskResolve(s);
  wacc_rt_subtask_block(s);
  return s;
}

// A stream the host writes, lowered into the guest table and dropped there:
// the host's `closed` is told and the pair is freed.
void Closed(void*) {}
uint32_t Ready(void*, uint8_t*, uint32_t, uint32_t) { return kHostWouldBlock; }
uint32_t StreamRound() {
  uint32_t r = HostStreamWithWriter(0, HostEnd{Ready, nullptr, -1, 0, Closed, nullptr, 0});
  uint32_t handle = wacc_rt_waitable_lower(&table, WACC_HANDLE_STREAM_READABLE, r);
  wacc_rt_stream_drop(&table, WACC_HANDLE_STREAM_READABLE, handle);
  return r;
}

// A sync task, begun and ended.
uint32_t TaskRound() {
  uint32_t t = wacc_rt_task_begin(&table, 0);
  wacc_rt_task_end(t);
  return t;
}

}  // namespace

// CHECK: subtask slot reused, new id differs: 1
// CHECK-NEXT: stream slot reused, new id differs: 1
// CHECK-NEXT: task slot reused, new id differs: 1
// CHECK-NEXT: live objects still work
// INVALID: {{^}}wasm trap: invalid async operation{{$}}
// INVALID-NEXT: {{^}}exit=134{{$}}
extern "C" int32_t wacc_main(void) {
  // Host subtasks: the live one is resolved below, after the stale use.
  uint32_t staleSubtask = SubtaskRound();
  uint32_t liveSubtask = 0;
  for (uint32_t i = 0; i < 10000 && !liveSubtask; ++i) {
    uint32_t s = HostSubtaskNew();
    if ((s & kSlot) == (staleSubtask & kSlot)) {
      liveSubtask = s;
    } else {
      HostSubtaskResolve(s);
      wacc_rt_subtask_block(s);
    }
  }
  if (test_case("subtask-results")) HostSubtaskResults(staleSubtask);
  if (test_case("subtask-resolve")) HostSubtaskResolve(staleSubtask);
  if (test_case("subtask-at")) HostSubtaskResolveAt(staleSubtask, 1);
  test_print_u64("subtask slot reused, new id differs: ", liveSubtask && liveSubtask != staleSubtask);

  // Stream ends: the live stream keeps its readable end host-held.
  uint32_t staleEnd = StreamRound();
  // A guest stream takes the slot (either end), or is dropped again.
  uint32_t liveEnd = 0;
  for (uint32_t i = 0; i < 10000 && !liveEnd; ++i) {
    uint64_t ends = wacc_rt_stream_new(&table, 0);
    uint32_t readable = (uint32_t)ends, writable = (uint32_t)(ends >> 32);
    uint32_t r = wacc_rt_handle_rep(&table, readable, WACC_HANDLE_STREAM_READABLE);
    uint32_t w = wacc_rt_handle_rep(&table, writable, WACC_HANDLE_STREAM_WRITABLE);
    if ((r & kSlot) == (staleEnd & kSlot)) liveEnd = r;
    if ((w & kSlot) == (staleEnd & kSlot)) liveEnd = w;
    if (!liveEnd) {
      wacc_rt_stream_drop(&table, WACC_HANDLE_STREAM_READABLE, readable);
      wacc_rt_stream_drop(&table, WACC_HANDLE_STREAM_WRITABLE, writable);
    }
  }
  if (test_case("stream-close")) HostStreamClose(staleEnd);
  if (test_case("stream-peer")) HostStreamPeerDropped(staleEnd);
  if (test_case("stream-lower")) wacc_rt_waitable_lower(&table, WACC_HANDLE_STREAM_READABLE, staleEnd);
  test_print_u64("stream slot reused, new id differs: ", liveEnd && liveEnd != staleEnd);

  // Tasks: the live one is current until it ends.
  uint32_t staleTask = TaskRound();
  uint32_t liveTask = 0;
  for (uint32_t i = 0; i < 10000 && !liveTask; ++i) {
    uint32_t t = wacc_rt_task_begin(&table, 0);
    if ((t & kSlot) == (staleTask & kSlot))
      liveTask = t;
    else
      wacc_rt_task_end(t);
  }
  if (test_case("task-cancelled")) TaskWasCancelled(staleTask);
  if (test_case("task-on-return")) TaskOnReturn(staleTask, nullptr, nullptr);
  test_print_u64("task slot reused, new id differs: ", liveTask && liveTask != staleTask);

  // The live objects are untouched and usable.
  HostSubtaskResolve(liveSubtask);
  wacc_rt_subtask_block(liveSubtask);
  if (TaskWasCancelled(liveTask)) test_print("live task cancelled?\n");
  wacc_rt_task_end(liveTask);
  test_print("live objects still work\n");
  return 0;
}
