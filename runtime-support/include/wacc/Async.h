/* The async component model (WASI 0.3) between generated code and the
 * runtime: the constants of the canonical ABI's async built-ins and how
 * generated code and the runtime divide the work. The functions themselves
 * are listed, with their C types, in wacc/RuntimeFunctions.def ("Async"
 * section), like every other runtime function.
 *
 * Who does what
 * -------------
 * The runtime owns every piece of async state: tasks, subtasks, waitable
 * sets, stream and future ends, error contexts, the event loop (epoll and
 * timers) and the scheduler. Generated code owns everything that depends on
 * a type: it lifts and lowers values (task.return's arguments, an async
 * import's results, stream elements that are not plain bytes) and calls
 * guest functions. So the runtime never parses a guest's memory layout: the
 * one exception is stream/future copies of plain data, which are byte
 * copies of `count * elem_size` bytes between a guest's linear memory and
 * the other end's buffer.
 *
 * Handles
 * -------
 * Waitables and waitable sets live in the component instance's resource
 * handle table (struct wacc_handle_table), sharing one index space with
 * resource handles exactly as CanonicalABI.md's `inst.handles` does. Their
 * "resource type" is one of the reserved ids below, and their rep is the
 * runtime's id of the object. An index handed to a built-in for the wrong
 * kind of object traps (WACC_TRAP_INVALID_HANDLE).
 *
 * Tasks
 * -----
 * A call of an async-lifted export runs as a task:
 *   task = wacc_rt_task_begin(table, flags)    -- current task := task
 *   packed = <guest's lifted core function>(args...)
 *   wacc_rt_task_run_callback(task, packed, callback)  (callback lifts)
 *   results = wacc_rt_task_results(task)       -- host-flattened slots
 *   wacc_rt_task_end(task)                     -- traps unless task.return ran
 * The callback loop is the runtime's (canon_lift's `while code != EXIT`):
 * it waits on the waitable set named by a WAIT code, running the event loop
 * meanwhile, and calls the guest's callback with each event. task.return is
 * a generated trampoline that lifts its arguments into host-flattened slots
 * (as a host function's results are) and hands them to
 * wacc_rt_task_return.
 *
 * Async calls of host functions (canon lower async of an `async func`)
 * ----------------------------------------------------------------------
 * A WASI 0.3 `async func` is implemented by a host function with the usual
 * flat signature (Runtime.h) that returns a uint32_t: 0 when it completed
 * before returning (results already written), or the id of a host subtask
 * it created with wacc_rt_host_subtask_new, which it (or the event loop on
 * its behalf) resolves later with wacc_rt_host_subtask_resolve after writing
 * the results into wacc_rt_host_subtask_results. The generated lower
 * trampoline then returns RETURNED, or registers the subtask in the
 * caller's table with wacc_rt_subtask_adopt, giving the runtime a generated
 * function that lowers the results into the guest's result buffer when the
 * SUBTASK event is delivered.
 *
 * Streams and futures
 * -------------------
 * A stream or future is one shared object with a readable and a writable
 * end, each of which is held either by a guest table (a handle) or by the
 * host (by rep). A copy rendezvouses a reader and a writer: when both sides
 * are pending, min(read count, write count) elements move and both sides
 * learn of it (the guest through a STREAM_READ/STREAM_WRITE event or the
 * built-in's return value, the host through its completion callback).
 * Zero-length reads and writes rendezvous without moving anything, as the
 * ABI specifies. Host ends are driven by the host interfaces (stdout,
 * stdin) through wacc_rt_host_stream_*.
 */
#ifndef WACC_ASYNC_H
#define WACC_ASYNC_H

#include <stdint.h>

/* Reserved handle-table "resource types" of async objects (never a
 * compile-time resource id, which are small). */
#define WACC_HANDLE_WAITABLE_SET 0xFFFFFF00u
#define WACC_HANDLE_SUBTASK 0xFFFFFF01u
#define WACC_HANDLE_STREAM_READABLE 0xFFFFFF02u
#define WACC_HANDLE_STREAM_WRITABLE 0xFFFFFF03u
#define WACC_HANDLE_FUTURE_READABLE 0xFFFFFF04u
#define WACC_HANDLE_FUTURE_WRITABLE 0xFFFFFF05u
#define WACC_HANDLE_ERROR_CONTEXT 0xFFFFFF06u

/* CanonicalABI.md, CallbackCode: a callback's (or async-lifted core
 * function's) i32 result is code | (waitable set index << 4). */
#define WACC_CALLBACK_EXIT 0u
#define WACC_CALLBACK_YIELD 1u
#define WACC_CALLBACK_WAIT 2u

/* EventCode: what waitable-set.wait/poll return and callbacks receive. */
#define WACC_EVENT_NONE 0u
#define WACC_EVENT_SUBTASK 1u
#define WACC_EVENT_STREAM_READ 2u
#define WACC_EVENT_STREAM_WRITE 3u
#define WACC_EVENT_FUTURE_READ 4u
#define WACC_EVENT_FUTURE_WRITE 5u
#define WACC_EVENT_TASK_CANCELLED 6u

/* Subtask.State: an async lower's i32 result is state | (subtask << 4). */
#define WACC_SUBTASK_STARTING 0u
#define WACC_SUBTASK_STARTED 1u
#define WACC_SUBTASK_RETURNED 2u
#define WACC_SUBTASK_CANCELLED_BEFORE_STARTED 3u
#define WACC_SUBTASK_CANCELLED_BEFORE_RETURNED 4u

/* CopyResult of stream/future read/write: result | (count << 4), or
 * BLOCKED when the copy is pending (an event reports it later). */
#define WACC_COPY_COMPLETED 0u
#define WACC_COPY_DROPPED 1u
#define WACC_COPY_CANCELLED 2u
#define WACC_COPY_BLOCKED 0xFFFFFFFFu

/* wacc_rt_task_begin flags. */
#define WACC_TASK_ASYNC 1u    /* lifted `async` (task.return expected) */
#define WACC_TASK_CALLBACK 2u /* lifted with a callback */
/* The function's type is `async`: the task may block before it returns
 * (CanonicalABI.md: a callee whose type lacks the async effect must not;
 * Wasmtime's may_block). Implied by WACC_TASK_ASYNC. */
#define WACC_TASK_ASYNC_TYPE 4u
/* Bits 8..31 of wacc_rt_task_begin's flags: the key of the task's result
 * type and lift options, which task.return's must equal (0: unchecked). */
#define WACC_TASK_RETURN_KEY_SHIFT 8u

/* context.get/set slots per task (CanonicalABI.md's ContextLocalStorage:
 * 2 since the threads proposal). */
#define WACC_CONTEXT_SLOTS 2u

/* wacc_rt_thread_switch's operations: thread.suspend and the four
 * built-ins that suspend or yield the current thread, then resume or
 * promote another one. */
#define WACC_THREAD_SUSPEND 0u
#define WACC_THREAD_SUSPEND_THEN_RESUME 1u
#define WACC_THREAD_YIELD_THEN_RESUME 2u
#define WACC_THREAD_SUSPEND_THEN_PROMOTE 3u
#define WACC_THREAD_YIELD_THEN_PROMOTE 4u

/* A generated function that lowers a resolved async import's host results
 * (host-flattened slots, as a host function writes them) into the guest's
 * result buffer at `retptr`. */
typedef void (*wacc_lower_results_fn)(const uint64_t* results, uint32_t retptr);

/* A generated function that lowers `count` elements given as
 * host-flattened slots (`slotsPerElement` each, as a host function's
 * results) into the guest's buffer at `ptr` (stream/future reads of
 * elements holding strings, lists or handles). */
typedef void (*wacc_lower_elements_fn)(const uint64_t* slots, uint32_t count, uint32_t ptr);

/* Its counterpart for writes: lifts `count` elements at the guest's `ptr`
 * into host-flattened slots (own handles and readable ends leave the
 * writer's table here). A rendezvous of two guests over such elements
 * lifts from the writer and lowers into the reader, the value translation
 * the sync adapters do; a host reader could consume the slots alike. */
typedef void (*wacc_lift_elements_fn)(uint64_t* slots, uint32_t count, uint32_t ptr);

/* wacc_rt_stream_copy's flags. */
#define WACC_COPY_ASYNC 1u   /* the built-in has the `async` option: BLOCKED rather than wait */
#define WACC_COPY_NUMERIC 2u /* elements are numbers (or none): copies within one instance allowed */

/* An async-lifted export's callback: (event code, p1, p2) -> packed code. */
typedef uint32_t (*wacc_callback_fn)(uint32_t event, uint32_t p1, uint32_t p2);

#endif /* WACC_ASYNC_H */
