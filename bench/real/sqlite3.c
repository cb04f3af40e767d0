// SQLite (Debian's sqlite3 source package): speedtest1, SQLite's own
// benchmark (test/speedtest1.c), its main test set on an in-memory
// database. Built with SQLITE_OS_OTHER on both targets: this file is the
// OS layer, a VFS that opens no files and whose clock and randomness are
// constant, so both runs take the same paths and print the same lines
// (speedtest1 reads its per-test times from the VFS clock: all 0.000s).
// --verify hashes every result row, so the output compared against native
// is a check of what the queries returned.
#include <string.h>

#include "sqlite3.h"

#define main speedtest1_main
#include "test/speedtest1.c"
#undef main

static int NoOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
  return SQLITE_CANTOPEN;
}
static int NoDelete(sqlite3_vfs* vfs, const char* name, int syncDir) { return SQLITE_OK; }
static int NoAccess(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
  *result = 0;
  return SQLITE_OK;
}
static int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  sqlite3_snprintf(size, out, "%s", name);
  return SQLITE_OK;
}
static int Randomness(sqlite3_vfs* vfs, int size, char* out) {
  for (int i = 0; i < size; i++) out[i] = (char)(i * 151 + 7);
  return size;
}
static int Sleep(sqlite3_vfs* vfs, int microseconds) { return microseconds; }
static int CurrentTime(sqlite3_vfs* vfs, double* now) {
  *now = 2460000.5;  // a fixed Julian day
  return SQLITE_OK;
}
static int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* now) {
  *now = (sqlite3_int64)2460000 * 86400000 + 43200000;
  return SQLITE_OK;
}
static int GetLastError(sqlite3_vfs* vfs, int size, char* out) { return 0; }

static sqlite3_vfs gMemoryOnly = {
    .iVersion = 2,
    .szOsFile = sizeof(sqlite3_file),
    .mxPathname = 512,
    .zName = "memory-only",
    .xOpen = NoOpen,
    .xDelete = NoDelete,
    .xAccess = NoAccess,
    .xFullPathname = FullPathname,
    .xRandomness = Randomness,
    .xSleep = Sleep,
    .xCurrentTime = CurrentTime,
    .xGetLastError = GetLastError,
    .xCurrentTimeInt64 = CurrentTimeInt64,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&gMemoryOnly, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

int main(void) {
  char* argv[] = {"speedtest1", "--memdb", "--verify", "--size", "30", 0};
  return speedtest1_main(5, argv);
}
