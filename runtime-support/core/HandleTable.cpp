// Canonical ABI handle tables (CanonicalABI.md, class Table and
// ResourceHandle): index 0 is never handed out, freed indices are reused
// last-freed-first, and each own handle counts the borrows lent from it. A
// borrow handle lent to an async task remembers the task, which counts its
// live borrows (core/HandleTable.h).
#include "core/HandleTable.h"

#include "core/PageAllocator.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
__attribute__((weak)) void TaskBorrowDropped(uint32_t task);

namespace {

enum EntryState : uint32_t { kFree = 0, kOwn = 1, kBorrow = 2 };

struct Entry {
  uint32_t rep;    // the resource's rep; for a free entry, the next free index
  uint32_t type;   // compile-time resource type id
  uint32_t lends;  // own: outstanding borrows lent from it; borrow: the task it belongs to (0: none)
  uint32_t state;  // EntryState
};

// The layout behind the opaque wacc_handle_table; all-zero is empty.
struct Table {
  Entry* entries;
  uint32_t capacity;  // entries allocated
  uint32_t used;      // entries ever handed out, plus the reserved index 0
  uint32_t freeHead;  // first free index, 0 when none
  uint32_t unused[3];
};
static_assert(sizeof(Table) == WACC_HANDLE_TABLE_SIZE, "Table must fill wacc_handle_table");

// The canonical ABI's limit on table indices.
constexpr uint32_t kMaxHandles = (1u << 28) - 1;

Table* AsTable(wacc_handle_table* table) { return reinterpret_cast<Table*>(table); }

[[noreturn]] void InvalidHandle() { Trap(WACC_TRAP_INVALID_HANDLE, nullptr); }

void Grow(Table* table) {
  uint32_t capacity = table->capacity == 0 ? kPageSize / sizeof(Entry) : table->capacity * 2;
  if (capacity > kMaxHandles + 1) capacity = kMaxHandles + 1;
  if (capacity <= table->capacity) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  void* entries =
      ReallocatePages(table->entries, (size_t)table->capacity * sizeof(Entry), (size_t)capacity * sizeof(Entry));
  if (entries == nullptr) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  table->entries = static_cast<Entry*>(entries);
  table->capacity = capacity;
}

uint32_t AllocateIndex(Table* table) {
  if (table->freeHead != 0) {
    uint32_t index = table->freeHead;
    table->freeHead = table->entries[index].rep;
    return index;
  }
  if (table->used == 0) table->used = 1;  // index 0 stays reserved
  if (table->used >= table->capacity) Grow(table);
  return table->used++;
}

Entry& liveEntry(Table* table, uint32_t handle, uint32_t type) {
  if (handle == 0 || handle >= table->used) InvalidHandle();
  Entry& entry = table->entries[handle];
  if (entry.state == kFree || entry.type != type) InvalidHandle();
  return entry;
}

void Release(Table* table, uint32_t handle) {
  Entry& entry = table->entries[handle];
  entry = Entry{table->freeHead, 0, 0, kFree};
  table->freeHead = handle;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" uint32_t wacc_rt_handle_new(wacc_handle_table* opaque, uint32_t type, uint32_t rep, uint32_t own) {
  Table* table = AsTable(opaque);
  uint32_t index = AllocateIndex(table);
  table->entries[index] = Entry{rep, type, 0, own ? kOwn : kBorrow};
  return index;
}

extern "C" uint32_t wacc_rt_handle_rep(wacc_handle_table* opaque, uint32_t handle, uint32_t type) {
  return liveEntry(AsTable(opaque), handle, type).rep;
}

extern "C" uint32_t wacc_rt_handle_take_own(wacc_handle_table* opaque, uint32_t handle, uint32_t type) {
  Table* table = AsTable(opaque);
  Entry& entry = liveEntry(table, handle, type);
  if (entry.state != kOwn) InvalidHandle();
  if (entry.lends != 0) Trap(WACC_TRAP_RESOURCE_BORROWED, nullptr);
  uint32_t rep = entry.rep;
  Release(table, handle);
  return rep;
}

extern "C" uint32_t wacc_rt_handle_drop(wacc_handle_table* opaque, uint32_t handle, uint32_t type, uint32_t* rep) {
  Table* table = AsTable(opaque);
  Entry& entry = liveEntry(table, handle, type);
  uint32_t wasOwn = entry.state == kOwn ? 1 : 0;
  if (wasOwn && entry.lends != 0) Trap(WACC_TRAP_RESOURCE_BORROWED, nullptr);
  uint32_t scope = wasOwn ? 0 : entry.lends;
  *rep = entry.rep;
  Release(table, handle);
  // canon resource.drop of a borrow: h.borrow_scope.num_borrows -= 1.
  if (scope != 0 && TaskBorrowDropped) TaskBorrowDropped(scope);
  return wasOwn;
}

void wacc_rt::HandleSetBorrowScope(wacc_handle_table* opaque, uint32_t handle, uint32_t type, uint32_t task) {
  Entry& entry = liveEntry(AsTable(opaque), handle, type);
  if (entry.state == kBorrow) entry.lends = task;
}

extern "C" uint32_t wacc_rt_handle_lend(wacc_handle_table* opaque, uint32_t handle, uint32_t type) {
  Entry& entry = liveEntry(AsTable(opaque), handle, type);
  if (entry.state == kOwn) ++entry.lends;
  return entry.rep;
}

extern "C" void wacc_rt_handle_end_lend(wacc_handle_table* opaque, uint32_t handle, uint32_t type) {
  Entry& entry = liveEntry(AsTable(opaque), handle, type);
  if (entry.state == kOwn && entry.lends != 0) --entry.lends;
}
