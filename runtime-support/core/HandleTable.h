// What the handle table and the async runtime share about borrow handles
// lent to a task (CanonicalABI.md, ResourceHandle.borrow_scope): the table
// remembers the task a borrow handle belongs to, and tells the task when
// resource.drop removes the handle.
#ifndef WACC_RT_CORE_HANDLETABLE_H
#define WACC_RT_CORE_HANDLETABLE_H

#include <stdint.h>

#include "wacc/Runtime.h"

namespace wacc_rt {

// Marks the live borrow handle `handle` of `type` as belonging to `task`
// (an async runtime object id, never 0).
void HandleSetBorrowScope(wacc_handle_table* table, uint32_t handle, uint32_t type, uint32_t task);

// A borrow handle belonging to `task` was dropped (Async.cpp). Weak in the
// handle table: a program without async tasks never scopes a borrow.
void TaskBorrowDropped(uint32_t task);

}  // namespace wacc_rt

#endif
