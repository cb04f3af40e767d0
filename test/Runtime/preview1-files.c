// WASI preview1 files and directories, called directly over a fake linear
// memory, in a fresh directory preopened as /sandbox (fd 3): prestat,
// path_open and its flags, reads, writes, seeks, fdstat rights, readdir
// with cookies and a truncated last entry, create/rename/unlink/symlink/
// readlink, the sandbox, and the errno values of the failures.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: rm -rf %t.dir && mkdir -p %t.dir/outside %t.dir/root && cd %t.dir/root && %t.x86_64 | %FileCheck %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ rm -rf %t.dir && mkdir -p %t.dir/outside %t.dir/root && cd %t.dir/root && %run-aarch64 %t.aarch64 | %FileCheck %s %}

#include "Preview1Test.h"

static const struct wacc_preopen kPreopens[] = {{".", "/sandbox"}};
const struct wacc_capabilities wacc_capabilities = {1, 0, kPreopens, 0, 0, 0};

enum { kRead = 1 << 1, kSeek = 1 << 2, kWrite = 1 << 6, kReaddir = 1 << 14 };
enum { kCreat = 1, kDirectory = 2, kExcl = 4, kTrunc = 8 };

static uint32_t opened;

// path_open of `path` beneath `dir`; the new fd in `opened`.
static uint32_t open_at(uint32_t dir, uint32_t lookup, const char* path, uint32_t oflags,
                        uint64_t rights, uint32_t fdflags) {
  uint32_t length = put_string(8192, path);
  uint32_t status = wacc_p1_path_open(dir, lookup, 8192, length, oflags, rights, rights, fdflags, 60);
  opened = status == 0 ? load_u32(60) : 0xffffffffu;
  return status;
}

// A path_* call taking (fd, path, len).
static uint32_t at(uint32_t (*call)(uint32_t, uint32_t, uint32_t), uint32_t dir, const char* path) {
  uint32_t length = put_string(8192, path);
  return call(dir, 8192, length);
}

static uint32_t write_text(uint32_t fd, const char* text) {
  uint32_t length = put_string(9000, text);
  put_iovec(0, 9000, length);
  return wacc_p1_fd_write(fd, 0, 1, 64);
}

static void preopens(void) {
  for (int i = 0; i < 8; ++i) guest[64 + i] = 0xff;
  uint32_t status = wacc_p1_fd_prestat_get(3, 64);
  test_print_u64("prestat ", status);
  show("tag", guest[64]);
  show("length", load_u32(68));
  show("dir_name", wacc_p1_fd_prestat_dir_name(3, 128, 8));
  show_bytes("", 128, 8);
  show("dir_name too short", wacc_p1_fd_prestat_dir_name(3, 128, 7));
  show("prestat fd 4", wacc_p1_fd_prestat_get(4, 64));
  show("prestat stdout", wacc_p1_fd_prestat_get(1, 64));
  show("dir_name stdout", wacc_p1_fd_prestat_dir_name(1, 128, 8));
  status = wacc_p1_fd_fdstat_get(3, 64);
  test_print_u64("preopen fdstat ", status);
  show("type", guest[64]);
  show("rights", load_u64(72));
  show("inheriting", load_u64(80));
}

static void files(void) {
  uint32_t status = open_at(3, 0, "a.txt", kCreat, kRead | kWrite | kSeek, 0);
  test_print_u64("create ", status);
  uint32_t fd = opened;
  show("fd", fd);
  status = write_text(fd, "hello world");
  test_print_u64("write ", status);
  show("wrote", load_u32(64));
  status = wacc_p1_fd_tell(fd, 72);
  test_print_u64("tell ", status);
  show("at", load_u64(72));
  status = wacc_p1_fd_seek(fd, 0, 0, 72);
  test_print_u64("seek set ", status);
  show("at", load_u64(72));
  put_iovec(0, 10000, 64);
  status = wacc_p1_fd_read(fd, 0, 1, 64);
  test_print_u64("read ", status);
  show("got", load_u32(64));
  show_bytes("", 10000, load_u32(64));
  status = wacc_p1_fd_seek(fd, (uint64_t)-5, 2, 72);
  test_print_u64("seek end -5 ", status);
  show("at", load_u64(72));
  status = wacc_p1_fd_read(fd, 0, 1, 64);
  test_print_u64("read ", status);
  show("got", load_u32(64));
  show_bytes("", 10000, load_u32(64));
  status = wacc_p1_fd_read(fd, 0, 1, 64);
  test_print_u64("read at end ", status);
  show("got", load_u32(64));
  show("seek cur -100", wacc_p1_fd_seek(fd, (uint64_t)-100, 1, 72));
  show("seek set -1", wacc_p1_fd_seek(fd, (uint64_t)-1, 0, 72));
  show("seek whence 3", wacc_p1_fd_seek(fd, 0, 3, 72));
  status = wacc_p0_fd_seek(fd, 3, 2, 72);
  test_print_u64("p0 seek set (2) ", status);
  show("at", load_u64(72));
  status = wacc_p1_fd_pread(fd, 0, 1, 4, 64);
  put_iovec(0, 10000, 4);
  status = wacc_p1_fd_pread(fd, 0, 1, 4, 64);
  test_print_u64("pread ", status);
  show("got", load_u32(64));
  show_bytes("", 10000, load_u32(64));
  wacc_p1_fd_tell(fd, 72);
  show("tell after pread at", load_u64(72));
  uint32_t length = put_string(9000, "!!");
  put_iovec(0, 9000, length);
  status = wacc_p1_fd_pwrite(fd, 0, 1, 11, 64);
  test_print_u64("pwrite ", status);
  show("wrote", load_u32(64));
  status = wacc_p1_fd_fdstat_get(fd, 128);
  test_print_u64("fdstat ", status);
  show("type", guest[128]);
  show("flags", guest[130]);
  show("rights", load_u64(136));
  status = wacc_p1_fd_filestat_get(fd, 256);
  test_print_u64("filestat ", status);
  show("dev", load_u64(256));
  show("type", guest[256 + 16]);
  show("nlink", load_u64(256 + 24));
  show("size", load_u64(256 + 32));
  show("ino nonzero", load_u64(256 + 8) != 0);
  status = wacc_p1_fd_filestat_set_size(fd, 4);
  test_print_u64("set_size ", status);
  wacc_p1_fd_filestat_get(fd, 256);
  show("size", load_u64(256 + 32));
  status = wacc_p0_fd_filestat_get(fd, 256);
  test_print_u64("p0 filestat ", status);
  show("nlink", load_u32(256 + 20));
  show("size", load_u64(256 + 24));
  status = wacc_p1_fd_close(fd);
  test_print_u64("close ", status);
  show("again", wacc_p1_fd_close(fd));
}

static void open_flags(void) {
  show("append open", open_at(3, 0, "a.txt", 0, kRead | kWrite, 1));
  uint32_t fd = opened;
  uint32_t status = write_text(fd, "12345");
  test_print_u64("append write ", status);
  wacc_p1_fd_tell(fd, 72);
  show("tell", load_u64(72));
  wacc_p1_fd_fdstat_get(fd, 128);
  show("append fdstat flags", guest[130]);
  wacc_p1_fd_close(fd);
  open_at(3, 0, "a.txt", 0, kRead, 0);
  fd = opened;
  show("read-only write", write_text(fd, "x"));
  wacc_p1_fd_fdstat_get(fd, 128);
  show("read-only fdstat rights without write", (load_u64(136) & kWrite) == 0);
  show("excl on existing", open_at(3, 0, "a.txt", kCreat | kExcl, kRead | kWrite, 0));
  show("missing", open_at(3, 0, "missing.txt", 0, kRead, 0));
  show("directory flag on a file", open_at(3, 0, "a.txt", kDirectory, kRead, 0));
  show("directory with creat", open_at(3, 0, "newdir", kDirectory | kCreat, kRead, 0));
  show("dot-dot", open_at(3, 0, "../outside", 0, kRead, 0));
  show("absolute", open_at(3, 0, "/etc/passwd", 0, kRead, 0));
  show("path under a file", open_at(3, 0, "a.txt/x", 0, kRead, 0));
  show("dir fd is a file", open_at(fd, 0, "x", 0, kRead, 0));
  show("dir fd is stdout", open_at(1, 0, "x", 0, kRead, 0));
  show("sync flag", open_at(3, 0, "a.txt", 0, kRead, 16));
  show("unknown oflags", open_at(3, 0, "a.txt", 16, kRead, 0));
  show("path out of bounds", wacc_p1_path_open(3, 0, GUEST_SIZE - 2, 3, 0, kRead, 0, 0, 60));
  guest[8192] = 0xff;
  show("path not UTF-8", wacc_p1_path_open(3, 0, 8192, 1, 0, kRead, 0, 0, 60));
  wacc_p1_fd_close(fd);
  uint32_t status2 = open_at(3, 0, "a.txt", kTrunc, kRead | kWrite, 0);
  test_print_u64("truncate ", status2);
  wacc_p1_fd_filestat_get(opened, 256);
  show("size", load_u64(256 + 32));
  wacc_p1_fd_close(opened);
  put_iovec(0, 10000, 16);
  show("read on a directory", wacc_p1_fd_read(3, 0, 1, 64));
  show("write on a directory", write_text(3, "x"));
  show("seek on a directory", wacc_p1_fd_seek(3, 0, 0, 72));
  show("fdstat_set_flags on a directory", wacc_p1_fd_fdstat_set_flags(3, 0));
  open_at(3, 0, "a.txt", 0, kRead, 0);
  show("fdstat_set_flags sync", wacc_p1_fd_fdstat_set_flags(opened, 16));
  show("allocate", wacc_p1_fd_allocate(opened, 0, 10));
  test_print_u64("advise ", wacc_p1_fd_advise(opened, 0, 10, 1));
  show("bad advice", wacc_p1_fd_advise(opened, 0, 10, 6));
  wacc_p1_fd_close(opened);
}

static void paths(void) {
  uint32_t status = at(wacc_p1_path_create_directory, 3, "d");
  test_print_u64("mkdir ", status);
  show("again", at(wacc_p1_path_create_directory, 3, "d"));
  show("open subdir", open_at(3, 0, "d", kDirectory, kRead | kReaddir, 0));
  uint32_t sub = opened;
  status = wacc_p1_fd_fdstat_get(sub, 128);
  show("subdir fdstat type", guest[128]);
  show("rights", load_u64(136));
  // The subdirectory inherits the preopen's permission to mutate.
  show("create in subdir", open_at(sub, 0, "f", kCreat, kRead | kWrite, 0));
  wacc_p1_fd_close(opened);
  show("mkdir in subdir", at(wacc_p1_path_create_directory, sub, "e"));
  show("rmdir non-empty", at(wacc_p1_path_remove_directory, 3, "d"));
  show("unlink a directory", at(wacc_p1_path_unlink_file, 3, "d"));
  show("rmdir a file", at(wacc_p1_path_remove_directory, 3, "a.txt"));
  uint32_t oldLength = put_string(8192, "a.txt");
  uint32_t newLength = put_string(8300, "d/b.txt");
  show("rename", wacc_p1_path_rename(3, 8192, oldLength, 3, 8300, newLength));
  show("old name", open_at(3, 0, "a.txt", 0, kRead, 0));
  oldLength = put_string(8192, "b.txt");
  newLength = put_string(8300, "link");
  show("symlink", wacc_p1_path_symlink(8192, oldLength, sub, 8300, newLength));
  uint32_t length = put_string(8192, "link");
  status = wacc_p1_path_readlink(sub, 8192, length, 8400, 64, 60);
  test_print_u64("readlink ", status);
  show("used", load_u32(60));
  show_bytes("", 8400, load_u32(60));
  status = wacc_p1_path_readlink(sub, 8192, length, 8400, 2, 60);
  test_print_u64("readlink short ", status);
  show("used", load_u32(60));
  show_bytes("", 8400, load_u32(60));
  length = put_string(8192, "f");
  show("readlink a file", wacc_p1_path_readlink(sub, 8192, length, 8400, 64, 60));
  length = put_string(8192, "link");
  status = wacc_p1_path_filestat_get(sub, 0, 8192, length, 256);
  test_print_u64("lstat link ", status);
  show("type", guest[256 + 16]);
  status = wacc_p1_path_filestat_get(sub, 1, 8192, length, 256);
  test_print_u64("stat through link ", status);
  show("type", guest[256 + 16]);
  show("open link nofollow", open_at(sub, 0, "link", 0, kRead, 0));
  show("open link follow", open_at(sub, 1, "link", 0, kRead, 0));
  wacc_p1_fd_close(opened);
  oldLength = put_string(8192, "../../outside");
  newLength = put_string(8300, "escape");
  status = wacc_p1_path_symlink(8192, oldLength, sub, 8300, newLength);
  test_print_u64("escaping symlink ", status);
  show("followed", open_at(sub, 1, "escape", kDirectory, kRead, 0));
  oldLength = put_string(8192, "d/f");
  newLength = put_string(8300, "hard");
  status = wacc_p1_path_link(3, 0, 8192, oldLength, 3, 8300, newLength);
  test_print_u64("link ", status);
  length = put_string(8192, "hard");
  wacc_p1_path_filestat_get(3, 0, 8192, length, 256);
  show("nlink", load_u64(256 + 24));
  newLength = put_string(8300, "hard2");
  show("link follow", wacc_p1_path_link(3, 1, 8192, 4, 3, 8300, newLength));
  status = wacc_p1_path_filestat_set_times(3, 0, 8192, 4, 0, 1000000000000ull, 4);
  test_print_u64("path_filestat_set_times ", status);
  wacc_p1_path_filestat_get(3, 0, 8192, 4, 256);
  show("mtime", load_u64(256 + 48));
  show("set_times both set and now", wacc_p1_path_filestat_set_times(3, 0, 8192, 4, 0, 0, 12));
  open_at(3, 0, "hard", 0, kRead, 0);
  show("path op on a file fd", at(wacc_p1_path_create_directory, opened, "x"));
  wacc_p1_fd_close(opened);
  wacc_p1_fd_close(sub);
}

// Prints the dirents in guest[buffer, buffer + used).
static void show_dirents(uint32_t buffer, uint32_t used) {
  uint32_t offset = 0;
  while (offset + 24 <= used) {
    uint32_t at = buffer + offset;
    uint32_t namlen = load_u32(at + 16);
    char text[128] = "  next ";
    uint32_t n = 7;
    text[n++] = (char)('0' + load_u64(at) % 10);
    const char* kType = " type ";
    while (*kType) text[n++] = *kType++;
    text[n++] = (char)('0' + guest[at + 20]);
    text[n++] = ' ';
    for (uint32_t i = 0; i < namlen && offset + 24 + i < used; ++i) text[n++] = (char)guest[at + 24 + i];
    text[n++] = '\n';
    text[n] = 0;
    test_print(text);
    offset += 24 + namlen;
  }
}

// The subdirectory d holds b.txt, e, f, link, escape (5 entries).
static void readdir(void) {
  open_at(3, 0, "d", kDirectory, kRead | kReaddir, 0);
  uint32_t sub = opened;
  uint32_t status = wacc_p1_fd_readdir(sub, 16384, 4096, 0, 60);
  test_print_u64("readdir ", status);
  show("used", load_u32(60));
  show_dirents(16384, load_u32(60));
  status = wacc_p1_fd_readdir(sub, 16384, 4096, 2, 60);
  test_print_u64("from cookie 2: ", status);
  show("used", load_u32(60));
  show("first next", load_u64(16384));
  status = wacc_p1_fd_readdir(sub, 16384, 4096, 7, 60);
  test_print_u64("from cookie 7: ", status);
  show("used", load_u32(60));
  status = wacc_p1_fd_readdir(sub, 16384, 30, 0, 60);
  test_print_u64("truncated: ", status);
  show("used", load_u32(60));
  show("namlen", load_u32(16384 + 16));
  // The entry for "f": its d_ino is the ino fd_filestat_get reports.
  wacc_p1_fd_readdir(sub, 16384, 4096, 0, 60);
  uint64_t ino = 0;
  for (uint32_t offset = 0; offset + 24 <= load_u32(60);) {
    uint32_t namlen = load_u32(16384 + offset + 16);
    if (namlen == 1 && guest[16384 + offset + 24] == 'f') ino = load_u64(16384 + offset + 8);
    offset += 24 + namlen;
  }
  uint32_t length = put_string(8192, "f");
  wacc_p1_path_filestat_get(sub, 0, 8192, length, 256);
  show("dirent ino matches filestat:", ino != 0 && ino == load_u64(256 + 8));
  open_at(sub, 0, "f", 0, kRead, 0);
  show("readdir a file", wacc_p1_fd_readdir(opened, 16384, 4096, 0, 60));
  show("readdir out of bounds", wacc_p1_fd_readdir(sub, GUEST_SIZE - 10, 4096, 0, 60));
}

static void renumber(void) {
  open_at(3, 0, "hard", 0, kRead, 0);
  uint32_t fd = opened;
  show("renumber", wacc_p1_fd_renumber(fd, 40));
  show("old fd", wacc_p1_fd_fdstat_get(fd, 128));
  show("renumbered fdstat", wacc_p1_fd_fdstat_get(40, 128));
  show("renumber to itself", wacc_p1_fd_renumber(40, 40));
  show("renumber missing", wacc_p1_fd_renumber(41, 42));
  // Wasmtime hands out the highest freed number first.
  open_at(3, 0, "hard", 0, kRead, 0);
  show("reused the renumbered fd:", opened == fd);
}

// Expected output, in order (readdir entries in any order).
// CHECK: prestat 0
// CHECK-NEXT: tag 0
// CHECK-NEXT: length 8
// CHECK-NEXT: dir_name 0
// CHECK-NEXT: [/sandbox]
// CHECK-NEXT: dir_name too short 37
// CHECK-NEXT: prestat fd 4 8
// CHECK-NEXT: prestat stdout 8
// CHECK-NEXT: dir_name stdout 54
// CHECK-NEXT: preopen fdstat 0
// CHECK-NEXT: type 3
// CHECK-NEXT: rights 129498624
// CHECK-NEXT: inheriting 267911167
// CHECK-NEXT: create 0
// CHECK-NEXT: fd 4
// CHECK-NEXT: write 0
// CHECK-NEXT: wrote 11
// CHECK-NEXT: tell 0
// CHECK-NEXT: at 11
// CHECK-NEXT: seek set 0
// CHECK-NEXT: at 0
// CHECK-NEXT: read 0
// CHECK-NEXT: got 11
// CHECK-NEXT: [hello world]
// CHECK-NEXT: seek end -5 0
// CHECK-NEXT: at 6
// CHECK-NEXT: read 0
// CHECK-NEXT: got 5
// CHECK-NEXT: [world]
// CHECK-NEXT: read at end 0
// CHECK-NEXT: got 0
// CHECK-NEXT: seek cur -100 28
// CHECK-NEXT: seek set -1 28
// CHECK-NEXT: seek whence 3 28
// CHECK-NEXT: p0 seek set (2) 0
// CHECK-NEXT: at 3
// CHECK-NEXT: pread 0
// CHECK-NEXT: got 4
// CHECK-NEXT: [o wo]
// CHECK-NEXT: tell after pread at 3
// CHECK-NEXT: pwrite 0
// CHECK-NEXT: wrote 2
// CHECK-NEXT: fdstat 0
// CHECK-NEXT: type 4
// CHECK-NEXT: flags 0
// CHECK-NEXT: rights 1073741823
// CHECK-NEXT: filestat 0
// CHECK-NEXT: dev 1
// CHECK-NEXT: type 4
// CHECK-NEXT: nlink 1
// CHECK-NEXT: size 13
// CHECK-NEXT: ino nonzero 1
// CHECK-NEXT: set_size 0
// CHECK-NEXT: size 4
// CHECK-NEXT: p0 filestat 0
// CHECK-NEXT: nlink 1
// CHECK-NEXT: size 4
// CHECK-NEXT: close 0
// CHECK-NEXT: again 8
// CHECK-NEXT: append open 0
// CHECK-NEXT: append write 0
// CHECK-NEXT: tell 9
// CHECK-NEXT: append fdstat flags 1
// CHECK-NEXT: read-only write 8
// CHECK-NEXT: read-only fdstat rights without write 1
// CHECK-NEXT: excl on existing 20
// CHECK-NEXT: missing 44
// CHECK-NEXT: directory flag on a file 54
// CHECK-NEXT: directory with creat 28
// CHECK-NEXT: dot-dot 63
// CHECK-NEXT: absolute 63
// CHECK-NEXT: path under a file 54
// CHECK-NEXT: dir fd is a file 54
// CHECK-NEXT: dir fd is stdout 8
// CHECK-NEXT: sync flag 58
// CHECK-NEXT: unknown oflags 28
// CHECK-NEXT: path out of bounds 21
// CHECK-NEXT: path not UTF-8 25
// CHECK-NEXT: truncate 0
// CHECK-NEXT: size 0
// CHECK-NEXT: read on a directory 8
// CHECK-NEXT: write on a directory 8
// CHECK-NEXT: seek on a directory 8
// CHECK-NEXT: fdstat_set_flags on a directory 8
// CHECK-NEXT: fdstat_set_flags sync 28
// CHECK-NEXT: allocate 58
// CHECK-NEXT: advise 0
// CHECK-NEXT: bad advice 28
// CHECK-NEXT: mkdir 0
// CHECK-NEXT: again 20
// CHECK-NEXT: open subdir 0
// CHECK-NEXT: subdir fdstat type 3
// CHECK-NEXT: rights 1069547451
// CHECK-NEXT: create in subdir 0
// CHECK-NEXT: mkdir in subdir 0
// CHECK-NEXT: rmdir non-empty 55
// CHECK-NEXT: unlink a directory 31
// CHECK-NEXT: rmdir a file 54
// CHECK-NEXT: rename 0
// CHECK-NEXT: old name 44
// CHECK-NEXT: symlink 0
// CHECK-NEXT: readlink 0
// CHECK-NEXT: used 5
// CHECK-NEXT: [b.txt]
// CHECK-NEXT: readlink short 0
// CHECK-NEXT: used 2
// CHECK-NEXT: [b.]
// CHECK-NEXT: readlink a file 28
// CHECK-NEXT: lstat link 0
// CHECK-NEXT: type 7
// CHECK-NEXT: stat through link 0
// CHECK-NEXT: type 4
// CHECK-NEXT: open link nofollow 32
// CHECK-NEXT: open link follow 0
// CHECK-NEXT: escaping symlink 0
// CHECK-NEXT: followed 63
// CHECK-NEXT: link 0
// CHECK-NEXT: nlink 2
// CHECK-NEXT: link follow 28
// CHECK-NEXT: path_filestat_set_times 0
// CHECK-NEXT: mtime 1000000000000
// CHECK-NEXT: set_times both set and now 28
// CHECK-NEXT: path op on a file fd 8
// CHECK-NEXT: readdir 0
// CHECK-NEXT: used 188
// CHECK-DAG:   next 1 type 3 .{{$}}
// CHECK-DAG:   next 2 type 3 ..{{$}}
// CHECK-DAG:   next {{[3-7]}} type 4 b.txt{{$}}
// CHECK-DAG:   next {{[3-7]}} type 4 f{{$}}
// CHECK-DAG:   next {{[3-7]}} type 7 link{{$}}
// CHECK-DAG:   next {{[3-7]}} type 3 e{{$}}
// CHECK-DAG:   next {{[3-7]}} type 7 escape{{$}}
// CHECK: from cookie 2: 0
// CHECK-NEXT: used 137
// CHECK-NEXT: first next 3
// CHECK-NEXT: from cookie 7: 0
// CHECK-NEXT: used 0
// CHECK-NEXT: truncated: 0
// CHECK-NEXT: used 30
// CHECK-NEXT: namlen 1
// CHECK-NEXT: dirent ino matches filestat: 1
// CHECK-NEXT: readdir a file 8
// CHECK-NEXT: readdir out of bounds 21
// CHECK-NEXT: renumber 0
// CHECK-NEXT: old fd 8
// CHECK-NEXT: renumbered fdstat 0
// CHECK-NEXT: renumber to itself 0
// CHECK-NEXT: renumber missing 8
// CHECK-NEXT: reused the renumbered fd: 1

int32_t wacc_main(void) {
  p1_init();
  preopens();
  files();
  open_flags();
  paths();
  readdir();
  renumber();
  return 0;
}
