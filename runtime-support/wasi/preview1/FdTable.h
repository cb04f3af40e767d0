// The preview1 descriptor table: guest fd numbers -> what they name. As in
// Wasmtime, 0, 1 and 2 are stdin/stdout/stderr (0.2 streams on the process's
// descriptors), 3 onwards the preopened directories in --dir order, and
// every file or directory opened later is a 0.2 wasi:filesystem descriptor
// (wasi/Filesystem.h) plus what preview1 adds to it: a file position, the
// append and non-blocking flags, and the preopen name.
#pragma once

#include <stdint.h>

namespace wacc_rt::p1 {

enum class FdKind : uint8_t { kFree = 0, kStdin, kStdout, kStderr, kDirectory, kFile };

struct FdEntry {
  FdKind kind;
  uint8_t append;     // files: every write goes to the end
  uint8_t nonblock;   // files: the guest asked for NONBLOCK (reported, not enforced)
  uint8_t isatty;     // stdio: a terminal
  int32_t preopen;    // directories: index into the preopens, -1 if opened by path_open
  uint32_t rep;       // stdio: the 0.2 stream; files and directories: the 0.2 descriptor
  uint64_t position;  // files: the offset fd_read/fd_write use
};

// Opens stdio and the preopens (once; later calls do nothing).
void InitFdTable();

// The live entry `fd`, or null.
FdEntry* LookupFd(uint32_t fd);

// Lookups as Wasmtime's preview1 layer does them, each returning the entry
// or null with *error set: any descriptor (EBADF); a file (EBADF); a
// directory (EBADF); a file to seek (stdio is ESPIPE, others EBADF).
FdEntry* AnyFd(uint32_t fd, uint32_t* error);
FdEntry* FileFd(uint32_t fd, uint32_t* error);
FdEntry* DirectoryFd(uint32_t fd, uint32_t* error);
FdEntry* SeekableFd(uint32_t fd, uint32_t* error);

// A new entry (the highest freed number, else one past the highest in
// use, as Wasmtime); false when the table cannot grow.
bool AddFd(const FdEntry& entry, uint32_t* fd);

// Releases the entry's 0.2 resource and frees the number.
void CloseFd(uint32_t fd);

// Moves `from` to `to`, closing what `to` held; EBADF if `from` is free.
uint32_t RenumberFd(uint32_t from, uint32_t to);

// The guest path the preopen was granted as, with its length.
const char* PreopenName(int32_t preopen, uint32_t* length);

}  // namespace wacc_rt::p1
