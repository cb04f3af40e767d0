// wasm32 only: wasi-libc has no signal masks, and liblzma's mythread.h
// declares an inline wrapper of sigprocmask even without threads. Nothing
// calls it in this build, so a declaration is all it needs.
#pragma once
typedef unsigned long sigset_t;
int sigprocmask(int how, const sigset_t* set, sigset_t* oset);
